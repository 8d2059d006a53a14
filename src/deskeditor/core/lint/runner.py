"""The lint runner: every engine on one draft, merged into one report.

Engines: ``seo`` and ``readability`` (one cheap whole-document analysis),
``citations`` (unlinked attributions, unresolved keys, source hygiene) and
``grammar`` (LanguageTool, block by block, cached). An engine that fails or is
unavailable adds a one-line note and the others still report: a dead grammar
server never hides the SEO verdict.

Hostile drafts (100,000 links, thousands of nesting levels) can make the
whole-document steps (the parse, the SEO/readability analysis, citations)
raise or run for minutes. Each of those steps runs under a ``Watchdog``: an
exception, or a step still running after ``budget_s``, becomes the note
"<engine> gave up: <reason>" and the other engines still report. A draft of
more than ``RANGE_CHARS`` characters is parsed range by range of whole blocks
(``markdown.ranges``): a range that raises or takes more than its share of the
budget (by its size, at least ``RANGE_SHARE``) becomes "<engine> gave up on
lines A–B: ..." and the rest of the draft is still checked. Grammar gives up per block on its
own (its request timeout) and notes that.

The GUI calls ``LintRunner.run`` from a worker thread with ``is_stale`` so a
run made for an older text stops early (the watchdog also stops a long step
as soon as the text is stale); the CLI calls it directly.
"""

from __future__ import annotations

import ctypes
import importlib
import threading
import time
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable

from ..citations.parsing import blank_spans
from ..markdown.parser import make_parser
from ..markdown.ranges import RANGE_CHARS, block_ranges, shift_segments, shift_tokens
from ..markdown.prose import extract_prose
from ..review.marks import accepted_view, map_findings
from ..model import Finding, sort_findings

ENGINES = ("seo", "readability", "citations", "grammar")
BUDGET_S = 20.0  # seconds one whole-document step may take before its engine gives up
POLL_S = 0.05  # how often the watchdog looks at the clock and at is_stale
RANGE_SHARE = 0.25  # of BUDGET_S that parsing one range of a large draft may take at least
RANGES_TOTAL = 2.0  # times BUDGET_S that parsing all the ranges may take


class GaveUp(BaseException):
    """Raised into a lint thread by its ``Watchdog``: the step ran out of time
    (``reason`` "time") or its text went stale ("stale"). A BaseException, so
    no ``except Exception`` inside an engine swallows it."""

    def __init__(self, reason: str = "time") -> None:
        super().__init__(reason)
        self.reason = reason


def _raise_in(thread_id: int, exc: type[BaseException] | None) -> None:
    """Raise ``exc`` in thread ``thread_id`` at its next bytecode (None: clear a pending one)."""
    ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(thread_id),
                                               ctypes.py_object(exc) if exc is not None else None)


class _Stale(GaveUp):
    def __init__(self) -> None:
        super().__init__("stale")


class _Late(GaveUp):
    def __init__(self) -> None:
        super().__init__("time")


