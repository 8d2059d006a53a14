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
from .emoji import emoji_inline, emoji_plugin
from .kramdown import extension_block, extension_inline, ial_block, ial_inline, kramdown_plugin, more_block
from .math import expand_math, math_plugin
from .templates import template_block, template_inline

DIALECT_INLINE = frozenset({"math_inline", "math_inline_double", "shortcode", "liquid_tag", "liquid_output",
                            "emoji", "ial", "kramdown_extension_inline"})
DIALECT_BLOCK = frozenset({"math_block", "math_block_label", "shortcode_block", "liquid_block",
                           "dialect_code", "liquid_comment", "ial_block", "excerpt_separator", "kramdown_extension",
                           "shortcode_open", "shortcode_close", "liquid_open", "liquid_close"})
_ALT = {"alt": ["paragraph", "reference", "blockquote", "list"]}

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


def _inline_dispatcher(math_rules):
    """One inline rule for the whole dialect, choosing by the character it is
    at: markdown-it tries every rule at every punctuation mark, so one call
    instead of seven keeps ordinary prose as fast as before."""
    dollar = _recording(math_rules[0])
    brackets = math_rules[1:]

    def rule(state, silent):
        ch = state.src[state.pos]
        if ch == "$":
            return dollar(state, silent)
        if ch == "\\":
            return any(r(state, silent) for r in brackets)
        if ch == "{":
            return template_inline(state, silent) or extension_inline(state, silent) or ial_inline(state, silent)
        if ch == ":":
            return emoji_inline(state, silent)
        return False
    return rule


def _block_dispatcher(math_rules):
    dollar, brackets = math_rules[0], math_rules[1:]

    def rule(state, start, end, silent):
        ch = state.src[state.bMarks[start] + state.tShift[start]: state.bMarks[start] + state.tShift[start] + 1]
        if ch == "$":
            return dollar(state, start, end, silent)
        if ch == "\\":
            return any(r(state, start, end, silent) for r in brackets)
        if ch == "{":
            return (template_block(state, start, end, silent) or extension_block(state, start, end, silent)
                    or ial_block(state, start, end, silent))
        if ch == "<":
            return more_block(state, start, end, silent)
        return False
    return rule


def dialect_plugin(md) -> None:
    md.core.ruler.after("normalize", "dialect_destinations", _protect)
    inline_math, block_math = math_plugin(md)
    emoji_plugin(md)
    kramdown_plugin(md)
    md.inline.ruler.before("escape", "dialect", _inline_dispatcher(inline_math))
    md.block.ruler.before("fence", "dialect", _block_dispatcher(block_math), _ALT)
    md.core.ruler.after("inline", "dialect_restore", destinations.restore)
    rendering.install(md)
