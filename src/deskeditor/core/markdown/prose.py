"""Prose extraction: the text a reader (and a linter) reads, mapped to the source.

``extract_prose(source)`` returns ``Segment``s: headings, paragraphs, list items,
block quotes, table cells, image alt texts and footnote texts. A segment's
``text`` is what a reader sees; ``offsets[i]`` is the offset in ``source`` of
``text[i]``, or ``-1`` for a character that is not in the source:

* a soft or hard line break becomes one space (``-1``);
* inline code and bare URLs become a neutral placeholder word (``-1`` for each
  of its characters), so the sentence around them stays grammatical; the
  placeholder's span is listed in ``Segment.placeholders``;
* the blog generators' inline dialect (TeX math, Hugo shortcodes, Liquid
  tags and output, emoji shortcodes) becomes the same placeholder word;
* link destinations, HTML tags, footnote markers, pandoc citation keys
  (``[@key]``), kramdown attribute lists and front matter are left out
  altogether, and so are the block-level dialect tokens (math blocks,
  shortcode and Liquid blocks, highlight and raw blocks);
* the text nodes of raw HTML blocks (``<div class="thecap">A caption.</div>``)
  are prose, one segment per block-level element, with their whitespace runs
  read as one space. A ``{{< figure >}}`` shortcode's caption is not: it is
  inside the shortcode, which the site renders, and no finding may fall
  inside a shortcode (the raw-HTML caption is the writer's own text).

Every character with an offset is exactly ``source[offset]``: the extractor
aligns each parsed character with the source, left to right, so markup and
escapes are skipped and never guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field


from .links import link_tail
from .dialect import DIALECT_INLINE
from .htmlprose import text_groups
from .critic import SKIPPED
from .parser import make_parser

PLACEHOLDER_CODE = "code"
PLACEHOLDER_URL = "example.com"
_WINDOW = 200  # how far markup may separate two consecutive prose characters
_CITATION = re.compile(r"\s?\[[^\[\]\n]*@[\w:.#$%&\-+?<>~/]+[^\[\]\n]*\]")


@dataclass
class Segment:
    kind: str  # heading, paragraph, list_item, blockquote, table_cell, image_alt, footnote
    text: str
    offsets: list[int]
    line: int  # first source line of the enclosing block, 0-based
    level: int = 0  # heading level, 0 for other kinds
    block: int = 0  # index of the top-level block it belongs to
    placeholders: list[tuple[int, int]] = field(default_factory=list)  # spans in ``text``

    def source_range(self, i: int, j: int) -> tuple[int, int] | None:
        """Source range covering text[i:j]: from the first real character at or
        after ``i`` to just after the last real character before ``j``."""
        i = max(0, i)
        j = min(len(self.text), j)
        lo = next((self.offsets[k] for k in range(i, j) if self.offsets[k] >= 0), None)
        hi = next((self.offsets[k] for k in range(j - 1, i - 1, -1) if self.offsets[k] >= 0), None)
        if lo is None or hi is None:
            return None
        return lo, hi + 1

    def in_placeholder(self, i: int, j: int) -> bool:
        return any(a < j and i < b for a, b in self.placeholders)

    @property
    def start(self) -> int:
        return next((o for o in self.offsets if o >= 0), 0)

    @property
    def end(self) -> int:
        return next((o + 1 for o in reversed(self.offsets) if o >= 0), self.start)


class _Builder:
    def __init__(self, source: str) -> None:
        self.source = source
        self.chars: list[str] = []
        self.offsets: list[int] = []
        self.placeholders: list[tuple[int, int]] = []

    def add_aligned(self, text: str, cur: int, limit: int) -> int:
        src = self.source
        n = len(text)
        if cur + n <= limit and src.startswith(text, cur):  # the common case: verbatim
            self.chars.extend(text)
            self.offsets.extend(range(cur, cur + n))
            return cur + n
        for ch in text:
            j = src.find(ch, cur, min(limit, cur + _WINDOW))
            self.chars.append(ch)
            if j < 0:
                self.offsets.append(-1)
            else:
                self.offsets.append(j)
                cur = j + 1
        return cur

    def add_html_run(self, start: int, end: int, base: list[tuple[int, int]]) -> None:
        """Text of a raw HTML block, ``html[start:end]``, whitespace runs read as one
        space; ``base`` maps the block's lines (offset in html, offset in source)."""
        text = self.chars
        for m in _WORDS.finditer(self._html, start, end):
            a, b = m.span()
            if m.group(0)[0].isspace():
                if text and text[-1] != " ":
                    one = m.group(0) == " "
                    text.append(" ")
                    self.offsets.append(_to_source(base, a) if one else -1)
                continue
            text.extend(m.group(0))
            self.offsets.extend(_to_source(base, k) for k in range(a, b))

    def add_synthetic(self, text: str, placeholder: bool = False) -> None:
        if placeholder:
            self.placeholders.append((len(self.chars), len(self.chars) + len(text)))
        self.chars.extend(text)
        self.offsets.extend([-1] * len(text))

    def segment(self, kind: str, line: int, level: int, block: int) -> Segment | None:
        text = "".join(self.chars)
        offsets = self.offsets
        placeholders = self.placeholders
        # drop pandoc citations: "[@key]", "[see @key, p. 4]"
        if "@" in text:
            keep = [True] * len(text)
            for m in _CITATION.finditer(text):
                for k in range(m.start(), m.end()):
                    keep[k] = False
            if not all(keep):
                before = [0] * (len(text) + 1)  # kept characters before each position
                for k in range(len(text)):
                    before[k + 1] = before[k] + keep[k]
                placeholders = [(before[a], before[b]) for a, b in placeholders if before[b] > before[a]]
                offsets = [o for k, o in enumerate(offsets) if keep[k]]
                text = "".join(ch for k, ch in enumerate(text) if keep[k])
        # trim synthetic or blank ends
        lo, hi = 0, len(text)
        while lo < hi and text[lo].isspace():
            lo += 1
        while hi > lo and text[hi - 1].isspace():
            hi -= 1
        if lo == hi:
            return None
        placeholders = [(a - lo, b - lo) for a, b in placeholders if a >= lo and b <= hi]
        return Segment(kind, text[lo:hi], offsets[lo:hi], line, level, block, placeholders)


