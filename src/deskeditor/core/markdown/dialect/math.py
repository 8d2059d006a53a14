"""TeX math: ``$…$``, ``$$…$$``, ``\\(…\\)``, ``\\[…\\]`` (and the doubled
backslashes Hugo posts written before Goldmark's passthrough extension use).

Delimiters follow the blog generators: kramdown (Jekyll) writes display and
inline math as ``$$…$$`` (inline when it sits inside a paragraph), MathJax
set-ups add ``$…$`` and ``\\(…\\)``, Hugo's passthrough extension takes
``$$``/``\\[`` blocks and ``\\(``/``$`` inline. A single ``$`` opens math only
when no space or digit follows it and no space or digit precedes the closing
one, so prices ("costs $5 and $10", "3.3$") stay text; ``\\$`` is a dollar.

The dollar forms are parsed by mdit-py-plugins' ``dollarmath``; the bracket
forms by two small rules (texmath's match a regex against a copy of the rest
of the document at every candidate, which hostile drafts make quadratic). Rendering is MathML from latex2mathml, with no script:
the renderer writes a marker carrying the TeX, the HTML is sanitized, and
``expand_math`` then puts MathML cleaned by its own allowlist in its place,
so the general sanitizer never has to allow MathML.
"""

from __future__ import annotations

import functools
import html as _html
import re

import nh3
from markdown_it.common.utils import escapeHtml
from mdit_py_plugins.dollarmath import dollarmath_plugin

from .tags import next_closer, scan_memo

_OPEN, _CLOSE = "\ue001", "\ue002"
_MARKER = re.compile(f"{_OPEN}([BI])([^{_OPEN}{_CLOSE}]*){_CLOSE}")

_BRACKETS = [("\\\\(", "\\\\)"), ("\\(", "\\)")]  # doubled backslashes first
_BLOCK_BRACKETS = [("\\\\[", "\\\\]"), ("\\[", "\\]")]


_MATHML_TAGS = {
    "math", "semantics", "annotation", "mrow", "mi", "mn", "mo", "ms", "mtext", "mspace", "msup", "msub",
    "msubsup", "mfrac", "msqrt", "mroot", "mstyle", "merror", "mpadded", "mphantom", "mfenced", "menclose",
    "munder", "mover", "munderover", "mmultiscripts", "mprescripts", "none", "mtable", "mtr", "mtd", "mlabeledtr",
}
_MATHML_ATTRS = {
    "display", "xmlns", "mathvariant", "stretchy", "fence", "separator", "lspace", "rspace", "accent",
    "accentunder", "movablelimits", "largeop", "symmetric", "minsize", "maxsize", "width", "height", "depth",
    "linethickness", "displaystyle", "scriptlevel", "columnalign", "rowalign", "columnspacing", "rowspacing",
    "columnlines", "rowlines", "frame", "framespacing", "notation", "open", "close", "separators", "form",
    "class",
}


def _marker(tex: str, opts: dict) -> str:
    return f"{_OPEN}{'B' if opts.get('display_mode') else 'I'}{escapeHtml(tex)}{_CLOSE}"


def math_plugin(md):
    """Install the math render rules and return the parsing rules (inline:
    ``$``, then the bracket forms; block: ``$$``, then the bracket forms) for
    the dialect's dispatchers. Tokens: ``math_inline``, ``math_inline_double``,
    ``math_block``, ``math_block_label``."""
    dollarmath_plugin(md, allow_space=False, allow_digits=False, double_inline=True,
                      allow_blank_lines=False, renderer=_marker)
    inline_dollar = md.inline.ruler.__rules__[md.inline.ruler.__find__("math_inline")].fn
    block_dollar = md.block.ruler.__rules__[md.block.ruler.__find__("math_block")].fn
    md.inline.ruler.disable("math_inline")  # the dispatchers call them, only at a "$"
    md.block.ruler.disable("math_block")
    # "$$…$$" inside a paragraph is inline math to kramdown (and a div cannot sit in a <p>)
    md.add_render_rule("math_inline_double", lambda self, tokens, idx, options, env:
                       f'<span class="math inline">{_marker(tokens[idx].content.strip(), {})}</span>')
    md.core.ruler.after("block", "math_switch", front_matter_switch)
    inline = [_currency_guard(inline_dollar)] + [_bracket_inline(o, c) for o, c in _BRACKETS]
    block = [block_dollar] + [_bracket_block(o, c) for o, c in _BLOCK_BRACKETS]
    return inline, block


