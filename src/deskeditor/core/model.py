"""The core's data types: drafts, revisions, sources and the one finding type.

Everything here is plain data (dataclasses), free of Qt, SQLite and I/O, so the
GUI, the CLI, the linters, the store and the exporters can all share it.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field
from typing import Any, Iterable

from .kinds import Engine, Rating, Severity

SEVERITIES = tuple(Severity)
STATUSES = ("draft", "review", "ready", "published")


def line_col(source: str, offset: int) -> tuple[int, int]:
    """1-based line and column of a character offset in ``source``."""
    offset = max(0, min(offset, len(source)))
    line = source.count("\n", 0, offset) + 1
    col = offset - (source.rfind("\n", 0, offset) + 1) + 1
    return line, col


@dataclass(frozen=True)
class Finding:
    """One problem a linter found, located in the Markdown source.

    ``start`` and ``end`` are character (code point) offsets into the draft's
    Markdown source exactly as ``deskeditor show`` prints it. Document-wide
    findings (a score, a missing meta description) use ``start == end == 0``
    unless they can point at something better.
    """

    engine: Engine
    rule: str  # a stable id, e.g. "keyphrase-density" or LanguageTool's rule id
    severity: Severity
    message: str
    start: int = 0
    end: int = 0
    replacements: tuple[str, ...] = ()
    category: str = ""  # LanguageTool's category, an SEO/readability group, ...
    rating: Rating | None = None  # SEO and readability checks only
    data: tuple[tuple[str, Any], ...] = ()  # extra engine-specific facts, hashable

    def __post_init__(self) -> None:
        # plain strings are accepted and typed here, so a finding never carries
        # an engine, severity or rating outside the protocol
        for name, kind in (("engine", Engine), ("severity", Severity), ("rating", Rating)):
            value = getattr(self, name)
            if value is None or isinstance(value, kind):
                continue
            if name == "rating" and value == "":
                object.__setattr__(self, name, None)
                continue
            try:
                object.__setattr__(self, name, kind(value))
            except ValueError:
                raise ValueError(f"unknown {name} {value!r}") from None
        if not (0 <= self.start <= self.end):
            raise ValueError(f"bad range {self.start}..{self.end}")

    @property
    def extra(self) -> dict[str, Any]:
        return dict(self.data)

    def text(self, source: str) -> str:
        return source[self.start : self.end]

    def key(self, source: str) -> str:
        """A key for review decisions that survives edits elsewhere in the draft.

        It hashes the engine, rule, the flagged text and a little context around it,
        not the offsets, so inserting a paragraph above does not revive a dismissal.
        """
        before = source[max(0, self.start - 20) : self.start]
        after = source[self.end : self.end + 20]
        raw = "\x1f".join((self.engine, self.rule, before, self.text(source), after))
        return hashlib.sha1(raw.encode("utf-8")).hexdigest()[:20]

    def to_dict(self, source: str) -> dict[str, Any]:
        line, column = line_col(source, self.start)
        d = {
            "engine": self.engine.value,
            "rule": self.rule,
            "severity": self.severity.value,
            "message": self.message,
            "start": self.start,
            "end": self.end,
            "line": line,
            "column": column,
            "text": self.text(source),
            "replacements": list(self.replacements),
        }
        if self.category:
            d["category"] = self.category
        if self.rating:
            d["rating"] = self.rating.value
        if self.data:
            d["data"] = self.extra
        return d

    def shifted(self, delta: int) -> "Finding":
        from dataclasses import replace

        return replace(self, start=self.start + delta, end=self.end + delta)


def sort_findings(findings: Iterable[Finding]) -> list[Finding]:
    order = {s: i for i, s in enumerate(SEVERITIES)}
    return sorted(findings, key=lambda f: (f.start, order[f.severity], f.engine, f.rule))


@dataclass
class Draft:
    """A draft post.

    ``body`` is the whole Markdown document *including* its YAML front matter:
    the text the writer edits and ``deskeditor show`` prints, and the text every
    finding's offsets point into. The other fields mirror the front matter; the
    store keeps them in step (see ``core.markdown.frontmatter``)."""

    id: int | None = None
    title: str = ""
    slug: str = ""
    body: str = ""
    status: str = "draft"
    author: str = ""
    keyphrase: str = ""
    related_keyphrases: list[str] = field(default_factory=list)
    seo_title: str = ""
    meta_description: str = ""
    tags: list[str] = field(default_factory=list)
    categories: list[str] = field(default_factory=list)
    date: str = ""  # publication date, ISO 8601, optional
    created: str = ""
    updated: str = ""
    trashed: str = ""  # ISO time it was moved to the trash, "" if not
    version: int = 0  # bumped on every save; used to detect lost updates

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Revision:
    id: int
    draft_id: int
    number: int  # 1, 2, 3 ... per draft
    created: str
    words: int
    size: int
    delta: int  # size change against the previous revision, in characters
    note: str = ""


@dataclass
class Source:
    """A source in CSL-JSON form with a citation key, shared across drafts."""

    key: str
    csl: dict[str, Any]
    id: int | None = None
