"""The lint runner: every engine on one draft, merged into one report.

Engines: ``seo`` and ``readability`` (one cheap whole-document analysis),
``citations`` (unlinked attributions, unresolved keys, source hygiene) and
``grammar`` (LanguageTool, block by block, cached). An engine that fails or is
unavailable adds a one-line note and the others still report: a dead grammar
server never hides the SEO verdict.

The GUI calls ``LintRunner.run`` from a worker thread with ``is_stale`` so a
run made for an older text stops early; the CLI calls it directly.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable

from ..markdown.parser import make_parser
from ..markdown.prose import extract_prose
from ..model import Finding, sort_findings

ENGINES = ("seo", "readability", "citations", "grammar")


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
    ``check(source, is_stale=None)`` (see ``core.lint.grammar``) or None."""

    def __init__(self, *, grammar: Any = None, sources: Any = None,
                 engines: Iterable[str] = ENGINES) -> None:
        self.grammar = grammar
        self.sources = sources  # the store's Sources table, for citation keys
        self.engines = set(engines)

    def run(self, source: str, fields: dict[str, Any], *,
            other_focus_keyphrases: Iterable[str] = (),
            dismissed_keys: set[str] | None = None,
            is_stale: Callable[[], bool] | None = None) -> LintReport:
        report = LintReport()
        tokens = make_parser().parse(source, {"source_lines": False})  # parsed once for every engine
        segments = extract_prose(source, tokens)
        if self.engines & {"seo", "readability"}:
            analysis_mod = _optional("deskeditor.core.lint.analysis")
            if analysis_mod is None:
                report.notes.append("SEO and readability analysis is not available in this build")
            else:
                analysis = analysis_mod.analyze(source, fields, other_focus_keyphrases=other_focus_keyphrases,
                                                segments=segments, tokens=tokens)
                report.stats, report.keyphrase, report.scores = analysis.stats, analysis.keyphrase, analysis.scores
                report.findings += [f for f in analysis.findings if f.engine in self.engines]
        if "citations" in self.engines:
            cit = _optional("deskeditor.core.citations.lint")
            if cit is not None:
                report.findings += cit.lint(source, sources=self.sources, segments=segments)
        if is_stale and is_stale():
            report.stale = True
            return report
        if "grammar" in self.engines:
            if self.grammar is None:
                report.notes.append("grammar unavailable: no LanguageTool server configured; "
                                    "fix: deskeditor languagetool install")
            else:
                result = self.grammar.check(source, is_stale=is_stale)
                report.findings += result.findings
                if not getattr(result, "available", True):
                    report.notes.append(result.status)  # "grammar unavailable: ...; fix: ..."
                if getattr(result, "stale", False):
                    report.stale = True
        findings = sort_findings(report.findings)
        if dismissed_keys:
            report.dismissed = [f for f in findings if f.key(source) in dismissed_keys]
            findings = [f for f in findings if f.key(source) not in dismissed_keys]
        report.findings = findings
        return report
