"""A large draft in ranges of whole top-level blocks, parsed one by one.

The lint parses a draft of more than ``RANGE_CHARS`` characters range by
range, so that one range that takes too long (5,000 nested list levels, a
flood of links) is skipped with a note while the others are still checked.

Blocks are gathered into a range until it holds ``RANGE_CHARS``; a block that
large on its own is a range by itself, so a note about it names its lines.
A range ends before a line that starts a new top-level block for sure: a line
that does not begin with a space or a tab, after a blank line, outside fenced
code, outside an HTML block that may span blank lines (``<pre>``, ``<script>``,
``<style>``, ``<textarea>``, a comment), outside a Liquid or Hugo code pair
(``{% highlight %}``, ``{% raw %}``, ``{% comment %}``, ``{{< highlight >}}``)
and after the front matter. A list
whose items are separated by blank lines may be cut between two items (it
becomes two lists: the prose is the same). Reference-style links and
footnotes whose definition sits in another range are read as plain text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator

from . import frontmatter

RANGE_CHARS = 100_000  # about this many characters per range

_FENCE = re.compile(r" {0,3}(`{3,}|~{3,})")
_HTML_OPEN = re.compile(r" {0,3}(<(?:pre|script|style|textarea)\b|<!--)", re.I)
_HTML_CLOSE = {"<!--": "-->"}
_TEMPLATE_CODE = re.compile(r" {0,3}\{(?:%-?\s*(highlight|raw|comment)\b|\{[<%]\s*(highlight|mermaid|code)\b)")


@dataclass
class Range:
    start: int  # character offset in the draft
    end: int
    line: int  # 0-based line of ``start``

    def lines(self, source: str) -> tuple[int, int]:
        """1-based first and last line."""
        return self.line + 1, self.line + max(1, source.count("\n", self.start, self.end - 1) + 1)


def block_ranges(source: str, size: int = RANGE_CHARS) -> list[Range]:
    """Consecutive ranges covering ``source``, cut only where a top-level
    block surely begins: blocks are gathered until a range holds ``size``
    characters, and a block of ``size`` or more is a range of its own (so a
    note about it names its lines only)."""
    cuts = list(block_starts(source))
    ranges: list[Range] = []
    start, start_line = 0, 0
    for (off, line), (nxt, _) in zip(cuts, cuts[1:] + [(len(source), 0)]):
        if off > start and (off - start >= size or nxt - off >= size):
            ranges.append(Range(start, off, start_line))
            start, start_line = off, line
    ranges.append(Range(start, len(source), start_line))
    return ranges


def block_starts(source: str) -> Iterator[tuple[int, int]]:
    """(offset, 0-based line) of every place a top-level block surely begins,
    the start of the draft first; lazily, so a reader that wants the first few
    blocks of a long draft reads only as far as those."""
    try:
        fm_end = frontmatter.split(source).end
    except Exception:  # malformed front matter: no cut inside its first lines
        fm_end = source.find("\n---", 4) + 4 if source.startswith("---") else 0
    yield 0, 0
    fence: str | None = None
    html_close: str | None = None
    prev_blank = False
    pos, line = 0, 0
    n = len(source)
    while pos < n:
        nl = source.find("\n", pos)
        end = n if nl < 0 else nl + 1
        text = source[pos:end].rstrip("\n")
        if (pos > 0 and prev_blank and fence is None and html_close is None and pos >= fm_end
                and text[:1] not in (" ", "\t", "")):
            yield pos, line
        if fence is not None:
            m = _FENCE.match(text)
            if m and m.group(1)[0] == fence[0] and len(m.group(1)) >= len(fence) and not text[m.end():].strip():
                fence = None
        elif html_close is not None:
            if html_close in text.lower():
                html_close = None
        else:
            m = _FENCE.match(text)
            if m:
                fence = m.group(1)
            else:
                h = _HTML_OPEN.match(text)
                if h:
                    tag = h.group(1).lower()
                    close = _HTML_CLOSE.get(tag, "</" + tag[1:] + ">")
                    if close not in text.lower()[h.end():]:
                        html_close = close
                t = _TEMPLATE_CODE.match(text)
                if t:  # {% highlight %} … {% endhighlight %}, {{< highlight >}} … {{< /highlight >}}
                    close = ("end" + t.group(1)) if t.group(1) else ("/" + t.group(2))
                    if close not in text.lower()[t.end():]:
                        html_close = close
        prev_blank = not text.strip()
        pos, line = end, line + 1


def shift_tokens(tokens, lines: int) -> int:
    """Move ``tokens`` (parsed from a range) down by ``lines``; return how many
    top-level blocks they hold (as ``extract_prose`` counts them)."""
    blocks = 0
    for tok in tokens:
        if tok.map:
            tok.map = [tok.map[0] + lines, tok.map[1] + lines]
        if tok.level == 0 and tok.nesting >= 0:
            blocks += 1
    return blocks


def shift_segments(segments, chars: int, lines: int, blocks: int) -> None:
    """Move prose segments (extracted from a range) to their place in the draft."""
    for seg in segments:
        seg.offsets = [o + chars if o >= 0 else o for o in seg.offsets]
        seg.line += lines
        seg.block += blocks
