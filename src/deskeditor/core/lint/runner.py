"""The lint runner: every engine on one draft, merged into one report.

The engines are registered in one list, ``ENGINE_STEPS``, that ``run`` walks
in order (as markdown-it walks its rule chains): ``seo`` and ``readability``
(one cheap whole-document analysis), ``citations`` (unlinked attributions,
unresolved keys, source hygiene) and ``grammar`` (LanguageTool, block by
block, cached). Every engine ships with deskeditor: none is ever "missing in
this build". An engine that fails or is unavailable adds a one-line note and
the others still report: a dead grammar server never hides the SEO verdict.

Hostile drafts (100,000 links, thousands of nesting levels) can make the
whole-document steps (the parse, the SEO/readability analysis, citations)
raise or run for minutes. Each of those steps runs under a ``Budget`` (the
process's interval timer, see ``budget``): an exception, or a step still
running after ``budget_s``, becomes the note "<engine> gave up: <reason>" and
the other engines still report. A draft of more than ``RANGE_CHARS``
characters is parsed range by range of whole blocks (``markdown.ranges``): a
range that raises or takes more than its share of the budget (by its size, at
least ``RANGE_SHARE``) becomes "<engine> gave up on lines A–B: ..." and the
rest of the draft is still checked. Grammar gives up per block on its own
(its request timeout) and notes that.

The window runs ``LintRunner.run`` on the main thread of its lint worker
process (``deskeditor.worker``) with ``is_stale`` true once a newer text has
arrived, so a run overtaken by typing stops early; ``on_step`` tells that
process where the run is, so the window can name the lines if it has to kill
a step stuck in C code. The CLI calls ``run`` on its own main thread, with
the same budgets.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable

from ..citations import lint as citations_lint
from ..citations.parsing import blank_spans
from ..markdown.parser import make_parser
from ..markdown.ranges import RANGE_CHARS, block_ranges, shift_segments, shift_tokens
from ..markdown.prose import extract_prose
from ..kinds import Engine, Outcome, Severity
from ..review.marks import accepted_view, map_findings
from ..model import Finding, sort_findings
from .spans import snap_to_markup
from . import analysis
from .budget import Budget, GaveUp

__all__ = ["BUDGET_S", "ENGINES", "ENGINE_STEPS", "EngineStep", "GaveUp", "LintReport", "LintRunner"]

BUDGET_S = 20.0  # seconds one whole-document step may take before its engine gives up
RANGE_SHARE = 0.25  # of BUDGET_S that parsing one range of a large draft may take at least
RANGES_TOTAL = 2.0  # times BUDGET_S that parsing all the ranges may take

# where(engines, lines, budget_s): the run is starting a step ("" lines: the whole draft)
OnStep = Callable[[list[str], str, "float | None"], None]


def _reason(exc: BaseException, budget_s: float | None) -> str:
    if isinstance(exc, GaveUp):
        return f"it took longer than {budget_s:.2g} s on this draft"
    detail = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    return f"{type(exc).__name__}: {detail}"[:200] if detail else type(exc).__name__


@dataclass
class LintReport:
    findings: list[Finding] = field(default_factory=list)
    stats: dict[str, Any] = field(default_factory=dict)
    keyphrase: dict[str, Any] = field(default_factory=dict)
    scores: dict[str, Any] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)  # "grammar unavailable: ..." and the like
    dismissed: list[Finding] = field(default_factory=list)
    stale: bool = False

    def to_dict(self, source: str) -> dict[str, Any]:
        return {
            "stats": self.stats,
            "keyphrase": self.keyphrase,
            "scores": self.scores,
            "notes": self.notes,
            "findings": [f.to_dict(source) for f in self.findings],
            "dismissed": [f.to_dict(source) for f in self.dismissed],
        }

    @property
    def errors(self) -> int:
        return sum(1 for f in self.findings if f.severity is Severity.ERROR)


@dataclass
class RunState:
    """What one run has made so far, for the engines that come after."""

    source: str
    fields: dict[str, Any]
    others: tuple[str, ...]
    tokens: Any = None  # the shared parse (None: each engine parses itself)
    segments: Any = None
    checked: str = ""  # the source with the ranges the parse gave up on blanked (offsets kept)


@dataclass(frozen=True)
class EngineStep:
    """One entry of the engine list: the engines it reports for, how it runs
    and how its result goes into the report. ``parsed``: it reads the shared
    parse (and is skipped when the parse gave up); ``budgeted``: it runs under
    the whole-document budget (grammar keeps its own, per request)."""

    engines: tuple[str, ...]
    run: Callable[["LintRunner", RunState, list[str]], Any]
    merge: Callable[["LintReport", Any, list[str]], None]
    parsed: bool = True
    budgeted: bool = True


def _run_analysis(runner: "LintRunner", st: RunState, active: list[str]) -> Any:
    return analysis.analyze(st.source, st.fields, other_focus_keyphrases=st.others,
                            segments=st.segments, tokens=st.tokens)


def _merge_analysis(report: "LintReport", result: Any, active: list[str]) -> None:
    report.stats, report.keyphrase, report.scores = result.stats, result.keyphrase, result.scores
    report.findings += [f for f in result.findings if f.engine in active]


def _run_citations(runner: "LintRunner", st: RunState, active: list[str]) -> list[Finding]:
    return citations_lint.lint(st.checked, sources=runner.sources, segments=st.segments, tokens=st.tokens)


def _merge_findings(report: "LintReport", found: list[Finding], active: list[str]) -> None:
    report.findings += found


def _run_grammar(runner: "LintRunner", st: RunState, active: list[str]) -> Any:
    """Grammar gives up per block itself (a request timeout becomes its
    "grammar unavailable" status)."""
    if runner.grammar is None:
        return None
    return runner.grammar.check(st.source, is_stale=runner._is_stale)


def _merge_grammar(report: "LintReport", result: Any, active: list[str]) -> None:
    if result is None:
        report.notes.append("grammar unavailable: no LanguageTool server configured; "
                            "fix: deskeditor languagetool install")
        return
    report.findings += result.findings
    if not getattr(result, "available", True):
        report.notes.append(result.status)  # "grammar unavailable: ...; fix: ..."
    if getattr(result, "stale", False):
        report.stale = True


def _run_site(runner: "LintRunner", st: RunState, active: list[str]) -> list[Finding]:
    """Links that point at nothing on the draft's own site (``core.site.links``);
    nothing for a draft that is no site's post."""
    if runner.site is None:
        return []
    from ..site.links import check

    index, path = runner.site
    return check(st.source, index, path)


