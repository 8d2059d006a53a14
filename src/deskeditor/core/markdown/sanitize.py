"""Allowlist sanitizing of rendered HTML (nh3, the Ammonia sanitizer).

Raw HTML in a draft may carry anything; what leaves the renderer carries no
script, no event handler and no ``javascript:`` URL.
"""

from __future__ import annotations

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
_SCHEMES = {"http", "https", "mailto", "tel", "data", "file"}


def sanitize(html: str) -> str:
    """Clean ``html`` by allowlist. Idempotent."""
    try:
        html.encode("utf-8")
    except UnicodeEncodeError:  # lone surrogates (from a clipboard, say) become U+FFFD
        html = html.encode("utf-8", "surrogatepass").decode("utf-8", "replace")
    attrs = {tag: set(_COMMON) | extra for tag, extra in _ATTRS.items() if tag != "*"}
    attrs["*"] = set(_COMMON)
    return nh3.clean(
        html,
        tags=_TAGS,
        attributes=attrs,
        url_schemes=_SCHEMES,
        link_rel=None,
        strip_comments=True,
        filter_style_properties={"text-align"},
    )
