"""Scanning the template tags of Hugo and Jekyll (Liquid) in Markdown source.

Hugo shortcodes: ``{{< name args >}}`` (inner text not Markdown) and
``{{% name args %}}`` (inner text is Markdown), closed by ``{{< /name >}}``,
self-closed by ``/>}}``, commented out as ``{{</* name */>}}``. Liquid tags
``{% tag args %}`` (``{%- -%}`` trims whitespace) and output ``{{ expr }}``.
Quoted arguments may hold the closing characters, so quotes are skipped.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

_CLOSERS = {"<": ">}}", "%": "%}}"}
# A tag is short (a multi-line figure shortcode is a few hundred characters):
# looking further for its end would make a hostile draft of unclosed "{{"
# quadratic.
MAX_TAG = 2000



@dataclass(frozen=True)
class Tag:
    kind: str  # "shortcode" or "liquid_tag" or "liquid_output"
    start: int
    end: int  # just after the closing delimiter
    name: str  # shortcode or tag name; "" for Liquid output
    args: str  # the rest, stripped
    closing: bool = False  # {{< /name >}}, {% endname %} is reported by name
    self_closing: bool = False  # {{< name />}}
    markdown: bool = False  # {{% %}}: the inner text is Markdown
    comment: bool = False  # {{</* ... */>}}: shown literally by Hugo


def scan_memo(state) -> dict:
    """Scan memos for the source text a markdown-it state reads, kept in the
    parse's env (a new text, a new memo)."""
    held = state.env.get("_tag_memo")
    if held is None or held[0] is not state.src:
        held = state.env["_tag_memo"] = (state.src, {})
    return held[1]


def next_closer(src: str, closer: str, pos: int, memo: dict) -> int:
    """``src.find(closer, pos)``, remembered: the answer holds for every later
    position up to it, so looking again from each of many openers is cheap."""
    hit = memo.get(closer)
    if hit is not None and hit[0] <= pos and (hit[1] < 0 or pos <= hit[1]):
        return hit[1]
    q = src.find(closer, pos)
    memo[closer] = (pos, q)
    return q


def _find_close(src: str, pos: int, end: int, closer: str, memo: dict | None = None) -> int:
    """Position of ``closer`` at or after ``pos`` (a quoted closer in the
    arguments is not looked for), -1 when the tag does not close before ``end``
    or crosses a blank line. ``memo`` remembers where the next closer after a
    position is, so a draft full of unclosed tags is still read in linear time."""
    if memo is not None:
        q = next_closer(src, closer, pos, memo)
    else:
        q = src.find(closer, pos, min(end, pos + MAX_TAG + len(closer)))
    if q < 0 or q + len(closer) > end or q - pos > MAX_TAG:
        return -1
    if src.find("\n\n", pos, q) >= 0:  # a tag never spans a blank line
        return -1
    return q


def _split(inner: str) -> tuple[str, str]:
    inner = inner.strip()
    cut = next((k for k, c in enumerate(inner) if c.isspace()), len(inner))
    return inner[:cut], inner[cut:].strip()


def scan_tag(src: str, pos: int, end: int | None = None, memo: dict | None = None) -> Tag | None:
    """The template tag starting at ``src[pos]``, or None (``memo``: see ``_find_close``)."""
    end = len(src) if end is None else end
    if not src.startswith("{", pos) or pos + 3 > end:
        return None
    second = src[pos + 1]
    if second == "{" and src[pos + 2] in "<%":
        mark = src[pos + 2]
        closer = _CLOSERS[mark]
        close = _find_close(src, pos + 3, end, closer, memo)
        if close < 0:
            return None
        inner = src[pos + 3 : close]
        stripped = inner.strip()
        comment = stripped.startswith("/*") and stripped.endswith("*/")
        if comment:
            name, args = _split(stripped[2:-2])
            return Tag("shortcode", pos, close + 3, name, args, markdown=mark == "%", comment=True)
        closing = stripped.startswith("/")
        self_closing = not closing and stripped.endswith("/")
        if closing:
            stripped = stripped[1:]
        if self_closing:
            stripped = stripped[:-1]
        name, args = _split(stripped)
        if not name or not (name[0].isalnum() or name[0] in "_"):
            return None
        return Tag("shortcode", pos, close + 3, name, args, closing, self_closing, mark == "%")
    if second == "%":
        close = _find_close(src, pos + 2, end, "%}", memo)
        if close < 0:
            return None
        name, args = _split(src[pos + 2 : close].strip("-").strip())
        if not name or not name[0].isalpha():
            return None
        return Tag("liquid_tag", pos, close + 2, name, args)
    if second == "{":
        if src[pos + 2] in "{}":
            return None
        close = _find_close(src, pos + 2, end, "}}", memo)
        if close < 0:
            return None
        expr = src[pos + 2 : close].strip("-").strip()
        if not expr or expr[0] in "{}<%" or "\n" in expr:
            return None
        return Tag("liquid_output", pos, close + 2, "", expr)
    return None


def _closing_pattern(opening: Tag) -> re.Pattern:
    name = re.escape(opening.name)
    if opening.kind == "shortcode":
        return re.compile(r"\{\{[<%]\s*(/)?\s*" + name + r"(?=[\s/>%])")
    return re.compile(r"\{%-?\s*(end)?" + name + r"(?=[\s%-])")


def find_closing(src: str, pos: int, end: int, opening: Tag, memo: dict | None = None) -> Tag | None:
    """The tag closing ``opening`` at or after ``pos`` (nested pairs of the
    same name counted), or None. With ``memo`` the closing tags of the whole
    text are indexed once, so many unclosed openings cost one scan."""
    if memo is not None:
        index = memo.get(_INDEX)
        if index is None:
            index = memo[_INDEX] = _closers(src)
        found = index.get((opening.kind, opening.name), ())
        k = bisect_left(found, pos)
        if k == len(found) or found[k] >= end:
            return None  # no closing tag of that name ahead: one lookup, not a scan
    depth = 0
    for m in _closing_pattern(opening).finditer(src, pos, end):
        tag = scan_tag(src, m.start(), end)
        if tag is None or tag.comment or tag.kind != opening.kind:
            continue
        if tag.kind == "shortcode":
            if tag.name != opening.name or tag.self_closing:
                continue
            closes = tag.closing
        elif tag.name in (opening.name, "end" + opening.name):
            closes = tag.name != opening.name
        else:
            continue
        if closes:
            if depth == 0:
                return tag
            depth -= 1
        else:
            depth += 1
    return None


_INDEX = "closing tags"
_CLOSER_AT = re.compile(r"\{\{[<%]\s*/\s*([\w./-]+)|\{%-?\s*end(\w+)")


def _closers(src: str) -> dict[tuple[str, str], list[int]]:
    """Where each closing tag (by kind and name) is in ``src``, in order."""
    out: dict[tuple[str, str], list[int]] = {}
    for m in _CLOSER_AT.finditer(src):
        key = ("shortcode", m.group(1)) if m.group(1) else ("liquid_tag", m.group(2))
        out.setdefault(key, []).append(m.start())
    return out


# Liquid tags that open a block closed by "end<name>"
LIQUID_PAIRED = frozenset({"raw", "highlight", "comment", "if", "unless", "for", "case", "capture", "tablerow"})
# Paired tags whose inner text is code, shown as written
CODE_PAIRS = frozenset({"highlight", "raw", "mermaid", "code", "katex", "math", "diagram"})
