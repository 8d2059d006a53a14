"""Autosave: the editor's text reaches the store soon after every change.

A save is queued one second after typing stops, and at the latest 1.5 s after
the first unsaved change while typing goes on, so a crash loses at most the
last couple of seconds. Saves run in the ``SaveWorker`` thread. A failed save
keeps the text (it is still in the editor, or held here for a draft the
window has left), says so, and is retried with a growing delay until it
succeeds. A conflict (the draft was saved elsewhere) stops saving that draft
and asks the window to let the user choose.

The editor's document is never reset by a save, so undo works across saves.
Revisions written by autosave carry the note "autosave"; those the user asked
for (Ctrl+S, a restore) carry their own.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal

from .saving import SaveResult, SaveWorker

IDLE_MS = 1000
MAX_WAIT_MS = 1500
RETRY_MS = (1000, 2000, 4000, 8000, 15000)
AUTOSAVE_NOTE = "autosave"  # the revision note of saves nobody asked for



class SaveState(Enum):
    """Where the open draft's text stands with respect to the store."""

    SAVED = "saved"
    UNSAVED = "unsaved"
    SAVING = "saving"
    FAILED = "failed"  # the last save failed: retrying
    CONFLICT = "conflict"  # changed elsewhere: not saved until the user chooses
    READ_ONLY = "read-only"

    @property
    def is_problem(self) -> bool:
        """The user should see it (the status bar shows it in red)."""
        return self in (SaveState.FAILED, SaveState.CONFLICT, SaveState.READ_ONLY)


CONFLICT_LINE = "Not saved: this draft was changed elsewhere — choose which version to keep"


@dataclass
class _Orphan:
    """The unsaved text of a draft the window has left (its save failed)."""

    text: str
    note: str


