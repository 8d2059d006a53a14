"""The SEO tab: focus keyphrase, SEO title, slug and meta description, the
analysis' scores and checks, and a search-result snippet preview.

The fields live in the draft's front matter: an edit here is written into the
editor's text (one undoable edit) and saved like any typing. The snippet
preview truncates by pixel width, as a search engine does.
"""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import (QFormLayout, QFrame, QLabel, QLineEdit, QPlainTextEdit, QScrollArea,
                               QVBoxLayout, QWidget)

from ..window.theme import Colors

TITLE_PX = 580
DESCRIPTION_PX = 920
FIELDS = ("keyphrase", "seo_title", "slug", "meta_description")
RATING_COLORS = {"good": "#188038", "ok": "#e37400", "poor": "#d93025"}


def elide(text: str, font: QFont, width: int) -> str:
    return QFontMetrics(font).elidedText(text, Qt.ElideRight, width)


def snippet_html(title: str, url: str, description: str, dark: bool) -> str:
    """A search result as HTML: title (elided at 580 px), URL, description."""
    tfont = QFont("Arial")
    tfont.setPixelSize(20)
    dfont = QFont("Arial")
    dfont.setPixelSize(14)
    t = html.escape(elide(title or "Untitled", tfont, TITLE_PX))
    d = html.escape(elide(description, dfont, DESCRIPTION_PX)) if description else \
        '<i>No meta description: a search engine picks a sentence from the page.</i>'
    link, green, text = ("#8ab4f8", "#bdc1c6", "#bdc1c6") if dark else ("#1a0dab", "#202124", "#4d5156")
    return (f'<div style="font-family:Arial">'
            f'<div style="color:{green}; font-size:12px">{html.escape(url)}</div>'
            f'<div style="color:{link}; font-size:18px">{t}</div>'
            f'<div style="color:{text}; font-size:13px">{d}</div></div>')


def _fmt_value(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:.1f}"
    if isinstance(value, dict):
        for k in ("score", "rating", "value"):
            if k in value:
                return _fmt_value(value[k])
        return ", ".join(f"{k} {_fmt_value(v)}" for k, v in value.items())
    if isinstance(value, (list, tuple)):
        return ", ".join(_fmt_value(v) for v in value)
    return str(value)


