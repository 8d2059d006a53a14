"""Small background work for the window: one job at a time per kind, newest wins.

``LatestOnly`` runs a function in a QThreadPool. While a job runs, further
requests replace one another and only the newest waits; so a burst of
keystrokes costs at most one running job and one queued one. Each request
carries a token (the document version); results arrive on the GUI thread as
``finished(token, value)`` and the owner decides whether the token is stale.

It is for short jobs (the word count, a revision's diff). Parsing, rendering
and linting, which a hostile draft can make take seconds, run in worker
processes instead (``analysis_jobs``, ``deskeditor.worker``), where they
cannot hold the GUI process's GIL.
"""

from __future__ import annotations

import traceback
from typing import Any, Callable

from PySide6.QtCore import QObject, QThreadPool, Signal

from . import pool as jobs_pool


class _Relay(QObject):
    done = Signal(object, object, object)  # job id, token, value
    failed = Signal(object, object, str)


class LatestOnly(QObject):
    """Single-flight runner: at most one job running and one waiting."""

    finished = Signal(object, object)  # token, value
    failed = Signal(object, str)  # token, message

    def __init__(self, pool: QThreadPool, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.pool = pool
        self._relay = _Relay(self)  # owned by Qt with this object, never freed on a pool thread
        self._relay.done.connect(self._on_done)
        self._relay.failed.connect(self._on_failed)
        self._running: int | None = None
        self._waiting: tuple[Any, Callable[[], Any]] | None = None
        self._next_id = 0
        self._closed = False

    @property
    def busy(self) -> bool:
        return self._running is not None or self._waiting is not None

    def submit(self, token: Any, fn: Callable[[], Any]) -> None:
        if self._closed:
            return
        if self._running is not None:
            self._waiting = (token, fn)
            return
        self._start(token, fn)

    def cancel_waiting(self) -> None:
        self._waiting = None

    def close(self) -> None:
        """Run nothing more; results of a running job are ignored."""
        self._closed = True
        self._waiting = None

    def _start(self, token: Any, fn: Callable[[], Any]) -> None:
        self._next_id += 1
        self._running = self._next_id
        job_id, relay = self._next_id, self._relay

        def run() -> None:  # pool thread; Qt owns the runnable (see jobs.pool)
            try:
                value = fn()
            except Exception as exc:  # reported, never raised into Qt
                detail = "".join(traceback.format_exception_only(type(exc), exc)).strip()
                jobs_pool.emit(relay.failed, job_id, token, detail)
            else:
                jobs_pool.emit(relay.done, job_id, token, value)

        jobs_pool.start(run, self.pool)

    def _advance(self) -> None:
        self._running = None
        if self._waiting is not None and not self._closed:
            token, fn = self._waiting
            self._waiting = None
            self._start(token, fn)

    def _on_done(self, job_id: int, token: Any, value: Any) -> None:
        if job_id != self._running:
            return
        self._advance()
        if not self._closed:
            self.finished.emit(token, value)

    def _on_failed(self, job_id: int, token: Any, message: str) -> None:
        if job_id != self._running:
            return
        self._advance()
        if not self._closed:
            self.failed.emit(token, message)
