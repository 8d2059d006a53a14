"""The library's operations on drafts: new, duplicate, trash, restore, import.

Each saves what must be saved first (through the window's autosaver), writes
through the store, refreshes the library and opens the draft the user expects.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QFileDialog

from ..core.errors import DeskeditorError

NEW_DRAFT = "# Untitled\n\n"


class DraftOps(QObject):
    def __init__(self, window) -> None:
        super().__init__(window)
        self.w = window

    def _message(self, text: str, ms: int = 10000) -> None:
        self.w.status.showMessage(text, ms)

    def new(self) -> None:
        self._create(lambda: self.w.store.drafts.create(NEW_DRAFT, status="draft"))

    def duplicate(self, draft_id: int) -> None:
        if draft_id == self.w.current_id():
            self.w.autosaver.flush(5.0)  # the copy gets what is on screen
        self._create(lambda: self.w.store.drafts.duplicate(draft_id))

    def duplicate_current(self) -> None:
        if self.w.draft is not None:
            self.duplicate(self.w.draft.id)

    def _create(self, make) -> None:
        w = self.w
        if w.store.read_only:
            self._message("The database is read-only: no new drafts.", 8000)
            return
        try:
            draft = make()
        except DeskeditorError as exc:
            self._message(f"Cannot create the draft: {exc}")
            return
        w.library.filter.setCurrentIndex(0)
        w.library.search.clear()
        w.library.refresh()
        w.open_draft(draft.id)

    def trash(self, draft_id: int) -> None:
        w = self.w
        try:
            w.store.drafts.trash(draft_id)
        except DeskeditorError as exc:
            self._message(f"Cannot move the draft to the trash: {exc}")
            return
        if draft_id == w.current_id():
            w.close_draft()
        w.library.refresh()
        if w.draft is None:
            w.open_initial_draft()
        self._message("Moved to the trash (Draft › Show Trash to restore it).", 6000)

    def trash_current(self) -> None:
        if self.w.draft is not None:
            self.trash(self.w.draft.id)

    def restore(self, draft_id: int) -> None:
        w = self.w
        try:
            w.store.drafts.restore(draft_id)
        except DeskeditorError as exc:
            self._message(f"Cannot restore the draft: {exc}")
            return
        w.library.filter.setCurrentIndex(0)
        w.library.refresh()
        w.open_draft(draft_id)

    def show_trash(self) -> None:
        w = self.w
        w.layout_state.set_visible("library", True)
        w.sync_view_actions()
        w.library.filter.setCurrentIndex(w.library.filter.findData("trash"))

    def import_files(self) -> None:
        """File › Import…: pick files, then import them with progress and Cancel."""
        files, _ = QFileDialog.getOpenFileNames(self.w, "Import drafts", str(Path.home()),
                                                "Documents (*.md *.markdown *.html *.htm *.txt);;All files (*)")
        if files:
            self.import_paths([Path(f) for f in files])

    def import_paths(self, paths: list[Path]):
        """Import ``paths`` in the background (``ImportDialog``); the library
        refreshes and the last imported draft opens when it is done."""
        from .import_dialog import ImportDialog

        w = self.w
        if w.store.read_only or w.store.path is None:
            self._message("The database is read-only: nothing can be imported.", 8000)
            return None
        dialog = ImportDialog(w.store.path, paths, w)
        dialog.job.finished.connect(lambda: self._imported(dialog))
        dialog.finished.connect(lambda _result: dialog.deleteLater())
        dialog.start()
        dialog.open()
        return dialog

    def _imported(self, dialog) -> None:
        outcome = dialog.outcome
        w = self.w
        if outcome is None or not outcome.imported or w._closing:
            return
        w.library.filter.setCurrentIndex(0)
        w.library.search.clear()
        w.library.refresh()
        w.open_draft(outcome.imported[-1])
