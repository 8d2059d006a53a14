"""Scanning the template tags of Hugo and Jekyll (Liquid) in Markdown source.

Hugo shortcodes: ``{{< name args >}}`` (inner text not Markdown) and
``{{% name args %}}`` (inner text is Markdown), closed by ``{{< /name >}}``,
self-closed by ``/>}}``, commented out as ``{{</* name */>}}``. Liquid tags
``{% tag args %}`` (``{%- -%}`` trims whitespace) and output ``{{ expr }}``.
Quoted arguments may hold the closing characters, so quotes are skipped.
"""

from __future__ import annotations

from dataclasses import dataclass

_CLOSERS = {"<": ">}}", "%": "%}}"}


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


def _find_close(src: str, pos: int, end: int, closer: str) -> int:
    """Position of ``closer`` at or after ``pos``, skipping quoted strings;
    -1 when the tag does not close before ``end``."""
    i = pos
    while i < end:
        ch = src[i]
        if ch in "\"`":
            q = src.find(ch, i + 1, end)
            if q < 0:
                return -1
            i = q + 1
            continue
        if ch == closer[0] and src.startswith(closer, i):
            return i
        if ch == "\n" and src.startswith("\n\n", i):  # a tag never spans a blank line
            return -1
        i += 1
    return -1


def _split(inner: str) -> tuple[str, str]:
    inner = inner.strip()
    cut = next((k for k, c in enumerate(inner) if c.isspace()), len(inner))
    return inner[:cut], inner[cut:].strip()


def scan_tag(src: str, pos: int, end: int | None = None) -> Tag | None:
    """The template tag starting at ``src[pos]``, or None."""
    end = len(src) if end is None else end
    if not src.startswith("{", pos) or pos + 3 > end:
        return None
    second = src[pos + 1]
    if second == "{" and src[pos + 2] in "<%":
        mark = src[pos + 2]
        closer = _CLOSERS[mark]
        close = _find_close(src, pos + 3, end, closer)
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
        close = _find_close(src, pos + 2, end, "%}")
        if close < 0:
            return None
        name, args = _split(src[pos + 2 : close].strip("-").strip())
        if not name or not name[0].isalpha():
            return None
        return Tag("liquid_tag", pos, close + 2, name, args)
    if second == "{":
        close = _find_close(src, pos + 2, end, "}}")
        if close < 0:
            return None
        expr = src[pos + 2 : close].strip("-").strip()
        if not expr or expr[0] in "{}<%" or "\n" in expr:
            return None
        return Tag("liquid_output", pos, close + 2, "", expr)
    return None


def find_closing(src: str, pos: int, end: int, opening: Tag) -> Tag | None:
    """The tag closing ``opening`` at or after ``pos`` (nested pairs of the
    same name counted), or None."""
    depth = 0
    i = src.find("{", pos, end)
    while 0 <= i < end:
        tag = scan_tag(src, i, end)
        if tag is None:
            i = src.find("{", i + 1, end)
            continue
        if tag.kind == opening.kind == "shortcode" and tag.name == opening.name and not tag.comment:
            if tag.closing:
                if depth == 0:
                    return tag
                depth -= 1
            elif not tag.self_closing:
                depth += 1
        elif tag.kind == opening.kind == "liquid_tag":
            if tag.name == "end" + opening.name:
                if depth == 0:
                    return tag
                depth -= 1
            elif tag.name == opening.name:
                depth += 1
        i = src.find("{", tag.end, end)
    return None


# Liquid tags that open a block closed by "end<name>"
LIQUID_PAIRED = frozenset({"raw", "highlight", "comment", "if", "unless", "for", "case", "capture", "tablerow"})
# Paired tags whose inner text is code, shown as written
CODE_PAIRS = frozenset({"highlight", "raw", "mermaid", "code", "katex", "math", "diagram"})
