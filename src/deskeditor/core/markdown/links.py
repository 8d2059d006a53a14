"""A link's ``(destination "title")`` read as CommonMark reads it, for the
scanners that walk Markdown source by hand (the prose extractor skipping a
link's tail, the citation scanner collecting destinations): one reading, so
the two never disagree about where a link ends."""

from __future__ import annotations

from markdown_it.helpers import parseLinkDestination, parseLinkTitle


def _spaces(src: str, q: int, limit: int) -> int:
    while q < limit and src[q] in " \t\n":
        q += 1
    return q


def link_tail(src: str, pos: int, limit: int) -> tuple[int, str]:
    """``pos`` just after a link's ``(``: where its closing ``)`` should
    stand (past the destination, an optional title and the spaces around
    them) and the destination ("" when none parses)."""
    q = _spaces(src, pos, limit)
    dest = parseLinkDestination(src, q, limit)
    if not dest.ok:
        return q, ""
    q = _spaces(src, dest.pos, limit)
    title = parseLinkTitle(src, q, limit)
    if title.ok:
        q = _spaces(src, title.pos, limit)
    return q, dest.str
