"""The ``citations`` lint engine.

Rules (``Finding.rule``):

* ``unresolved-key`` (error): ``[@key]`` (or a front matter ``sources:``
  entry) names no source in the library. Only when there is a library (the
  store's sources or front matter ``references:``).
* ``unlinked-attribution`` (warning): "(Reuters)" names a source and links
  nothing; the range covers the parentheses. When a library source matches,
  the replacement ``[@key]`` is offered.
* ``unlinked-anchor`` (warning): "this detailed YouTube analysis" sends the
  reader somewhere and links nothing.
* ``source-missing-url`` (warning): a source of the draft has neither URL nor DOI.
* ``source-missing-accessed`` (warning): a web source (it has a URL) has no
  accessed date.
* ``duplicate-source`` (warning): a source of the draft has the same URL as
  another library source.
* ``uncited-source`` (warning): a source attached to the draft (front matter
  ``sources:``) is cited nowhere in it.

Source-level findings point at the source's first citation in the draft, or at
its key in the front matter.
"""

from __future__ import annotations

from typing import Any

from ..kinds import Engine, Severity
from ..model import Finding
from .analysis import CitationReport, analyze, front_matter_position, source_name
from .csl import accessed_of, url_of

ENGINE = Engine.CITATIONS


def _finding(rule: str, severity: Severity, message: str, start: int, end: int, **kw: Any) -> Finding:
    data = tuple((k, tuple(v) if isinstance(v, list) else v) for k, v in kw.pop("data", {}).items())
    return Finding(ENGINE, rule, severity, message, start, end, data=data, category="citations", **kw)


def _where(report: CitationReport, source: str, key: str) -> tuple[int, int]:
    return report.first_use(key) or front_matter_position(source, report.scan, key)


def _unresolved(report: CitationReport, source: str) -> list[Finding]:
    out = []
    for key, c in report.unresolved:
        start, end = (c.start, c.end) if c else front_matter_position(source, report.scan, key)
        out.append(_finding("unresolved-key", Severity.ERROR,
                            f"no source with key '{key}' in the library: add the source or fix the key",
                            start, end, data={"key": key}))
    return out


def _attributions(report: CitationReport) -> list[Finding]:
    out = []
    for g in report.groups:
        for a in g.attributions:
            if a.kind == "anchor":
                out.append(_finding(
                    "unlinked-anchor", Severity.WARNING,
                    f"“{a.text}” sends the reader to something but links nothing: link it or cite the source",
                    a.start, a.end, data={"phrase": a.text}))
                continue
            also = f" (named {g.count} times)" if g.count > 1 else ""
            out.append(_finding(
                "unlinked-attribution", Severity.WARNING,
                f"“{a.text}” names a source but links nothing{also}: cite it with [@key] or link it",
                a.start, a.end, replacements=(f"[@{g.match}]",) if g.match else (),
                data={"name": a.name, "title": a.title, "group": a.group, "count": g.count,
                      "source": g.match, "heuristic": a.reason}))
    return out


def _hygiene(report: CitationReport, source: str) -> list[Finding]:
    out = []
    lib = report.library
    for key, use in report.uses.items():
        csl = use.csl
        if csl is None:
            continue
        start, end = _where(report, source, key)
        name = source_name(csl, key)
        url = url_of(csl)
        if not url and not csl.get("DOI"):
            out.append(_finding("source-missing-url", Severity.WARNING,
                                f"source '{key}' ({name}) has no URL: readers cannot check it",
                                start, end, data={"key": key}))
        elif url and not accessed_of(csl):
            out.append(_finding("source-missing-accessed", Severity.WARNING,
                                f"source '{key}' ({name}) has no accessed date: when was the page read?",
                                start, end, data={"key": key}))
        twins = lib.twins(key)
        if twins:
            out.append(_finding("duplicate-source", Severity.WARNING,
                                f"source '{key}' has the same URL as {', '.join(repr(t) for t in twins)}: "
                                "keep one of them", start, end, data={"key": key, "same_as": twins, "url": url}))
        if use.attached and not use.citations and not use.nocite:
            fs, fe = front_matter_position(source, report.scan, key)
            out.append(_finding("uncited-source", Severity.WARNING,
                                f"source '{key}' ({name}) is attached to the draft but cited nowhere in it",
                                fs, fe, data={"key": key}))
    return out


def lint(source: str, sources: Any = None, *, segments: list | None = None, tokens: Any = None,
         report: CitationReport | None = None) -> list[Finding]:
    """Citation findings for the draft ``source`` (full Markdown, front matter
    included). ``sources``: the store's Sources table, a key -> CSL mapping or
    None (then keys are not resolved). ``segments`` and ``tokens``: the prose
    and the parse, if the caller has them already."""
    if report is None:
        report = analyze(source, sources, segments, tokens)
    return _unresolved(report, source) + _attributions(report) + _hygiene(report, source)
