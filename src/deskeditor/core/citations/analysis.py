"""One draft's citations against the library: which sources it uses and where,
which keys do not resolve, which links lead outside the library, and its
unlinked attributions grouped by the source they name.

``analyze(source, sources)`` is what the linter, the CLI and the panel share.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ..markdown.parser import make_parser
from ..markdown.prose import Segment, extract_prose
from ..model import line_col
from .attributions import Spans, canonical_outlet, find_anchors, find_parentheticals, norm
from .csl import accessed_of, label, normalize_url, short_name, url_of
from .library import Library, as_library, dedupe
from .model import Attribution, Citation, Scan
from .parsing import scan_citations


@dataclass
class SourceUse:
    """One of the draft's sources and the places that cite it."""

    key: str
    csl: dict[str, Any] | None  # None when the key does not resolve
    citations: list[Citation] = field(default_factory=list)
    attached: bool = False  # listed in the front matter's ``sources:``
    nocite: bool = False

    @property
    def count(self) -> int:
        return len(self.citations)


@dataclass
class AttributionGroup:
    """Unlinked attributions that name the same source."""

    group: str
    label: str  # as first written: "KalikaBlogs – NATO’s Role in Russia-Ukraine War"
    name: str
    title: str
    kind: str
    attributions: list[Attribution] = field(default_factory=list)
    match: str = ""  # the key of a library source it names, "" if none

    @property
    def count(self) -> int:
        return len(self.attributions)


@dataclass
class CitationReport:
    scan: Scan
    library: Library
    uses: dict[str, SourceUse] = field(default_factory=dict)  # the draft's sources, in order
    unresolved: list[tuple[str, Citation | None]] = field(default_factory=list)
    external: dict[str, list[Citation]] = field(default_factory=dict)  # links to no library source
    groups: list[AttributionGroup] = field(default_factory=list)

    @property
    def attributions(self) -> list[Attribution]:
        return self.scan.attributions

    def first_use(self, key: str) -> tuple[int, int] | None:
        use = self.uses.get(key)
        if use and use.citations:
            return use.citations[0].start, use.citations[0].end
        return None

    def to_dict(self, source: str) -> dict[str, Any]:
        def where(start: int, end: int) -> dict[str, Any]:
            line, col = line_col(source, start)
            return {"start": start, "end": end, "line": line, "column": col, "text": source[start:end]}

        return {
            "sources": [
                {"key": u.key, "resolved": u.csl is not None, "label": label(u.csl) if u.csl else u.key,
                 "url": url_of(u.csl) if u.csl else "", "accessed": accessed_of(u.csl) if u.csl else "",
                 "attached": u.attached, "nocite": u.nocite, "count": u.count,
                 "cited_at": [where(c.start, c.end) for c in u.citations]}
                for u in self.uses.values()
            ],
            "citations": [
                dict(where(c.start, c.end), kind=c.kind, keys=list(c.keys), urls=list(c.urls),
                     **({"footnote": c.label} if c.kind == "footnote" else {}))
                for c in self.scan.citations
            ],
            "unresolved": [dict(where(c.start, c.end) if c else {}, key=k) for k, c in self.unresolved],
            "attributions": [
                dict(where(a.start, a.end), kind=a.kind, name=a.name, title=a.title, group=a.group,
                     rule=a.reason)
                for a in self.scan.attributions
            ],
            "groups": [
                {"label": g.label, "kind": g.kind, "count": g.count, "match": g.match,
                 "at": [where(a.start, a.end) for a in g.attributions]}
                for g in self.groups
            ],
            "links_outside_library": [
                {"url": cites[0].urls[0], "count": len(cites), "at": [where(c.start, c.end) for c in cites]}
                for cites in self.external.values()
            ],
        }


def _referenced_note_ranges(scan: Scan) -> list[tuple[int, int]]:
    """Source ranges of the footnote definitions some ``[^n]`` cites: a
    citation inside one is counted at its reference(s) instead, so a source
    is not counted twice."""
    labels = {c.label for c in scan.citations if c.kind == "footnote"}
    return sorted((n.start, n.end) for n in scan.footnotes.values() if n.label in labels)


