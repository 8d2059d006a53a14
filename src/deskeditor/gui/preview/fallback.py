"""The plain preview shown when QtWebEngine cannot start: a QTextBrowser.

It renders the concatenated block HTML with Qt's rich-text engine (no script,
no network: QTextBrowser fetches nothing remote), follows the palette, and keeps
the same signals as the web preview, less precisely: lines are known per block.
Updates are coalesced, since the whole document is set again each time.
"""

from __future__ import annotations

import bisect

from PySide6.QtCore import QPoint, QTimer, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QTextCursor
from PySide6.QtWidgets import QTextBrowser

from deskeditor.core.markdown.render import Block

from .policy import opens_externally
from .patches import shown

_STYLE = """
body { line-height: 150%; }
h1, h2, h3, h4 { margin-top: 18px; margin-bottom: 8px; }
p, ul, ol, blockquote, pre, table { margin-bottom: 12px; }
pre, code { font-family: monospace; }
blockquote { margin-left: 16px; }
th, td { padding: 4px 8px; }
"""


class FallbackPreview(QTextBrowser):
    lineClicked = Signal(int)
    scrolledToLine = Signal(int)
    ready = Signal()  # at once: there is no page to load
    rendered = Signal()
    remoteImagesAllowedChanged = Signal(bool)  # never: it loads nothing remote to ask about

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.anchorClicked.connect(self._open_link)
        self.document().setDefaultStyleSheet(_STYLE)
        self.document().setDocumentMargin(16)
        self._blocks: list[Block] = []
        self._positions: list[int] = []  # document position of each block's start
        self._starts: list[int] = []
        self._programmatic = False
        self._timer = QTimer(self, singleShot=True, interval=120)
        self._timer.timeout.connect(self._render)
        self.verticalScrollBar().valueChanged.connect(self._scrolled)
        announce = QTimer(self, singleShot=True, interval=0)  # dies with this widget, if that comes first
        announce.timeout.connect(self.ready)
        announce.start()

    def show_blocks(self, blocks: list[Block]) -> None:
        self._blocks = shown(blocks)
        if not self._timer.isActive():
            self._timer.start()

    def set_allow_remote_images(self, allowed: bool) -> None:
        pass  # never loads them (``loadResource``)

    def set_dark(self, dark: bool | None) -> None:
        pass  # Qt's rich text follows the palette

    def is_fallback(self) -> bool:
        return True

    def flush(self) -> None:
        """Render now (tests; the first display)."""
        self._timer.stop()
        self._render()

    def _render(self) -> None:
        bar = self.verticalScrollBar()
        value = bar.value()
        self._programmatic = True
        try:
            self._fill()
            bar.setValue(value)
        finally:
            self._programmatic = False
        self.rendered.emit()

    def _fill(self) -> None:
        """Build the document block by block, noting where each block starts."""
        doc = self.document()
        doc.clear()
        cursor = QTextCursor(doc)
        cursor.beginEditBlock()
        starts, positions = [], []
        for i, block in enumerate(self._blocks):
            if i:
                cursor.insertBlock()
            starts.append(block.start)
            positions.append(cursor.position())
            cursor.insertHtml(block.html)
        cursor.endEditBlock()
        self._starts, self._positions = starts, positions

    def _line_at(self, position: int) -> int | None:
        i = bisect.bisect_right(self._positions, position) - 1
        return self._starts[i] if i >= 0 else None

    def scroll_to_line(self, line: int) -> None:
        i = bisect.bisect_right(self._starts, line) - 1
        if i < 0:
            return
        cursor = QTextCursor(self.document())
        cursor.setPosition(self._positions[i])
        rect = self.cursorRect(cursor)
        self._programmatic = True
        try:
            bar = self.verticalScrollBar()
            bar.setValue(bar.value() + rect.top())
        finally:
            self._programmatic = False

    def _scrolled(self, _value: int) -> None:
        if self._programmatic:
            return
        line = self._line_at(self.cursorForPosition(QPoint(4, 4)).position())
        if line is not None:
            self.scrolledToLine.emit(line)

    def mouseReleaseEvent(self, event) -> None:  # noqa: N802 (Qt API)
        super().mouseReleaseEvent(event)
        if self.textCursor().hasSelection() or self.anchorAt(event.position().toPoint()):
            return
        line = self._line_at(self.cursorForPosition(event.position().toPoint()).position())
        if line is not None:
            self.lineClicked.emit(line)

    def _open_link(self, url: QUrl) -> None:
        if opens_externally(url.scheme()):
            QDesktopServices.openUrl(url)
        elif url.hasFragment() and not url.path():
            self.scrollToAnchor(url.fragment())

    def loadResource(self, kind, url):  # noqa: N802 (Qt API) - local files only, never the network
        if QUrl(url).scheme().lower() not in ("", "file", "data"):
            return None
        return super().loadResource(kind, url)
