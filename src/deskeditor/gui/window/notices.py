"""What the banner above the editor says, and what its buttons do: a draft
changed elsewhere (keep mine, use theirs, compare), a draft held back for a
line too long to show, a database open read-only (restore a backup), a
preview that fell back to plain text.

It is handed the banner, the session whose events it shows, and the colours
the comparison is drawn in; the window is only the parent of its dialogs.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from ...core.model import Draft
from ...core.store.database import list_backups
from ..dialogs import small as dialogs
from ..panels.diff import DARK, DiffStyle, side_by_side_html
from ..session.conflicts import NOTICE as CONFLICT_NOTICE
from ..session.draft_session import DraftSession
from .banner import Banner
from .theme import Colors


class Notices(QObject):
    restoreBackupRequested = Signal(object)  # Path of the backup to restore

    def __init__(self, banner: Banner, session: DraftSession, colors: Callable[[], Colors], parent: QWidget) -> None:
        super().__init__(parent)
        self.banner, self.session, self.colors = banner, session, colors
        conflicts = session.conflicts
        session.draftOpened.connect(self._opened)
        session.draftHeld.connect(self._held)
        conflicts.conflicted.connect(self._conflicted)
        conflicts.resolved.connect(lambda: banner.clear("conflict"))

    def _opened(self, draft: Draft | None) -> None:
        self.banner.clear("long-lines")
        if draft is not None:
            self.banner.clear("conflict")

    def _conflicted(self) -> None:
        c = self.session.conflicts
        self.banner.show_message("conflict", CONFLICT_NOTICE, [("Keep Mine", c.keep_mine),
                                                               ("Use Theirs", c.use_theirs),
                                                               ("Compare", self.compare)])

    def compare(self) -> None:
        theirs = self.session.conflicts.theirs()
        style = DARK if self.colors().dark else DiffStyle()
        dialogs.show_html(self.parent(), "Their version and yours",
                          side_by_side_html(theirs.body, self.session.text(), "Saved elsewhere", "Yours", style))

    def _held(self, _draft: Draft, longest: int) -> None:
        """A draft with a line so long that Qt would freeze on it waits for the
        user to say how to show it (see ``editor.longlines``)."""
        self.banner.show_message(
            "long-lines",
            f"<b>This draft has a line of {longest:,} characters.</b> Typing in a line that long would freeze "
            "the window, so it is not shown yet. Breaking its paragraph lines at spaces changes nothing "
            "in the published post (the old text stays in History).",
            [("Break Long Lines", self.session.break_long_lines), ("Show Anyway", self.session.show_anyway)])

    def preview_fell_back(self, problem: str) -> None:
        self.banner.show_message("preview", f"Plain preview: {problem}.",
                                 [("Dismiss", lambda: self.banner.clear("preview"))])

    # -- a damaged database -------------------------------------------------------------------
    def show_store_problem(self) -> None:
        store = self.session.store
        if not store.read_only:
            return
        backups = list_backups(store.path) if store.path else []
        actions = [("Restore Latest Backup…", self.restore_latest_backup)] if backups else []
        self.banner.show_message(
            "integrity",
            f"<b>The database is open read-only:</b> {store.problem or 'it cannot be written'}. "
            "Nothing can be saved until it is repaired" + (" or a backup is restored." if backups else "."),
            actions)

    def restore_latest_backup(self) -> None:
        backups = list_backups(self.session.store.path)
        if not backups:
            return
        answer = QMessageBox.question(
            self.parent(), "Restore backup",
            f"Replace the database with its latest backup, {backups[0].name}?\n\n"
            "The current file is backed up first, so nothing is destroyed. The window reopens.")
        if answer == QMessageBox.Yes:
            self.restoreBackupRequested.emit(backups[0])

    def choose_backup(self) -> None:
        """File › Restore from Backup…"""
        path: Path | None = self.session.store.path
        if path is None:
            return
        chosen = dialogs.choose_backup(self.parent(), list_backups(path))
        if chosen is not None:
            self.restoreBackupRequested.emit(chosen)
