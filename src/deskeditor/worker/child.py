"""The worker process: ``python -m deskeditor.worker.child FD LANE``.

``FD`` is the child's end of a socket pair (a ``multiprocessing.connection``
``Connection``: pickled messages); ``LANE`` names the jobs it runs
(``preview`` or ``lint``). Messages from the parent::

    ("set", name, value)        shared state the jobs read (the sources snapshot)
    ("job", seq, kind, payload, text, splice, pieces)
                                the text whole, or (start, end, replacement) against
                                the copy of the previous job's text, or (a long text)
                                in ``pieces`` UTF-8 messages that follow
    ("cancel", seq)             job ``seq`` is no longer wanted
    ("stop",)

and to the parent::

    ("start", seq)  ("step", seq, engines, lines, budget_s)  ("progress", seq, data)
    ("done", seq, value)  ("failed", seq, one line)

A reader thread takes the messages in: a new job replaces the one waiting
and makes the running one stale (``Job.is_stale``), which its budget checks
(``core.lint.budget``). Jobs run on the main thread, one at a time. When the
parent goes away (end of file on the socket) the process ends at once, even
in the middle of a job.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
import traceback
from multiprocessing.connection import Connection
from typing import Any, Callable

from .splice import apply_splice


class Job:
    """One job as its handler sees it."""

    def __init__(self, seq: int, inbox: "Inbox", send: Callable[[tuple], None]) -> None:
        self.seq = seq
        self._inbox = inbox
        self._send = send

    @property
    def state(self) -> dict[str, Any]:
        return self._inbox.state

    def is_stale(self) -> bool:
        """A newer job has arrived, or this one was cancelled."""
        return self._inbox.newest > self.seq or self.seq in self._inbox.cancelled

    def step(self, engines: list[str], lines: str, budget_s: float | None) -> None:
        """Tell the parent which step runs now and how long it may take (its hard budget follows)."""
        self._send(("step", self.seq, engines, lines, budget_s))

    def progress(self, data: Any) -> None:
        self._send(("progress", self.seq, data))


class Inbox:
    """What the reader thread has taken in: the job waiting, the text copy, the shared state."""

    def __init__(self) -> None:
        self.cond = threading.Condition()
        self.waiting: tuple | None = None  # (seq, kind, payload, text)
        self.newest = 0
        self.cancelled: set[int] = set()
        self.state: dict[str, Any] = {}
        self.text: str | None = None  # the text of the newest job (the parent splices against it)
        self.stopped = False

    def take(self, msg: tuple) -> None:
        what = msg[0]
        with self.cond:
            if what == "job":
                _, seq, kind, payload, text, splice = msg[:6]
                if text is None:
                    text = apply_splice(self.text if self.text is not None else "", splice)
                self.text = text
                self.waiting = (seq, kind, payload, text)
                self.newest = seq
            elif what == "set":
                self.state = {**self.state, msg[1]: msg[2]}
            elif what == "cancel":
                self.cancelled.add(msg[1])
            elif what == "stop":
                self.stopped = True
            self.cond.notify_all()

    def next(self) -> tuple | None:
        with self.cond:
            while self.waiting is None and not self.stopped:
                self.cond.wait()
            if self.stopped:
                return None
            job, self.waiting = self.waiting, None
            self.cancelled = {s for s in self.cancelled if s >= job[0]}
            return job


def _read(conn: Connection, inbox: Inbox) -> None:
    try:
        while True:
            msg = conn.recv()
            if msg[0] == "job" and msg[6]:
                text = "".join(conn.recv_bytes().decode("utf-8", "surrogatepass") for _ in range(msg[6]))
                msg = (*msg[:4], text, None, 0)
            inbox.take(msg)
    except (EOFError, OSError):
        pass
    os._exit(0)  # the parent is gone: so are we, whatever the main thread is doing


def serve(conn: Connection, handlers: dict[str, Callable[[Job, Any, str], Any]]) -> None:
    lock = threading.Lock()

    def send(msg: tuple) -> None:
        with lock:
            conn.send(msg)

    inbox = Inbox()
    threading.Thread(target=_read, args=(conn, inbox), name="worker-inbox", daemon=True).start()
    while True:
        taken = inbox.next()
        if taken is None:
            return
        seq, kind, payload, text = taken
        job = Job(seq, inbox, send)
        send(("start", seq))
        try:
            value = handlers[kind](job, payload, text)
        except Exception as exc:  # one line for the window; MemoryError and RecursionError too
            detail = "".join(traceback.format_exception_only(type(exc), exc)).strip().splitlines()
            send(("failed", seq, (detail[-1] if detail else type(exc).__name__)[:300]))
        else:
            try:
                send(("done", seq, value))
            except Exception as exc:  # an answer that cannot be pickled
                send(("failed", seq, f"cannot send the answer: {type(exc).__name__}: {exc}"[:300]))
        del job, payload, text, taken


def _die_with_parent() -> None:
    """Linux: the kernel kills us when the parent's thread that started us
    ends, even while our main thread is in a long call into C (which would
    keep the reader thread from seeing the end of the socket)."""
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL, 0, 0, 0)  # PR_SET_PDEATHSIG
        except Exception:
            pass


# Under contention the window's GUI thread comes first: the machine may have
# two cores for the window, these workers and QtWebEngine's renderer. The
# preview worker stays close to the window (its answer is what the writer
# waits to see); lint and export work yield to both.
NICENESS = {"preview": 2, "lint": 10, "tasks": 10}


def main(argv: list[str]) -> int:
    fd, lane = int(argv[0]), argv[1]
    _die_with_parent()
    try:
        os.nice(NICENESS.get(lane, 0))
    except OSError:
        pass
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl+C is for the window, which stops us
    if lane == "preview":
        from .preview import HANDLERS
    elif lane == "tasks":
        from .tasks import HANDLERS
    else:
        from .lint import HANDLERS
    serve(Connection(fd), HANDLERS)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
