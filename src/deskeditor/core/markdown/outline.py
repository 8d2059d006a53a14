"""What a draft's structure says: its headings and its first paragraph.

The store names a draft after its first ``#`` heading, the Outline tab lists
the headings, and the SEO snippet falls back on the first paragraph. All of
them ask the Markdown parser rather than a regular expression, so a ``#``
line inside fenced code is no heading, a setext heading is one, and an
image alone is no paragraph.

These run on the GUI thread and on every save, on drafts of any size, so they
read only the start of a draft (``SCAN_CHARS``) and parse it a window of
``BLOCK_CHARS`` (and ``BLOCK_LINES``) at a time, each window starting where a
block surely begins (``ranges.block_starts``), going on only until they find
what they look for: a 10,000-row table costs one small parse, not a full one.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

from markdown_it.token import Token

from . import frontmatter
from .parser import make_parser
from .ranges import block_starts

SCAN_CHARS = 20_000  # of a draft read for its first heading or paragraph (some 3,000 words)
BLOCK_CHARS = 2_000  # and BLOCK_LINES: how much of a top-level block is parsed to see what it is
BLOCK_LINES = 100
SNIPPET_CHARS = 1_000  # of the first paragraph kept: more than a search snippet shows


@dataclass(frozen=True)
class Heading:
    line: int  # 0-based source line
    level: int
    text: str  # plain text: the markup dropped, link texts kept


def plain_text(inline: str) -> str:
    """The text a reader sees of inline Markdown, whitespace folded: emphasis
    marks, link destinations, images and raw HTML dropped."""
    out: list[str] = []
    for tok in make_parser().parseInline(inline, {}):
        for child in tok.children or ():
            if child.type in ("text", "code_inline"):
                out.append(child.content)
            elif child.type in ("softbreak", "hardbreak"):
                out.append(" ")
    return " ".join("".join(out).split())


def _blocks(block_text: str) -> Iterator[tuple[Token, str]]:
    """(opening token, inline source) of each top-level block of ``block_text``."""
    md = make_parser()
    tokens: list[Token] = []
    md.block.parse(block_text, md, {}, tokens)
    for i, tok in enumerate(tokens):
        if tok.level == 0 and tok.nesting >= 0 and tok.map is not None:
            nxt = tokens[i + 1] if i + 1 < len(tokens) else None
            yield tok, (nxt.content if nxt is not None and nxt.type == "inline" else "")


def _top_blocks(text: str) -> Iterator[tuple[Token, str]]:
    """The top-level blocks of ``text``'s body (its first ``SCAN_CHARS``), a
    window of ``BLOCK_CHARS`` at a time; the next window starts where a block
    surely begins, so the lines of a long block are scanned only when the
    caller reads past it."""
    body = frontmatter.body_of(text[:SCAN_CHARS])
    starts = block_starts(body)
    begin = 0
    while begin < len(body):
        window = "\n".join(body[begin : begin + BLOCK_CHARS].split("\n", BLOCK_LINES)[:BLOCK_LINES])
        yield from _blocks(window)
        seen = begin + max(1, len(window))
        begin = next((at for at, _line in starts if at >= seen), len(body))


def first_heading(text: str, level: int = 1) -> str:
    """The plain text of the first heading of ``level`` in ``text``'s body, or ""."""
    tag = f"h{level}"
    for tok, inline in _top_blocks(text):
        if tok.type == "heading_open" and tok.tag == tag:
            return plain_text(inline)
    return ""


def first_paragraph(text: str, limit: int = SNIPPET_CHARS) -> str:
    """The plain text of the first paragraph of ``text``'s body that has any
    (an image alone has none), cut at ``limit`` characters; "" when there is
    none in the first ``SCAN_CHARS``."""
    for tok, inline in _top_blocks(text):
        if tok.type == "paragraph_open":
            found = plain_text(inline[: limit * 2])[:limit]
            if found:
                return found
    return ""


def opening_heading(text: str) -> tuple[int, str, int] | None:
    """(level, inline source, offset just past its lines) of the heading that
    ``text`` opens with (blank lines before it allowed), or None."""
    window = "\n".join(text[:BLOCK_CHARS].split("\n", BLOCK_LINES)[:BLOCK_LINES])
    for tok, inline in _blocks(window):
        if tok.type != "heading_open":
            return None
        end = 0
        for _ in range(tok.map[1]):
            end = text.find("\n", end) + 1 or len(text)
        return int(tok.tag[1:]), inline, end
    return None


def heading_of(lines: list[str], start: int, end: int) -> Heading | None:
    """The heading of the block on ``lines[start:end]`` (ATX or setext), if it is one."""
    if start >= len(lines):
        return None
    for tok, inline in _blocks("\n".join(lines[start:end])):
        if tok.type == "heading_open":
            return Heading(start, int(tok.tag[1:]), plain_text(inline))
        return None
    return None
