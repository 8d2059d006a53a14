"""Running a Python function in a QThreadPool without a Python ``QRunnable``.

Every job here is handed to the pool as a plain callable
(``QThreadPool.start(callable)``), so the runnable is Qt's own object and Qt
deletes it when it is done. A ``QRunnable`` subclass made in Python is a
wrapper whose C++ half dies when Python lets go of it: the pool thread still
reads it after ``run()`` returns, so dropping it on the GUI thread a moment
too early is a use-after-free (native crashes with no Python frame).

Results travel through a ``Signals`` object created on the GUI thread and
owned there (a child of the dialog that waits for them), so they arrive as
queued calls on the GUI thread.
"""

from __future__ import annotations

from typing import Any, Callable

from PySide6.QtCore import QObject, QThreadPool, Signal


class Signals(QObject):
    progress = Signal(str)
    done = Signal(object)
    failed = Signal(object)


def start(fn: Callable[[], None], pool: QThreadPool | None = None) -> None:
    """Run ``fn()`` on a pool thread; ``fn`` reports through signals and never raises."""
    (pool or QThreadPool.globalInstance()).start(fn)


def emit(signal: Any, *args: Any) -> bool:
    """Emit from a worker thread; False when the receiving side is already gone."""
    try:
        signal.emit(*args)
    except RuntimeError:  # its QObject was deleted with its dialog
        return False
    return True


class BackgroundTask:
    """``fn(progress)`` in the pool, reporting ``done(value)`` or ``failed(exc)``
    through ``signals``; after ``cancelled`` is set nothing more is reported."""

    def __init__(self, fn: Callable[[Callable[[str], None]], Any], signals: Signals) -> None:
        self.fn = fn
        self.signals = signals
        self.cancelled = False

    def start(self, pool: QThreadPool | None = None) -> None:
        start(self._run, pool)

    def _progress(self, text: str) -> None:
        if not self.cancelled:
            emit(self.signals.progress, text)

    def _run(self) -> None:  # pool thread
        try:
            value = self.fn(self._progress)
        except Exception as exc:  # reported to the dialog, never raised into Qt
            if not self.cancelled:
                emit(self.signals.failed, exc)
        else:
            if not self.cancelled:
                emit(self.signals.done, value)
