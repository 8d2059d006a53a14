"""The grammar checker, if this build has it: its server started in the
background, its state shown in the status bar in one line with the fix.

The engine lives in ``deskeditor.core.lint.grammar``; this module only finds
it, builds its settings from the store (language, server, the personal
dictionary), and hands the lint runner a checker that never waits for the
server to start: while LanguageTool loads, a check says so and the other
engines report; the window checks again once the server is ready.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any, Callable


class _NoWait:
    """The engine as the runner sees it: ``check`` does not wait for a start."""

    def __init__(self, engine: Any) -> None:
        self.engine = engine

    def check(self, source: str, is_stale: Callable[[], bool] | None = None):
        try:
            return self.engine.check(source, is_stale=is_stale, wait=False)
        except TypeError:  # an engine without ``wait``
            return self.engine.check(source, is_stale=is_stale)


class GrammarHandle:
    """The engine, its server, and their state in one line."""

    def __init__(self, engine: Any, server: Any, settings: Any) -> None:
        self.engine, self.server, self.settings = engine, server, settings
        self.checker = _NoWait(engine)

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
    except ImportError:
        return None, "Grammar unavailable: not in this build"
    try:
        saved = store.settings.get("grammar", {}) or {}
        known = {k: v for k, v in saved.items() if k in GrammarSettings.__dataclass_fields__}
        if "disabled_rules" in known:
            known["disabled_rules"] = tuple(known["disabled_rules"])
        settings = GrammarSettings(**{**known, "dictionary": tuple(store.dictionary.words())})
        server = server_for(settings)
        engine = GrammarEngine(settings, server)
    except Exception as exc:
        return None, f"Grammar unavailable: {exc}"
    return GrammarHandle(engine, server, settings), ""