class Watchdog:
    """Stops a step running in the calling thread when it overruns its budget
    or its text goes stale, by raising ``GaveUp`` in that thread.

        with Watchdog(20.0, is_stale):
            analyze(...)            # GaveUp once 20 s have passed

    The step is interrupted between two Python bytecodes, so a long call into C
    finishes first. An exception that lands where Python swallows it (a
    ``__del__``, a gc callback) is raised again every ``refire_s`` until the
    step has left the block. Leaving it disarms the watchdog and clears an
    exception not raised yet, so none lands in the code that follows.
    """

    def __init__(self, budget_s: float | None, is_stale: Callable[[], bool] | None = None,
                 poll_s: float = POLL_S, refire_s: float = 0.1) -> None:
        self.budget_s = budget_s
        self.is_stale = is_stale
        self.poll_s = poll_s
        self.refire_s = refire_s
        self._lock = threading.Lock()
        self._done = threading.Event()
        self._armed = False
        self._fired = False
        self._target = 0

    def __enter__(self) -> "Watchdog":
        if self.budget_s is None and self.is_stale is None:
            return self
        self._target = threading.get_ident()
        self._armed = True
        deadline = None if self.budget_s is None else time.monotonic() + self.budget_s
        threading.Thread(target=self._watch, args=(deadline,), name="deskeditor-lint-watchdog",
                         daemon=True).start()
        return self

    def __exit__(self, *exc_info) -> bool:
        self.stop()
        return False

    def stop(self) -> None:
        """Disarm for good; a GaveUp landing meanwhile is dropped (the step is over)."""
        while True:
            try:
                self.disarm()
                return
            except GaveUp:
                continue

    def disarm(self) -> None:
        with self._lock:
            self._armed = False
            self._done.set()
            if self._fired:
                _raise_in(self._target, None)  # not raised yet: it must not land elsewhere

    def _watch(self, deadline: float | None) -> None:
        reason = None
        wait = self.poll_s
        while not self._done.wait(wait):
            if reason is None:
                if self.is_stale is not None and self._stale():
                    reason = _Stale
                elif deadline is not None and time.monotonic() >= deadline:
                    reason = _Late
            if reason is None:
                wait = self.poll_s if deadline is None else min(self.poll_s, max(0.0, deadline - time.monotonic()))
                continue
            with self._lock:
                if not self._armed:
                    return
                self._fired = True
                _raise_in(self._target, reason)
            wait = self.refire_s  # still in the step after this: the exception was swallowed

    def _stale(self) -> bool:
        try:
            return bool(self.is_stale())
        except Exception:
            return False


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
        return sum(1 for f in self.findings if f.severity == "error")


def _optional(module: str):
    try:
        return importlib.import_module(module)
    except ModuleNotFoundError as exc:
        if exc.name and module.startswith(exc.name):
            return None
        raise


