"""The Lint tab: findings grouped by engine and severity; a click selects the text.

It shows what the underlines show (the same ``Marked`` items, so a click
selects where the finding is now, after any typing since the check), the
runner's notes ("grammar unavailable: ..."), and the findings an editor
dismissed, with their reasons, so a writer sees the review.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import QLabel, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from ...core.model import SEVERITIES
from ..window.theme import Colors

ENGINE_NAMES = {"seo": "SEO", "readability": "Readability", "grammar": "Grammar", "citations": "Citations"}
SEVERITY_NAMES = {"error": "Errors", "warning": "Warnings", "info": "Suggestions", "passed": "Passed"}
RULE_GROUP_AT = 3  # more findings of one rule than this get a node of their own
RULE_SHOWN = 300  # leaves listed per rule; the rest are counted in one line


def dot_icon(color: QColor, size: int = 10) -> QIcon:
    pm = QPixmap(size, size)
    pm.fill(Qt.transparent)
    p = QPainter(pm)
    p.setRenderHint(QPainter.Antialiasing)
    p.setBrush(color)
    p.setPen(Qt.NoPen)
    p.drawEllipse(1, 1, size - 2, size - 2)
    p.end()
    return QIcon(pm)


COUNTED = "Findings to look at, by severity (checks rated good and dismissed findings are not counted)"


def problem_counts(items) -> dict[str, int]:
    """Findings to look at per severity: the one count the Lint tab's header
    and the status bar both show (checks rated good are not problems)."""
    counts = {s: 0 for s in SEVERITIES}
    for m in items:
        if m.finding.rating != "good":
            counts[m.finding.severity] += 1
    return counts


def problem_summary(counts: dict[str, int]) -> str:
    parts = [f"{counts[s]:,} {SEVERITY_NAMES[s].lower()}" for s in SEVERITIES if counts[s]]
    return ", ".join(parts) if parts else "No findings"


def rule_title(findings) -> str:
    """A name for a group of findings of one rule: their message when they all
    say the same ("Possible spelling mistake found."), else its head ("Long
    sentence" from "Long sentence: 29 words ..."), else the category or rule."""
    f = findings[0]
    if all(x.message == f.message for x in findings):
        return excerpt(f.message.rstrip("."), 60)
    head = f.message.split(":", 1)[0].strip()
    if 0 < len(head) <= 40 and head != f.message:
        return head
    return (f.category or f.rule).replace("-", " ").replace("_", " ").capitalize()


def excerpt(text: str, limit: int = 40) -> str:
    """``text`` with its whitespace collapsed, cut to ``limit`` characters
    with "…". Only as much of its head is read as that needs: a finding can
    span a 5 MB paragraph, and the panel lists hundreds."""
    size = limit * 8
    while True:
        short = " ".join(text[:size].split())
        if size >= len(text) or len(short) > limit + 1:
            break
        size *= 4
    return short if len(short) <= limit else short[: limit - 1] + "…"


class LintPanel(QWidget):
    findingActivated = Signal(int)  # Marked.id

    def __init__(self, colors: Colors, parent=None) -> None:
        super().__init__(parent)
        self.colors = colors
        self.summary = QLabel("Not checked yet")
        self.summary.setWordWrap(True)
        self.notes = QLabel()
        self.notes.setWordWrap(True)
        self.notes.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.notes.hide()
        self.tree = QTreeWidget()
        self.tree.setHeaderHidden(True)
        self.tree.setIconSize(QSize(10, 10))
        self.tree.setUniformRowHeights(False)
        self.tree.setWordWrap(True)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(6, 6, 6, 0)
        lay.addWidget(self.summary)
        lay.addWidget(self.notes)
        lay.addWidget(self.tree, 1)
        self.tree.itemClicked.connect(self._clicked)
        self.tree.itemActivated.connect(self._clicked)
        self._expanded: set[str] = set()

    def set_colors(self, colors: Colors) -> None:
        self.colors = colors

    def set_checking(self, checking: bool) -> None:
        if checking:
            self.summary.setText("Checking…")

    def set_report(self, items, notes: list[str], dismissed: list[tuple[str, str, str]],
                   source_text) -> None:
        """``items``: Marked findings; ``dismissed``: (message, flagged text, reason).

        Engine, then severity ("Passed" for the checks rated good); a rule with
        many findings (37 long sentences) gets a node of its own."""
        self._remember_expanded()
        self.tree.clear()
        counts = problem_counts(items)
        groups: dict[str, dict[str, list]] = {}
        for m in items:
            f = m.finding
            group = "passed" if f.rating == "good" else f.severity
            groups.setdefault(f.engine, {}).setdefault(group, []).append(m)
        for engine in sorted(groups, key=lambda e: list(ENGINE_NAMES).index(e) if e in ENGINE_NAMES else 99):
            sev_groups = groups[engine]
            total = sum(len(v) for k, v in sev_groups.items() if k != "passed")
            top = self._node(None, f"{ENGINE_NAMES.get(engine, engine.title())} ({total})", engine, bold=True)
            for sev in (*SEVERITIES, "passed"):
                if sev not in sev_groups:
                    continue
                key = f"{engine}/{sev}"
                color = self.colors.severity(sev) if sev != "passed" else self.colors.info
                mid = self._node(top, f"{SEVERITY_NAMES[sev]} ({len(sev_groups[sev])})", key)
                mid.setIcon(0, dot_icon(color))
                self._add_leaves(mid, sev_groups[sev], source_text, key)
                default = sev == "error" or (sev != "passed" and not self._expanded)
                mid.setExpanded(key in self._expanded or default)
            top.setExpanded(True)
        if dismissed:
            top = self._node(None, f"Dismissed in review ({len(dismissed)})", "dismissed")
            for message, flagged, reason in dismissed:
                label = f"{message} — “{excerpt(flagged)}”" if flagged else message
                leaf = QTreeWidgetItem([label + (f"  [{reason}]" if reason else "")])
                leaf.setForeground(0, self.colors.muted)
                top.addChild(leaf)
            top.setExpanded("dismissed" in self._expanded)
        self.summary.setText(problem_summary(counts))
        self.summary.setToolTip(COUNTED)
        self.notes.setText("\n".join(notes))
        self.notes.setVisible(bool(notes))

    def _node(self, parent, text: str, key: str, bold: bool = False) -> QTreeWidgetItem:
        item = QTreeWidgetItem([text])
        item.setData(0, Qt.UserRole + 1, key)
        if bold:
            f = item.font(0)
            f.setBold(True)
            item.setFont(0, f)
        if parent is None:
            self.tree.addTopLevelItem(item)
        else:
            parent.addChild(item)
        return item

    def _add_leaves(self, parent: QTreeWidgetItem, marked: list, source_text, key: str) -> None:
        by_rule: dict[str, list] = {}
        for m in marked:
            by_rule.setdefault(m.finding.rule, []).append(m)
        for rule, ms in by_rule.items():
            holder = parent
            if len(ms) > RULE_GROUP_AT:
                rkey = f"{key}/{rule}"
                holder = self._node(parent, f"{rule_title([m.finding for m in ms])} ({len(ms)})", rkey)
                holder.setExpanded(rkey in self._expanded)
            leaves = []
            for m in ms[:RULE_SHOWN]:
                f = m.finding
                flagged = source_text(m)
                text = f.message if not flagged or holder is not parent else f"{f.message} — “{excerpt(flagged)}”"
                if holder is not parent:  # the group says the rule: the leaf shows the text
                    text = f"“{excerpt(flagged, 60)}”" if flagged else f.message
                leaf = QTreeWidgetItem([text])
                leaf.setData(0, Qt.UserRole, m.id)
                tip = f.message
                if f.replacements:
                    tip += "\nSuggestions: " + ", ".join(f.replacements[:5])
                leaf.setToolTip(0, tip)
                leaves.append(leaf)
            if len(ms) > RULE_SHOWN:  # a hostile draft: thousands of leaves would freeze the window
                more = QTreeWidgetItem([f"… and {len(ms) - RULE_SHOWN:,} more, underlined in the text"])
                more.setFlags(Qt.ItemIsEnabled)
                leaves.append(more)
            holder.addChildren(leaves)

    def _remember_expanded(self) -> None:
        keys = set()
        for i in range(self.tree.topLevelItemCount()):
            top = self.tree.topLevelItem(i)
            if top.isExpanded():
                keys.add(str(top.data(0, Qt.UserRole + 1)))
            for j in range(top.childCount()):
                child = top.child(j)
                if child.isExpanded():
                    keys.add(str(child.data(0, Qt.UserRole + 1)))
        if keys:
            self._expanded = keys

    def item_for(self, marked_id: int) -> QTreeWidgetItem | None:
        it = self.tree.invisibleRootItem()
        stack = [it]
        while stack:
            node = stack.pop()
            if node.data(0, Qt.UserRole) == marked_id:
                return node
            stack.extend(node.child(i) for i in range(node.childCount()))
        return None

    def _clicked(self, item: QTreeWidgetItem) -> None:
        marked_id = item.data(0, Qt.UserRole)
        if marked_id is not None:
            self.findingActivated.emit(int(marked_id))
