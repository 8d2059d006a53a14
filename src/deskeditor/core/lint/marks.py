"""Yoast's eye marker: which parts of the text each SEO or readability check
is about, and its checks grouped as Yoast's box groups them.

The analysis gives a summary finding per check ("Passive voice: 3 of 27
sentences") and, for some checks, one finding per instance (each passive
sentence, each long paragraph). A reader clicking the summary wants to see
every instance at once, so the instances are folded into their summary as
its marks; the keyphrase checks mark the keyphrase's occurrences. Nothing
here changes what the analysis found, it only regroups it (no Qt: the CLI
and the window share it).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable

from ..model import Finding

# a summary check -> the rules of the findings that are its instances
INSTANCES: dict[str, tuple[str, ...]] = {
    "sentence-length": ("long-sentence",),
    "passive-voice": ("passive-sentence",),
    "sentence-beginnings": ("repeated-sentence-start",),
    "paragraph-length": ("long-paragraph",),
    "subheading-distribution": ("long-section",),
    "adverbs": ("adverb",),
    "weasel-words": ("weasel-word",),
    "images": ("image-alt-missing",),
    "image-keyphrase": ("image-alt-stuffed",),
}
# checks about the keyphrase's use in the text: the occurrences are the marks
KEYPHRASE_MARKED = frozenset({"keyphrase-density", "keyphrase-distribution"})
GROUPS = (("poor", "Problems"), ("ok", "Improvements"), ("good", "Good results"))
ENGINES = ("seo", "readability")


@dataclass(frozen=True)
class Check:
    """One row of Yoast's box: the summary finding and the ranges it is about."""

    finding: Finding
    marks: tuple[tuple[int, int], ...]


def _own_range(f: Finding) -> tuple[tuple[int, int], ...]:
    return ((f.start, f.end),) if f.end > f.start else ()


def checks(findings: Iterable[Finding], keyphrase: dict[str, Any] | None = None) -> list[Check]:
    """The SEO and readability checks, instances folded into their summary."""
    rated = [f for f in findings if f.engine in ENGINES and f.rating]
    rules = {f.rule for f in rated}
    owner = {inst: summary for summary, insts in INSTANCES.items() if summary in rules for inst in insts}
    instances: dict[str, list[tuple[int, int]]] = {}
    for f in rated:
        if f.rule in owner and f.end > f.start:
            instances.setdefault(owner[f.rule], []).append((f.start, f.end))
    occurrences = tuple((int(a), int(b)) for a, b in (keyphrase or {}).get("occurrences", ()) if b > a)
    out = []
    for f in rated:
        if f.rule in owner:
            continue
        marks = _own_range(f) + tuple(instances.get(f.rule, ()))
        if f.rule in KEYPHRASE_MARKED:
            marks += occurrences
        out.append(Check(f, tuple(sorted(set(marks)))))
    return out


def grouped(items: list[Check]) -> list[tuple[str, list[Check]]]:
    """(group title, checks) for Problems, Improvements and Good results, in
    that order; empty groups are left out."""
    out = []
    for rating, title in GROUPS:
        members = [c for c in items if c.finding.rating == rating]
        if members:
            out.append((title, members))
    return out
