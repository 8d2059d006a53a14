"""The QtWebEngine preview: a page loaded once, then patched block by block.

``WebPreview`` owns the view, its ``PreviewPage`` and the Python half of the
patch protocol (``PageMirror``). The page-side script (resources/preview/
patch.js) and Qt's qwebchannel.js are injected into the ApplicationWorld, an
isolated JavaScript world: the page itself may run no script at all.

One patch is in flight at a time; while it is, newer blocks simply replace the
target, so stale work is dropped and a burst of keystrokes costs one patch
more, not one per key.
"""

from __future__ import annotations

import json

import shiboken6
from PySide6.QtCore import QFile, QIODevice, QObject, Qt, QTimer, QUrl, Signal, Slot
from PySide6.QtGui import QColor
from PySide6.QtWebChannel import QWebChannel
from PySide6.QtWebEngineCore import QWebEnginePage, QWebEngineScript
from PySide6.QtWebEngineWidgets import QWebEngineView
from PySide6.QtWidgets import QMenu

from deskeditor import resources
from deskeditor.core.markdown.render import Block

from . import template
from .page import PreviewPage, open_external
from .patches import DEFAULT_BUDGET, PageMirror

WORLD = QWebEngineScript.ScriptWorldId.ApplicationWorld
LIGHT_BG = QColor("#fcfcfa")  # --de-bg in article.css
DARK_BG = QColor("#17191c")


def _qwebchannel_js() -> str:
    f = QFile(":/qtwebchannel/qwebchannel.js")
    if not f.open(QIODevice.OpenModeFlag.ReadOnly):
        raise RuntimeError("qwebchannel.js is missing from Qt's resources")
    try:
        return bytes(f.readAll().data()).decode("utf-8")
    finally:
        f.close()


def _page_script() -> QWebEngineScript:
    script = QWebEngineScript()
    script.setName("deskeditor-preview")
    script.setSourceCode(_qwebchannel_js() + "\n;\n" + template.patch_script())
    script.setWorldId(WORLD)
    script.setInjectionPoint(QWebEngineScript.InjectionPoint.DocumentReady)
    script.setRunsOnSubFrames(False)
    return script


class Bridge(QObject):
    """The object the page script talks to (as ``bridge``) over the web channel."""

    lineClicked = Signal(int)
    scrolledToLine = Signal(int)
    linkOpened = Signal(QUrl)

    @Slot(str)
    def openLink(self, href: str) -> None:  # noqa: N802 (called from JavaScript)
        url = open_external(href)
        if url is not None:
            self.linkOpened.emit(url)

    @Slot(int)
    def clicked(self, line: int) -> None:
        self.lineClicked.emit(int(line))

    @Slot(int)
    def scrolled(self, line: int) -> None:
        self.scrolledToLine.emit(int(line))


