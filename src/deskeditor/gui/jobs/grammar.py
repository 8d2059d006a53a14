"""The grammar checker, if this build has it: its server started in the
background, its state shown in the status bar in one line with the fix.

The engine lives in ``deskeditor.core.lint.grammar``; this module only finds
it, builds its settings from the store (language, server, the personal
dictionary), and hands the lint runner a checker that never waits for the
server to start: while LanguageTool loads, a check says so and the other
engines report; the window checks again once the server is ready.

A check with many blocks to send (the first full check of a draft) is
published as ``GrammarHandle.current``, a ``CheckProgress`` the window polls
to show "Checking grammar… n of m blocks" with a Cancel. Cancelling makes the
check stale (it stops before the next block) and pauses grammar in the
automatic checks until Tools › Check Now.
"""

from __future__ import annotations

import threading
from dataclasses import replace
from typing import Any, Callable

FULL_CHECK_BLOCKS = 12  # a check sending at least this many blocks shows its progress
PAUSED = "Grammar paused: the full check was cancelled; Tools › Check Now resumes it"


def pending_blocks(engine: Any, segments) -> list[str]:
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


class CheckProgress:
    """A long grammar check under way: the blocks it sends and how many have
    their answer. Read from the GUI thread while the check runs in a worker."""

    def __init__(self, engine: Any, texts: list[str]) -> None:
        self.engine = engine
        self.texts = texts
        self.rkey = engine.settings.request_key()
        self.total = len(texts)
        self._cancel = threading.Event()

    def done(self) -> int:
        cache = self.engine.cache
        return sum(1 for t in self.texts if cache.get((t, self.rkey)) is not None)

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()


class _NoWait:
    """The engine as the runner sees it: ``check`` does not wait for a start,
    and a long check reports its progress and can be cancelled."""

    def __init__(self, engine: Any, handle: "GrammarHandle | None" = None) -> None:
        self.engine = engine
        self.handle = handle

    def check(self, source: str, is_stale: Callable[[], bool] | None = None):
        job, segments = self._progress_for(source)
        stale = is_stale
        if job is not None:
            stale = lambda: job.cancelled or bool(is_stale and is_stale())  # noqa: E731
        try:
            try:
                if segments is not None:
                    return self.engine.check(source, is_stale=stale, wait=False, segments=segments)
                return self.engine.check(source, is_stale=stale, wait=False)
            except TypeError:  # an engine without ``wait``
                return self.engine.check(source, is_stale=stale)
        finally:
            if job is not None and self.handle is not None and self.handle.current is job:
                self.handle.current = None

    def _progress_for(self, source: str):
        """(CheckProgress or None, the segments if they were extracted)."""
        handle, engine = self.handle, self.engine
        if handle is None or getattr(getattr(engine, "server", None), "state", "") != "ready" \
                or not hasattr(engine, "cache"):
            return None, None
        from ...core.markdown.prose import extract_prose

        segments = extract_prose(source)
        texts = pending_blocks(engine, segments)
        if len(texts) < FULL_CHECK_BLOCKS:
            return None, segments
        job = CheckProgress(engine, texts)
        handle.current = job
        return job, segments


class GrammarHandle:
    """The engine, its server, and their state in one line."""

    def __init__(self, engine: Any, server: Any, settings: Any) -> None:
        self.engine, self.server, self.settings = engine, server, settings
        self.checker = _NoWait(engine, self)
        self.current: CheckProgress | None = None  # a long check under way (set by the worker)
        self.paused = False  # a long check was cancelled: the automatic checks leave grammar out

    def cancel_check(self) -> bool:
        """Cancel the long check under way and pause grammar; False if none runs."""
        job = self.current
        if job is None:
            return False
        job.cancel()
        self.paused = True
        return True

    def resume(self) -> None:
        self.paused = False

    def start(self) -> None:
        """Start the server in the background (it reports through its state)."""
        try:
            self.server.ensure_ready(wait=False)
        except Exception as exc:  # never raised into the window
            try:
                self.server.report_failure(str(exc))
            except Exception:
                pass

    def describe(self) -> tuple[str, bool]:
        """(one line, fine?): "Grammar ready …", "Grammar unavailable: …; fix: …"."""
        if self.paused:
            return PAUSED, False
        state = getattr(self.server, "state", "absent")
        try:
            line = self.engine.status()
        except Exception as exc:
            line = f"grammar unavailable: {exc}"
        line = line[:1].upper() + line[1:]
        return line, state in ("ready", "starting")

    def set_dictionary(self, words: list[str]) -> None:
        settings = replace(self.settings, dictionary=tuple(words))
        self.settings = settings
        if hasattr(self.engine, "set_settings"):
            self.engine.set_settings(settings)

    def stop(self) -> None:
        try:
            self.server.stop()
        except Exception:
            pass


def load_grammar(store) -> tuple[GrammarHandle | None, str]:
    """(handle, "") or (None, why grammar is unavailable)."""
    try:
        from deskeditor.core.lint.grammar import GrammarEngine, GrammarSettings, server_for
        from deskeditor.core.lint.grammar.disk_cache import cache_for
    except ImportError:
        return None, "Grammar unavailable: not in this build"
    try:
        saved = store.settings.get("grammar", {}) or {}
        known = {k: v for k, v in saved.items() if k in GrammarSettings.__dataclass_fields__}
        if "disabled_rules" in known:
            known["disabled_rules"] = tuple(known["disabled_rules"])
        settings = GrammarSettings(**{**known, "dictionary": tuple(store.dictionary.words())})
        server = server_for(settings)
        engine = GrammarEngine(settings, server, cache=cache_for(settings, server))
    except Exception as exc:
        return None, f"Grammar unavailable: {exc}"
    return GrammarHandle(engine, server, settings), ""
