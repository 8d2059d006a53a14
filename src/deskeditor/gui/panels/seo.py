"""The SEO tab: focus keyphrase, SEO title, slug and meta description; the
featured image, categories, tags and word goal; the social (Open Graph)
title, description and image; the search-result and social previews; a
site's post's related posts to link to (``seo_related``); the analysis'
scores and checks (``seo_checks``).

The fields live in the draft's front matter: an edit here is written into the
editor's text (one undoable edit) and saved like any typing. Writers expect a
field to take effect as they type, so an edit is applied after a pause
(``APPLY_MS``) as well as on Enter or on leaving the field. The snippet
preview truncates by pixel width, as a search engine does.
"""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QFontMetrics, QIntValidator
from PySide6.QtWidgets import (QFormLayout, QFrame, QLabel, QLineEdit, QPlainTextEdit, QScrollArea,
                               QVBoxLayout, QWidget)

from ..window.theme import Colors
from .seo_checks import SeoChecks
from .seo_related import RelatedLinks
from .seo_social import ListCompleter, social_html

TITLE_PX = 580
DESCRIPTION_PX = 920
FIELDS = ("keyphrase", "seo_title", "slug", "meta_description", "featured_image", "categories", "tags",
          "word_goal", "og_title", "og_description", "og_image")
LIST_FIELDS = ("categories", "tags")
APPLY_MS = 600  # a pause in typing this long applies the field
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


def _as_text(key: str, value: Any) -> str:
    if key in LIST_FIELDS and isinstance(value, (list, tuple)):
        return ", ".join(str(v) for v in value)
    return "" if value is None else str(value)


def _multiline(placeholder: str) -> QPlainTextEdit:
    edit = QPlainTextEdit()
    edit.setPlaceholderText(placeholder)
    edit.setTabChangesFocus(True)
    edit.setFixedHeight(edit.fontMetrics().lineSpacing() * 4 + 12)
    return edit