class WebPreview(QWebEngineView):
    """The live preview in a QWebEngineView."""

    lineClicked = Signal(int)
    scrolledToLine = Signal(int)
    ready = Signal()
    patched = Signal()  # the page shows the latest blocks given
    remoteImages = Signal(int)  # how many http(s) images the page holds
    remoteBlocked = Signal(QUrl)
    linkOpened = Signal(QUrl)  # a clicked link went to the system browser
    failed = Signal(str)  # the page cannot go on (render process died, template did not load)
    remoteImagesAllowedChanged = Signal(bool)  # never: the page shows no consent bar (the pane does)

    def __init__(self, parent=None, *, allow_remote_images: bool = False, dark: bool = False,
                 budget: int = DEFAULT_BUDGET) -> None:
        super().__init__(parent)
        self._allow_remote = allow_remote_images
        self._dark = dark
        self._budget = budget
        self._mirror = PageMirror()
        self._target: list[Block] | None = None
        self._ready = False
        self._in_flight = False
        self._generation = 0
        self._pending_scroll: int | None = None
        self._dead = False
        self._template_loading = False
        self.last_page_ms = 0.0  # how long the page took to apply the last patch (diagnostics)

        self._page = PreviewPage(self, allow_remote_images=allow_remote_images)
        self._page.scripts().insert(_page_script())
        self._bridge = Bridge(self)
        self._bridge.lineClicked.connect(self.lineClicked)
        self._bridge.scrolledToLine.connect(self.scrolledToLine)
        self._bridge.linkOpened.connect(self.linkOpened)
        self._channel = QWebChannel(self)
        self._channel.registerObject("bridge", self._bridge)
        self._page.setWebChannel(self._channel, WORLD)
        self._page.guard.blocked.connect(self.remoteBlocked)
        self._page.loadFinished.connect(self._on_load_finished)
        self._page.renderProcessTerminated.connect(self._on_render_terminated)
        self.setPage(self._page)
        self.setAcceptDrops(False)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.customContextMenuRequested.connect(self._context_menu)
        self._load_template()

    # ---- public --------------------------------------------------------------

    def web_page(self) -> QWebEnginePage:
        return self._page

    def is_ready(self) -> bool:
        return self._ready

    def is_fallback(self) -> bool:
        return False

    def show_blocks(self, blocks: list[Block]) -> None:
        self._target = list(blocks)
        self._pump()

    def scroll_to_line(self, line: int) -> None:
        self._pending_scroll = max(0, int(line))
        self._flush_scroll()

    def set_allow_remote_images(self, allowed: bool) -> None:
        if allowed == self._allow_remote:
            return
        self._allow_remote = allowed
        self._page.set_allow_remote_images(allowed)
        self._load_template()  # the page's CSP changes with the consent

    def set_dark(self, dark: bool | None) -> None:
        self._dark = bool(dark)
        self._page.setBackgroundColor(DARK_BG if self._dark else LIGHT_BG)
        if self._ready:
            self._send_theme()

    def _send_theme(self) -> None:
        theme = "dark" if self._dark else "light"
        self._page.runJavaScript(f"window.__de && window.__de.setTheme({theme!r})", WORLD)

    # ---- template and patches ------------------------------------------------

    def _load_template(self) -> None:
        self._generation += 1
        self._ready = False
        self._in_flight = False
        self._mirror.forget()
        self._page.setBackgroundColor(DARK_BG if self._dark else LIGHT_BG)
        self._template_loading = True
        html = template.page_html(allow_remote_images=self._allow_remote, dark=self._dark)
        base = QUrl.fromLocalFile(str(resources.path("preview/page.html")))
        self._page.load_template(html, base)

    def _on_load_finished(self, ok: bool) -> None:
        # A refused navigation also reports a (failed) load: only the template's counts.
        if self._dead or not self._template_loading:
            return
        self._template_loading = False
        if not ok:
            self._fail("the preview page did not load")
            return
        self._ready = True
        self._send_theme()  # set_dark may have come while the template was loading
        self.ready.emit()
        self._pump()

    def _pump(self) -> None:
        if not self._ready or self._in_flight or self._dead:
            return
        if self._target is None:
            self._flush_scroll()
            return
        patch = self._mirror.next_patch(self._target, self._budget)
        if patch is None:
            self._flush_scroll()
            self.patched.emit()
            return
        self._in_flight = True
        generation = self._generation
        # when this patch is final and no newer blocks come meanwhile, the page is up to date
        complete = self._target if patch.final else None
        self._page.runJavaScript(
            patch.script(), WORLD, lambda result: self._on_patch_result(generation, complete, result)
        )

    def _on_patch_result(self, generation: int, complete, result) -> None:
        if generation != self._generation or self._dead:
            return  # the template was reloaded meanwhile: that load sends everything again
        self._in_flight = False
        try:
            reply = json.loads(result) if isinstance(result, str) else None
        except ValueError:
            reply = None
        if not isinstance(reply, dict):
            # the page script is not there (yet): start over shortly
            self._mirror.forget()
            QTimer.singleShot(20, self._pump)
            return
        self.last_page_ms = float(reply.get("ms") or 0.0)
        self.remoteImages.emit(int(reply.get("remote") or 0))
        if reply.get("missing"):
            self._mirror.forget()  # out of step: send everything again
        elif complete is not None and complete is self._target:
            self._flush_scroll()
            self.patched.emit()
            return
        self._pump()

    def _flush_scroll(self) -> None:
        if self._pending_scroll is None or not self._ready or self._in_flight:
            return
        if not shiboken6.isValid(self._page):  # the window is being torn down
            return
        line, self._pending_scroll = self._pending_scroll, None
        self._page.runJavaScript(f"window.__de && window.__de.scrollToLine({line})", WORLD)

    # ---- failures and the context menu ------------------------------------

    def _on_render_terminated(self, status, exit_code: int) -> None:
        if status == QWebEnginePage.RenderProcessTerminationStatus.NormalTerminationStatus:
            return
        names = {
            QWebEnginePage.RenderProcessTerminationStatus.AbnormalTerminationStatus: "exited abnormally",
            QWebEnginePage.RenderProcessTerminationStatus.CrashedTerminationStatus: "crashed",
            QWebEnginePage.RenderProcessTerminationStatus.KilledTerminationStatus: "was killed",
        }
        self._fail(f"the render process {names.get(status, 'stopped')} (exit code {exit_code})")

    def _fail(self, reason: str) -> None:
        if self._dead:
            return
        self._dead = True
        self._ready = False
        self.failed.emit(reason)

    def _context_menu(self, pos) -> None:
        menu = QMenu(self)
        menu.addAction(self._page.action(QWebEnginePage.WebAction.Copy))
        menu.addAction(self._page.action(QWebEnginePage.WebAction.SelectAll))
        menu.exec(self.mapToGlobal(pos))
        menu.deleteLater()
