"""The Markdown that blog generators add to CommonMark, as markdown-it plugins.

TeX math (``math``), Hugo shortcodes and Liquid (``templates``), emoji
shortcodes (``emoji``), kramdown attribute lists and ``<!--more-->``
(``kramdown``), template tags in link destinations (``destinations``). Each
construct is a token of its own, so the prose map treats it as markup and the
renderer (``rendering``) shows what it means.

``DIALECT_INLINE`` and ``DIALECT_BLOCK`` name the token types; every inline one
carries its exact source text in ``meta["src"]`` for the prose map.
"""

from __future__ import annotations

from . import destinations, rendering
from .emoji import emoji_plugin
from .kramdown import kramdown_plugin
from .math import expand_math, math_plugin
from .templates import templates_plugin

DIALECT_INLINE = frozenset({"math_inline", "math_inline_double", "shortcode", "liquid_tag", "liquid_output",
                            "emoji", "ial"})
DIALECT_BLOCK = frozenset({"math_block", "math_block_label", "shortcode_block", "liquid_block",
                           "dialect_code", "liquid_comment", "ial_block", "excerpt_separator",
                           "shortcode_open", "shortcode_close", "liquid_open", "liquid_close"})
_RECORDED = ("math_inline",)  # dollarmath's rule; ours record their source themselves

__all__ = ["DIALECT_BLOCK", "DIALECT_INLINE", "dialect_plugin", "expand_math"]


def _recording(fn):
    """Wrap an inline rule so the token it pushes keeps its source text."""
    def rule(state, silent):
        start, n = state.pos, len(state.tokens)
        ok = fn(state, silent)
        if ok and not silent and len(state.tokens) > n:
            tok = state.tokens[-1]
            tok.meta = dict(tok.meta or {}, src=state.src[start:state.pos])
        return ok
    return rule


def _protect(state) -> None:
    state.src, held = destinations.protect(state.src)
    if held:
        state.env["_held_destinations"] = True


def dialect_plugin(md) -> None:
    md.core.ruler.after("normalize", "dialect_destinations", _protect)
    math_plugin(md)
    templates_plugin(md)
    emoji_plugin(md)
    kramdown_plugin(md)
    md.core.ruler.after("inline", "dialect_restore", destinations.restore)
    for rule in md.inline.ruler.__rules__:
        if rule.name in _RECORDED:
            md.inline.ruler.at(rule.name, _recording(rule.fn))
    rendering.install(md)
