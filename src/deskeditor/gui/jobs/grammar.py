"""The grammar checker: its server, started and kept by the window, its
state shown in the status bar in one line with the fix.

The engine lives in ``deskeditor.core.lint.grammar``. The window owns the
server (the local LanguageTool process, started in the background); the
checks run in the lint worker process (``worker.grammar``), which gets a
``GrammarJob`` with each lint job (the settings with the personal
dictionary, and where the server answers) and answers with a
``GrammarOutcome``, so a lint worker that is restarted never restarts
LanguageTool. While LanguageTool loads, a check says so and the other
engines report; the window checks again once the server is ready.

A check with many blocks to send (the first full check of a draft) reports
its progress from the worker; it is published as ``GrammarHandle.current``, a
``CheckProgress`` the window polls to show "Checking grammar… n of m blocks"
with a Cancel. Cancelling makes the check stale (it stops before the next
block) and pauses grammar in the automatic checks until Tools › Check Now.
"""

from __future__ import annotations

import threading
from dataclasses import replace
from typing import Any, Callable

PAUSED = "Grammar paused: the full check was cancelled; Tools › Check Now resumes it"


class CheckProgress:
    """A long grammar check under way in the lint worker: the blocks it sends
    and how many have their answer, as the worker last said."""

    def __init__(self, seq: int, total: int, cancel: Callable[[], None]) -> None:
        self.seq = seq
        self.total = total
        self._done = 0
        self._cancel = cancel
        self.cancelled = False

    def done(self) -> int:
        return self._done

    def update(self, done: int) -> None:
        self._done = max(self._done, done)

    def cancel(self) -> None:
        if not self.cancelled:
            self.cancelled = True
            self._cancel()


class GrammarHandle:
    """The server, the settings, and their state in one line."""

    def __init__(self, server: Any, settings: Any) -> None:
        self.server, self.settings = server, settings
        self.current: CheckProgress | None = None  # a long check under way (from the worker's progress)
        self.paused = False  # a long check was cancelled: the automatic checks leave grammar out
        self.last_status = ""  # the last check's line ("grammar: 3 findings (...)")

    @property
    def owned(self) -> bool:
        """The window runs this server (local, or language-tool-python's download)."""
        from ...core.lint.grammar.service import RemoteServer

        return not isinstance(self.server, RemoteServer)

    def job(self):
        """What the lint worker needs to check grammar now (``worker.grammar.GrammarJob``).
        A local server that is not running is started in the background."""
        from ...core.lint.grammar.service import LocalServer
        from ...worker.grammar import GrammarJob

        s = self.server
        if not self.owned:
            url = s.url  # the worker probes it itself
        elif isinstance(s, LocalServer):
            url = s.ensure_ready(wait=False)  # never blocks: a start runs in the background
        else:
            url = s.url if s.state == "ready" else None
        return GrammarJob(self.settings, s.kind, url, self.owned, s.state, s.reason, s.fix or s.default_fix())

    def progress(self, seq: int, data: dict, cancel: Callable[[], None]) -> None:
        """The worker's progress of a long check (GUI thread)."""
        job = self.current
        if job is None or job.seq != seq:
            if data.get("final"):
                return
            job = self.current = CheckProgress(seq, int(data.get("total", 0)), cancel)
        job.update(int(data.get("done", 0)))

    def checked(self, outcome: Any) -> None:
        """A lint job ended (``worker.grammar.GrammarOutcome``, or None without one)."""
        self.current = None
        if outcome is None:
            return
        self.last_status = outcome.status
        if not self.owned:  # the worker probed it: its state is what the worker saw
            self.server.state, self.server.reason, self.server.fix = outcome.state, outcome.reason, outcome.fix
        elif outcome.failure:  # our server: let it look (a probe; a restart with backoff if it is dead)
            threading.Thread(target=self.server.report_failure, args=(outcome.failure,),
                             name="grammar-failure", daemon=True).start()

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

        def run() -> None:
            try:
                self.server.ensure_ready(wait=False)
            except Exception as exc:  # never raised into the window
                try:
                    self.server.report_failure(str(exc))
                except Exception:
                    pass

        threading.Thread(target=run, name="grammar-start", daemon=True).start()

    def describe(self) -> tuple[str, bool]:
        """(one line, fine?): "Grammar ready …", "Grammar unavailable: …; fix: …"."""
        if self.paused:
            return PAUSED, False
        from ...core.lint.grammar.checker import unavailable

        s = self.server
        state = getattr(s, "state", "absent")
        if state == "ready":
            line = self.last_status if self.last_status.startswith("grammar:") else \
                f"grammar ready ({s.kind} LanguageTool)"
        elif state == "starting":
            line = "grammar starting: LanguageTool is loading"
        elif state == "absent" and s.reason in ("", "stopped"):
            line = "grammar idle: the server starts on the first check"
        else:
            line = unavailable(s.reason or "the grammar server is not running", s.fix or "check again later")
        line = line[:1].upper() + line[1:]
        return line, state in ("ready", "starting")

    def set_dictionary(self, words: list[str]) -> None:
        self.settings = replace(self.settings, dictionary=tuple(words))

    def stop(self) -> None:
        try:
            self.server.stop()
        except Exception:
            pass


def load_grammar(store) -> tuple[GrammarHandle | None, str]:
    """(handle, "") or (None, why grammar is unavailable)."""
    from ...core.lint.grammar import GrammarSettings, server_for

    try:
        saved = store.settings.get("grammar", {}) or {}
        known = {k: v for k, v in saved.items() if k in GrammarSettings.__dataclass_fields__}
        if "disabled_rules" in known:
            known["disabled_rules"] = tuple(known["disabled_rules"])
        settings = GrammarSettings(**{**known, "dictionary": tuple(store.dictionary.words())})
        server = server_for(settings)
    except Exception as exc:
        return None, f"Grammar unavailable: {exc}"
    return GrammarHandle(server, settings), ""
