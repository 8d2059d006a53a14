"""The Review panel: every suggestion and comment of the draft, in order.

Each row shows the kind, the author and time, and the mark in its context; a
click jumps to it. Accept / Reject act on the selected row (for a comment:
Resolve), Accept All / Reject All on every mark. The panel only shows and
asks; ``ReviewView`` (review_view.py) changes the text.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QPushButton, QVBoxLayout, QWidget

from ...core.review.marks import Mark
from ...core.review.service import signature

CONTEXT = 28  # characters of context shown either side of a mark
_VERB = {"insert": "Insert", "delete": "Delete", "substitute": "Replace", "highlight": "Comment", "comment": "Comment"}


def _squash(text: str) -> str:
    return " ".join(text.split())


def describe(mark: Mark, source: str, author: str = "", time: str = "") -> str:
    """Two lines: "Insert — ana, 2026-12-07 17:02" and the mark in context."""
    head = _VERB[mark.kind] + (f" — {author}" if author else "") + (f", {time.replace('T', ' ')[:16]}" if time else "")
    before = _squash(source[max(0, mark.start - CONTEXT):mark.start])[-CONTEXT:]
    after = _squash(source[mark.end:mark.end + CONTEXT])[:CONTEXT]
    body = {"insert": f"+“{mark.text}”", "delete": f"−“{mark.text}”",
            "substitute": f"“{mark.text}” → “{mark.replacement}”", "highlight": f"“{mark.text}”",
            "comment": ""}[mark.kind]
    line = _squash(f"…{before} {f'[{body}] ' if body else '💬 '}{after}…")
    notes = "".join(f"\n   {'↳ ' if i else ''}{'@' + c.author + ': ' if c.author else ''}{_squash(c.text)}"
                    for i, c in enumerate(mark.comments))
    return f"{head}\n{line}{notes}"


class ReviewPanel(QWidget):
    jump = Signal(int, int)  # start, end (code points) of the clicked mark
    act = Signal(str, int)  # "accept" / "reject", the mark's index (-1: all)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.marks: list[Mark] = []
        self.summary = QLabel("No suggestions or comments")
        self.list = QListWidget()
        self.list.setWordWrap(True)
        self.list.setAlternatingRowColors(True)
        self.list.itemClicked.connect(self._clicked)
        self.list.currentRowChanged.connect(self._sync_buttons)
        self.accept_btn = QPushButton("Accept")
        self.reject_btn = QPushButton("Reject")
        self.accept_all_btn = QPushButton("Accept All")
        self.reject_all_btn = QPushButton("Reject All")
        self.accept_btn.clicked.connect(lambda: self._act("accept"))
        self.reject_btn.clicked.connect(lambda: self._act("reject"))
        self.accept_all_btn.clicked.connect(lambda: self.act.emit("accept", -1))
        self.reject_all_btn.clicked.connect(lambda: self.act.emit("reject", -1))
        one, every = QHBoxLayout(), QHBoxLayout()
        one.addWidget(self.accept_btn)
        one.addWidget(self.reject_btn)
        every.addWidget(self.accept_all_btn)
        every.addWidget(self.reject_all_btn)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.list, 1)
        layout.addLayout(one)
        layout.addLayout(every)
        self._sync_buttons()

    def show_marks(self, marks: list[Mark], source: str, authors: dict | None = None) -> None:
        """``authors``: mark signature -> (author, time), the draft's table (``core.review.service``)."""
        row = self.list.currentRow()
        self.marks = marks
        self.list.clear()
        for i, m in enumerate(marks):
            who, when = (authors or {}).get(signature(m), ("", ""))
            item = QListWidgetItem(f"{i + 1}. " + describe(m, source, m.author or who, when))
            item.setData(Qt.UserRole, i)
            self.list.addItem(item)
        s = sum(1 for m in marks if m.is_suggestion)
        c = sum(1 for m in marks if m.comments)
        self.summary.setText(f"{s} suggestion(s), {c} comment(s)" if marks else "No suggestions or comments")
        if marks:
            self.list.setCurrentRow(min(max(row, 0), len(marks) - 1))
        self._sync_buttons()

    def _clicked(self, item: QListWidgetItem) -> None:
        m = self.marks[item.data(Qt.UserRole)]
        self.jump.emit(m.start, m.end)

    def _act(self, action: str) -> None:
        row = self.list.currentRow()
        if 0 <= row < len(self.marks):
            self.act.emit(action, row)

    def _sync_buttons(self, *_args) -> None:
        row = self.list.currentRow()
        mark = self.marks[row] if 0 <= row < len(self.marks) else None
        self.accept_btn.setEnabled(mark is not None)
        self.reject_btn.setEnabled(mark is not None and mark.is_suggestion)
        self.accept_btn.setText("Accept" if mark is None or mark.is_suggestion else "Resolve")
        self.accept_all_btn.setEnabled(bool(self.marks))
        self.reject_all_btn.setEnabled(bool(self.marks))
