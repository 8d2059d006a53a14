"""Edit › Preferences…: what was set only on the command line or through an
environment variable, in one place.

Where each setting lives: what the CLI reads too (the site URL, the grammar
checker's variant, server and picky mode, the personal dictionary, the
WordPress sites) is kept in the store's settings table, so ``deskeditor lint``
and the window agree; what only this window uses (theme, editor font, line
width) is kept with the window's own settings. The dialog reads and writes
through the objects it is handed: no global settings.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from PySide6.QtGui import QFont
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFontComboBox, QFormLayout,
                               QLabel, QLineEdit, QPushButton, QSpinBox, QTabWidget, QVBoxLayout, QWidget)

from ...core.errors import DeskeditorError
from .accounts import AccountsPage

VARIANTS = (("en-US", "American English"), ("en-GB", "British English"), ("en-CA", "Canadian English"),
            ("en-AU", "Australian English"), ("en-NZ", "New Zealand English"),
            ("en-ZA", "South African English"))
THEMES = (("system", "Follow the system"), ("light", "Light"), ("dark", "Dark"))


@dataclass
class Prefs:
    """Every value the dialog shows; ``changed`` lists what an OK altered."""

    site_url: str = ""
    language: str = "en-US"
    server_url: str = ""
    picky: bool = False
    theme: str = "system"
    font: str = ""  # QFont.toString(); "" is the editor's default
    line_chars: int = 0  # 0: the text fills the editor


def url_problem(url: str, what: str) -> str:
    if not url:
        return ""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return f"The {what} must be an http:// or https:// address, e.g. https://blog.example.com."
    return ""


def load(store, settings) -> Prefs:
    """The current values, from the store and the window settings."""
    try:
        grammar = store.settings.get("grammar", {}) or {}
        site_url = store.settings.get("site_url", "") or ""
    except (sqlite3.Error, DeskeditorError, ValueError):
        grammar, site_url = {}, ""
    return Prefs(site_url=site_url if isinstance(site_url, str) else "",
                 language=str(grammar.get("language", "en-US")), server_url=str(grammar.get("server_url", "")),
                 picky=bool(grammar.get("picky", False)), theme=str(settings.value("theme", "system") or "system"),
                 font=str(settings.value("editor_font", "") or ""), line_chars=settings.int("line_chars", 0))


def save(store, settings, prefs: Prefs) -> None:
    """Store ``prefs`` (raises sqlite3.Error / DeskeditorError when the store refuses)."""
    grammar: dict[str, Any] = dict(store.settings.get("grammar", {}) or {})
    grammar.update(language=prefs.language, picky=prefs.picky)
    if prefs.server_url:
        grammar["server_url"] = prefs.server_url
    else:
        grammar.pop("server_url", None)
    store.settings.set("grammar", grammar)
    store.settings.set("site_url", prefs.site_url.rstrip("/"))
    settings.set_value("theme", prefs.theme)
    settings.set_value("editor_font", prefs.font)
    settings.set_value("line_chars", prefs.line_chars)


class PreferencesDialog(QDialog):
    def __init__(self, store, settings, editor_font: QFont, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Preferences")
        self.store, self.settings = store, settings
        self.before = load(store, settings)
        self.after: Prefs | None = None
        self.wants_dictionary = False
        p = self.before
        self.site_url = QLineEdit(p.site_url, placeholderText="https://blog.example.com")
        self.theme = _combo(THEMES, p.theme)
        self.font = QFontComboBox()
        font = QFont()
        if not (p.font and font.fromString(p.font)):
            font = editor_font
        self.font.setCurrentFont(font)
        self.font_size = QSpinBox(minimum=6, maximum=48, value=max(6, round(font.pointSizeF() or 11)))
        self.line_chars = QSpinBox(minimum=0, maximum=200, value=p.line_chars, specialValueText="Fill the editor",
                                   suffix=" characters")
        self.language = _combo(VARIANTS, p.language)
        self.server_url = QLineEdit(p.server_url, placeholderText="empty: the LanguageTool installed on this computer")
        self.picky = QCheckBox("Picky mode (more style rules, more findings)", checked=p.picky)
        dictionary = QPushButton("Edit Personal Dictionary…")
        dictionary.clicked.connect(self._dictionary)
        self.accounts = AccountsPage(store.settings)
        self.problem = QLabel(wordWrap=True)
        self.problem.setStyleSheet("color:#d93025")
        self.tabs = QTabWidget()
        self.tabs.addTab(_page(("Site URL", self.site_url), ("", _note("Used by the search preview, the SEO "
                               "checks and exports (a post's own site_url: overrides it).")),
                               ("Theme", self.theme)), "General")
        self.tabs.addTab(_page(("Font", self.font), ("Size", self.font_size), ("Line width", self.line_chars)),
                         "Editor")
        self.tabs.addTab(_page(("English variant", self.language), ("Grammar server", self.server_url),
                               ("", self.picky), ("", dictionary)), "Grammar")
        self.tabs.addTab(self.accounts, "Accounts")
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(self.tabs)
        lay.addWidget(self.problem)
        lay.addWidget(buttons)
        self.resize(560, 420)

    def values(self) -> Prefs:
        font = self.font.currentFont()
        font.setPointSize(self.font_size.value())
        return Prefs(site_url=self.site_url.text().strip(), language=self.language.currentData(),
                     server_url=self.server_url.text().strip().rstrip("/"), picky=self.picky.isChecked(),
                     theme=self.theme.currentData(), font=font.toString(), line_chars=self.line_chars.value())

    def _dictionary(self) -> None:
        self.wants_dictionary = True
        self.accept()

    def accept(self) -> None:
        prefs = self.values()
        problem = url_problem(prefs.site_url, "site URL") or url_problem(prefs.server_url, "grammar server")
        if problem:
            self.problem.setText(problem)
            return
        try:
            save(self.store, self.settings, prefs)
        except (sqlite3.Error, DeskeditorError) as exc:
            self.problem.setText(f"Cannot keep the preferences: {exc}")
            return
        self.after = prefs
        super().accept()


def _combo(choices, current: str) -> QComboBox:
    box = QComboBox()
    for value, label in choices:
        box.addItem(label, value)
    index = box.findData(current)
    box.setCurrentIndex(max(0, index))
    return box


def _note(text: str) -> QLabel:
    label = QLabel(text, wordWrap=True)
    label.setEnabled(False)
    return label


def _page(*rows) -> QWidget:
    page = QWidget()
    form = QFormLayout(page)
    for label, widget in rows:
        form.addRow(label, widget)
    return page
