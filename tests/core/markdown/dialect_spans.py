"""Test helper: the source spans of the dialect tokens of a Markdown text.

Block tokens cover their lines (a figure shortcode's caption included);
inline ones are found, in order, from the start of their inline block by the
source text the parser kept for them."""

from __future__ import annotations

from deskeditor.core.markdown.dialect import DIALECT_BLOCK, DIALECT_INLINE
from deskeditor.core.markdown.parser import make_parser


def line_starts(source: str) -> list[int]:
    starts = [0]
    for k, ch in enumerate(source):
        if ch == "\n":
            starts.append(k + 1)
    starts.append(len(source) + 1)
    return starts


def dialect_spans(source: str) -> list[tuple[int, int, str]]:
    tokens = make_parser().parse(source, {"source_lines": False})
    starts = line_starts(source)
    out = []
    for tok in tokens:
        if tok.type in ("shortcode_close", "liquid_close"):
            out.append((tok.meta["tag"].start, tok.meta["tag"].end, tok.type))
        elif tok.type in DIALECT_BLOCK and tok.map and tok.type not in ("shortcode_open", "liquid_open"):
            a, b = starts[tok.map[0]], min(starts[min(tok.map[1], len(starts) - 1)] - 1, len(source))
            out.append((a, b, tok.type))  # a figure's caption too: nothing inside a shortcode is prose
        elif tok.type in ("shortcode_open", "liquid_open"):  # the opening tag only: inside is Markdown
            out.append((tok.meta["tag"].start, tok.meta["tag"].end, tok.type))
        if tok.type == "inline" and tok.map:
            cur = starts[tok.map[0]]
            for child in tok.children or []:
                if child.type in DIALECT_INLINE:
                    raw = child.meta["src"]
                    first = raw.split("\n")[0]
                    k = source.find(first, cur)
                    assert k >= 0, (child.type, raw)
                    end = k + len(raw) if source.startswith(raw, k) else source.find(raw.split("\n")[-1], k) + len(raw.split("\n")[-1])
                    out.append((k, end, child.type))
                    cur = end
    return out


def kinds(source: str) -> list[str]:
    """Every dialect token type of ``source``, in document order."""
    tokens = make_parser().parse(source, {"source_lines": False})
    out = []
    for tok in tokens:
        if tok.type in DIALECT_BLOCK:
            out.append(tok.type)
        for child in tok.children or []:
            if child.type in DIALECT_INLINE:
                out.append(child.type)
    return out
