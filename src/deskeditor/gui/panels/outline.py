"""The Outline tab: the draft's headings as a tree; a click jumps to one."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from ...core.markdown.outline import Heading, heading_of

__all__ = ["Heading", "OutlinePanel", "heading_of"]


class OutlinePanel(QWidget):
    jumpTo = Signal(int)  # source line

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.tree = QTreeWidget()
        self.tree.setHeaderHidden(True)
        self.tree.setUniformRowHeights(True)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.tree)
        self._headings: list[Heading] = []
        self.tree.itemClicked.connect(self._clicked)
        self.tree.itemActivated.connect(self._clicked)

    def set_headings(self, headings: list[Heading]) -> None:
        if [(h.level, h.text) for h in headings] == [(h.level, h.text) for h in self._headings]:
            self._headings = headings  # same tree; lines may have moved
            self._update_lines()
            return
        self._headings = headings
        self.tree.clear()
        stack: list[tuple[int, QTreeWidgetItem]] = []
        for h in headings:
            while stack and stack[-1][0] >= h.level:
                stack.pop()
            item = QTreeWidgetItem([h.text or "(empty heading)"])
            item.setData(0, Qt.UserRole, h.line)
            if stack:
                stack[-1][1].addChild(item)
            else:
                self.tree.addTopLevelItem(item)
            stack.append((h.level, item))
        self.tree.expandAll()

    def _update_lines(self) -> None:
        it = iter(self._headings)
        def walk(item: QTreeWidgetItem) -> None:
            h = next(it, None)
            if h is not None:
                item.setData(0, Qt.UserRole, h.line)
            for i in range(item.childCount()):
                walk(item.child(i))
        for i in range(self.tree.topLevelItemCount()):
            walk(self.tree.topLevelItem(i))

    def _clicked(self, item: QTreeWidgetItem) -> None:
        self.jumpTo.emit(int(item.data(0, Qt.UserRole)))
