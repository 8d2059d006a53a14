"""PreviewPane: the live preview the main window embeds.

It shows the QtWebEngine preview (web.py) when QtWebEngine starts, and the
plain QTextBrowser preview (fallback.py) with a one-line notice when it cannot
(not installed, DESKEDITOR_NO_WEBENGINE=1, the render process died). A small
bar offers to load remote images when a draft has some and they are blocked.
"""

from __future__ import annotations

import importlib

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, Signal
from PySide6.QtGui import QGuiApplication, QPalette
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QStackedLayout, QToolButton, QVBoxLayout, QWidget

from deskeditor.core.markdown.render import Block

from .env import DISABLE, webengine_disabled
from .surface import BlankSurface, PreviewSurface
from .theme import palette_is_dark


def _webengine_problem() -> str | None:
    """Why the web preview cannot be used, or None when it can."""
    if webengine_disabled():
        return f"turned off by {DISABLE}"
    try:
        importlib.import_module(f"{__package__}.web")
    except Exception as exc:  # noqa: BLE001 - ImportError, missing libraries, broken installs
        return f"{type(exc).__name__}: {exc}".splitlines()[0]
    return None


class ClosedPreview(BlankSurface, QObject):
    """Stands in for the preview after the application quit: does nothing."""

    lineClicked = Signal(int)
    scrolledToLine = Signal(int)
    ready = Signal()
    remoteImagesAllowedChanged = Signal(bool)


class _Bar(QFrame):
    """A one-line bar above the preview: a message and optional buttons."""

    def __init__(self, text: str, parent=None) -> None:
        super().__init__(parent)
        self.setAutoFillBackground(True)
        self.setBackgroundRole(QPalette.ColorRole.AlternateBase)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.label = QLabel(text, self)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.row = QHBoxLayout(self)
        self.row.setContentsMargins(8, 3, 4, 3)
        self.row.setSpacing(6)
        self.row.addWidget(self.label, 1)
        self.hide()


