"""Small dialogs: About, dismiss reason, personal dictionary, backups,
comparing two versions, keyboard shortcuts."""

from __future__ import annotations

import html
from enum import Enum
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QInputDialog, QLabel, QListWidget,
                               QMessageBox, QPushButton, QTextBrowser, QVBoxLayout, QWidget)

from ... import __version__

DISMISS_REASONS = ["Intended: the writer's choice", "House style allows it", "False alarm",
                   "Quoted text: not ours to change"]


def about(parent: QWidget) -> None:
    QMessageBox.about(
        parent, "About deskeditor",
        f"<h3>deskeditor {html.escape(__version__)}</h3>"
        "<p>A desktop Markdown editorial workstation: draft offline with a live preview, "
        "lint for SEO, readability, grammar and citations, review, export.</p>"
        "<p>Your drafts live in one SQLite file on this machine. Nothing leaves it unless you ask.</p>"
        "<p>MIT licence. Built with PySide6 (Qt), markdown-it-py and LanguageTool.</p>")


def ask_dismiss_reason(parent: QWidget, message: str) -> str | None:
    """The reason for dismissing a finding, or None if cancelled."""
    reason, ok = QInputDialog.getItem(parent, "Dismiss finding",
                                      f"Why dismiss “{message}”?\n(The reason is kept with the draft.)",
                                      DISMISS_REASONS, 0, True)
    return reason.strip() if ok else None


class DictionaryDialog(QDialog):
    def __init__(self, store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Personal dictionary")
        self.store = store
        self.list = QListWidget()
        remove = QPushButton("Remove")
        remove.clicked.connect(self._remove)
        buttons = QDialogButtonBox(QDialogButtonBox.Close)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(QLabel("Words never flagged as misspelt, in any draft:"))
        lay.addWidget(self.list)
        lay.addWidget(remove)
        lay.addWidget(buttons)
        self.list.addItems(store.dictionary.words())
        self.changed = False

    def _remove(self) -> None:
        item = self.list.currentItem()
        if item is None:
            return
        self.store.dictionary.remove(item.text())
        self.list.takeItem(self.list.row(item))
        self.changed = True


def choose_backup(parent: QWidget, backups: list[Path]) -> Path | None:
    if not backups:
        QMessageBox.information(parent, "Backups", "There are no backups of this database yet.")
        return None
    box = QDialog(parent)
    box.setWindowTitle("Restore from backup")
    combo = QComboBox()
    for b in backups:
        combo.addItem(b.name, str(b))
    buttons = QDialogButtonBox(QDialogButtonBox.Cancel)
    restore = buttons.addButton("Restore", QDialogButtonBox.AcceptRole)
    restore.setDefault(True)
    buttons.accepted.connect(box.accept)
    buttons.rejected.connect(box.reject)
    lay = QVBoxLayout(box)
    lay.addWidget(QLabel("Replace the database with this backup? The current file is backed up first, "
                         "so nothing is destroyed. The window reopens."))
    lay.addWidget(combo)
    lay.addWidget(buttons)
    if box.exec() != QDialog.Accepted:
        return None
    return Path(combo.currentData())


def show_html(parent: QWidget, title: str, body: str, width: int = 1000, height: int = 640) -> None:
    box = QDialog(parent)
    box.setWindowTitle(title)
    view = QTextBrowser()
    view.setHtml(body)
    buttons = QDialogButtonBox(QDialogButtonBox.Close)
    buttons.rejected.connect(box.reject)
    lay = QVBoxLayout(box)
    lay.addWidget(view)
    lay.addWidget(buttons)
    box.resize(width, height)
    box.exec()


def shortcuts_html(rows: list[tuple[str, str]]) -> str:
    body = "".join(f"<tr><td>{html.escape(a)}</td><td style='padding-left:24px'><b>{html.escape(k)}</b></td></tr>"
                   for a, k in rows if k)
    return f"<table>{body}</table>"


class CloseChoice(Enum):
    """What to do when the window closes with text the store would not take."""

    RETRY = "retry"  # try saving again
    FILE = "file"  # write the text to a file of the user's choosing
    DISCARD = "discard"  # close and lose it
    CANCEL = "cancel"  # stay open


def unsaved_on_close(parent: QWidget, message: str) -> CloseChoice:
    """Ask what to do with text that could not be saved."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Warning)
    box.setWindowTitle("Text not saved")
    box.setText("Some of your text could not be saved to the database.")
    box.setInformativeText(f"{message}\n\nYou can try again, save the text to a file, or close and lose it.")
    retry = box.addButton("Try Again", QMessageBox.AcceptRole)
    to_file = box.addButton("Save to File…", QMessageBox.ActionRole)
    discard = box.addButton("Close and Lose It", QMessageBox.DestructiveRole)
    box.addButton(QMessageBox.Cancel)
    box.setDefaultButton(retry)
    box.exec()
    clicked = box.clickedButton()
    choices = {retry: CloseChoice.RETRY, to_file: CloseChoice.FILE, discard: CloseChoice.DISCARD}
    return choices.get(clicked, CloseChoice.CANCEL)


def ask_restore(parent: QWidget, number: int) -> str | None:
    """Confirm restoring revision ``number``: "all" (its front matter too),
    "text" (its text under the current front matter: keyphrase, slug, meta
    description kept) or None (not now)."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Question)
    box.setWindowTitle("Restore revision")
    box.setText(f"Replace the draft with revision {number}?")
    box.setInformativeText("Restore Text Only keeps the current title, keyphrase, slug, meta description and "
                           "the other fields. Either way Undo brings your text back.")
    text_only = box.addButton("Restore Text Only", QMessageBox.AcceptRole)
    everything = box.addButton("Restore All", QMessageBox.DestructiveRole)
    box.addButton(QMessageBox.Cancel)
    box.setDefaultButton(text_only)
    box.exec()
    return {text_only: "text", everything: "all"}.get(box.clickedButton())


def text_view_flags(label: QLabel) -> None:
    label.setTextInteractionFlags(Qt.TextSelectableByMouse)
