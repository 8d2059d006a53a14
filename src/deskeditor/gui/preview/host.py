"""Getting a preview widget: the QtWebEngine ``PreviewPane`` when it can run,
else a plain ``QTextBrowser`` stand-in, so the window works (and says so)
without QtWebEngine. Both, and the empty pane shown until the first paint,
are ``PreviewSurface``s."""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QTextBrowser, QWidget

from .surface import BlankSurface, PreviewSurface


def configure_env() -> None:
    """Call before the QApplication exists (QtWebEngine's requirements). The
    QtWebEngine module itself is loaded later, with the preview."""
    try:
        from .env import configure_webengine_env
    except Exception:
        return
    configure_webengine_env(load=False)


class LoadingPreview(BlankSurface, QWidget):
    """An empty pane holding the preview's place until the window has painted."""

    lineClicked = Signal(int)
    scrolledToLine = Signal(int)
    ready = Signal()
    remoteImagesAllowedChanged = Signal(bool)


class OnFirstPaint(QObject):
    """Calls ``fn`` once, just after ``widget`` first paints."""

    def __init__(self, widget: QWidget, fn: Callable[[], None]) -> None:
        super().__init__(widget)
        self.fn = fn
        widget.installEventFilter(self)

    def eventFilter(self, obj, event) -> bool:  # noqa: N802
        if event.type() == QEvent.Paint and self.fn is not None:
            fn, self.fn = self.fn, None
            obj.removeEventFilter(self)
            QTimer.singleShot(0, fn)
        return False


class PlainPreview(QTextBrowser):
    """A plain preview: the whole document re-set on each update, scroll kept."""

    lineClicked = Signal(int)
    scrolledToLine = Signal(int)
    ready = Signal()
    remoteImagesAllowedChanged = Signal(bool)  # never: it loads no remote image to ask about

    def __init__(self, parent=None, *, allow_remote_images: bool = False, dark: bool | None = None,
                 reason: str = "") -> None:
        super().__init__(parent)
        self.reason = reason
        self.setOpenExternalLinks(True)
        self._html = ""
        self._dark = bool(dark)

    def is_fallback(self) -> bool:
        return True

    def show_blocks(self, blocks) -> None:
        from ...core.markdown.render import document_html

        html = document_html(blocks)
        if html == self._html:
            return
        self._html = html
        bar = self.verticalScrollBar().value()
        self.setHtml(html)
        self.verticalScrollBar().setValue(bar)

    def scroll_to_line(self, line: int) -> None:
        pass

    def set_allow_remote_images(self, allowed: bool) -> None:
        pass

    def set_dark(self, dark: bool | None) -> None:
        self._dark = bool(dark)


def make_preview(parent=None, *, dark: bool, allow_remote_images: bool = False) -> tuple[PreviewSurface, str]:
    """(widget, problem): the real preview, or the stand-in and why."""
    try:
        from . import PreviewPane
    except Exception as exc:  # missing module, missing QtWebEngine libraries ...
        reason = f"the web preview is not available ({type(exc).__name__}: {exc})"
        return PlainPreview(parent, dark=dark, reason=reason), reason
    try:
        pane = PreviewPane(parent, allow_remote_images=allow_remote_images, dark=dark)
    except Exception as exc:
        reason = f"the web preview could not start ({exc})"
        return PlainPreview(parent, dark=dark, reason=reason), reason
    return pane, ""