class LintRunner:
    """Runs the engines. ``grammar`` is a grammar engine object with
    ``check(source, is_stale=None)`` (see ``core.lint.grammar``) or None.
    ``budget_s`` bounds each whole-document step (default ``BUDGET_S``;
    None: no limit)."""

    def __init__(self, *, grammar: Any = None, sources: Any = None,
                 engines: Iterable[str] = ENGINES, budget_s: Any = "default") -> None:
        self.grammar = grammar
        self.sources = sources  # the store's Sources table, for citation keys
        self.engines = set(engines)
        self.budget_s: float | None = BUDGET_S if budget_s == "default" else budget_s

    def _attempt(self, fn: Callable[[], Any], is_stale: Callable[[], bool] | None,
                 budget_s: float | None) -> tuple[str, Any]:
        """``("ok", fn())``, ``("stale", None)`` or ``("failed", reason)``.

        Only the reason is kept, never the exception: its traceback holds the
        step's frames, and through them everything the step built (the tokens
        of 100,000 links), alive in a cycle until a garbage collection."""
        dog = Watchdog(budget_s, is_stale)
        try:
            with dog:
                return "ok", fn()
        except GaveUp as exc:
            dog.stop()  # in case the exception came before the block could disarm it
            if exc.reason == "stale":
                return "stale", None
            return "failed", _reason(exc, budget_s)
        except Exception as exc:  # RecursionError and MemoryError too
            return "failed", _reason(exc, budget_s)

    def _step(self, report: LintReport, engines: list[str], fn: Callable[[], Any],
              is_stale: Callable[[], bool] | None) -> tuple[bool, Any]:
        """``(True, fn())``, or ``(False, None)`` with a note per engine of
        ``engines`` when it raises or runs out of time (``report.stale`` when
        its text went stale)."""
        status, value = self._attempt(fn, is_stale, self.budget_s)
        if status == "ok":
            return True, value
        if status == "stale":
            report.stale = True
        else:
            report.notes.extend(f"{name} gave up: {value}" for name in engines)
        return False, None

    def _parse_by_ranges(self, report: LintReport, engines: list[str], source: str,
                         is_stale: Callable[[], bool] | None) -> tuple[bool, Any]:
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
            status, value = self._attempt(lambda: _parse(piece), is_stale, budget)
            if status == "stale":
                report.stale = True
                return False, None
            if status == "failed":
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

    def run(self, source: str, fields: dict[str, Any], *,
            other_focus_keyphrases: Iterable[str] = (),
            dismissed_keys: set[str] | None = None,
            is_stale: Callable[[], bool] | None = None) -> LintReport:
        view = accepted_view(source) if "{" in source else None
        if view is not None:  # suggestions read as accepted; findings mapped back (core.review)
            report = self.run(view.text, fields, other_focus_keyphrases=other_focus_keyphrases, is_stale=is_stale)
            report.findings = map_findings(view, report.findings, source)
            return _dismiss(report, source, dismissed_keys)
        report = LintReport()
        self.skipped_spans: list[tuple[int, int]] = []  # character ranges the parse gave up on
        whole = [e for e in ("seo", "readability", "citations") if e in self.engines]
        parsed = (True, (None, None))
        if whole and len(source) > RANGE_CHARS:
            parsed = self._parse_by_ranges(report, whole, source, is_stale)
        elif whole:
            parsed = self._step(report, whole, lambda: _parse(source), is_stale)
        if report.stale:
            return report
        ok, (tokens, segments) = parsed if parsed[0] else (False, (None, None))
        # what citations scan as text: the skipped ranges blanked (offsets kept), so
        # their whole-text searches do not run through what could not be parsed
        checked = blank_spans(source, self.skipped_spans) if self.skipped_spans else source
        if ok and self.engines & {"seo", "readability"}:
            analysis_mod = _optional("deskeditor.core.lint.analysis")
            if analysis_mod is None:
                report.notes.append("SEO and readability analysis is not available in this build")
            else:
                done, analysis = self._step(
                    report, [e for e in ("seo", "readability") if e in self.engines],
                    lambda: analysis_mod.analyze(source, fields, other_focus_keyphrases=other_focus_keyphrases,
                                                 segments=segments, tokens=tokens),
                    is_stale)
                if done:
                    report.stats, report.keyphrase, report.scores = analysis.stats, analysis.keyphrase, analysis.scores
                    report.findings += [f for f in analysis.findings if f.engine in self.engines]
        if report.stale:
            return report
        if ok and "citations" in self.engines:
            cit = _optional("deskeditor.core.citations.lint")
            if cit is not None:
                done, found = self._step(report, ["citations"],
                                         lambda: cit.lint(checked, sources=self.sources, segments=segments,
                                                          tokens=tokens),
                                         is_stale)
                if done:
                    report.findings += found
        if report.stale or (is_stale and is_stale()):
            report.stale = True
            return report
        if "grammar" in self.engines:
            self._grammar(report, source, is_stale)
        report.findings = sort_findings(report.findings)
        return _dismiss(report, source, dismissed_keys)

    def _grammar(self, report: LintReport, source: str, is_stale: Callable[[], bool] | None) -> None:
        """Grammar gives up per block itself (a request timeout becomes its
        "grammar unavailable" status); an exception here is one note."""
        if self.grammar is None:
            report.notes.append("grammar unavailable: no LanguageTool server configured; "
                                "fix: deskeditor languagetool install")
            return
        try:
            result = self.grammar.check(source, is_stale=is_stale)
        except Exception as exc:  # RecursionError and MemoryError too
            report.notes.append(f"grammar gave up: {_reason(exc, None)}")
            return
        report.findings += result.findings
        if not getattr(result, "available", True):
            report.notes.append(result.status)  # "grammar unavailable: ...; fix: ..."
        if getattr(result, "stale", False):
            report.stale = True


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
