"""The parent's side of a worker lane: one child process, newest job wins.

    lane = Lane("lint", deliver)           # deliver(Answer | Progress), from lane threads
    seq = lane.submit(token, "lint", request, text, shared={"sources": snapshot})
    lane.busy                              # an answer for the newest job is still to come
    lane.close()

``submit`` only queues: a control thread starts the child when there is none
(a fresh interpreter, ``python -m deskeditor.worker.child``), sends the
shared values that changed, and sends the job with its text, as an edit
against the child's copy of the previous text (``splice``) or whole when the
child has none (a new child) or the edit is most of the text. The child runs
one job at a time and keeps only the newest waiting; an older one that is
still running becomes stale and stops at its next budget tick.

A reader thread hands every answer to ``deliver`` in order; an answer older
than one already delivered is dropped. The control thread also keeps the
*hard budget*: the child announces each step with its own budget
(``("step", seq, engines, lines, budget_s)``), and a step still running
``HARD_FACTOR`` times that plus ``HARD_GRACE_S`` later (a long call into C
that the child's timer cannot interrupt) gets the child killed. A killed or
crashed child (a segfault, ``os._exit``, the kernel's OOM killer) costs one
``Answer`` with status "gave-up" naming the step; the newest job, if it came
after the one that died, runs again in a fresh child.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any, Callable

from .splice import splice_of

HARD_FACTOR = 1.5  # of a step's own budget, before the parent stops it
HARD_GRACE_S = 5.0  # and this much more (a busy machine, a garbage collection)
START_S = 10.0  # from a job's start to its first announced step
PIECE = 1 << 20  # a whole text longer than this goes in pieces of this many characters


@dataclass(frozen=True)
class Step:
    """What a job was doing: its engines and, for part of a draft, its lines ("lines 5–4,995")."""

    engines: tuple[str, ...] = ()
    lines: str = ""
    budget_s: float | None = None


@dataclass
class Answer:
    token: Any
    seq: int
    status: str  # "done" (value: the handler's answer), "failed" or "gave-up" (value: one line)
    value: Any
    step: Step = field(default_factory=Step)  # gave-up: the step that was running


@dataclass
class Progress:
    token: Any
    seq: int
    data: Any


@dataclass
class _Pending:
    seq: int
    token: Any
    kind: str
    payload: Any
    text: str
    shared: dict[str, Any]


class _Child:
    """One incarnation of the worker process."""

    def __init__(self, lane: str) -> None:
        parent_end, child_end = socket.socketpair()
        env = dict(os.environ)
        src = str(Path(__file__).resolve().parents[2])  # the deskeditor the window runs, wherever it is
        env["PYTHONPATH"] = os.pathsep.join([src, *filter(None, [env.get("PYTHONPATH")])])
        try:
            self.proc = subprocess.Popen(
                [sys.executable, "-m", "deskeditor.worker.child", str(child_end.fileno()), lane],
                pass_fds=[child_end.fileno()], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                env=env, close_fds=True)  # stderr stays: a crash says why there
        finally:
            child_end.close()
        self.conn = Connection(parent_end.detach())
        self.text: str | None = None  # the text of the last job sent (the child's copy)
        self.shared: dict[str, Any] = {}
        self.running: int | None = None  # the job it said it started
        self.step = Step()
        self.deadline: float | None = None
        self.killed_for = ""  # why the parent killed it
        self.heard = False  # it has said something (it started, at least)

    def kill(self) -> None:
        try:
            self.proc.kill()
        except OSError:
            pass

    def why_it_died(self) -> str:
        if self.killed_for:
            return self.killed_for
        try:
            code = self.proc.wait(5)
        except subprocess.TimeoutExpired:
            self.kill()
            return "the worker process stopped answering"
        if code < 0:
            try:
                name = signal.Signals(-code).name
            except ValueError:
                name = f"signal {-code}"
            return f"the worker process crashed ({name})"
        return f"the worker process exited (code {code})"


class Lane:
    def __init__(self, name: str, deliver: Callable[[Answer | Progress], None]) -> None:
        self.name = name
        self.deliver = deliver
        self._cond = threading.Condition()
        self._outbox: deque = deque()  # _Pending jobs and ("cancel", seq)
        self._child: _Child | None = None
        self._seq = 0
        self._answered = 0
        self._latest: _Pending | None = None
        self._tokens: dict[int, Any] = {}
        self._closed = False
        self._thread: threading.Thread | None = None
        self.started = 0  # children started (more than one: some were killed or crashed)

    # -- the GUI thread's side ----------------------------------------------------------------
    @property
    def busy(self) -> bool:
        return self._seq > self._answered and not self._closed

    @property
    def pid(self) -> int | None:
        child = self._child
        return child.proc.pid if child is not None else None

    def submit(self, token: Any, kind: str, payload: Any, text: str, shared: dict[str, Any] | None = None) -> int:
        with self._cond:
            if self._closed:
                return 0
            self._seq += 1
            job = _Pending(self._seq, token, kind, payload, text, dict(shared or {}))
            self._latest = job
            self._tokens[job.seq] = token
            self._outbox.append(job)
            self._ensure_thread()
            self._cond.notify_all()
            return job.seq

    def cancel(self, seq: int) -> None:
        """Job ``seq`` is not wanted any more: it goes stale in the child."""
        with self._cond:
            self._outbox.append(("cancel", seq))
            self._cond.notify_all()

    def close(self) -> None:
        """Stop the child; nothing more is delivered. Idempotent."""
        with self._cond:
            self._closed = True
            child, self._child = self._child, None
            self._outbox.clear()
            self._cond.notify_all()
        if child is not None:
            child.killed_for = "closed"
            child.kill()

    # -- the control thread: sending, starting children, the hard budget -----------------------
    def _ensure_thread(self) -> None:
        if self._thread is None:
            self._thread = threading.Thread(target=self._control, name=f"worker-{self.name}", daemon=True)
            self._thread.start()

    def _control(self) -> None:
        while True:
            overdue, items = None, []
            with self._cond:
                while not self._closed and not self._outbox and not self._overdue():
                    self._cond.wait(self._wait_s())
                if self._closed:
                    return
                if self._overdue():
                    overdue = self._child
                    overdue.killed_for = self._overdue_reason(overdue)
                else:
                    items = list(self._outbox)
                    self._outbox.clear()
            if overdue is not None:
                overdue.kill()  # its reader sees the end and reports it
            else:
                self._send(items)

    def _wait_s(self) -> float | None:
        child = self._child
        if child is None or child.deadline is None:
            return None
        return max(0.0, child.deadline - time.monotonic())

    def _overdue(self) -> bool:
        child = self._child
        return (child is not None and child.deadline is not None and not child.killed_for
                and time.monotonic() >= child.deadline)

    @staticmethod
    def _overdue_reason(child: _Child) -> str:
        budget = child.step.budget_s
        if budget is None:
            return f"it did not start within {START_S:g} s and was stopped"
        where = "there" if child.step.lines else "on this draft"
        return f"it took longer than {budget:.2g} s {where} and was stopped"

    def _send(self, items: list) -> None:
        jobs = [i for i in items if isinstance(i, _Pending)]
        newest = jobs[-1] if jobs else None  # older ones would only be replaced in the child
        for item in items:
            if isinstance(item, _Pending) and item is not newest:
                continue
            try:
                child = self._live_child()
                if child is None:
                    return
                if isinstance(item, _Pending):
                    self._send_job(child, item)
                else:
                    child.conn.send(item)
            except (OSError, EOFError, ValueError, TypeError):
                # the child is gone: its reader reports that and sends the newest job again
                # (TypeError: the reader closed the connection in the middle of a send)
                pass

    def _live_child(self) -> _Child | None:
        """The child, started if there is none (only this thread starts one)."""
        with self._cond:
            if self._closed:
                return None
            if self._child is not None:
                return self._child
        child = _Child(self.name)  # outside the lock: the GUI thread never waits for a start
        with self._cond:
            if self._closed:
                child.killed_for = "closed"
                child.kill()
                return None
            self._child = child
            self.started += 1
        threading.Thread(target=self._read, args=(child,), name=f"worker-{self.name}-reader", daemon=True).start()
        return child

    def _send_job(self, child: _Child, job: _Pending) -> None:
        for name, value in job.shared.items():
            if name not in child.shared or (child.shared[name] is not value and child.shared[name] != value):
                child.conn.send(("set", name, value))
                child.shared[name] = value
        text, splice = job.text, None
        if child.text is not None:
            splice = splice_of(child.text, job.text)
            if len(splice[2]) < len(job.text) // 2:
                text = None
            else:
                splice = None
        if text is not None and len(text) > PIECE:
            # in pieces: encoding (and pickling) 25 MB in one call would hold the GIL,
            # and so the GUI thread, for a tenth of a second or more
            pieces = range(0, len(text), PIECE)
            child.conn.send(("job", job.seq, job.kind, job.payload, None, None, len(pieces)))
            for i in pieces:
                child.conn.send_bytes(text[i:i + PIECE].encode("utf-8", "surrogatepass"))
        else:
            child.conn.send(("job", job.seq, job.kind, job.payload, text, splice, 0))
        child.text = job.text

    # -- the reader thread of one child ----------------------------------------------------------
    def _read(self, child: _Child) -> None:
        try:
            while True:
                msg = child.conn.recv()
                self._take(child, msg)
        except (EOFError, OSError):
            pass
        except Exception as exc:  # an answer that cannot be unpickled
            child.killed_for = f"its answer could not be read ({type(exc).__name__})"
            child.kill()
        try:
            child.conn.close()
        except OSError:
            pass
        self._died(child)

    def _take(self, child: _Child, msg: tuple) -> None:
        what, seq = msg[0], msg[1]
        out = None
        child.heard = True
        with self._cond:
            if what == "start":
                child.running, child.step = seq, Step()
                child.deadline = time.monotonic() + START_S
            elif what == "step":
                engines, lines, budget = msg[2], msg[3], msg[4]
                child.step = Step(tuple(engines), lines, budget)
                child.deadline = None if budget is None else time.monotonic() + budget * HARD_FACTOR + HARD_GRACE_S
            elif what == "progress":
                if seq >= self._answered and not self._closed:
                    out = Progress(self._tokens.get(seq), seq, msg[2])
            elif what in ("done", "failed"):
                child.running, child.deadline = None, None
                out = self._answer(seq, what, msg[2], Step())
            self._cond.notify_all()
        if out is not None:
            self.deliver(out)

    def _answer(self, seq: int, status: str, value: Any, step: Step) -> Answer | None:
        """The answer to deliver (under the lock), or None when a newer one was delivered."""
        if seq <= self._answered or self._closed:
            return None
        self._answered = seq
        token = self._tokens.get(seq)
        self._tokens = {s: t for s, t in self._tokens.items() if s > seq}
        return Answer(token, seq, status, value, step)

    def _died(self, child: _Child) -> None:
        reason = child.why_it_died()
        out = None
        with self._cond:
            if self._child is child:
                self._child = None
            if self._closed or child.killed_for == "closed":
                return
            latest = self._latest
            if child.running is not None:
                out = self._answer(child.running, "gave-up", reason, child.step)
            elif not child.heard and latest is not None:  # it could not even start: do not try again and again
                out = self._answer(latest.seq, "gave-up", f"{reason} before it could start", Step())
            if latest is not None and latest.seq > self._answered:
                self._outbox.appendleft(latest)  # it was sent to the child that died: again, to a new one
            self._cond.notify_all()
        if out is not None:
            self.deliver(out)