class SeoPanel(QWidget):
    fieldsEdited = Signal(dict)  # draft field -> new value
    goalChanged = Signal(int)  # the draft's word goal (0: none)

    def __init__(self, colors: Colors, parent=None) -> None:
        super().__init__(parent)
        self.colors = colors
        line = lambda text: QLineEdit(placeholderText=text)  # noqa: E731
        self.edits: dict[str, QLineEdit | QPlainTextEdit] = {
            "keyphrase": line("the phrase this post should rank for"),
            "seo_title": line("defaults to the title"),
            "slug": line("defaults to the title, slugified"),
            "meta_description": _multiline("one or two sentences, about 120–155 characters"),
            "featured_image": line("an image path or URL, shown with the post and when shared"),
            "categories": line("comma-separated"),
            "tags": line("comma-separated"),
            "word_goal": line("words you aim for, e.g. 1200"),
            "og_title": line("defaults to the SEO title"),
            "og_description": _multiline("defaults to the meta description"),
            "og_image": line("defaults to the featured image"),
        }
        self.edits["word_goal"].setValidator(QIntValidator(0, 1_000_000, self))
        self.completers = {k: ListCompleter(self.edits[k]) for k in LIST_FIELDS}
        self.desc_count = QLabel()
        self.snippet, self.social = _preview_label(), _preview_label()
        self.checks = SeoChecks(colors)
        self.scores = self.checks.scores
        inner = QWidget()
        lay = QVBoxLayout(inner)
        for title, rows in (("Search", (("Keyphrase", "keyphrase"), ("SEO title", "seo_title"), ("Slug", "slug"),
                                        ("Meta description", "meta_description"))),
                            ("Post", (("Featured image", "featured_image"), ("Categories", "categories"),
                                      ("Tags", "tags"), ("Word goal", "word_goal"))),
                            ("Social sharing (Open Graph, X/Twitter)", (("Title", "og_title"),
                                                                         ("Description", "og_description"),
                                                                         ("Image", "og_image")))):
            lay.addWidget(_heading(title))
            form = QFormLayout()
            for label, key in rows:
                form.addRow(label, self.edits[key])
                if key == "meta_description":
                    form.addRow("", self.desc_count)
            lay.addLayout(form)
        lay.addWidget(_heading("Search result preview"))
        lay.addWidget(self.snippet)
        lay.addWidget(_heading("Social preview"))
        lay.addWidget(self.social)
        self.related = RelatedLinks(colors)  # shown for a site's post only
        lay.addWidget(self.related)
        lay.addWidget(_heading("Analysis"))
        lay.addWidget(self.checks, 1)
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
        self._pending: set[str] = set()
        self._apply_timer = QTimer(self, singleShot=True, interval=APPLY_MS)
        self._apply_timer.timeout.connect(self.apply_pending)
        for key, w in self.edits.items():
            if isinstance(w, QPlainTextEdit):
                w.textChanged.connect(lambda k=key: self._typed(k))
                w.installEventFilter(self)
            else:
                w.textEdited.connect(lambda _t, k=key: self._typed(k))
                w.editingFinished.connect(lambda k=key: self._finished(k))
        self.edits["meta_description"].textChanged.connect(self._update_count)

    def eventFilter(self, obj, event) -> bool:  # noqa: N802
        if event.type() == QEvent.FocusOut and isinstance(obj, QPlainTextEdit):
            self.apply_pending()
        return False

    def _text_of(self, key: str) -> str:
        w = self.edits[key]
        return (w.toPlainText() if isinstance(w, QPlainTextEdit) else w.text()).strip()

    def _typed(self, key: str) -> None:
        if self._loading:
            return
        self._pending.add(key)
        self._apply_timer.start()
        self._update_snippet()

    _loading = False

    def _finished(self, key: str) -> None:
        """Enter, or the focus left the field: apply it now."""
        self._pending.add(key)
        self.apply_pending()

    def _value(self, key: str) -> Any:
        text = self._text_of(key)
        if key in ("meta_description", "og_description"):
            return " ".join(text.split())
        if key in LIST_FIELDS:
            return [v.strip() for v in text.split(",") if v.strip()]
        if key == "word_goal":
            return int(text) if text.isdigit() and int(text) > 0 else ""
        return text

    def apply_pending(self) -> None:
        """Write the fields edited since the last time (the pause, Enter, or leaving the field)."""
        self._apply_timer.stop()
        changes = {}
        for key in sorted(self._pending):
            value = self._value(key)
            shown = _as_text(key, value)
            if shown != self._values.get(key, ""):
                self._values[key] = shown
                changes[key] = value
        self._pending.clear()
        if changes:
            self.fieldsEdited.emit(changes)
            if "word_goal" in changes:
                self.goalChanged.emit(changes["word_goal"] or 0)
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
        self._loading = True
        try:
            for key in FIELDS:
                value = _as_text(key, fields.get(key))
                w = self.edits[key]
                if w.hasFocus() or key in self._pending:
                    continue
                self._values[key] = value
                if isinstance(w, QPlainTextEdit):
                    if w.toPlainText() != value:
                        w.setPlainText(value)
                elif w.text() != value:
                    w.setText(value)
        finally:
            self._loading = False
        goal = str(fields.get("word_goal") or "")
        self.goalChanged.emit(int(goal) if goal.isdigit() else 0)
        self._update_count()
        self._update_snippet()

    def set_known(self, categories: list[str], tags: list[str]) -> None:
        """What the other drafts use, offered as the categories and tags are typed."""
        self.completers["categories"].set_words(categories)
        self.completers["tags"].set_words(tags)

    def _now(self, key: str) -> str:
        return self._text_of(key) if key in self._pending else self._values.get(key, "")

    def _update_snippet(self) -> None:
        title = self._now("seo_title") or self._title
        slug = self._now("slug")
        url = f"{self._base_url} › {slug}" if slug else self._base_url
        desc = self._now("meta_description") or self._first_paragraph
        self.snippet.setText(snippet_html(title, url, desc, self.colors.dark))
        self.social.setText(social_html(self._now("og_title") or title, self._now("og_description") or desc,
                                        self._now("og_image") or self._now("featured_image"), self._base_url,
                                        self.colors.dark))

    def set_report(self, scores: dict[str, Any], keyphrase: dict[str, Any], findings) -> None:
        self.checks.set_report(scores, keyphrase, findings)

    def set_colors(self, colors: Colors) -> None:
        self.colors = colors
        self.checks.set_colors(colors)
        self.related.set_colors(colors)
        self._update_snippet()


def _preview_label() -> QLabel:
    label = QLabel()
    label.setTextFormat(Qt.RichText)
    label.setWordWrap(True)
    label.setFrameShape(QFrame.StyledPanel)
    label.setMargin(8)
    return label


def _heading(text: str) -> QLabel:
    label = QLabel(text)
    f = label.font()
    f.setBold(True)
    label.setFont(f)
    label.setContentsMargins(0, 8, 0, 0)
    return label
