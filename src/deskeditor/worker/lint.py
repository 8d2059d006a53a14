"""The lint lane: ``LintRunner`` in the worker, on its main thread.

The window sends a ``LintRequest`` with each text (the engines, the budget,
the draft's fields, the dismissals, where grammar answers); the sources
snapshot comes in the shared state ("sources"). The runner announces each
step (``Job.step``) so the window can name the lines if it must stop one,
and the grammar client sends the progress of a long check.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..core.lint.runner import BUDGET_S, ENGINES, LintReport, LintRunner

if TYPE_CHECKING:  # the window imports this module too: the grammar client only in the worker
    from .child import Job
    from .grammar import GrammarJob, GrammarOutcome, WorkerGrammar


@dataclass(frozen=True)
class LintSpec:
    """How the window wants a draft checked: what ``runner_factory`` returns.
    ``sources`` (a key -> CSL-JSON snapshot of the store's library) goes to
    the worker only when it changes; ``handle`` (the window's grammar handle,
    which shows progress and keeps the server) stays in the window."""

    engines: tuple[str, ...] = ENGINES
    budget_s: float | None = BUDGET_S
    grammar: GrammarJob | None = None
    sources: dict | None = field(default=None, compare=False)
    handle: Any = field(default=None, compare=False)


@dataclass(frozen=True)
class LintRequest:
    engines: tuple[str, ...]
    budget_s: float | None
    grammar: GrammarJob | None
    fields: dict[str, Any]
    others: tuple[str, ...]
    dismissed: frozenset[str]


@dataclass
class LintAnswer:
    report: LintReport
    grammar: GrammarOutcome | None = None


_grammar: list[WorkerGrammar] = []  # the worker's one grammar client, made at the first check


def lint(job: Job, request: LintRequest, text: str) -> LintAnswer:
    checker = None
    if request.grammar is not None:
        if not _grammar:
            from .grammar import WorkerGrammar

            _grammar.append(WorkerGrammar())
        checker = _grammar[0].checker(request.grammar, job.progress)
    runner = LintRunner(grammar=checker, sources=job.state.get("sources"), engines=request.engines,
                        budget_s=request.budget_s, site=_site(job.state.get("site")))
    report = runner.run(text, request.fields, other_focus_keyphrases=request.others,
                        dismissed_keys=set(request.dismissed), is_stale=job.is_stale, on_step=job.step)
    return LintAnswer(report, checker.outcome() if checker is not None else None)


def _site(snapshot: dict | None):
    """(SiteIndex, path) from the window's snapshot of the draft's site, or None."""
    if not snapshot:
        return None
    from ..core.site.links import SiteIndex

    return SiteIndex.from_dict(snapshot["index"]), snapshot["path"]


HANDLERS = {"lint": lint}
