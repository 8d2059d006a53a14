"""The History tab: a draft's revisions, a side-by-side diff, restore.

Pick a revision, and the diff against the current text (or any other
revision, from the "against" list) is computed off the GUI thread and shown
side by side. Restore writes the old text back as a new revision: nothing is
destroyed, and the restore itself can be undone in the editor.
"""

from __future__ import annotations

import datetime as dt
from typing import Callable

from PySide6.QtCore import Qt, QThreadPool, Signal
from PySide6.QtWidgets import (QComboBox, QHBoxLayout, QLabel, QPushButton, QSplitter, QTextBrowser,
                               QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget)

from ...core.model import Revision
from ..window.theme import Colors
from ..jobs.workers import LatestOnly
from .diff import DARK, DiffStyle, side_by_side_html

CURRENT = -1


def when(stamp: str) -> str:
    """An ISO time as local 'YYYY-MM-DD HH:MM'."""
    try:
        t = dt.datetime.fromisoformat(stamp)
    except ValueError:
        return stamp[:16]
    if t.tzinfo is not None:
        t = t.astimezone()
    return t.strftime("%Y-%m-%d %H:%M")


class HistoryPanel(QWidget):
    restoreRequested = Signal(int)  # revision number

    def __init__(self, colors: Colors, pool: QThreadPool, parent=None) -> None:
        super().__init__(parent)
        self.colors = colors
        self.revisions: list[Revision] = []
        self.load_revision: Callable[[int], str] | None = None
        self.current_text: Callable[[], str] | None = None
        self.list = QTreeWidget()
        self.list.setHeaderLabels(["#", "Saved", "Words", "Note"])
        self.list.setRootIsDecorated(False)
        self.list.setUniformRowHeights(True)
        self.against = QComboBox()
        self.restore_button = QPushButton("Restore this revision")
        self.restore_button.setEnabled(False)
        self.diff = QTextBrowser()
        self.diff.setOpenLinks(False)
        self.diff.setLineWrapMode(QTextBrowser.WidgetWidth)
        self.diff.setPlaceholderText("Pick a revision to see what changed.")
        controls = QHBoxLayout()
        controls.addWidget(QLabel("Compare with"))
        controls.addWidget(self.against, 1)
        controls.addWidget(self.restore_button)
        lower = QWidget()
        ll = QVBoxLayout(lower)
        ll.setContentsMargins(0, 0, 0, 0)
        ll.addLayout(controls)
        ll.addWidget(self.diff, 1)
        split = QSplitter(Qt.Vertical)
        split.addWidget(self.list)
        split.addWidget(lower)
        split.setSizes([160, 400])
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(split)
        self.worker = LatestOnly(pool, self)
        self.worker.finished.connect(self._diff_ready)
        self.worker.failed.connect(lambda _t, msg: self.diff.setPlainText(f"Cannot compare: {msg}"))
        self.list.currentItemChanged.connect(lambda *_: self.refresh_diff())
        self.against.currentIndexChanged.connect(lambda *_: self.refresh_diff())
        self.restore_button.clicked.connect(self._restore)
        self._request = 0

    def set_colors(self, colors: Colors) -> None:
        self.colors = colors
        self.refresh_diff()

    def set_revisions(self, revisions: list[Revision]) -> None:
        selected = self.selected_number()
        self.revisions = revisions
        self.list.blockSignals(True)
        self.list.clear()
        for r in revisions:
            item = QTreeWidgetItem([str(r.number), when(r.created), f"{r.words:,}", r.note])
            item.setData(0, Qt.UserRole, r.number)
            item.setTextAlignment(2, Qt.AlignRight | Qt.AlignVCenter)
            self.list.addTopLevelItem(item)
            if r.number == selected:
                self.list.setCurrentItem(item)
        for col in range(3):
            self.list.resizeColumnToContents(col)
        self.list.blockSignals(False)
        self.against.blockSignals(True)
        current = self.against.currentData()
        self.against.clear()
        self.against.addItem("the current text", CURRENT)
        for r in revisions:
            self.against.addItem(f"revision {r.number} ({when(r.created)})", r.number)
        idx = self.against.findData(current if current is not None else CURRENT)
        self.against.setCurrentIndex(max(0, idx))
        self.against.blockSignals(False)
        self.restore_button.setEnabled(selected is not None)
        if selected is None:
            self.diff.clear()

    def selected_number(self) -> int | None:
        item = self.list.currentItem()
        return int(item.data(0, Qt.UserRole)) if item is not None else None

    def select(self, number: int) -> None:
        for i in range(self.list.topLevelItemCount()):
            item = self.list.topLevelItem(i)
            if item.data(0, Qt.UserRole) == number:
                self.list.setCurrentItem(item)
                return

    def refresh_diff(self) -> None:
        number = self.selected_number()
        self.restore_button.setEnabled(number is not None)
        if number is None or self.load_revision is None or self.current_text is None:
            return
        other = self.against.currentData()
        try:
            old = self.load_revision(number)
            new = self.current_text() if other in (None, CURRENT) else self.load_revision(int(other))
        except Exception as exc:  # a damaged revision: say so, keep the panel alive
            self.diff.setPlainText(f"Cannot read the revision: {exc}")
            return
        left = f"Revision {number}"
        right = "Current text" if other in (None, CURRENT) else f"Revision {other}"
        style = DARK if self.colors.dark else DiffStyle()
        self._request += 1
        self.diff.setPlaceholderText("Comparing…")
        self.worker.submit(self._request, lambda: side_by_side_html(old, new, left, right, style))

    def _diff_ready(self, token: int, html: str) -> None:
        if token != self._request:
            return
        bar = self.diff.verticalScrollBar().value()
        self.diff.setHtml(html)
        self.diff.verticalScrollBar().setValue(bar)

    def _restore(self) -> None:
        number = self.selected_number()
        if number is not None:
            self.restoreRequested.emit(number)
