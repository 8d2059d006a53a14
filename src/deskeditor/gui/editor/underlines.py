"""Lint findings drawn in the editor as wavy underlines that follow the text.

Each finding gets a ``QTextCursor`` over its range: the document moves cursors
as text is typed, so an underline stays on its words between lint runs at no
cost per keystroke. Only the findings in and near the visible part of the
document become ``ExtraSelection``s, so a draft with thousands of findings
paints as fast as one with ten.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass

from PySide6.QtGui import QTextCharFormat, QTextCursor, QTextDocument
from PySide6.QtWidgets import QTextEdit

from ...core.model import Finding
from ..window.theme import Colors
from .offsets import Utf16Map

MARGIN_CHARS = 4000  # underlines kept beyond the visible range either side
LONG_SPAN = 80  # characters: a finding about a whole sentence or section is not underlined


def underlined(f: Finding) -> bool:
    """Whether a finding is drawn on the text: located, and about a word or a
    phrase (a sentence-long warning would underline whole paragraphs; it is
    listed in the Lint panel instead), and not a passed check. Errors are
    always drawn."""
    if f.end <= f.start or f.rating == "good":
        return False
    return f.severity == "error" or f.end - f.start <= LONG_SPAN


@dataclass
class Marked:
    """A finding and the cursor that tracks its range in the editor."""

    finding: Finding
    cursor: QTextCursor
    id: int

    @property
    def start(self) -> int:
        return self.cursor.selectionStart()

    @property
    def end(self) -> int:
        return self.cursor.selectionEnd()


class Underlines:
    """The current findings of one document, as tracked cursors."""

    def __init__(self, document: QTextDocument, colors: Colors) -> None:
        self.document = document
        self.colors = colors
        self.items: list[Marked] = []
        self._next_id = 0
        self._longest = 0
        self._formats: dict[str, QTextCharFormat] = {}
        self._build_formats()

    def set_colors(self, colors: Colors) -> None:
        self.colors = colors
        self._build_formats()

    def _build_formats(self) -> None:
        for severity in ("error", "warning", "info"):
            f = QTextCharFormat()
            # suggestions get a quiet dotted line; problems a wavy one
            f.setUnderlineStyle(QTextCharFormat.DotLine if severity == "info" else QTextCharFormat.WaveUnderline)
            f.setUnderlineColor(self.colors.severity(severity))
            self._formats[severity] = f

    def set_findings(self, findings: list[Finding], text: str) -> list[Marked]:
        """Replace the findings; ``text`` is the document text they point into
        (it must be the editor's current text)."""
        umap = Utf16Map(text)
        limit = self.document.characterCount() - 1
        items = []
        for f in findings:
            start, end = umap.range_to_utf16(f.start, f.end)
            c = QTextCursor(self.document)
            c.setPosition(min(start, limit))
            c.setPosition(min(end, limit), QTextCursor.KeepAnchor)
            self._next_id += 1
            items.append(Marked(f, c, self._next_id))
        items.sort(key=lambda m: m.start)
        self.items = items
        self._longest = max((m.end - m.start for m in items), default=0)
        return items

    def clear(self) -> None:
        self.items = []

    def remove(self, ids: set[int]) -> None:
        self.items = [m for m in self.items if m.id not in ids]

    def get(self, item_id: int) -> Marked | None:
        return next((m for m in self.items if m.id == item_id), None)

    def located(self) -> list[Marked]:
        """Findings that point at text (not document-wide ones)."""
        return [m for m in self.items if m.end > m.start]

    def at(self, pos: int) -> list[Marked]:
        """The underlined findings whose range contains editor position ``pos``
        (what the mouse is on: hover text and context menu)."""
        return [m for m in self.items if m.start <= pos < m.end and underlined(m.finding)]

    def selections(self, first: int, last: int) -> list[QTextEdit.ExtraSelection]:
        """ExtraSelections for the findings overlapping [first - margin, last + margin]."""
        lo, hi = first - MARGIN_CHARS, last + MARGIN_CHARS
        items = self.items
        # cursors keep their order under edits, so the list stays sorted by start
        i = bisect_left(items, lo - self._longest, key=lambda m: m.start)
        out = []
        for m in items[i:]:
            start = m.start
            if start > hi:
                break
            if m.end <= start or not underlined(m.finding):
                continue
            sel = QTextEdit.ExtraSelection()
            sel.cursor = m.cursor
            sel.format = self._formats.get(m.finding.severity, self._formats["info"])
            out.append(sel)
        return out
