"""The one markdown-it-py configuration deskeditor uses everywhere.

CommonMark, plus: tables, strikethrough, task lists, footnotes, YAML front
matter, bare-URL linking and heading anchors (slug ids), and the blog
generators' dialect (``dialect``: TeX math, Hugo shortcodes, Liquid, emoji
shortcodes, kramdown attribute lists, ``<!--more-->``). Typographic
replacements stay off so the parsed text is the source text, character for
character; the prose extractor relies on that.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from typing import Callable

from markdown_it import MarkdownIt
from mdit_py_plugins.anchors import anchors_plugin
from mdit_py_plugins.footnote import footnote_plugin
from mdit_py_plugins.front_matter import front_matter_plugin
from mdit_py_plugins.tasklists import tasklists_plugin

from .dialect import dialect_plugin
from .critic import critic_plugin


def slugify(text: str) -> str:
    """GitHub-style slug: lower case, punctuation dropped, spaces to hyphens.

    Accents are folded ("Café" -> "cafe") and dashes of every kind become
    hyphens, so "Russia–Ukraine" and "Russia-Ukraine" slug alike.
    """
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = re.sub(r"[\u2010-\u2015\u2212]", "-", text.lower())
    text = re.sub(r"[^\w\s-]", "", text)
    text = re.sub(r"[\s_]+", "-", text.strip())
    return re.sub(r"-{2,}", "-", text).strip("-")


def _source_line_rule(state) -> None:
    """Core rule: every block element gets ``data-source-line`` (0-based).

    ``env["line_offset"]`` is added, so a block parsed on its own can be given
    lines relative to its own start (the preview) or absolute ones.
    """
    if not state.env.get("source_lines", True):
        return
    offset = state.env.get("line_offset", 0)
    for token in state.tokens:
        if token.map is not None and token.nesting >= 0 and token.block and token.type != "inline":
            if token.type in ("front_matter",):
                continue
            token.attrSet("data-source-line", str(token.map[0] + offset))


def _gfm_links(md: MarkdownIt) -> None:
    """Bare links as GitHub Flavored Markdown makes them: ``https://...``,
    ``www.`` addresses and e-mail addresses, but not bare domains such as
    "example.com" (nor "U.S.-led"). linkify-it's own pre-test is a large regular
    expression run on every paragraph; a substring check first makes parsing
    about three times faster on ordinary prose."""
    linkify = md.linkify
    pretest, match = linkify.pretest, linkify.match

    def cheap_pretest(text: str) -> bool:
        return ("://" in text or "@" in text or "www." in text.lower()) and pretest(text)

    def gfm_match(text: str):
        found = [m for m in (match(text) or []) if m.schema or m.raw.lower().startswith("www.")]
        return found or None

    linkify.pretest = cheap_pretest
    linkify.match = gfm_match


def _toml_front_matter(state, start_line: int, end_line: int, silent: bool) -> bool:
    """Hugo's TOML front matter (``+++`` … ``+++`` at the very top) as a
    ``front_matter`` token, like the YAML kind, so nothing reads it as prose."""
    if start_line != 0 or not state.src.startswith("+++"):
        return False
    if state.src[state.bMarks[0]:state.eMarks[0]].rstrip() != "+++":
        return False
    line = 1
    while line < end_line:
        if state.src[state.bMarks[line]:state.eMarks[line]].rstrip() == "+++":
            break
        line += 1
    else:
        return False
    if silent:
        return True
    token = state.push("front_matter", "", 0)
    token.hidden = True
    token.markup = "+++"
    token.block = True
    token.content = state.src[state.eMarks[0] + 1:state.bMarks[line]]
    token.map = [0, line + 1]
    state.line = line + 1
    return True


def _normalize(state) -> None:
    """markdown-it's "normalize" rule (CR LF and CR to LF, NUL to U+FFFD) with
    ``str`` methods instead of a regex pass: the same text, but a 25 MB draft
    no longer holds the GIL (and so the GUI thread) for a third of a second."""
    src = state.src
    if "\r" in src:
        src = src.replace("\r\n", "\n").replace("\r", "\n")
    if "\0" in src:
        src = src.replace("\0", "\ufffd")
    state.src = src


@functools.lru_cache(maxsize=None)
def make_parser(html: bool = True, plugins: tuple[Callable[[MarkdownIt], None], ...] = ()) -> MarkdownIt:
    """The shared parser. ``html`` lets raw HTML through to the sanitizer;
    ``plugins`` are markdown-it plugins of other packages, used after ours
    (the citations package passes its ``[@key]`` reader: this package knows
    nothing of citations, so it never imports that one). One parser is kept
    per set of plugins."""
    md = MarkdownIt("commonmark", {"html": html, "linkify": True, "typographer": False})
    md.core.ruler.at("normalize", _normalize)
    md.enable(["table", "strikethrough", "linkify"])
    _gfm_links(md)
    md.use(front_matter_plugin)
    md.block.ruler.before("front_matter", "toml_front_matter", _toml_front_matter,
                          {"alt": ["paragraph", "reference", "blockquote", "list"]})
    md.use(footnote_plugin)
    md.use(tasklists_plugin)
    md.use(anchors_plugin, min_level=1, max_level=6, slug_func=slugify)
    md.use(dialect_plugin)
    md.use(critic_plugin)
    for plugin in plugins:
        md.use(plugin)
    md.core.ruler.push("source_lines", _source_line_rule)
    return md


@functools.lru_cache(maxsize=None)
def make_commonmark_parser() -> MarkdownIt:
    """Plain CommonMark with our source-line rule: used to check conformance."""
    md = MarkdownIt("commonmark")
    md.core.ruler.at("normalize", _normalize)
    md.core.ruler.push("source_lines", _source_line_rule)
    return md
