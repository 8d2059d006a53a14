"""The save thread: drafts reach SQLite without the window ever waiting on disk.

``SaveWorker`` owns its own store connection in its own thread. The window
hands it the newest text of a draft; a newer text for the same draft replaces
one not yet written, so a burst of autosaves costs one write. Each save names
the version this window last saw; a draft saved elsewhere in the meantime
comes back as a conflict and that draft is not written again until the window
says how to resolve it. A failing disk comes back as an error; the text stays
with the caller, who retries. Pure Python (threads), no Qt: the Qt side is
``autosave.AutoSaver``.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any, Callable

from ...core.errors import ConflictError, DeskeditorError, StoreError


@dataclass
class SaveResult:
    draft_id: int
    token: Any  # whatever the caller passed (the editor's document version)
    ok: bool
    version: int = 0  # the draft's version after the save
    error: str = ""  # one line for the user
    conflict: bool = False
    note: str = ""
    draft: Any = None  # the Draft as stored (ok): the window need not read it back


@dataclass
class _SaveJob:
    draft_id: int
    text: str
    token: Any
    note: str


class SaveWorker:
    """A thread that saves drafts through a store of its own.

    ``open_store`` is called in the thread (again after a failure) and must
    return a ``Store``. ``on_result`` is called in the thread with each
    ``SaveResult``; the Qt adapter turns that into a queued signal.
    """

    def __init__(self, open_store: Callable[[], Any], on_result: Callable[[SaveResult], None]) -> None:
        self._open_store = open_store
        self._on_result = on_result
        self._store = None
        self._cond = threading.Condition()
        self._saves: "OrderedDict[int, _SaveJob]" = OrderedDict()
        self._calls: list[tuple[Callable[[Any], Any], Callable[[Any, str], None] | None]] = []
        self._versions: dict[int, int] = {}
        self._conflicted: set[int] = set()
        self._busy = False
        self._stop = False
        self._thread = threading.Thread(target=self._loop, name="deskeditor-save", daemon=True)

    def start(self) -> None:
        self._thread.start()

    # -- requests (any thread) -----------------------------------------------
    def track(self, draft_id: int, version: int) -> None:
        """The window now holds ``version`` of the draft: saves are based on it."""
        with self._cond:
            self._versions[draft_id] = version
            self._conflicted.discard(draft_id)

    def version(self, draft_id: int) -> int | None:
        with self._cond:
            return self._versions.get(draft_id)

    def save(self, draft_id: int, text: str, token: Any = None, note: str = "") -> None:
        with self._cond:
            old = self._saves.pop(draft_id, None)
            if old is not None and old.note not in ("", "autosave") and note in ("", "autosave"):
                note = old.note  # keep an explicit save's note when an autosave overtakes it
            self._saves[draft_id] = _SaveJob(draft_id, text, token, note)
            self._cond.notify_all()

    def call(self, fn: Callable[[Any], Any], on_error: Callable[[Any, str], None] | None = None) -> None:
        """Run ``fn(store)`` in the save thread, after the saves queued before it."""
        with self._cond:
            self._calls.append((fn, on_error))
            self._cond.notify_all()

    def pending(self) -> bool:
        with self._cond:
            return bool(self._saves or self._calls or self._busy)

    def flush(self, timeout: float = 10.0) -> bool:
        """Wait until everything queued has been attempted. False on timeout."""
        with self._cond:
            return self._cond.wait_for(lambda: not (self._saves or self._calls or self._busy), timeout)

    def stop(self, timeout: float = 10.0) -> bool:
        done = self.flush(timeout)
        with self._cond:
            self._stop = True
            self._cond.notify_all()
        if self._thread.is_alive():
            self._thread.join(timeout)
        return done

    # -- the thread ----------------------------------------------------------
    def _loop(self) -> None:
        while True:
            with self._cond:
                self._cond.wait_for(lambda: self._stop or self._saves or self._calls)
                if self._stop and not (self._saves or self._calls):
                    break
                if self._saves:
                    _, job = self._saves.popitem(last=False)
                    item: Any = job
                else:
                    item = self._calls.pop(0)
                self._busy = True
            try:
                if isinstance(item, _SaveJob):
                    self._report(self._save(item))
                else:
                    self._run_call(*item)
            finally:
                with self._cond:
                    self._busy = False
                    self._cond.notify_all()
        if self._store is not None:
            self._store.close()

    def _report(self, result: SaveResult) -> None:
        try:
            self._on_result(result)
        except Exception:  # the window is gone; nothing to tell
            pass

    def _store_or_error(self):
        if self._store is None:
            self._store = self._open_store()
        return self._store

    def _save(self, job: _SaveJob) -> SaveResult:
        with self._cond:
            if job.draft_id in self._conflicted:
                return SaveResult(job.draft_id, job.token, False, conflict=True, note=job.note,
                                  error="the draft was changed elsewhere")
            expected = self._versions.get(job.draft_id)
        try:
            store = self._store_or_error()
            if getattr(store, "read_only", False):
                raise StoreError(f"the database is read-only ({store.problem})" if store.problem
                                 else "the database is read-only")
            draft = store.drafts.save(job.draft_id, job.text, expected_version=expected, note=job.note)
        except ConflictError as exc:
            with self._cond:
                self._conflicted.add(job.draft_id)
            return SaveResult(job.draft_id, job.token, False, conflict=True, error=str(exc), note=job.note)
        except DeskeditorError as exc:
            self._drop_store()
            return SaveResult(job.draft_id, job.token, False, error=str(exc), note=job.note)
        except Exception as exc:  # sqlite3 errors outside the store's own handling, OSError ...
            self._drop_store()
            return SaveResult(job.draft_id, job.token, False, error=f"{type(exc).__name__}: {exc}",
                              note=job.note)
        with self._cond:
            self._versions[job.draft_id] = draft.version
        return SaveResult(job.draft_id, job.token, True, version=draft.version, note=job.note, draft=draft)

    def _run_call(self, fn, on_error) -> None:
        try:
            fn(self._store_or_error())
        except Exception as exc:
            self._drop_store()
            if on_error is not None:
                try:
                    on_error(fn, str(exc))
                except Exception:
                    pass

    def _drop_store(self) -> None:
        """Reopen the connection on the next attempt (the file may be back)."""
        if self._store is not None:
            try:
                self._store.close()
            except Exception:
                pass
        self._store = None
