"""Allowlist sanitizing of rendered HTML (nh3, the Ammonia sanitizer).

Raw HTML in a draft may carry anything; what leaves the renderer carries no
script, no event handler and no ``javascript:`` URL. Only web and mail links
survive: ``data:`` and ``file:`` URLs are dropped too (a ``file:`` link points
at the writer's disk, a ``data:`` URL can carry a whole HTML page).

``sanitize_raw_html`` is the same allowlist for the raw HTML that Markdown
exports pass on to Hugo and Jekyll (whose renderers let raw HTML through): it
also keeps ``<style>`` blocks (CSS runs no script in current browsers; their
``@import`` and script-like values are removed) and a few more layout tags.
"""

from __future__ import annotations

import html as _html
import re

import nh3

_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "col", "colgroup",
    "dd", "del", "details", "dfn", "div", "dl", "dt", "em", "figcaption", "figure",
    "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "input", "ins", "kbd", "li",
    "mark", "ol", "p", "pre", "q", "s", "samp", "section", "small", "span", "strong",
    "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "time",
    "tr", "u", "ul", "var",
}
_COMMON = {"id", "class", "title", "lang", "dir", "data-source-line", "data-block"}
_ATTRS = {
    "*": _COMMON,
    "a": {"href", "rel"},
    "img": {"src", "alt", "width", "height", "loading"},
    "input": {"type", "checked", "disabled"},
    "ol": {"start", "reversed", "type"},
    "li": {"value"},
    "td": {"colspan", "rowspan", "style"},
    "th": {"colspan", "rowspan", "style", "scope"},
    "time": {"datetime"},
    "code": set(),
}
_SCHEMES = {"http", "https", "mailto", "tel"}
_RAW_TAGS = _TAGS | {"style", "article", "aside", "header", "footer", "center", "picture"}
_STYLE_BLOCK = re.compile(r"(<style[^>]*>)(.*?)(</style>)", re.S | re.I)
_CSS_DANGER = re.compile(
    r"@import[^;]*;?|expression\s*\(|-moz-binding|behavior\s*:|javascript:|vbscript:|url\s*\([^)]*\)", re.I)


def _encodable(html: str) -> str:
    try:
        html.encode("utf-8")
        return html
    except UnicodeEncodeError:  # lone surrogates (from a clipboard, say) become U+FFFD
        return html.encode("utf-8", "surrogatepass").decode("utf-8", "replace")


def _attributes(extra_common: set[str] = frozenset()) -> dict[str, set[str]]:
    attrs = {tag: set(_COMMON) | extra_common | extra for tag, extra in _ATTRS.items() if tag != "*"}
    attrs["*"] = set(_COMMON) | extra_common
    return attrs


def sanitize(html: str) -> str:
    """Clean ``html`` by allowlist. Idempotent."""
    return nh3.clean(
        _encodable(html),
        tags=_TAGS,
        attributes=_attributes(),
        url_schemes=_SCHEMES,
        link_rel=None,
        strip_comments=True,
        filter_style_properties={"text-align"},
    )


def clean_css(css: str) -> str:
    """A style sheet without what can load or run anything: ``@import``, ``url(...)``,
    ``expression(``, bindings and script URLs (each becomes a harmless comment)."""
    return _CSS_DANGER.sub("/* removed */", css).replace("<", "\\3c ")


def _style_attribute(_tag: str, attr: str, value: str) -> str | None:
    # ammonia cannot filter style properties while <style> blocks are allowed
    return clean_css(value) if attr == "style" else value


def sanitize_raw_html(html: str) -> str:
    """Author HTML for a Markdown export: ``sanitize``'s allowlist plus ``<style>``
    blocks and inline ``style`` (both cleaned by ``clean_css``), and
    a few more layout tags. The result is safe however a browser gets it."""
    cleaned = nh3.clean(
        _encodable(html),
        tags=_RAW_TAGS,
        clean_content_tags={"script"},
        attributes=_attributes({"style"}),
        url_schemes=_SCHEMES,
        link_rel=None,
        strip_comments=True,
        attribute_filter=_style_attribute,
    )
    if "<style" not in cleaned:
        return cleaned
    return _STYLE_BLOCK.sub(lambda m: m.group(1) + clean_css(m.group(2)) + m.group(3), cleaned)


_TAG_START = re.compile(r"<(?=[A-Za-z!?/])")


def plain_text(value: str) -> str:
    """``value`` as text without any markup, for metadata (titles, excerpts, tag
    names) that a CMS or a theme may print unescaped: tags go (scripts and
    styles with their content), entities are decoded, and that is repeated until
    nothing that could start a tag is left."""
    text = _encodable(value or "")
    for _ in range(5):
        if "<" not in text and "&" not in text:
            return text
        cleaned = _html.unescape(nh3.clean(text, tags=set(), strip_comments=True))
        if cleaned == text:
            return text
        text = cleaned
    return _TAG_START.sub("", text)