def _bracket_inline(opener: str, closer: str):
    """``\\(…\\)`` inline (texmath's rule, but finding the closer with
    ``next_closer`` instead of a regex over a copy of the rest of the
    paragraph, which a paragraph of unclosed openers made quadratic)."""
    def rule(state, silent):
        src, pos = state.src, state.pos
        if not src.startswith(opener, pos):
            return False
        a = pos + len(opener)
        q = next_closer(src, closer, a, scan_memo(state))
        if q <= a or q + len(closer) > state.posMax:
            return False
        if not silent:
            token = state.push("math_inline", "math", 0)
            token.content = src[a:q]
            token.markup = opener
            token.meta = {"src": src[pos : q + len(closer)]}
        state.pos = q + len(closer)
        return True
    return rule


def _bracket_block(opener: str, closer: str):
    """``\\[`` … ``\\]`` display math: the closer ends a line, no blank line inside."""
    def rule(state, start, end, silent):
        if state.sCount[start] - state.blkIndent >= 4:
            return False
        src = state.src
        pos = state.bMarks[start] + state.tShift[start]
        if not src.startswith(opener, pos):
            return False
        a = pos + len(opener)
        q = next_closer(src, closer, a, scan_memo(state))
        limit = state.eMarks[end - 1]
        if q < a or q + len(closer) > limit or src.find("\n\n", a, q) >= 0:
            return False
        line = start
        while line < end - 1 and state.eMarks[line] < q + len(closer):
            line += 1
        if src[q + len(closer) : state.eMarks[line]].strip():
            return False
        if not silent:
            token = state.push("math_block", "math", 0)
            token.block = True
            token.content = src[a:q]
            token.markup = opener
            token.map = [start, line + 1]
        state.line = line + 1
        return True
    return rule


def _currency_guard(fn):
    """A ``$`` followed by a digit opens math only when the closing ``$`` ends
    the same word (``$2^n$``), not in "costs $5 of compute (or 3.3$ …)"; and
    dollarmath's look at the character before an opening ``$`` at the start
    of a paragraph must not wrap round to its last character."""
    def rule(state, silent):
        src, pos = state.src, state.pos
        if src.startswith("$", pos) and not src.startswith("$$", pos) and src[pos + 1 : pos + 2].isdigit():
            close = src.find("$", pos + 1)
            if close < 0 or any(ch.isspace() for ch in src[pos + 1 : close]):
                return False
        if pos == 0 and src[-1:].isdigit():
            state.src = src + " "
            try:
                return fn(state, silent)
            finally:
                state.src = src
        return fn(state, silent)
    return rule


@functools.lru_cache(maxsize=4096)
def to_mathml(tex: str, display: bool) -> str:
    """TeX to MathML; what latex2mathml cannot read is shown as the TeX, in code."""
    from latex2mathml.converter import convert

    try:
        out = convert(tex, display="block" if display else "inline")
    except Exception:  # latex2mathml raises many kinds on bad TeX; the page must still render
        return f'<code class="math-error" title="TeX that could not be read">{escapeHtml(tex)}</code>'
    attrs = {t: set(_MATHML_ATTRS) for t in _MATHML_TAGS}
    return nh3.clean(out, tags=_MATHML_TAGS, attributes=attrs, url_schemes=set(), link_rel=None,
                     strip_comments=True)


def expand_math(sanitized_html: str, env: dict | None = None) -> str:
    """Replace the renderer's math markers by MathML (after sanitizing). A post
    whose front matter turns math off (``math: false``, ``mathjax: false``)
    shows its TeX as the site will: as written, in code."""
    if _OPEN not in sanitized_html:
        return sanitized_html
    if env and env.get("math_off"):
        return _MARKER.sub(lambda m: f'<code class="math-off">{m.group(2)}</code>', sanitized_html)
    return _MARKER.sub(lambda m: to_mathml(_html.unescape(m.group(2)), m.group(1) == "B"), sanitized_html)


_MATH_OFF = re.compile(r"^(?:math|mathjax|katex|use_math)[ \t]*:[ \t]*(?:false|no|off)[ \t]*$", re.M | re.I)


def front_matter_switch(state) -> None:
    """Core rule: note in ``env["math_off"]`` a front matter turning math off."""
    tokens = state.tokens
    if tokens and tokens[0].type == "front_matter" and _MATH_OFF.search(tokens[0].content or tokens[0].meta or ""):
        state.env["math_off"] = True