def _source_keys(library: Library, c: Citation) -> list[str]:
    keys = list(c.keys)
    for url in c.urls:
        keys += library.by_url(url)
    return dedupe(keys)


def match_attribution(library: Library, name: str, title: str, prefer: list[str] = ()) -> str:
    """The key of the library source an attribution names, or "" when none
    or when it is ambiguous. "Site – Title" needs the same site and title;
    a bare "Site" needs exactly one source from that site (or exactly one
    among those the draft already uses)."""
    want_name, want_title = canonical_outlet(name), norm(title)
    hits = []
    for key, csl in library.all().items():
        names = {canonical_outlet(str(csl[v])) for v in
                 ("container-title-short", "container-title", "publisher", "title-short") if csl.get(v)}
        if want_name not in names:
            continue
        if want_title and norm(str(csl.get("title") or "")) != want_title:
            continue
        hits.append(key)
    if want_title or len(hits) == 1:
        return hits[0] if hits else ""
    # a bare site name ("(Reuters)") with several sources from that site: only
    # one already used by the draft is a safe guess
    preferred = [k for k in prefer if k in hits]
    return preferred[0] if len(preferred) == 1 else ""


def group_attributions(attributions: list[Attribution], library: Library,
                       prefer: list[str] = ()) -> list[AttributionGroup]:
    groups: dict[str, AttributionGroup] = {}
    for a in attributions:
        g = groups.get(a.group)
        if g is None:
            g = groups[a.group] = AttributionGroup(a.group, a.label, a.name, a.title, a.kind)
            if a.kind == "parenthetical" and library.available:
                g.match = match_attribution(library, a.name, a.title, prefer)
        g.attributions.append(a)
    return list(groups.values())


def analyze(source: str, sources: Any = None, segments: list[Segment] | None = None,
            tokens: Any = None) -> CitationReport:
    """Everything the citation feature knows about one draft (``segments`` and
    ``tokens``: its prose and its parse, if the caller has them already)."""
    if tokens is None:
        tokens = make_parser().parse(source, {"source_lines": False})
    scan, _mask, link_spans = scan_citations(source, tokens)
    if segments is None:
        segments = extract_prose(source, tokens)
    scan.attributions = sorted(
        find_parentheticals(source, segments, link_spans, scan.citations)
        + find_anchors(source, segments, link_spans, scan.citations),
        key=lambda a: a.start,
    )
    library = as_library(sources, scan.references)
    report = CitationReport(scan, library)
    in_notes = Spans(_referenced_note_ranges(scan))
    for c in scan.citations:
        if library.available:
            for k in c.keys:
                if library.get(k) is None and c.kind == "key":
                    report.unresolved.append((k, c))
        if c.kind != "footnote" and in_notes.overlaps(c.start, c.start + 1):
            continue
        keys = _source_keys(library, c)
        if c.kind == "link" and not keys:
            for url in c.urls:
                report.external.setdefault(normalize_url(url), []).append(c)
        for k in keys:
            use = report.uses.get(k)
            if use is None:
                use = report.uses[k] = SourceUse(k, library.get(k))
            use.citations.append(c)
    for k in scan.attached:
        use = report.uses.setdefault(k, SourceUse(k, library.get(k)))
        use.attached = True
        if library.available and use.csl is None and not use.citations:
            report.unresolved.append((k, None))
    for k in scan.nocite:
        use = report.uses.setdefault(k, SourceUse(k, library.get(k)))
        use.nocite = True
    report.groups = group_attributions(scan.attributions, library, list(report.uses))
    return report


def front_matter_position(source: str, scan: Scan, key: str) -> tuple[int, int]:
    """Where ``key`` is written in the front matter, else (0, 0)."""
    head = source[: scan.front_matter_end]
    m = re.search(r"(?<![\w@-])@?" + re.escape(key) + r"(?![\w-])", head)
    if m:
        return m.start(), m.end()
    return 0, 0


def source_name(csl: dict[str, Any] | None, key: str) -> str:
    if not csl:
        return key
    return short_name(csl) or label(csl)
