"""The library's commands: new, duplicate, trash, restore, show the trash,
import files.

The session writes (saving what must be saved first) and opens the draft the
user expects; this object adds what the library list shows: back to all
drafts, the search cleared, the trash when asked for. It is handed the
session, the library pane, and a way to reveal the library.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QFileDialog, QWidget

from ..panels.library import LibraryPane
from ..session.draft_session import DraftSession


class DraftOps(QObject):
    message = Signal(str, int)

    def __init__(self, session: DraftSession, library: LibraryPane, reveal_library: Callable[[], None],
                 parent: QWidget) -> None:
        super().__init__(parent)
        self.session, self.library, self.reveal_library = session, library, reveal_library

    def _show_all(self) -> None:
        """All drafts, unfiltered, so the one just made or brought back is in the list."""
        self.library.filter.setCurrentIndex(0)
        self.library.search.clear()
        self.library.refresh()

    def new(self) -> None:
        if self.session.new_draft():
            self._show_all()

    def duplicate(self, draft_id: int) -> None:
        if self.session.duplicate(draft_id):
            self._show_all()

    def duplicate_current(self) -> None:
        if self.session.draft is not None:
            self.duplicate(self.session.draft.id)

    def trash(self, draft_id: int) -> None:
        self.session.trash(draft_id)

    def trash_current(self) -> None:
        if self.session.draft is not None:
            self.trash(self.session.draft.id)

    def restore(self, draft_id: int) -> None:
        if self.session.restore(draft_id):
            self.library.filter.setCurrentIndex(0)
            self.library.refresh()

    def show_trash(self) -> None:
        self.reveal_library()
        self.library.filter.setCurrentIndex(self.library.filter.findData("trash"))

    def import_files(self) -> None:
        """File › Import…: pick files, then import them with progress and Cancel."""
        files, _ = QFileDialog.getOpenFileNames(self.parent(), "Import drafts", str(Path.home()),
                                                "Documents (*.md *.markdown *.html *.htm *.txt);;All files (*)")
        if files:
            self.import_paths([Path(f) for f in files])

    def import_paths(self, paths: list[Path]):
        """Import ``paths`` in the background (``ImportDialog``); the library
        refreshes and the last imported draft opens when it is done."""
        from ..dialogs.importing import ImportDialog

        store = self.session.store
        if store.read_only or store.path is None:
            self.message.emit("The database is read-only: nothing can be imported.", 8000)
            return None
        dialog = ImportDialog(store.path, paths, self.parent())
        dialog.job.finished.connect(lambda: self._imported(dialog))
        dialog.finished.connect(lambda _result: dialog.deleteLater())
        dialog.start()
        dialog.open()
        return dialog

    def _imported(self, dialog) -> None:
        from ..dialogs.importing import summary

        outcome = dialog.outcome
        if outcome is None or not outcome.imported or self.session.closing:
            return
        self._show_all()
        self.session.open_draft(outcome.imported[-1])
        self.message.emit(summary(outcome), 8000)
