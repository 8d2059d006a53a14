"""A finding's range never starts or ends inside inline markup.

Engines map their ranges from prose back to the Markdown source, and a range
that crosses an element's edge cuts through its markup: a long section that
"ends at …found [here", a sentence that "starts at It was hard.**". The
window would underline half a link, and a replacement would break the markup.
``snap_to_markup`` fixes every finding once, where the runner merges them:

* a range that crosses an element's edge widens to the whole element
  (``[here](url)``, ``**It was hard.**``);
* a range inside one element that reaches into its markup (the ``**`` or the
  ``](url)``) shrinks to the element's text.

Inline elements are found on the lines where a range starts and ends (inline
markup here is read line by line): emphasis and strong emphasis, strike-
through, links and images, inline code, autolinks and inline HTML tags.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Iterable

from ..model import Finding

# (pattern, group of the element's text); each on one line
_ELEMENTS = (
    (re.compile(r"!?\[([^\[\]\n]{0,1000})\]\((?:[^()\n]|\([^()\n]*\)){0,2000}\)"), 1),
    (re.compile(r"!?\[([^\[\]\n]{0,1000})\]\[[^\[\]\n]{0,200}\]"), 1),
    (re.compile(r"(`+)(?!`)([^\n]*?[^`\n])\1(?!`)"), 2),
    (re.compile(r"(\*\*|__|~~)(?=\S)([^\n]{0,2000}?\S)\1"), 2),
    (re.compile(r"(?<![*\w])\*(?=[^\s*])([^*\n]{0,2000}?[^\s*])\*(?!\*)"), 1),
    (re.compile(r"(?<![_\w])_(?=[^\s_])([^_\n]{0,2000}?[^\s_])_(?![_\w])"), 1),
    (re.compile(r"<(https?://[^>\s]{1,2000})>"), 1),
    (re.compile(r"<(/?[A-Za-z][\w-]*(?:\s[^<>\n]{0,500})?/?)>"), 0),
)
Element = tuple[int, int, int, int]  # element start, end; its text's start, end


def _line_of(source: str, pos: int) -> tuple[int, int]:
    a = source.rfind("\n", 0, pos) + 1
    b = source.find("\n", pos)
    return a, len(source) if b < 0 else b


def elements_on_line(source: str, a: int, b: int) -> list[Element]:
    out = []
    for pattern, group in _ELEMENTS:
        for m in pattern.finditer(source, a, b):
            if group:
                out.append((m.start(), m.end(), m.start(group), m.end(group)))
            else:  # a tag has no text of its own
                out.append((m.start(), m.end(), m.start(), m.start()))
    return out


def _snap(s: int, e: int, elements: Iterable[Element]) -> tuple[int, int]:
    for a, b, ca, cb in elements:
        starts_in, ends_in = a < s < b, a < e < b
        if starts_in and e <= b:  # inside this element: keep to its text
            if cb > ca and s < cb and e > ca:
                s, e = max(s, ca), min(e, cb)
        elif starts_in:
            s = a
        elif ends_in and s <= a:
            e = b
    return s, e


def snap_to_markup(source: str, findings: list[Finding]) -> list[Finding]:
    """``findings`` with every range widened or shrunk off inline markup."""
    cache: dict[int, list[Element]] = {}

    def around(pos: int) -> list[Element]:
        a, b = _line_of(source, pos)
        if a not in cache:
            cache[a] = elements_on_line(source, a, b)
        return cache[a]

    out = []
    for f in findings:
        s, e = f.start, f.end
        if e <= s or e > len(source):
            out.append(f)
            continue
        for _ in range(4):  # nested elements: widen until nothing changes
            snapped = _snap(s, e, around(s) + around(e - 1))
            if snapped == (s, e):
                break
            s, e = snapped
        out.append(f if (s, e) == (f.start, f.end) else replace(f, start=s, end=e))
    return out