class AutoSaver(QObject):
    stateChanged = Signal(object, str)  # SaveState, one line for the status bar
    conflict = Signal(int)  # draft id
    saved = Signal(int, int)  # draft id, new version
    _result = Signal(object)  # SaveResult, from the save thread

    def __init__(self, worker: SaveWorker, parent: QObject | None = None, *, read_only: bool = False) -> None:
        super().__init__(parent)
        self.worker = worker
        self.read_only = read_only
        self.editor = None
        self.draft_id: int | None = None
        self.saved_version = 0  # the editor version known to be in the store
        self.last_saved: Any = None  # the Draft of the last save, as the save thread stored it
        self.state = SaveState.SAVED
        self.message = ""
        self.conflicted: set[int] = set()
        self.orphans: dict[int, _Orphan] = {}
        self._failures = 0
        self._pending_note = ""
        self._result.connect(self._on_result)
        self._idle = QTimer(self, singleShot=True, interval=IDLE_MS)
        self._idle.timeout.connect(self._autosave)
        self._max = QTimer(self, singleShot=True, interval=MAX_WAIT_MS)
        self._max.timeout.connect(self._autosave)
        self._retry = QTimer(self, singleShot=True)
        self._retry.timeout.connect(self._retry_now)

    # called from the save thread
    def deliver(self, result: SaveResult) -> None:
        self._result.emit(result)

    # -- the draft being edited ------------------------------------------------
    def attach(self, draft_id: int, version: int, editor) -> None:
        self.detach()
        self.draft_id, self.editor = draft_id, editor
        self.worker.track(draft_id, version)
        self.conflicted.discard(draft_id)
        self.saved_version = editor.version
        editor.add_edit_listener(self._on_edit)
        self._set_state(SaveState.SAVED if not self.read_only else SaveState.READ_ONLY)

    def detach(self) -> None:
        """Leave the current draft, queueing a save of its unsaved text."""
        if self.editor is None:
            return
        self.editor.remove_edit_listener(self._on_edit)
        if self.dirty and not self.read_only:
            text, note = self.editor.text(), self._pending_note
            if self.draft_id in self.conflicted:
                self.orphans[self.draft_id] = _Orphan(text, note)
            else:
                self.worker.save(self.draft_id, text, ("left", self.draft_id), note or AUTOSAVE_NOTE)
                self.orphans[self.draft_id] = _Orphan(text, note)  # until the save is confirmed
        self._idle.stop()
        self._max.stop()
        self.editor, self.draft_id = None, None

    @property
    def dirty(self) -> bool:
        return self.editor is not None and self.editor.version != self.saved_version

    def has_unsaved(self) -> bool:
        return self.dirty or bool(self.orphans)

    # -- triggers ----------------------------------------------------------------
    def _on_edit(self) -> None:
        if self.read_only:
            return
        self._idle.start()
        if not self._max.isActive():
            self._max.start()
        if self.state == SaveState.SAVED:
            self._set_state(SaveState.UNSAVED)

    def _autosave(self) -> None:
        self._idle.stop()
        self._max.stop()
        self._submit("")

    def save_now(self, note: str = "saved") -> None:
        """Ctrl+S: save now with a note on the revision."""
        self._idle.stop()
        self._max.stop()
        self._submit(note, force=True)

    def _submit(self, note: str, force: bool = False) -> None:
        if self.editor is None or self.read_only:
            return
        if self.draft_id in self.conflicted:
            self._set_state(SaveState.CONFLICT, CONFLICT_LINE)
            return
        if not self.dirty and not force:
            return
        self._pending_note = note or self._pending_note
        self.worker.save(self.draft_id, self.editor.text(), ("edit", self.draft_id, self.editor.version),
                         self._pending_note or AUTOSAVE_NOTE)
        if self.state is not SaveState.FAILED:
            self._set_state(SaveState.SAVING)

    def flush(self, timeout: float = 10.0) -> bool:
        """Queue any unsaved text and wait for the save thread; True when all is saved."""
        self._idle.stop()
        self._max.stop()
        if self.dirty:
            self._submit("")
        for draft_id, orphan in list(self.orphans.items()):
            if draft_id not in self.conflicted:
                self.worker.save(draft_id, orphan.text, ("left", draft_id), orphan.note or AUTOSAVE_NOTE)
        self.worker.flush(timeout)
        QCoreApplication.sendPostedEvents(self)
        return not self.has_unsaved()

    def _retry_now(self) -> None:
        for draft_id, orphan in list(self.orphans.items()):
            if draft_id not in self.conflicted:
                self.worker.save(draft_id, orphan.text, ("left", draft_id), orphan.note or AUTOSAVE_NOTE)
        if self.dirty:
            self._submit("")

    # -- results -------------------------------------------------------------------
    def _on_result(self, r: SaveResult) -> None:
        kind = r.token[0] if isinstance(r.token, tuple) else ""
        if r.ok:
            self._failures = 0
            if kind == "left" or r.draft_id != self.draft_id:
                self.orphans.pop(r.draft_id, None)
            self.last_saved = r.draft
            self.saved.emit(r.draft_id, r.version)
            if r.draft_id == self.draft_id and kind == "edit":
                self.saved_version = max(self.saved_version, r.token[2])
                if r.token[2] == getattr(self.editor, "version", None):
                    self._pending_note = ""
            self._refresh_state()
            return
        if r.conflict:
            first = r.draft_id not in self.conflicted
            self.conflicted.add(r.draft_id)
            if r.draft_id != self.draft_id and kind == "left":
                pass  # kept in orphans; the window asks when it closes
            if r.draft_id == self.draft_id:
                self._set_state(SaveState.CONFLICT, CONFLICT_LINE)
            if first:
                self.conflict.emit(r.draft_id)
            return
        self._failures += 1
        delay = RETRY_MS[min(self._failures - 1, len(RETRY_MS) - 1)]
        self._set_state(SaveState.FAILED, f"Cannot save: {r.error} — retrying in {max(1, round(delay / 1000))} s")
        self._retry.start(delay)

    def _refresh_state(self) -> None:
        if self.read_only:
            self._set_state(SaveState.READ_ONLY)
        elif self.draft_id in self.conflicted:
            self._set_state(SaveState.CONFLICT, CONFLICT_LINE)
        elif self.orphans:
            if self.state != SaveState.FAILED:
                self._set_state(SaveState.SAVING)
        elif self.dirty:
            self._set_state(SaveState.UNSAVED if self.state != SaveState.FAILED else SaveState.FAILED, self.message)
        else:
            self._set_state(SaveState.SAVED)

    # -- conflicts -------------------------------------------------------------------
    def resolve_keep_mine(self, their_version: int) -> None:
        """Overwrite the other version with the editor's text."""
        draft_id = self.draft_id
        self.conflicted.discard(draft_id)
        self.worker.track(draft_id, their_version)
        self.save_now("kept this version over a change made elsewhere")

    def resolve_adopted(self, draft_id: int, version: int) -> None:
        """The window now shows the stored version ``version`` (saved_version follows)."""
        self.conflicted.discard(draft_id)
        self.orphans.pop(draft_id, None)
        self.worker.track(draft_id, version)
        if self.editor is not None and draft_id == self.draft_id:
            self.saved_version = self.editor.version
        self._refresh_state()

    def adopt_version(self, draft_id: int, version: int) -> None:
        """A save made by the window outside autosave (a restore) set ``version``."""
        self.worker.track(draft_id, version)

    # -- state -----------------------------------------------------------------------
    def _set_state(self, state: SaveState, message: str = "") -> None:
        if not message:
            message = {SaveState.SAVED: "Saved", SaveState.UNSAVED: "Unsaved changes", SaveState.SAVING: "Saving…",
                       SaveState.READ_ONLY: "Read-only: changes cannot be saved"}.get(state, state.value)
        if (state, message) == (self.state, self.message):
            return
        self.state, self.message = state, message
        self.stateChanged.emit(state, message)