_WORDS = re.compile(r"\s+|\S+")
_DISPLAY_MATH = ("math_block", "math_block_label")


def _to_source(base: list[tuple[int, int]], k: int) -> int:
    """Offset in the source of offset ``k`` of an HTML block's content."""
    line = 0
    for i, (start, _src) in enumerate(base):
        if start > k:
            break
        line = i
    start, at = base[line]
    return at + (k - start) if at >= 0 else -1


def _skip_raw(src: str, raw: str, cur: int, limit: int) -> int:
    """The position after ``raw`` (a token's source text, whose lines a
    container may have prefixed with ``>`` or indentation) found from ``cur``."""
    lines = raw.split("\n")
    j = src.find(lines[0], cur, limit)
    if j < 0:
        return cur
    p = j + len(lines[0])
    for line in lines[1:]:
        k = src.find(line, p, limit)
        if k < 0:
            return p
        p = k + len(line)
    return p


def _skip_link_tail(src: str, pos: int, limit: int) -> int:
    """``pos`` is just after a link's text; return the position after its
    closing ``]`` and destination, ``(url "title")`` or ``[label]``."""
    close = src.find("]", pos, limit)
    if close < 0:
        return pos
    p = close + 1
    if p < limit and src[p] == "(":
        q, _dest = link_tail(src, p + 1, limit)
        end = src.find(")", q, limit)
        return end + 1 if end >= 0 else p
    if p < limit and src[p] == "[":
        end = src.find("]", p, limit)
        return end + 1 if end >= 0 else p
    return p


def _inline_to_builder(b: _Builder, children, cur: int, limit: int, alts: list) -> int:
    src = b.source
    i = 0
    n = len(children)
    while i < n:
        tok = children[i]
        t = tok.type
        if t == "text":
            cur = b.add_aligned(tok.content, cur, limit)
        elif t in ("softbreak", "hardbreak"):
            nl = src.find("\n", cur, limit)
            if nl >= 0:
                cur = nl + 1
            b.add_synthetic(" ")
        elif t == "code_inline":
            opening = src.find(tok.markup, cur, limit)
            if opening >= 0:
                closing = src.find(tok.markup, opening + len(tok.markup) + len(tok.content.strip()), limit)
                cur = closing + len(tok.markup) if closing >= 0 else opening + len(tok.markup)
            b.add_synthetic(PLACEHOLDER_CODE, placeholder=True)
        elif t == "html_inline":
            j = src.find(tok.content, cur, limit)
            if j >= 0:
                cur = j + len(tok.content)
        elif t == "link_open" and tok.markup in ("linkify", "autolink"):
            # the visible text is the URL itself: skip it, say "example.com"
            j = i + 1
            url = ""
            while j < n and children[j].type != "link_close":
                url += children[j].content
                j += 1
            k = src.find(url, cur, limit) if url else -1
            if k >= 0:
                cur = k + len(url)
                if tok.markup == "autolink" and cur < limit and src[cur] == ">":
                    cur += 1
            b.add_synthetic(PLACEHOLDER_URL, placeholder=True)
            i = j  # at link_close
        elif t == "link_close" and tok.markup not in ("linkify", "autolink"):
            cur = _skip_link_tail(src, cur, limit)
        elif t == "image":
            start = src.find("![", cur, limit)
            if start >= 0:
                alt = _Builder(src)
                after = _inline_to_builder(alt, tok.children or [], start + 2, limit, alts)
                alts.append(alt)
                cur = _skip_link_tail(src, after, limit)
        elif t in DIALECT_INLINE:
            cur = _skip_raw(src, (tok.meta or {}).get("src") or tok.content, cur, limit)
            tag = (tok.meta or {}).get("tag")
            silent = (t in ("ial", "kramdown_extension_inline")
                      or (tag is not None and (tag.closing or tag.name.startswith("end"))))
            if not silent:
                b.add_synthetic(PLACEHOLDER_CODE, placeholder=True)
        elif t in SKIPPED or t == "critic_comment":  # CriticMarkup deletions and comments
            closer = SKIPPED.get(t, "<<}")
            while t in SKIPPED and i + 1 < n and children[i].type != t.replace("_open", "_close"):
                i += 1
            j = src.find(closer, cur, limit)
            cur = j + len(closer) if j >= 0 else cur
        elif t == "footnote_ref":
            j = src.find("[^", cur, limit)
            if j >= 0:
                end = src.find("]", j, limit)
                cur = end + 1 if end >= 0 else j + 2
        i += 1
    return cur


