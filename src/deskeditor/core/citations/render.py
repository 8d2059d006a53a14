"""Rendering citations: a markdown-it-py plugin and the "Sources" list.

``citations_plugin(md, sources=None, style="apa")`` adds an inline rule that
reads pandoc citations (``[@key]``, ``[see @a, p. 4; @b]``) as ``citation``
tokens and renders each as a linked attribution in the chosen style:

    <span class="citation">(<a class="citation-link" href="URL" title="...">Osborn &amp; Soldatkin, 2025</a>)</span>

Each item links to its source's URL (DOI when there is no URL); an unknown key
renders as ``(key?)`` with class ``citation-unresolved``. The library and the
style can be given per render in ``env``: ``env["sources"]`` (the Sources
table, a key -> CSL mapping or a ``Library``) and ``env["citation_style"]``;
the plugin's arguments are the defaults. Front matter ``references:`` are
used too when the front matter is part of the text rendered.

``render_html`` and ``CitationRenderer`` are the Markdown package's renderers
with the plugin added: what the preview, the export and ``deskeditor render``
use. (The plugin is registered here, from outside the parser, so
``core.markdown`` never imports this package.)

``sources_section(source, sources, style)`` is the "Sources" list of a whole
draft (its cited, link-matched, attached and ``nocite`` sources) as HTML or
Markdown; ``append_sources(html, ...)`` appends it to rendered HTML and
``resolve_markdown(...)`` rewrites the citations of a Markdown export into
plain linked attributions followed by the list.
"""

from __future__ import annotations

import html
import re
from typing import Any

from markdown_it import MarkdownIt

from ..markdown import render as markdown_render
from .csl import label, url_of
from .library import Library, as_library
from .model import CiteItem
from .parsing import KEY, parse_items, read_front_matter, scan_citations
from .style import DEFAULT_STYLE, Formatter, html_to_markdown

_AT_BRACKET = re.compile(r"\[(?P<inner>[^\[\]]*?@[^\[\]]*?)\]")
_ENV_STATE = "_citations"


def _url_for(csl: dict[str, Any] | None) -> str:
    if not csl:
        return ""
    url = url_of(csl)
    if not url and csl.get("DOI"):
        url = "https://doi.org/" + str(csl["DOI"])
    return url


# -- the markdown-it plugin ----------------------------------------------------
def _citation_rule(state, silent: bool) -> bool:
    src, pos = state.src, state.pos
    if src[pos] != "[":
        return False
    close = src.find("]", pos)
    if close < 0 or "@" not in src[pos:close]:
        return False
    m = _AT_BRACKET.match(src, pos)
    if not m or "\n\n" in m.group("inner"):
        return False
    end = m.end()
    if end < len(src) and src[end] in "([:":
        return False  # a link, a reference link or a definition
    items = parse_items(m.group("inner"))
    if items is None:
        return False
    if not silent:
        token = state.push("citation", "", 0)
        token.meta = {"items": items}
        token.content = m.group(0)
    state.pos = end
    return True


class _State:
    """Per-render state kept in ``env``: the library and one Formatter."""

    def __init__(self, library: Library, style: str, keys: list[str]) -> None:
        self.library = library
        entries = {k: library.get(k) for k in keys if library.get(k) is not None}
        self.formatter = Formatter(entries, style)


def _register_rule(state, defaults: dict[str, Any]) -> None:
    env = state.env if isinstance(state.env, dict) else {}
    citations = [child for tok in state.tokens if tok.type == "inline"
                 for child in tok.children or () if child.type == "citation"]
    if not citations:
        return
    _end, _attached, _nocite, references = read_front_matter(state.src)
    library = as_library(env.get("sources", defaults["sources"]), references)
    style = env.get("citation_style") or defaults["style"]
    keys = list(dict.fromkeys(i.key for c in citations for i in c.meta["items"]))
    st = _State(library, style, keys)
    for c in citations:
        st.formatter.register(c.meta["items"])
    env[_ENV_STATE] = st
    env.setdefault("citation_keys", [])
    env["citation_keys"] = list(dict.fromkeys(env["citation_keys"] + keys))


def _render_item(st: _State, item: CiteItem) -> str:
    csl = st.library.get(item.key)
    if csl is None:
        return f'<span class="citation-unresolved">{html.escape(item.key)}?</span>'
    part = st.formatter.cite_item(item)
    url = _url_for(csl)
    title = html.escape(label(csl), quote=True)
    if url:
        return f'<a class="citation-link" href="{html.escape(url, quote=True)}" title="{title}">{part}</a>'
    return f'<span class="citation-item" title="{title}">{part}</span>'


def _render_citation(self, tokens, idx, options, env) -> str:
    token = tokens[idx]
    st = env.get(_ENV_STATE) if isinstance(env, dict) else None
    if st is None:
        return html.escape(token.content)
    f = st.formatter
    parts = [_render_item(st, i) for i in token.meta["items"]]
    return f'<span class="citation">{html.escape(f.prefix)}{f.delimiter.join(parts)}{html.escape(f.suffix)}</span>'


