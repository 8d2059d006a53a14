"""A draft changed elsewhere (another window, another process) while open here.

The save thread refuses to overwrite it (``ConflictError``); this object says
so (``conflicted``, for the banner) and carries out the user's choice: keep
mine (overwrite theirs) or use theirs (mine becomes a new draft first, so
nothing is lost). On activation, a draft changed elsewhere while this window
had no unsaved edits is simply reloaded (as an undoable edit).

It is handed what it works with: the store, the autosaver and its save thread,
the editor holding the text, and a way to ask which draft is open.
"""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QObject, Signal

from ...core.errors import DeskeditorError
from ...core.model import Draft
from ..editor import MarkdownEditor
from .autosave import AutoSaver
from .saving import SaveWorker

NOTICE = ("<b>This draft was changed elsewhere</b> (another window or program) since you opened it. "
          "Your text is safe here but not saved until you choose.")


class ConflictResolver(QObject):
    conflicted = Signal()  # the open draft: the user must choose
    resolved = Signal()
    adopted = Signal(object)  # the stored Draft the editor now shows (theirs)
    copied = Signal(object)  # a new Draft holding a version that would otherwise be lost
    message = Signal(str, int)

    def __init__(self, store, autosaver: AutoSaver, save_worker: SaveWorker, editor: MarkdownEditor,
                 current: Callable[[], Draft | None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store, self.autosaver, self.save_worker, self.editor = store, autosaver, save_worker, editor
        self.current = current
        autosaver.conflict.connect(self.on_conflict)

    def on_conflict(self, draft_id: int) -> None:
        draft = self.current()
        if draft is not None and draft_id == draft.id:
            self.conflicted.emit()
            return
        orphan = self.autosaver.orphans.get(draft_id)
        if orphan is not None and self.save_as_copy(draft_id, orphan.text, "unsaved copy") is not None:
            self.autosaver.resolve_adopted(draft_id, self.store.drafts.get(draft_id).version)

    def save_as_copy(self, draft_id: int, text: str, label: str) -> int | None:
        try:
            title = self.store.drafts.get(draft_id).title
            copy = self.store.drafts.create(text, title=f"{title} ({label})")
        except DeskeditorError as exc:
            self.message.emit(f"Cannot save a copy: {exc}", 10000)
            return None
        self.copied.emit(copy)
        self.message.emit(f"Your version was kept as a new draft: “{copy.title}”.", 10000)
        return copy.id

    def theirs(self) -> Draft:
        """The open draft as stored (by the other window)."""
        return self.store.drafts.get(self.current().id)

    def keep_mine(self) -> None:
        self.autosaver.resolve_keep_mine(self.theirs().version)
        self.resolved.emit()

    def use_theirs(self) -> None:
        """Show the stored version; the editor's text becomes a new draft first."""
        draft_id = self.current().id
        if self.save_as_copy(draft_id, self.editor.text(), "my version") is None:
            return
        theirs = self.store.drafts.get(draft_id)
        self.adopted.emit(theirs)
        self.editor.replace_text(theirs.body)
        self.autosaver.resolve_adopted(draft_id, theirs.version)
        self.resolved.emit()

    def check_external_change(self) -> None:
        """A draft saved elsewhere while we had no unsaved edits is reloaded."""
        draft = self.current()
        if draft is None or self.autosaver.dirty or self.save_worker.pending() \
                or draft.id in self.autosaver.conflicted:
            return
        try:
            stored = self.store.drafts.get(draft.id)
        except DeskeditorError:
            return
        known = self.save_worker.version(draft.id)
        if known is None or stored.version == known:
            return
        if stored.body != self.editor.text():
            self.adopted.emit(stored)
            self.editor.replace_text(stored.body)  # undoable
            self.message.emit("Reloaded: this draft was changed elsewhere.", 8000)
        self.autosaver.resolve_adopted(stored.id, stored.version)
