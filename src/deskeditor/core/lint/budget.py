"""Time budgets for lint steps, kept by the interval timer of the process.

    with Budget(20.0, is_stale):
        analyze(...)          # GaveUp("time") once 20 s have passed,
                              # GaveUp("stale") as soon as is_stale() says so

The step runs on the main thread of its process (the worker process of the
window, or the CLI), and ``signal.setitimer(ITIMER_REAL)`` raises ``GaveUp``
there from a SIGALRM handler: an ordinary Python exception raised by the
thread itself, so nothing is ever injected into another thread. The timer
fires every ``POLL_S`` so that staleness is noticed soon and an exception
that lands where Python swallows it (a ``__del__``, a gc callback) is raised
again at the next tick. Such a swallowed ``GaveUp`` is not reported as an
"exception ignored", and no tick fires while Python reports another one (the
report would itself be cut short).

Python runs signal handlers between bytecodes: a long call into C (a regular
expression, a big ``str.join``) finishes first. In the window such a call is
stopped by the parent process, which kills the worker after its own, longer
budget (``deskeditor.worker``). Off the main thread (a caller's own thread)
the timer cannot be used and the step runs without a budget.
"""

from __future__ import annotations

import signal
import sys
import threading
import time
from typing import Callable

POLL_S = 0.05  # how often the timer looks at the clock and at is_stale


class GaveUp(BaseException):
    """The step ran out of time (``reason`` "time") or its text went stale
    ("stale"). A BaseException, so no ``except Exception`` inside an engine
    swallows it."""

    def __init__(self, reason: str = "time") -> None:
        super().__init__(reason)
        self.reason = reason


def can_budget() -> bool:
    """True where a budget can be kept: the main thread, on a system with SIGALRM."""
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


class Budget:
    """Raises ``GaveUp`` in the block it guards once ``budget_s`` has passed or
    ``is_stale()`` is true. Leaving the block stops the timer and restores the
    handler that was there; a tick already on its way is ignored."""

    def __init__(self, budget_s: float | None, is_stale: Callable[[], bool] | None = None,
                 poll_s: float = POLL_S) -> None:
        self.budget_s = budget_s
        self.is_stale = is_stale
        self.poll_s = poll_s
        self._deadline: float | None = None
        self._armed = False
        self._paused = False
        self._previous = None
        self._previous_hook = None

    def __enter__(self) -> "Budget":
        if (self.budget_s is None and self.is_stale is None) or not can_budget():
            return self
        self._deadline = None if self.budget_s is None else time.monotonic() + self.budget_s
        self._previous = signal.signal(signal.SIGALRM, self._tick)
        self._previous_hook = sys.unraisablehook
        sys.unraisablehook = self._unraisable
        self._armed = True
        first = self.poll_s if self._deadline is None else min(self.poll_s, max(self.budget_s, 1e-4))
        signal.setitimer(signal.ITIMER_REAL, first, self.poll_s)
        return self

    def __exit__(self, *exc_info) -> bool:
        if self._armed:
            self._armed = False
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, self._previous if self._previous is not None else signal.SIG_DFL)
            if sys.unraisablehook == self._unraisable:
                sys.unraisablehook = self._previous_hook
        return False

    def _unraisable(self, unraisable) -> None:
        """An exception Python could not raise (in a ``__del__``, a gc
        callback): our own ``GaveUp`` is dropped, since the next tick raises it
        again where it can land; anything else goes to the hook that was there,
        with the ticks paused so none cuts its report short."""
        if isinstance(unraisable.exc_value, GaveUp):
            return
        self._paused = True
        try:
            (self._previous_hook or sys.__unraisablehook__)(unraisable)
        finally:
            self._paused = False

    def _tick(self, _signum, _frame) -> None:
        if not self._armed or self._paused:
            return
        if self.is_stale is not None:
            try:
                stale = bool(self.is_stale())
            except Exception:
                stale = False
            if stale:
                raise GaveUp("stale")
        if self._deadline is not None and time.monotonic() >= self._deadline:
            raise GaveUp("time")
