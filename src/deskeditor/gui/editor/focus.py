"""Focus mode's writing aids, on the editor: the cursor line stays where it
was on screen when the layout changes (entering and leaving focus mode), the
text around the paragraph (or sentence) being written is dimmed, and, as an
option, typewriter scrolling keeps the cursor line in the middle.

Only the visible blocks are dimmed (extra selections), so a long draft costs
no more than a short one.
"""

from __future__ import annotations

import re
import time

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QTextEdit

from .editor import MarkdownEditor

KEEP_S = 0.6  # how long after the switch resizes still put the cursor line back
_SENTENCE_END = re.compile(r"[.!?…]+[\"'”’)\]]*\s+")


def sentence_bounds(text: str, col: int) -> tuple[int, int]:
    """The sentence of ``text`` (one paragraph) around column ``col``."""
    start = 0
    for m in _SENTENCE_END.finditer(text):
        if m.end() <= col:
            start = m.end()
        else:
            return start, m.end()
    return start, len(text)


class FocusWriter(QObject):
    def __init__(self, editor: MarkdownEditor, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.editor = editor
        self.on = False
        self.typewriter = False
        self.dim_sentence = False
        self._keep_y: int | None = None
        self._keep_until = 0.0
        editor.cursorPositionChanged.connect(self._cursor_moved)
        editor.viewportMoved.connect(self._viewport_moved)
        editor.installEventFilter(self)

    # -- keeping the cursor line in place ---------------------------------------------
    def hold_cursor_line(self) -> None:
        """Remember where the cursor line is on screen: the layout is about to change."""
        self._keep_y = self.editor.cursorRect().top()
        self._keep_until = time.monotonic() + KEEP_S

    def _put_back(self) -> None:
        if self._keep_y is None or time.monotonic() > self._keep_until:
            self._keep_y = None
            return
        e, bar = self.editor, self.editor.verticalScrollBar()
        line = max(1, e.fontMetrics().lineSpacing())
        for _ in range(40):  # the scroll bar counts lines; a few steps settle it
            off = round((e.cursorRect().top() - self._keep_y) / line)
            if off == 0:
                break
            before = bar.value()
            bar.setValue(before + off)
            if bar.value() == before:
                break

    def eventFilter(self, obj, event) -> bool:  # noqa: N802
        if obj is self.editor and event.type() == QEvent.Resize:
            self._put_back()
        return False

    # -- switching -----------------------------------------------------------------------
    def set_on(self, on: bool) -> None:
        self.on = on
        self.editor.setCenterOnScroll(on and self.typewriter)
        self._put_back()
        self.refresh()

    def set_typewriter(self, on: bool) -> None:
        self.typewriter = on
        self.editor.setCenterOnScroll(self.on and on)
        self._cursor_moved()

    def set_dim_sentence(self, on: bool) -> None:
        self.dim_sentence = on
        self.refresh()

    def _cursor_moved(self) -> None:
        if self.on and self.typewriter:
            self.editor.centerCursor()
        self.refresh()

    def _viewport_moved(self) -> None:
        if self.on:
            self.refresh()

    # -- dimming -------------------------------------------------------------------------
    def refresh(self) -> None:
        e = self.editor
        if not self.on:
            e.set_layer("dim", [])
            return
        fmt = QTextCharFormat()
        fmt.setForeground(e.colors.muted)
        here = e.textCursor().block()
        sels = []

        def dim(start: int, end: int) -> None:
            if end > start:
                s = QTextEdit.ExtraSelection()
                c = QTextCursor(e.document())
                c.setPosition(start)
                c.setPosition(end, QTextCursor.KeepAnchor)
                s.cursor, s.format = c, fmt
                sels.append(s)

        block = e.firstVisibleBlock()
        bottom = e.viewport().height()
        while block.isValid():
            top = e.blockBoundingGeometry(block).translated(e.contentOffset()).top()
            if top > bottom:
                break
            start = block.position()
            if block == here:
                if self.dim_sentence:
                    s0, s1 = sentence_bounds(block.text(), e.textCursor().positionInBlock())
                    dim(start, start + s0)
                    dim(start + s1, start + block.length() - 1)
            else:
                dim(start, start + block.length() - 1)
            block = block.next()
        e.set_layer("dim", sels)
