"""Long work off the GUI thread that reports progress and can be cancelled.

``CancellableJob(fn, parent)`` runs ``fn(report, cancelled)`` in a
QThreadPool: ``report(value)`` arrives on the GUI thread as ``progress``,
``cancelled()`` turns True once ``cancel()`` is called (from any thread), and
the outcome arrives as ``done(value)`` or ``failed(exception)``, then
``finished()``. Cancelling is cooperative: the work decides where it can stop
cleanly. The signals live on the owner's side (``parent``), which must outlive
the run: dialogs using this refuse to close until ``finished`` has come.
"""

from __future__ import annotations

import threading
from typing import Any, Callable

from PySide6.QtCore import QObject, QThreadPool, Signal
from PySide6.QtWidgets import QDialog

from . import pool as jobs_pool

Work = Callable[[Callable[[Any], None], Callable[[], bool]], Any]


class CancellableJob(QObject):
    progress = Signal(object)
    done = Signal(object)
    failed = Signal(object)
    finished = Signal()
    _ended = Signal()

    def __init__(self, fn: Work, parent: QObject | None = None, pool: QThreadPool | None = None) -> None:
        super().__init__(parent)
        self.fn = fn
        self.pool = pool or QThreadPool.globalInstance()
        self._cancel = threading.Event()
        self.running = False
        self._ended.connect(self._on_ended)

    def start(self) -> None:
        if self.running:
            return
        self._cancel.clear()
        self.running = True
        jobs_pool.start(self._run, self.pool)

    def _run(self) -> None:  # pool thread; Qt owns the runnable (see jobs.pool)
        try:
            value = self.fn(self._progress, self.cancelled)
        except Exception as exc:  # reported to the owner, never raised into Qt
            jobs_pool.emit(self.failed, exc)
        else:
            jobs_pool.emit(self.done, value)
        jobs_pool.emit(self._ended)

    def _progress(self, value: Any) -> None:
        jobs_pool.emit(self.progress, value)

    def cancel(self) -> None:
        """Ask the work to stop at its next safe point (thread-safe)."""
        self._cancel.set()

    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def _on_ended(self) -> None:
        self.running = False
        self.finished.emit()


class JobDialog(QDialog):
    """A dialog that runs one ``CancellableJob``. Cancel, Escape and the
    window's close button cancel a running job first (the dialog stays to say
    how it ended) and close it only once the job has finished. A subclass
    calls ``attach_job(work)`` and defines ``cancel``, ``_progress``,
    ``_done``, ``_failed`` and ``_finished``."""

    job: CancellableJob

    def attach_job(self, work: Work) -> None:
        self.job = CancellableJob(work, self)
        self.job.progress.connect(self._progress)
        self.job.done.connect(self._done)
        self.job.failed.connect(self._failed)
        self.job.finished.connect(self._finished)

    @property
    def running(self) -> bool:
        return self.job.running

    def cancel(self) -> None:
        raise NotImplementedError

    def reject(self) -> None:  # Cancel, Escape, the window's close button
        if self.running:
            self.cancel()
            return
        super().reject()

    def closeEvent(self, event) -> None:  # noqa: N802
        if self.running:
            self.cancel()
            event.ignore()
            return
        super().closeEvent(event)
