"""Yoast's eye marker in the editor: the parts of the text an SEO or
readability check is about, painted with a marker-pen background.

The marks are offsets into the text the analysis read; once the writer types
they may point at the wrong words, so the first edit takes them away (as
Yoast does).
"""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QObject
from PySide6.QtGui import QColor, QTextCursor
from PySide6.QtWidgets import QTextEdit

from ..editor import MarkdownEditor
from ..window.theme import Colors
from .seo_checks import SeoChecks

LAYER = "seo-marks"


def marker_color(colors: Colors) -> QColor:
    return QColor("#6b5a00") if colors.dark else QColor("#fff1a8")


class SeoMarks(QObject):
    def __init__(self, editor: MarkdownEditor, checks: SeoChecks, colors: Callable[[], Colors],
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.editor, self.checks, self.colors = editor, checks, colors
        self.ranges: list[tuple[int, int]] = []
        checks.marksRequested.connect(self.show)
        editor.edited.connect(self._edited)

    def show(self, ranges: list) -> None:
        """Mark ``ranges`` (code points into the editor's text); [] clears."""
        umap = self.editor.utf16_map()
        size = len(self.editor.text())
        fmt_color = marker_color(self.colors())
        selections = []
        self.ranges = [(int(a), int(b)) for a, b in ranges if 0 <= a < b <= size]
        for start, end in self.ranges:
            sel = QTextEdit.ExtraSelection()
            c = QTextCursor(self.editor.document())
            c.setPosition(umap.to_utf16(start))
            c.setPosition(umap.to_utf16(end), QTextCursor.KeepAnchor)
            sel.cursor = c
            sel.format.setBackground(fmt_color)
            selections.append(sel)
        self.editor.set_layer(LAYER, selections)
        if self.ranges:  # bring the first mark into view without moving the writer's cursor for good
            c = QTextCursor(self.editor.document())
            c.setPosition(umap.to_utf16(self.ranges[0][0]))
            self.editor.setTextCursor(c)
            self.editor.centerCursor()

    def _edited(self) -> None:
        if self.ranges:
            self.ranges = []
            self.editor.set_layer(LAYER, [])
            self.checks.clear_marks()