class PreviewPane(QWidget):
    lineClicked = Signal(int)  # source line (0-based, absolute) the user clicked in the preview
    scrolledToLine = Signal(int)  # top visible source line after the user scrolled the preview
    ready = Signal()  # page loaded, patches can go in
    patched = Signal()  # the preview shows the latest blocks given
    remoteImagesAllowedChanged = Signal(bool)  # the user allowed remote images from the bar

    def __init__(self, parent=None, *, allow_remote_images: bool = False, dark: bool | None = None) -> None:
        super().__init__(parent)
        self._allow_remote = bool(allow_remote_images)
        self._dark_override = dark
        self._blocks: list[Block] = []
        self._web = None
        self._fallback = None
        self._bar_dismissed = False
        self._fallback_reason = ""

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self._notice = _Bar("", self)
        self._remote_bar = _Bar("Remote images blocked", self)
        allow = QPushButton("Allow", self._remote_bar)
        allow.setToolTip("Load the draft's images from the web (this reloads the preview once)")
        allow.clicked.connect(self._allow_from_bar)
        close = QToolButton(self._remote_bar)
        close.setText("\u00d7")
        close.setAutoRaise(True)
        close.setToolTip("Keep them blocked")
        close.clicked.connect(self._dismiss_bar)
        self._remote_bar.row.addWidget(allow)
        self._remote_bar.row.addWidget(close)
        self._allow_button = allow
        layout.addWidget(self._notice)
        layout.addWidget(self._remote_bar)
        self._stack = QStackedLayout()
        layout.addLayout(self._stack, 1)

        problem = _webengine_problem()
        if problem is None:
            try:
                self._start_web()
            except Exception as exc:  # noqa: BLE001 - never crash the window over the preview
                problem = f"{type(exc).__name__}: {exc}".splitlines()[0]
        if problem is not None:
            self._start_fallback(problem)
        QGuiApplication.styleHints().colorSchemeChanged.connect(self._follow_system)
        QCoreApplication.instance().aboutToQuit.connect(self._release_web)

    # ---- the interface the window uses ------------------------------------

    def show_blocks(self, blocks: list[Block]) -> None:
        self._blocks = list(blocks)
        self._current().show_blocks(self._blocks)

    def scroll_to_line(self, line: int) -> None:
        self._current().scroll_to_line(line)

    def set_allow_remote_images(self, allowed: bool) -> None:
        allowed = bool(allowed)
        if allowed == self._allow_remote:
            return
        self._allow_remote = allowed
        if allowed:
            self._remote_bar.hide()
        self._current().set_allow_remote_images(allowed)

    def set_dark(self, dark: bool | None) -> None:
        """Force light or dark; None follows the palette again."""
        self._dark_override = dark
        self._apply_theme()

    def is_fallback(self) -> bool:
        return self._web is None

    def fallback_reason(self) -> str:
        return self._fallback_reason

    def web_page(self):
        """The QWebEnginePage, or None in the fallback (tests, diagnostics)."""
        return self._web.web_page() if self._web is not None else None

    def remote_images_allowed(self) -> bool:
        return self._allow_remote

    # ---- the two previews ----------------------------------------------------

    def _current(self) -> PreviewSurface:
        if self._web is not None:
            return self._web
        return self._fallback if self._fallback is not None else ClosedPreview()

    def is_dark(self) -> bool:
        if self._dark_override is not None:
            return bool(self._dark_override)
        return palette_is_dark(self.palette())

    def _start_web(self) -> None:
        from .web import WebPreview

        web = WebPreview(self, allow_remote_images=self._allow_remote, dark=self.is_dark())
        web.lineClicked.connect(self.lineClicked)
        web.scrolledToLine.connect(self.scrolledToLine)
        web.ready.connect(self.ready)
        web.patched.connect(self.patched)
        web.remoteImages.connect(self._remote_images)
        web.remoteBlocked.connect(self._remote_blocked)
        web.failed.connect(self._web_failed)
        self._web = web
        self._stack.addWidget(web)

    def _start_fallback(self, reason: str) -> None:
        from .fallback import FallbackPreview

        self._fallback_reason = reason
        fallback = FallbackPreview(self)
        fallback.lineClicked.connect(self.lineClicked)
        fallback.scrolledToLine.connect(self.scrolledToLine)
        fallback.rendered.connect(self.patched)
        fallback.ready.connect(self.ready)
        self._fallback = fallback
        self._stack.addWidget(fallback)
        self._stack.setCurrentWidget(fallback)
        self._notice.label.setText(f"Preview without QtWebEngine: {reason}")
        self._notice.show()
        self._remote_bar.hide()
        if self._blocks:
            fallback.show_blocks(self._blocks)
            fallback.flush()

    def _release_web(self) -> None:
        """At quit, delete the web view (and its page) while the web profile still exists."""
        web, self._web = self._web, None
        if web is not None and shiboken6.isValid(web):
            self._stack.removeWidget(web)
            shiboken6.delete(web)

    def _web_failed(self, reason: str) -> None:
        web, self._web = self._web, None
        if web is not None:
            self._stack.removeWidget(web)
            web.hide()
            web.deleteLater()
        self._start_fallback(reason)

    # ---- remote images and theme --------------------------------------------

    def _remote_images(self, count: int) -> None:
        if not count:
            self._remote_bar.hide()
        elif not self._allow_remote and not self._bar_dismissed and self._web is not None:
            self._remote_bar.show()

    def _remote_blocked(self, _url) -> None:
        self._remote_images(1)

    def _allow_from_bar(self) -> None:
        self.set_allow_remote_images(True)
        self.remoteImagesAllowedChanged.emit(True)

    def _dismiss_bar(self) -> None:
        self._bar_dismissed = True
        self._remote_bar.hide()

    def _apply_theme(self) -> None:
        self._current().set_dark(self.is_dark())

    def _follow_system(self, *_args) -> None:
        if self._dark_override is None:
            self._apply_theme()

    def changeEvent(self, event) -> None:  # noqa: N802 (Qt API)
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and self._dark_override is None:
            self._apply_theme()
