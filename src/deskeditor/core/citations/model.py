"""The citation feature's plain data: citations found in a draft, unlinked
attributions, and what a scan of a draft yields.

Every ``start``/``end`` is a code-point offset into the draft's full Markdown
source, front matter included, like ``Finding``'s.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class CiteItem:
    """One cited work inside a pandoc citation: ``[see @key, para. 4]``."""

    key: str
    prefix: str = ""  # "see"
    locator: str = ""  # "4"
    label: str = ""  # a CSL locator label: "paragraph", "page", ...
    suffix: str = ""  # free text after the locator
    suppress_author: bool = False  # ``[-@key]``


@dataclass(frozen=True)
class Citation:
    """A place in the draft that points at a source.

    ``kind`` is ``key`` (a pandoc ``[@key]``), ``footnote`` (a ``[^n]`` whose
    definition links a URL or cites a key) or ``link`` (an inline link,
    reference link, autolink or bare URL). ``keys`` are the library keys it
    cites directly; ``urls`` the web addresses it links.
    """

    kind: str
    start: int
    end: int
    text: str  # the source text of the citation
    items: tuple[CiteItem, ...] = ()
    urls: tuple[str, ...] = ()
    label: str = ""  # the footnote label, or a link's visible text

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(i.key for i in self.items)


@dataclass(frozen=True)
class Attribution:
    """Text that names a source but links nothing.

    ``kind`` is ``parenthetical`` ("(Reuters)", "(Wikipedia – Kursk
    Offensive)") or ``anchor`` ("this detailed YouTube analysis"). The range
    covers the parentheses of a parenthetical and the phrase of an anchor.
    ``name`` is the publisher or site named, ``title`` the article title when
    written as "Site – Title", ``group`` a normalised key: attributions with
    the same group name the same source.
    """

    kind: str
    start: int
    end: int
    text: str
    name: str
    title: str = ""
    group: str = ""
    reason: str = ""  # which heuristic matched: outlet, site-title, outlet-like, author-date, anchor

    @property
    def label(self) -> str:
        return f"{self.name} – {self.title}" if self.title else self.name


@dataclass(frozen=True)
class Footnote:
    """A footnote definition ``[^label]: text`` and what it links."""

    label: str
    start: int  # of the definition's text
    end: int
    urls: tuple[str, ...] = ()
    keys: tuple[str, ...] = ()


@dataclass
class Scan:
    """Everything citation-related found in one draft's text, without a library."""

    citations: list[Citation] = field(default_factory=list)
    attributions: list[Attribution] = field(default_factory=list)
    footnotes: dict[str, Footnote] = field(default_factory=dict)
    attached: list[str] = field(default_factory=list)  # front matter ``sources:``
    nocite: list[str] = field(default_factory=list)  # front matter ``nocite:`` (pandoc)
    references: dict[str, dict[str, Any]] = field(default_factory=dict)  # front matter ``references:``
    front_matter_end: int = 0

    @property
    def parentheticals(self) -> list[Attribution]:
        return [a for a in self.attributions if a.kind == "parenthetical"]

    @property
    def anchors(self) -> list[Attribution]:
        return [a for a in self.attributions if a.kind == "anchor"]

    def cited_keys(self) -> list[str]:
        """Library keys cited in the body, in order of first citation."""
        seen: dict[str, None] = {}
        for c in self.citations:
            for k in c.keys:
                seen.setdefault(k, None)
        return list(seen)
