"""Rated findings and the scores made from them, shared by the SEO and
readability analyses.

A score is the weighted share of points over the checks that count:
good = 1, ok = 0.5, poor = 0, times 100.
"""

from __future__ import annotations

from typing import Iterable

from ..model import Finding

POINTS = {"good": 1.0, "ok": 0.5, "poor": 0.0}


def score(findings: Iterable[Finding], weights: dict[str, float], rated: set[str]) -> int:
    total = got = 0.0
    for f in findings:
        if f.rule in rated and f.rating:
            w = weights.get(f.rule, 1.0)
            total += w
            got += w * POINTS[f.rating]
    return round(100 * got / total) if total else 0


def rated_finding(engine: str, severities: dict[str, str], rule: str, rating: str, message: str,
                  rng: tuple[int, int] | None = None, category: str = "", data=(), severity: str = "") -> Finding:
    """A finding with a rating; its severity follows the rating unless given."""
    start, end = rng if rng else (0, 0)
    return Finding(engine, rule, severity or severities[rating], message, start, end,
                   category=category, rating=rating, data=tuple(data))