class SeoPanel(QWidget):
    fieldsEdited = Signal(dict)  # draft field -> new value

    def __init__(self, colors: Colors, parent=None) -> None:
        super().__init__(parent)
        self.colors = colors
        self.edits: dict[str, QLineEdit | QPlainTextEdit] = {
            "keyphrase": QLineEdit(placeholderText="the phrase this post should rank for"),
            "seo_title": QLineEdit(placeholderText="defaults to the title"),
            "slug": QLineEdit(placeholderText="defaults to the title, slugified"),
        }
        desc = QPlainTextEdit()
        desc.setPlaceholderText("one or two sentences, about 120–155 characters")
        desc.setTabChangesFocus(True)
        desc.setFixedHeight(desc.fontMetrics().lineSpacing() * 4 + 12)
        self.edits["meta_description"] = desc
        self.desc_count = QLabel()
        self.snippet = QLabel()
        self.snippet.setTextFormat(Qt.RichText)
        self.snippet.setWordWrap(True)
        self.snippet.setFrameShape(QFrame.StyledPanel)
        self.snippet.setMargin(8)
        self.scores = QLabel("Scores appear after the first check.")
        self.scores.setTextFormat(Qt.RichText)
        self.scores.setWordWrap(True)
        self.checks = QLabel()
        self.checks.setTextFormat(Qt.RichText)
        self.checks.setWordWrap(True)
        inner = QWidget()
        form = QFormLayout()
        form.addRow("Keyphrase", self.edits["keyphrase"])
        form.addRow("SEO title", self.edits["seo_title"])
        form.addRow("Slug", self.edits["slug"])
        form.addRow("Meta description", desc)
        form.addRow("", self.desc_count)
        lay = QVBoxLayout(inner)
        lay.addLayout(form)
        lay.addWidget(_heading("Search result preview"))
        lay.addWidget(self.snippet)
        lay.addWidget(_heading("Scores"))
        lay.addWidget(self.scores)
        lay.addWidget(self.checks)
        lay.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidget(inner)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.NoFrame)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        self._values: dict[str, str] = {k: "" for k in FIELDS}
        self._title = ""
        self._base_url = "https://example.com"
        self._first_paragraph = ""
        for key in ("keyphrase", "seo_title", "slug"):
            self.edits[key].editingFinished.connect(lambda k=key: self._edited(k))
        desc.textChanged.connect(self._update_count)
        desc.installEventFilter(self)

    def eventFilter(self, obj, event) -> bool:  # noqa: N802
        from PySide6.QtCore import QEvent

        if obj is self.edits["meta_description"] and event.type() == QEvent.FocusOut:
            self._edited("meta_description")
        return False

    def _text_of(self, key: str) -> str:
        w = self.edits[key]
        return (w.toPlainText() if isinstance(w, QPlainTextEdit) else w.text()).strip()

    def _edited(self, key: str) -> None:
        value = " ".join(self._text_of(key).split()) if key == "meta_description" else self._text_of(key)
        if value != self._values.get(key, ""):
            self._values[key] = value
            self.fieldsEdited.emit({key: value})
            self._update_snippet()

    def _update_count(self) -> None:
        n = len(self._text_of("meta_description"))
        color = RATING_COLORS["good"] if 120 <= n <= 156 else RATING_COLORS["ok"] if n else self.colors.muted.name()
        self.desc_count.setText(f'<span style="color:{color}">{n} characters</span>')

    def set_fields(self, fields: dict[str, Any], first_paragraph: str = "", base_url: str | None = None) -> None:
        """Show the draft's current fields (those being edited are left alone)."""
        self._title = str(fields.get("title") or "")
        self._first_paragraph = first_paragraph
        if base_url:
            self._base_url = base_url.rstrip("/")
        for key in FIELDS:
            value = str(fields.get(key) or "")
            w = self.edits[key]
            if w.hasFocus():
                continue
            self._values[key] = value
            if isinstance(w, QPlainTextEdit):
                if w.toPlainText() != value:
                    w.setPlainText(value)
            elif w.text() != value:
                w.setText(value)
        self._update_count()
        self._update_snippet()

    def _update_snippet(self) -> None:
        title = self._values.get("seo_title") or self._title
        slug = self._values.get("slug") or ""
        url = f"{self._base_url} › {slug}" if slug else self._base_url
        desc = self._values.get("meta_description") or self._first_paragraph
        self.snippet.setText(snippet_html(title, url, desc, self.colors.dark))

    def set_report(self, scores: dict[str, Any], keyphrase: dict[str, Any], findings) -> None:
        rows = []
        for name, value in list(scores.items()) + [(f"keyphrase {k}", v) for k, v in keyphrase.items()
                                                  if isinstance(v, (int, float, str))]:
            label = html.escape(str(name).replace("_", " ").capitalize())
            rows.append(f"<tr><td>{label}</td><td style='padding-left:12px'><b>"
                        f"{html.escape(_fmt_value(value))}</b></td></tr>")
        self.scores.setText(f"<table>{''.join(rows)}</table>" if rows else "No scores: the analysis is not available.")
        checks = []
        for f in findings:
            if f.engine not in ("seo", "readability") or not f.rating:
                continue
            color = RATING_COLORS.get(f.rating, self.colors.muted.name())
            checks.append(f'<div><span style="color:{color}">●</span> {html.escape(f.message)}</div>')
        self.checks.setText("".join(checks))

    def set_colors(self, colors: Colors) -> None:
        self.colors = colors
        self._update_snippet()


def _heading(text: str) -> QLabel:
    label = QLabel(text)
    f = label.font()
    f.setBold(True)
    label.setFont(f)
    label.setContentsMargins(0, 8, 0, 0)
    return label
