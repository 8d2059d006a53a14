"""The grammar client in the lint worker; the server stays with the window.

The window owns the LanguageTool server (``core.lint.grammar.LocalServer``:
started, health-checked, restarted, stopped with the window), so a lint
worker that is killed and restarted never restarts LanguageTool. Each lint
job carries a ``GrammarJob``: the settings, and where the server answers
(its URL, or its state when it does not yet). The worker keeps one
``GrammarEngine`` for its whole life, so its block cache survives from job
to job, and hands the window back a ``GrammarOutcome``: the status line, and
the reason a request failed so that the window's server can react
(``report_failure``: probe, restart with backoff).

A check that has many blocks to send (the first full check of a draft) sends
its progress ("n of m blocks") to the window while it runs.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Any, Callable

from ..core.lint.grammar import GrammarEngine, GrammarSettings
from ..core.lint.grammar.base import READY, ServerBase
from ..core.lint.grammar.service import RemoteServer

FULL_CHECK_BLOCKS = 12  # a check sending at least this many blocks reports its progress
PROGRESS_S = 0.2


@dataclass(frozen=True)
class GrammarJob:
    """Everything the worker needs to check grammar, as the window sees it now."""

    settings: GrammarSettings
    kind: str  # local, configured, downloaded, public
    url: str | None  # where the server answers; None while it does not
    owned: bool  # the window runs this server (local, downloaded): it alone restarts it
    state: str = READY
    reason: str = ""
    fix: str = ""


@dataclass(frozen=True)
class GrammarOutcome:
    status: str  # the engine's one line after the check
    state: str  # the server's state as the worker saw it
    reason: str
    fix: str
    failure: str = ""  # a request to an owned server failed: the window's server should look


class _WindowServer(ServerBase):
    """A server the window owns, seen from the worker: ready at ``url``, or in
    the state the window reported. A failed request is remembered for the
    window instead of restarting anything here."""

    def __init__(self, job: GrammarJob) -> None:
        super().__init__()
        self.kind, self.url = job.kind, job.url
        self._fix = job.fix
        self._set(job.state if job.url is None else READY, job.reason, job.fix)
        self.failure = ""

    def default_fix(self) -> str:
        return self._fix or "wait a moment and check again"

    def ensure_ready(self, wait: bool = True) -> str | None:
        return self.url if self.state == READY else None

    def report_failure(self, reason: str, fix: str = "") -> None:
        self.failure = reason
        super().report_failure(reason, fix)


def pending_blocks(engine: GrammarEngine, segments) -> list[str]:
    """The distinct block texts of ``segments`` the engine has no answer for yet
    (what its check will send)."""
    rkey = engine.settings.request_key()
    seen: set[str] = set()
    out: list[str] = []
    for seg in segments:
        text = seg.text
        if text.strip() and text not in seen and engine.cache.get((text, rkey)) is None:
            seen.add(text)
            out.append(text)
    return out


class WorkerGrammar:
    """The worker's grammar engine, kept for the process's life (its cache)."""

    def __init__(self) -> None:
        self.engine: GrammarEngine | None = None
        self._remote: dict[tuple[str, str], RemoteServer] = {}  # servers nobody here owns: probed here

    def checker(self, job: GrammarJob, progress: Callable[[Any], None]) -> "JobChecker":
        if job.owned or job.url is None:
            server: ServerBase = _WindowServer(job)
        else:
            server = self._remote.setdefault((job.url, job.kind), RemoteServer(job.url, job.kind))
        if self.engine is None:  # answers kept across launches too (the local server's; see disk_cache)
            from ..core.lint.grammar.disk_cache import cache_for

            self.engine = GrammarEngine(job.settings, server, cache=cache_for(job.settings, server))
        self.engine.server = server
        self.engine.set_settings(job.settings)
        return JobChecker(self.engine, progress)


class JobChecker:
    """The engine as the runner sees it for one job: ``check`` never waits for
    a server to start, and a long check reports its progress."""

    def __init__(self, engine: GrammarEngine, progress: Callable[[Any], None]) -> None:
        self.engine = engine
        self.progress = progress
        self.status = ""

    def check(self, source: str, is_stale: Callable[[], bool] | None = None):
        from ..core.markdown.prose import extract_prose

        engine = self.engine
        segments = extract_prose(source)
        if engine.server.state != READY:
            engine.server.ensure_ready(wait=False)  # a server nobody here owns is probed (once per backoff)
        texts = pending_blocks(engine, segments) if engine.server.state == READY else []
        reporter = _Progress(engine, texts, self.progress) if len(texts) >= FULL_CHECK_BLOCKS else None
        try:
            result = engine.check(source, is_stale=is_stale, wait=False, segments=segments)
        finally:
            if reporter is not None:
                reporter.stop()
        self.status = result.status
        return result

    def outcome(self) -> GrammarOutcome:
        s = self.engine.server
        return GrammarOutcome(self.status or self.engine.status(), s.state, s.reason, s.fix,
                              getattr(s, "failure", ""))


class _Progress:
    """Sends "n of m blocks answered" every ``PROGRESS_S`` while a check runs, and once at its end."""

    def __init__(self, engine: GrammarEngine, texts: list[str], send: Callable[[Any], None]) -> None:
        self.engine, self.texts, self.send = engine, texts, send
        self.rkey = engine.settings.request_key()
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._run, name="grammar-progress", daemon=True)
        self._thread.start()

    def count(self) -> int:
        cache = self.engine.cache
        return sum(1 for t in self.texts if cache.get((t, self.rkey)) is not None)

    def _run(self) -> None:
        self.send({"done": 0, "total": len(self.texts)})
        while not self._done.wait(PROGRESS_S):
            self.send({"done": self.count(), "total": len(self.texts)})

    def stop(self) -> None:
        self._done.set()
        self._thread.join()
        self.send({"done": self.count(), "total": len(self.texts), "final": True})
