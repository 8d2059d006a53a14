"""Preferences › Accounts: the WordPress sites the publisher can post to.

The same list ``deskeditor sites`` keeps (``core.export.sites.Sites``, in the
store's settings); the application password goes to the system keyring,
never into the database. An ``http://`` address is refused (except this
machine): the password would cross the network readable.
"""

from __future__ import annotations

import sqlite3

from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QFormLayout, QHBoxLayout, QLabel, QLineEdit,
                               QListWidget, QListWidgetItem, QPushButton, QVBoxLayout, QWidget)

from ...core.errors import DeskeditorError
from ...core.export.sites import Sites, forget_password, keyring_status, store_password


class AddSiteDialog(QDialog):
    """Name, address, user and application password of a WordPress site."""

    def __init__(self, sites: Sites, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Add WordPress Site")
        self.sites = sites
        self.site = None
        self.name = QLineEdit(placeholderText="e.g. blog")
        self.url = QLineEdit(placeholderText="https://blog.example.com")
        self.user = QLineEdit()
        self.password = QLineEdit(echoMode=QLineEdit.Password,
                                  placeholderText="an application password (Users › Profile in WordPress)")
        self.problem = QLabel(wordWrap=True)
        self.problem.setStyleSheet("color:#d93025")
        form = QFormLayout(self)
        for label, w in (("Name", self.name), ("Address", self.url), ("User", self.user),
                         ("Application password", self.password)):
            form.addRow(label, w)
        form.addRow(self.problem)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def accept(self) -> None:
        try:
            site = self.sites.add(self.name.text().strip(), self.url.text(), self.user.text())
        except (DeskeditorError, sqlite3.Error) as exc:
            self.problem.setText(str(exc))
            return
        if self.password.text():
            try:
                store_password(site, self.password.text())
            except DeskeditorError as exc:
                self.problem.setText(f"Site added, but the password was not kept: {exc}")
                self.site = site
                return
        self.site = site
        super().accept()


class AccountsPage(QWidget):
    def __init__(self, settings, parent=None) -> None:
        super().__init__(parent)
        self.sites = Sites(settings)
        self.list = QListWidget()
        self.add_button = QPushButton("Add…")
        self.remove_button = QPushButton("Remove")
        self.add_button.clicked.connect(self.add)
        self.remove_button.clicked.connect(self.remove)
        self.note = QLabel(wordWrap=True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        lay = QVBoxLayout(self)
        lay.addWidget(QLabel("WordPress sites for File › Publish to WordPress:"))
        lay.addWidget(self.list, 1)
        lay.addLayout(buttons)
        lay.addWidget(self.note)
        self.refresh()

    def refresh(self) -> None:
        self.list.clear()
        try:
            sites = self.sites.list()
        except (DeskeditorError, sqlite3.Error, KeyError) as exc:
            self.note.setText(f"Cannot read the sites: {exc}")
            return
        for site in sites:
            item = QListWidgetItem(f"{site.name} — {site.user} at {site.url}")
            item.setData(256, site.name)
            self.list.addItem(item)
        self.remove_button.setEnabled(bool(sites))
        self.note.setText(f"Passwords: {keyring_status()}.")

    def add(self) -> AddSiteDialog:
        dialog = AddSiteDialog(self.sites, self)
        dialog.finished.connect(lambda _r: self.refresh())
        dialog.open()
        return dialog

    def remove(self) -> None:
        item = self.list.currentItem()
        if item is None:
            return
        try:
            site = self.sites.remove(item.data(256))
        except (DeskeditorError, sqlite3.Error) as exc:
            self.note.setText(str(exc))
            return
        forget_password(site)
        self.refresh()