# The engines, in the order they run. A new engine is one more entry here.
ENGINE_STEPS: list[EngineStep] = [
    EngineStep(("seo", "readability"), _run_analysis, _merge_analysis),
    EngineStep(("citations",), _run_citations, _merge_findings),
    EngineStep(("site",), _run_site, _merge_findings, parsed=False),
    EngineStep(("grammar",), _run_grammar, _merge_grammar, parsed=False, budgeted=False),
]
ENGINES = tuple(e for step in ENGINE_STEPS for e in step.engines)


class LintRunner:
    """Runs the engines. ``grammar`` is a grammar engine object with
    ``check(source, is_stale=None)`` (see ``core.lint.grammar``) or None;
    ``sources`` the store's Sources table or a key -> CSL-JSON mapping.
    ``budget_s`` bounds each whole-document step (default ``BUDGET_S``;
    None: no limit)."""

    def __init__(self, *, grammar: Any = None, sources: Any = None,
                 engines: Iterable[str] = ENGINES, budget_s: Any = "default", site: Any = None) -> None:
        self.grammar = grammar
        self.site = site  # (core.site.links.SiteIndex, the post's path) for a site's post, else None
        self.sources = sources  # the store's Sources table, or a snapshot of it, for citation keys
        self.engines = set(engines)
        self.budget_s: float | None = BUDGET_S if budget_s == "default" else budget_s
        self._is_stale: Callable[[], bool] | None = None
        self._on_step: OnStep | None = None
        self.skipped_spans: list[tuple[int, int]] = []

    def _announce(self, engines: list[str], lines: str, budget_s: float | None) -> None:
        if self._on_step is not None:
            self._on_step(list(engines), lines, budget_s)

    def _attempt(self, fn: Callable[[], Any], budget_s: float | None) -> tuple[str, Any]:
        """``("ok", fn())``, ``("stale", None)`` or ``("failed", reason)``.

        Only the reason is kept, never the exception: its traceback holds the
        step's frames, and through them everything the step built (the tokens
        of 100,000 links), alive in a cycle until a garbage collection."""
        try:
            with Budget(budget_s, self._is_stale):
                return "ok", fn()
        except GaveUp as exc:
            if exc.reason == "stale":
                return Outcome.STALE, None
            return Outcome.FAILED, _reason(exc, budget_s)
        except Exception as exc:  # RecursionError and MemoryError too
            return Outcome.FAILED, _reason(exc, budget_s)

    def _step(self, report: LintReport, engines: list[str], fn: Callable[[], Any]) -> tuple[bool, Any]:
        """``(True, fn())``, or ``(False, None)`` with a note per engine of
        ``engines`` when it raises or runs out of time (``report.stale`` when
        its text went stale)."""
        self._announce(engines, "", self.budget_s)
        status, value = self._attempt(fn, self.budget_s)
        if status == "ok":
            return True, value
        if status is Outcome.STALE:
            report.stale = True
        else:
            report.notes.extend(f"{name} gave up: {value}" for name in engines)
        return False, None

    def _parse_by_ranges(self, report: LintReport, engines: list[str], source: str) -> tuple[bool, Any]:
        """Parse a large draft range by range (``markdown.ranges``): a range
        that raises or takes longer than its share of the budget is skipped,
        with a note per engine naming its lines, and the rest is checked."""
        tokens: list = []
        segments: list = []
        blocks = 0
        skipped: dict[str, list[tuple[int, int]]] = {}  # reason -> line spans
        total = None if self.budget_s is None else self.budget_s * RANGES_TOTAL
        deadline = None if total is None else time.monotonic() + total
        for r in block_ranges(source, RANGE_CHARS):
            span = r.lines(source)
            left = None if deadline is None else deadline - time.monotonic()
            if left is not None and left <= 0:
                skipped.setdefault(f"not reached: the check took longer than {total:g} s before them",
                                   []).append(span)
                self.skipped_spans.append((r.start, r.end))
                continue
            budget = None
            if self.budget_s is not None:  # its part of the budget by size, and at least RANGE_SHARE
                budget = min(left, self.budget_s * max(RANGE_SHARE, (r.end - r.start) / len(source)))
            piece = source[r.start:r.end]
            self._announce(engines, _line_spans([span]), budget)
            status, value = self._attempt(lambda: _parse(piece), budget)
            if status == "stale":
                report.stale = True
                return False, None
            if status is Outcome.FAILED:
                skipped.setdefault(value.replace(" on this draft", " there"), []).append(span)
                self.skipped_spans.append((r.start, r.end))
                continue
            toks, segs = value
            count = shift_tokens(toks, r.line)
            shift_segments(segs, r.start, r.line, blocks)
            blocks += count
            tokens += toks
            segments += segs
        for reason, spans in skipped.items():
            where = _line_spans(spans)
            report.notes.extend(f"{name} gave up on {where}: {reason}" for name in engines)
        if skipped and not segments:
            return False, None  # no prose was parsed (front matter at most): nothing left to check
        return True, (tokens, segments)

    def _parse(self, report: LintReport, engines: list[str], st: RunState) -> bool:
        """The shared parse into ``st``; False when it gave up (its notes are made)."""
        if len(st.source) > RANGE_CHARS:
            ok, value = self._parse_by_ranges(report, engines, st.source)
        else:
            ok, value = self._step(report, engines, lambda: _parse(st.source))
        if ok:
            st.tokens, st.segments = value
        # what citations scan as text: the skipped ranges blanked (offsets kept), so
        # their whole-text searches do not run through what could not be parsed
        st.checked = blank_spans(st.source, self.skipped_spans) if self.skipped_spans else st.source
        return ok

    def run(self, source: str, fields: dict[str, Any], *,
            other_focus_keyphrases: Iterable[str] = (),
            dismissed_keys: set[str] | None = None,
            is_stale: Callable[[], bool] | None = None,
            on_step: OnStep | None = None) -> LintReport:
        """Every engine of ``ENGINE_STEPS`` that is switched on, in order.
        ``on_step(engines, lines, budget_s)`` is called as each step starts."""
        view = accepted_view(source) if "{" in source else None
        if view is not None:  # suggestions read as accepted; findings mapped back (core.review)
            report = self.run(view.text, fields, other_focus_keyphrases=other_focus_keyphrases,
                              is_stale=is_stale, on_step=on_step)
            report.findings = map_findings(view, report.findings, source)
            return _dismiss(report, source, dismissed_keys)
        report = LintReport()
        self.skipped_spans = []
        self._is_stale, self._on_step = is_stale, on_step
        try:
            self._run_steps(report, RunState(source, fields, tuple(other_focus_keyphrases)))
        finally:
            self._is_stale = self._on_step = None
        if report.stale:
            return report
        report.findings = sort_findings(snap_to_markup(source, report.findings))  # no range cuts through markup
        return _dismiss(report, source, dismissed_keys)

    def _run_steps(self, report: LintReport, st: RunState) -> None:
        steps = [s for s in ENGINE_STEPS if self.engines & set(s.engines)]
        parsed = [e for s in steps if s.parsed for e in s.engines if e in self.engines]
        ok = self._parse(report, parsed, st) if parsed else True
        for step in steps:
            if report.stale or (self._is_stale is not None and self._is_stale()):
                report.stale = True
                return
            active = [e for e in step.engines if e in self.engines]
            if step.parsed and not ok:
                continue
            if step.budgeted:
                done, value = self._step(report, active, lambda: step.run(self, st, active))
                if done:
                    step.merge(report, value, active)
                continue
            self._announce(active, "", None)
            try:
                value = step.run(self, st, active)
            except Exception as exc:  # RecursionError and MemoryError too
                report.notes.extend(f"{name} gave up: {_reason(exc, None)}" for name in active)
                continue
            step.merge(report, value, active)


