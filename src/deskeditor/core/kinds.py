"""The words of the lint protocol as types: which engine found something, how
bad it is, how a rated check came out, and how a runner step ended.

They are ``StrEnum``s so that a typo is an error at the point it is made
(``Severity("eror")`` raises) while everything that already speaks strings
keeps working: a member equals its value (``Severity.ERROR == "error"``),
hashes like it, formats as it and is written to JSON as it.
"""

from __future__ import annotations

from enum import StrEnum


class Engine(StrEnum):
    """Who found something: the lint runner's engines, in the order it walks
    them, and the site workspace's link check (``deskeditor site check``)."""

    SEO = "seo"
    READABILITY = "readability"
    CITATIONS = "citations"
    GRAMMAR = "grammar"
    SITE = "site"


class Severity(StrEnum):
    """How bad a finding is, worst first (the order findings sort in)."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


class Rating(StrEnum):
    """How a rated SEO or readability check came out (Yoast's traffic lights)."""

    GOOD = "good"
    OK = "ok"
    POOR = "poor"


class Outcome(StrEnum):
    """How one guarded step of the lint runner ended."""

    OK = "ok"  # it finished; its value is the result
    STALE = "stale"  # the text changed meanwhile: the result is of no use
    FAILED = "failed"  # it raised or ran out of time; its value is the reason
