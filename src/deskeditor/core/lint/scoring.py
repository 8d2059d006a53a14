"""Rated findings and the overall scores made from them, as Yoast SEO makes
them, shared by the SEO and readability analyses.

Each check that Yoast SEO also has gives Yoast's score for it (its
``scoring/assessments/...``: 9, 6, 3, ... or a penalty such as -10), kept in
the finding's data as ``score``; the rating follows Yoast's
``scoring/interpreters/scoreToRating.js``: above 7 good, 5 to 7 ok, 4 or less
poor (Yoast's "bad"); a score of 0 is not shown. deskeditor's own checks carry
a rating but no score and do not count in the overall scores.

* SEO (``scoreAggregators/SEOScoreAggregator.js``): the sum of the scores over
  9 times their number, as a percentage, rounded (never below 0);
* readability (``scoreAggregators/ReadabilityScoreAggregator.js``, English
  fully supported): penalty points, 3 per poor and 2 per ok result; more
  than 6 gives 30, more than 4 gives 60, else 90; with one result or none
  (no text), 0.

The overall rating (``interpreters/scoreToRating.js`` on score / 10): above 70
good, above 40 ok, else poor.
"""

from __future__ import annotations

from typing import Iterable

from ..model import Finding


def rating_of(score: float) -> str:
    """Yoast's score -> rating: good, ok, poor, or "" (0: not shown)."""
    if score == 0:
        return ""
    return "good" if score > 7 else "ok" if score > 4 else "poor"


def yoast_score(f: Finding) -> float | None:
    for k, v in f.data:
        if k == "score":
            return v
    return None


def seo_score(findings: Iterable[Finding]) -> int:
    scores = [s for f in findings if (s := yoast_score(f)) is not None]
    if not scores:
        return 0
    return max(0, round(sum(scores) * 100 / (len(scores) * 9)))


PENALTY = {"poor": 3, "ok": 2, "good": 0}


def readability_score(findings: Iterable[Finding]) -> int:
    scores = [s for f in findings if (s := yoast_score(f)) is not None]
    if len(scores) <= 1:
        return 0
    penalty = sum(PENALTY.get(rating_of(s), 0) for s in scores)
    return 30 if penalty > 6 else 60 if penalty > 4 else 90


def overall(score: int) -> str:
    return "good" if score > 70 else "ok" if score > 40 else "poor"


def rated_finding(engine: str, severities: dict[str, str], rule: str, rating: str | float, message: str,
                  rng: tuple[int, int] | None = None, category: str = "", data=(), severity: str = "") -> Finding:
    """A finding with a rating; its severity follows the rating unless given.
    A number for ``rating`` is Yoast's score: the rating follows from it and
    the score is kept in the data."""
    start, end = rng if rng else (0, 0)
    if not isinstance(rating, str):
        data = (("score", rating),) + tuple(data)
        rating = rating_of(rating) or "good"
    return Finding(engine, rule, severity or severities[rating], message, start, end,
                   category=category, rating=rating, data=tuple(data))