def _dismiss(report: LintReport, source: str, dismissed_keys: set[str] | None) -> LintReport:
    if dismissed_keys:
        findings = report.findings
        report.dismissed = [f for f in findings if f.key(source) in dismissed_keys]
        report.findings = [f for f in findings if f.key(source) not in dismissed_keys]
    return report


def _line_spans(spans: list[tuple[int, int]], shown: int = 3) -> str:
    """"lines 1–40 and 90–120" for 1-based line spans (adjacent ones merged)."""
    merged: list[list[int]] = []
    for a, b in spans:
        if merged and a <= merged[-1][1] + 1:
            merged[-1][1] = max(merged[-1][1], b)
        else:
            merged.append([a, b])
    parts = [f"{a:,}" if a == b else f"{a:,}–{b:,}" for a, b in merged[:shown]]
    if len(merged) > shown:
        parts.append(f"{len(merged) - shown} more ranges")
    label = "line" if len(merged) == 1 and merged[0][0] == merged[0][1] else "lines"
    return f"{label} " + (" and ".join(parts) if len(parts) <= 2 else ", ".join(parts[:-1]) + " and " + parts[-1])


def _parse(source: str):
    """The tokens (parsed once for every engine) and the prose segments."""
    tokens = make_parser().parse(source, {"source_lines": False})
    return tokens, extract_prose(source, tokens)
