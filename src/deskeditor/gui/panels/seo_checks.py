"""The SEO tab's analysis: the scores with human names and units, and the
checks grouped as Yoast's box groups them (Problems, Improvements, Good
results). A click on a check asks the editor to highlight every part of the
text it is about (Yoast's eye marker); a second click takes the marks away.
"""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from ...core.lint.marks import checks, grouped
from ..window.theme import Colors
from .lint import dot_icon

# score key -> (label, unit); keys not named here are not shown
SCORE_LABELS: dict[str, tuple[str, str]] = {
    "seo": ("SEO score", "/100"),
    "readability": ("Readability score", "/100"),
    "flesch_reading_ease": ("Flesch reading ease", ""),
    "flesch_kincaid_grade": ("Flesch-Kincaid grade", ""),
    "long_sentence_percent": ("Sentences over 20 words", "%"),
    "passive_percent": ("Passive sentences", "%"),
    "transition_percent": ("Sentences with a transition word", "%"),
    "complex_word_percent": ("Complex words", "%"),
    "adverb_percent": ("Adverbs", "%"),
    "weasel_percent": ("Weasel words", "%"),
    "seo_title_width_px": ("SEO title width", " px"),
}
KEYPHRASE_LABELS: dict[str, tuple[str, str]] = {
    "phrase": ("Focus keyphrase", ""),
    "count": ("Keyphrase count", ""),
    "density": ("Keyphrase density", "%"),
    "sentence_count": ("Sentences with the keyphrase", ""),
    "words": ("Words in the text", ""),
}
MARKS_ROLE = Qt.UserRole + 1


def fmt(value: Any, unit: str) -> str:
    if isinstance(value, float):
        value = f"{value:.1f}".rstrip("0").rstrip(".") if unit != "/100" else f"{value:.0f}"
    return f"{value}{unit}"


def score_rows(scores: dict[str, Any], keyphrase: dict[str, Any]) -> list[tuple[str, str]]:
    """(label, value with its unit) for the table, in a fixed order."""
    rows = []
    for source, labels in ((scores, SCORE_LABELS), (keyphrase, KEYPHRASE_LABELS)):
        for key, (label, unit) in labels.items():
            value = source.get(key)
            if value in (None, "") or isinstance(value, (list, dict)):
                continue
            if key in ("seo", "readability") and source.get(f"{key}_rating"):
                unit = f"{unit} ({source[f'{key}_rating']})"
            rows.append((label, fmt(value, unit)))
    return rows


class SeoChecks(QWidget):
    marksRequested = Signal(list)  # [(start, end), ...] in the source (code points); [] takes them away

    def __init__(self, colors: Colors, parent=None) -> None:
        super().__init__(parent)
        self.colors = colors
        self.scores = QLabel("Scores appear after the first check.")
        self.scores.setTextFormat(Qt.RichText)
        self.scores.setWordWrap(True)
        self.tree = QTreeWidget()
        self.tree.setHeaderHidden(True)
        self.tree.setWordWrap(True)
        self.tree.setMinimumHeight(260)
        self.tree.setToolTip("Click a check to highlight the sentences it is about; click again to clear.")
        self.tree.itemClicked.connect(self._clicked)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.scores)
        lay.addWidget(self.tree, 1)
        self._marked: QTreeWidgetItem | None = None

    def set_report(self, scores: dict[str, Any], keyphrase: dict[str, Any], findings) -> None:
        rows = score_rows(scores, keyphrase)
        self.scores.setText("<table>" + "".join(
            f"<tr><td>{html.escape(label)}</td><td style='padding-left:12px'><b>{html.escape(value)}</b></td></tr>"
            for label, value in rows) + "</table>" if rows else "No scores: the analysis is not available.")
        self.clear_marks()
        self.tree.clear()
        color = {"poor": self.colors.error, "ok": self.colors.warning, "good": self.colors.info}
        for title, members in grouped(checks(findings, keyphrase)):
            group = QTreeWidgetItem(self.tree, [f"{title} ({len(members)})"])
            font = group.font(0)
            font.setBold(True)
            group.setFont(0, font)
            group.setFlags(Qt.ItemIsEnabled)
            for c in members:
                f = c.finding
                hint = f" — {len(c.marks)} marked" if c.marks else ""
                item = QTreeWidgetItem(group, [f.message + hint])
                item.setIcon(0, dot_icon(color.get(f.rating, self.colors.muted)))
                item.setData(0, MARKS_ROLE, list(c.marks))
                item.setToolTip(0, f.message)
            group.setExpanded(title != "Good results")

    def _clicked(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        marks = item.data(0, MARKS_ROLE)
        if not marks or item is self._marked:
            self.clear_marks()
            return
        self._marked = item
        self.marksRequested.emit(list(marks))

    def clear_marks(self) -> None:
        if self._marked is not None:
            self._marked = None
            self.marksRequested.emit([])

    def set_colors(self, colors: Colors) -> None:
        self.colors = colors
