"""The Citations tab's tree: the draft's sources and where each is cited, the
unlinked attributions (grouped by what they name), the phrases that link
nothing, unknown keys and links to sources outside the library.

Every item carries what a click means under ``ROLE``: ("jump", start, end),
("source", key), ("group", group), ("attribution", start, end), ("missing",
key) or ("url", url). What the user opened and selected survives a refill.
"""

from __future__ import annotations

import bisect
import re
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTreeWidget, QTreeWidgetItem

from ...core.citations import csl as csl_mod
from ...core.citations.analysis import CitationReport

ROLE = Qt.UserRole


def excerpt(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


class CitationTree(QTreeWidget):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setHeaderLabels(["Source", "Cited"])
        self.setColumnWidth(0, 240)
        self.setWordWrap(True)
        self._source = ""
        self._newlines: list[int] = []

    def fill(self, report: CitationReport, source: str) -> str:
        """Show ``report`` on ``source``, keeping what was open and selected;
        returns the one-line summary."""
        self._source = source
        self._newlines = [m.start() for m in re.finditer("\n", source)]
        expanded, current = self._state()
        self.clear()
        summary = self._fill(report)
        self._restore(expanded, current)
        return summary

    def selected(self) -> tuple | None:
        item = self.currentItem()
        return item.data(0, ROLE) if item is not None else None

    def _where(self, start: int, end: int) -> str:
        line = bisect.bisect_left(self._newlines, start) + 1
        return f"line {line}: {excerpt(self._source[start:end])}"

    def _items(self):
        stack = [self.topLevelItem(i) for i in range(self.topLevelItemCount())]
        while stack:
            item = stack.pop()
            yield item
            stack.extend(item.child(i) for i in range(item.childCount()))

    def _state(self) -> tuple[set, Any]:
        """What the user opened and selected, to keep it across refreshes."""
        expanded = {item.data(0, ROLE) for item in self._items() if item.isExpanded() and item.data(0, ROLE)}
        current = self.currentItem()
        return expanded, (current.data(0, ROLE) if current is not None else None)

    def _restore(self, expanded: set, current: Any) -> None:
        for item in self._items():
            data = item.data(0, ROLE)
            if data in expanded:
                item.setExpanded(True)
            if current is not None and data == current:
                self.setCurrentItem(item)

    def _section(self, title: str, count: int) -> QTreeWidgetItem:
        item = QTreeWidgetItem(self, [f"{title} ({count})", ""])
        item.setFirstColumnSpanned(True)
        item.setExpanded(True)
        font = item.font(0)
        font.setBold(True)
        item.setFont(0, font)
        return item

    def _fill(self, r: CitationReport) -> str:
        uses = list(r.uses.values())
        sec = self._section("Sources of this draft", len(uses))
        for use in uses:
            name = csl_mod.label(use.csl) if use.csl else f"{use.key} (not in the library)"
            item = QTreeWidgetItem(sec, [name, f"{use.count}×"])
            item.setData(0, ROLE, ("source", use.key))
            item.setToolTip(0, f"[@{use.key}]  {csl_mod.url_of(use.csl) if use.csl else ''}")
            if use.citations:
                first = use.citations[0]
                item.setData(1, ROLE, ("jump", first.start, first.end))
            for c in use.citations:
                child = QTreeWidgetItem(item, [self._where(c.start, c.end), c.kind])
                child.setData(0, ROLE, ("jump", c.start, c.end))
        groups = [g for g in r.groups if g.kind == "parenthetical"]
        anchors = [g for g in r.groups if g.kind == "anchor"]
        sec = self._section("Unlinked attributions", sum(g.count for g in groups))
        for g in groups:
            hint = f" → [@{g.match}]" if g.match else ""
            item = QTreeWidgetItem(sec, [g.label + hint, f"{g.count}×"])
            item.setData(0, ROLE, ("group", g.group))
            item.setToolTip(0, "Make citation turns every one of these into a citation")
            for a in g.attributions:
                child = QTreeWidgetItem(item, [self._where(a.start, a.end), ""])
                child.setData(0, ROLE, ("attribution", a.start, a.end))
        if anchors:
            sec = self._section("Phrases that link nothing", sum(g.count for g in anchors))
            for g in anchors:
                for a in g.attributions:
                    child = QTreeWidgetItem(sec, [self._where(a.start, a.end), ""])
                    child.setData(0, ROLE, ("jump", a.start, a.end))
        if r.unresolved:
            sec = self._section("Keys not in the library", len(r.unresolved))
            for key, c in r.unresolved:
                child = QTreeWidgetItem(sec, [f"[@{key}]", ""])
                child.setData(0, ROLE, ("jump", c.start, c.end) if c else ("missing", key))
        if r.external:
            sec = self._section("Links to sources not in the library", len(r.external))
            for url, cites in r.external.items():
                item = QTreeWidgetItem(sec, [excerpt(cites[0].urls[0], 70), f"{len(cites)}×"])
                item.setData(0, ROLE, ("jump", cites[0].start, cites[0].end))
                item.setData(1, ROLE, ("url", cites[0].urls[0]))
        n_attr = sum(g.count for g in groups)
        return (f"{len(uses)} sources, {len(r.scan.citations)} citations; "
                f"{n_attr} unlinked attributions, {sum(g.count for g in anchors)} phrases that link nothing"
                + (f"; {len(r.unresolved)} unknown keys" if r.unresolved else ""))
