"""Add or edit one source of the shared library (the Citations tab's Add… and
Edit…): key, type, title, site, short name, authors, dates and URL, checked
before the dialog closes."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFormLayout, QHBoxLayout, QLabel, QLineEdit,
    QPlainTextEdit, QPushButton, QVBoxLayout,
)

from ...core.citations import csl as csl_mod
from ...core.errors import InputError

TYPES = ["webpage", "article-newspaper", "article-magazine", "article-journal", "post-weblog", "post",
         "report", "book", "chapter", "motion_picture", "broadcast", "interview", "dataset", "document"]


class SourceDialog(QDialog):
    """Add or edit one source: key, type, title, site, short name, authors,
    dates and URL. ``values()`` gives (key, CSL-JSON)."""

    def __init__(self, parent=None, key: str = "", csl: dict[str, Any] | None = None,
                 taken: set[str] | frozenset = frozenset(), editing: bool = False,
                 attach: bool | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Edit source" if editing else "Add source")
        self.taken = set(taken)
        self.editing = editing
        self.base = dict(csl or {})
        c = self.base
        self.key = QLineEdit(key)
        self.key.setReadOnly(editing)  # drafts cite the key: renaming would break them
        self.type = QComboBox()
        self.type.addItems(TYPES)
        kind = str(c.get("type") or "webpage")
        if kind not in TYPES:
            self.type.addItem(kind)
        self.type.setCurrentText(kind)
        self.title = QLineEdit(str(c.get("title") or ""))
        self.site = QLineEdit(str(c.get("container-title") or c.get("publisher") or ""))
        self.short = QLineEdit(str(c.get("container-title-short") or ""))
        self.authors = QPlainTextEdit("\n".join(csl_mod.name_text(n) for n in c.get("author") or []
                                                if isinstance(n, dict)))
        self.authors.setFixedHeight(60)
        self.issued = QLineEdit(csl_mod.date_text(c.get("issued")))
        self.issued.setPlaceholderText("YYYY-MM-DD")
        self.accessed = QLineEdit(csl_mod.date_text(c.get("accessed")))
        self.accessed.setPlaceholderText("YYYY-MM-DD")
        self.url = QLineEdit(csl_mod.url_of(c))
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.hide()
        form = QFormLayout()
        form.addRow("Key", self.key)
        form.addRow("Type", self.type)
        form.addRow("Title", self.title)
        form.addRow("Site or publication", self.site)
        form.addRow("Short name", self.short)
        form.addRow("Authors (Family, Given)", self.authors)
        form.addRow("Published", self.issued)
        form.addRow("Accessed", self.accessed)
        form.addRow("URL", self.url)
        self.attach = QCheckBox("Attach to this draft")
        self.attach.setChecked(bool(attach))
        self.attach.setVisible(attach is not None)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        today = QPushButton("Today")
        today.setToolTip("Set the accessed date to today")
        today.clicked.connect(lambda: self.accessed.setText(csl_mod.date_text(csl_mod.today())))
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        row = QHBoxLayout()
        row.addWidget(self.attach)
        row.addStretch(1)
        row.addWidget(today)
        lay.addLayout(row)
        lay.addWidget(self.error)
        lay.addWidget(buttons)
        if not editing:  # a key is suggested from what is typed until the user writes one
            self._suggested = key
            for w in (self.title, self.site, self.issued):
                w.textChanged.connect(self._suggest_key)
            self.authors.textChanged.connect(self._suggest_key)
            self._suggest_key()

    def _suggest_key(self) -> None:
        if self.key.text().strip() not in ("", self._suggested):
            return  # the user's own key
        csl: dict[str, Any] = {"type": "webpage"}
        for var, widget in (("title", self.title), ("container-title", self.site)):
            if widget.text().strip():
                csl[var] = widget.text().strip()
        names = [ln.strip() for ln in self.authors.toPlainText().splitlines() if ln.strip()]
        if names:
            csl["author"] = [csl_mod.parse_name(names[0])]
        issued = csl_mod.parse_date(self.issued.text().strip()) if self.issued.text().strip() else None
        if issued:
            csl["issued"] = issued
        self._suggested = csl_mod.make_key(csl, self.taken) if len(csl) > 1 else ""
        self.key.setText(self._suggested)

    def values(self) -> tuple[str, dict[str, Any]]:
        """(key, CSL-JSON); raises ``InputError`` saying what is wrong."""
        key = self.key.text().strip()
        if not key or any(ch.isspace() for ch in key):
            raise InputError("a source needs a key without spaces")
        if not self.editing and key in self.taken:
            raise InputError(f"the key {key!r} is taken")
        csl = dict(self.base)
        for var in ("title", "container-title", "container-title-short", "URL", "issued", "accessed", "author"):
            csl.pop(var, None)
        csl["type"] = self.type.currentText()
        for var, widget in (("title", self.title), ("container-title", self.site),
                            ("container-title-short", self.short), ("URL", self.url)):
            if widget.text().strip():
                csl[var] = widget.text().strip()
        for var, widget in (("issued", self.issued), ("accessed", self.accessed)):
            text = widget.text().strip()
            if text:
                d = csl_mod.parse_date(text)
                if not d or "date-parts" not in d:
                    raise InputError(f"{var} date {text!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
                csl[var] = d
        names = [ln.strip() for ln in self.authors.toPlainText().splitlines() if ln.strip()]
        if names:
            csl["author"] = [csl_mod.parse_name(n) for n in names]
        try:
            return key, csl_mod.normalize(dict(csl, id=key))
        except csl_mod.CSLError as exc:
            raise InputError(str(exc)) from None

    def accept(self) -> None:
        try:
            self.values()
        except InputError as exc:
            self.error.setText(str(exc))
            self.error.show()
            return
        super().accept()