def citations_plugin(md: MarkdownIt, sources: Any = None, style: str = DEFAULT_STYLE) -> None:
    """Read ``[@key]`` citations and render them as linked attributions."""
    defaults = {"sources": sources, "style": style}
    md.inline.ruler.before("link", "pandoc_citation", _citation_rule)
    md.core.ruler.push("pandoc_citations", lambda state: _register_rule(state, defaults))
    md.add_render_rule("citation", _render_citation)


PLUGINS = (citations_plugin,)


def render_html(source: str, *, source_lines: bool = True, sanitized: bool = True,
                sources: Any = None, citation_style: str = DEFAULT_STYLE) -> str:
    """The whole draft as HTML (``markdown.render.render_html``) with its
    citations as linked attributions, from ``sources`` (the store's Sources
    table, a key -> CSL mapping, or None for the front matter's references)."""
    return markdown_render.render_html(source, source_lines=source_lines, sanitized=sanitized, plugins=PLUGINS,
                                       env={"sources": sources, "citation_style": citation_style})


class CitationRenderer(markdown_render.BlockRenderer):
    """The preview's block renderer, reading citations from ``sources``."""

    def __init__(self, *, sources: Any = None, citation_style: str = DEFAULT_STYLE) -> None:
        super().__init__(plugins=PLUGINS, env={"sources": sources, "citation_style": citation_style})
        self.sources = sources
        self.citation_style = citation_style


# -- the Sources list --------------------------------------------------------------
def bibliography(source: str, sources: Any = None, style: str = DEFAULT_STYLE) -> list[tuple[str, str]]:
    """(key, HTML entry) of the draft's sources (cited, linked, attached and
    ``nocite``, resolved ones only), in the style's order."""
    from .analysis import analyze

    report = analyze(source, sources)
    keys = [k for k, use in report.uses.items() if use.csl is not None]
    if not keys:
        return []
    formatter = Formatter({k: report.library.get(k) for k in keys}, style)
    for c in report.scan.citations:
        if c.kind == "key":
            formatter.register(c.items)
    return formatter.bibliography(keys)


def sources_section(source: str, sources: Any = None, style: str = DEFAULT_STYLE, *,
                    fmt: str = "html", heading: str = "Sources") -> str:
    """The draft's "Sources" list as HTML (``fmt="html"``) or Markdown; "" when
    the draft has no resolved sources."""
    entries = bibliography(source, sources, style)
    if not entries:
        return ""
    if fmt == "markdown":
        lines = [f"## {heading}", ""] + [f"- {html_to_markdown(e)}" for _k, e in entries]
        return "\n".join(lines) + "\n"
    from ..markdown.sanitize import sanitize  # entries hold text from BibTeX/CSL files: never markup

    items = "".join(f'<li class="csl-entry" id="ref-{html.escape(k, quote=True)}">{sanitize(e)}</li>'
                    for k, e in entries)
    return (f'<section class="sources"><h2 id="sources">{html.escape(heading)}</h2>'
            f'<ul class="csl-bibliography">{items}</ul></section>')


def append_sources(rendered_html: str, source: str, sources: Any = None, style: str = DEFAULT_STYLE,
                   heading: str = "Sources") -> str:
    section = sources_section(source, sources, style, heading=heading)
    if not section:
        return rendered_html
    sep = "" if rendered_html.endswith("\n") or not rendered_html else "\n"
    return rendered_html + sep + section + "\n"


def resolve_markdown(source: str, sources: Any = None, style: str = DEFAULT_STYLE,
                     heading: str = "Sources") -> str:
    """``source`` with every ``[@key]`` replaced by a Markdown linked
    attribution, "([Osborn & Soldatkin, 2025](URL))", and the Sources list
    appended: for exports to Markdown that no citeproc will read."""
    scan = scan_citations(source)[0]
    library = as_library(sources, scan.references)
    keyed = [c for c in scan.citations if c.kind == "key"]
    if not keyed:
        return source
    keys = list(dict.fromkeys(k for c in keyed for k in c.keys))
    formatter = Formatter({k: library.get(k) for k in keys if library.get(k)}, style)
    for c in keyed:
        formatter.register(c.items)
    out = source
    for c in reversed(keyed):
        parts = []
        for item in c.items:
            csl = library.get(item.key)
            if csl is None:
                parts.append(f"{item.key}?")
                continue
            text = html_to_markdown(formatter.cite_item(item))
            url = _url_for(csl)
            parts.append(f"[{_escape_md(text)}]({url})" if url else text)
        out = out[: c.start] + formatter.prefix + formatter.delimiter.join(parts) + formatter.suffix + out[c.end:]
    section = sources_section(source, sources, style, fmt="markdown", heading=heading)
    if section:
        out = out.rstrip("\n") + "\n\n" + section
    return out


def _escape_md(text: str) -> str:
    return text.replace("[", r"\[").replace("]", r"\]")


__all__ = ["citations_plugin", "render_html", "CitationRenderer", "sources_section", "append_sources", "resolve_markdown", "bibliography",
           "KEY"]