def extract_prose(source: str, tokens=None) -> list[Segment]:
    """The prose of a Markdown document as segments, in document order."""
    if tokens is None:
        tokens = make_parser().parse(source, {"source_lines": False})
    line_starts = [0]
    for k, ch in enumerate(source):
        if ch == "\n":
            line_starts.append(k + 1)
    line_starts.append(len(source) + 1)

    def pos(line: int) -> int:
        return line_starts[min(line, len(line_starts) - 1)] if line >= 0 else 0

    out: list[Segment] = []
    after_math, last_top = False, ""  # a paragraph may go on a sentence a display equation began
    stack: list[str] = []  # open container kinds
    block = -1
    block_line = 0
    heading_level = 0
    row_cursor: dict[int, int] = {}  # table row line -> cursor, for successive cells
    for tok in tokens:
        if tok.level == 0 and tok.nesting >= 0:
            block += 1
            block_line = tok.map[0] if tok.map else block_line
            after_math, last_top = last_top in _DISPLAY_MATH, tok.type
        t = tok.type
        if tok.nesting == 1:
            stack.append(t)
            if t == "heading_open":
                heading_level = int(tok.tag[1])
        elif tok.nesting == -1:
            if stack:
                stack.pop()
        if t == "html_block" and tok.map:
            out.extend(_html_segments(source, tok, pos, _kind(stack), block_line, block))
            continue
        if t != "inline" or not tok.map:
            continue
        first, last = tok.map
        limit = min(pos(last), len(source))
        if "th_open" in stack[-1:] or "td_open" in stack[-1:]:
            kind = "table_cell"
            cur = row_cursor.get(first, pos(first))
        else:
            cur = pos(first)
            kind = "heading" if "heading_open" in stack else _kind(stack)
        b = _Builder(source)
        if after_math and kind == "paragraph" and tok.content[:1].islower():
            # "… the transform is $$…$$ and the inverse …": the equation is a word of the sentence
            b.add_synthetic(PLACEHOLDER_CODE, placeholder=True)
            b.add_synthetic(" ")
        alts: list[_Builder] = []
        end = _inline_to_builder(b, tok.children or [], cur, limit, alts)
        if kind == "table_cell":
            bar = source.find("|", end, limit)
            row_cursor[first] = bar + 1 if bar >= 0 else end
        seg = b.segment(kind, block_line, heading_level if kind == "heading" else 0, block)
        if seg:
            out.append(seg)
        for alt in alts:
            aseg = alt.segment("image_alt", block_line, 0, block)
            if aseg:
                out.append(aseg)
    return out


def _kind(stack: list[str]) -> str:
    if "footnote_open" in stack:
        return "footnote"
    if "list_item_open" in stack:
        return "list_item"
    if "blockquote_open" in stack:
        return "blockquote"
    return "paragraph"


def _html_segments(source: str, tok, pos, kind: str, line: int, block: int) -> list[Segment]:
    """Segments for the text nodes of a raw HTML block. Its content is the
    source lines without a container's prefix, so each line is found again."""
    html = tok.content
    first, last = tok.map
    limit = min(pos(last), len(source))
    base, cur, k = [], pos(first), 0
    for text_line in html.split("\n"):
        at = source.find(text_line, cur, limit) if text_line else cur
        base.append((k, at))
        if at >= 0:
            cur = at + len(text_line)
        k += len(text_line) + 1
    out = []
    for group in text_groups(html):
        b = _Builder(source)
        b._html = html
        for item in group:
            if len(item) == 3:
                b.chars.append(item[2] if len(item[2]) == 1 else " ")
                b.offsets.append(-1)
            else:
                b.add_html_run(item[0], item[1], base)
        seg = b.segment(kind, line, 0, block)
        if seg:
            out.append(seg)
    return out


def plain_text(source: str) -> str:
    """All prose as one string, segments separated by blank lines."""
    return "\n\n".join(s.text for s in extract_prose(source))
