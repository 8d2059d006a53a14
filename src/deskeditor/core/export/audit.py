"""What in a piece of HTML could run script or take the reader elsewhere.

The last check before an export leaves: the HTML export audits its page, the
Markdown exports audit every block as Hugo's Goldmark (``unsafe``) and
Jekyll's kramdown render it (raw HTML passed through). An allowlist: any
element outside it, any event handler, any URL attribute whose scheme is not a
web or mail one (after decoding entities and dropping the spaces and control
characters browsers ignore), a ``<meta http-equiv>``, and CSS that imports or
calls anything count as problems.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

SAFE_TAGS = {
    "a", "abbr", "article", "aside", "b", "blockquote", "br", "caption", "center", "cite", "code", "col",
    "colgroup", "dd", "del", "details", "dfn", "div", "dl", "dt", "em", "figcaption", "figure", "footer",
    "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "i", "img", "input", "ins", "kbd", "li", "mark",
    "ol", "p", "picture", "pre", "q", "s", "samp", "section", "small", "span", "strong", "style", "sub",
    "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "time", "tr", "u", "ul", "var",
}
URL_ATTRS = {"href", "src", "action", "formaction", "poster", "srcset", "xlink:href", "background",
             "data", "codebase", "cite", "longdesc", "dynsrc", "lowsrc", "ping", "manifest", "icon"}
_SAFE_SCHEMES = ("http:", "https:", "mailto:", "tel:")
_IGNORED = re.compile(r"[\x00-\x20\x7f-\xa0\u1680\u180e\u2000-\u200f\u2028-\u202f\u205f\u3000\ufeff]+")
_SCHEME = re.compile(r"^([a-z][a-z0-9+.\-]*):")
_CSS = re.compile(r"@import|expression\s*\(|url\s*\(|-moz-binding|behavior\s*:|javascript:|vbscript:", re.I)


def bad_url(value: str) -> str:
    """The scheme of ``value`` if it is neither a web/mail URL nor relative, else ""."""
    squeezed = _IGNORED.sub("", value or "").lower()
    m = _SCHEME.match(squeezed)
    if not m or squeezed.startswith(_SAFE_SCHEMES):
        return ""
    return m.group(1)


class _Auditor(HTMLParser):
    def __init__(self, allow_json_ld: bool) -> None:
        super().__init__(convert_charrefs=True)
        self.allow_json_ld = allow_json_ld
        self.problems: list[str] = []
        self.scripts = 0
        self._in_style = False

    def handle_starttag(self, tag, attrs):
        if tag == "script":
            self.scripts += 1
            if not (self.allow_json_ld and [v for k, v in attrs if k == "type"] == ["application/ld+json"]):
                self.problems.append("a <script> element")
        elif tag not in SAFE_TAGS and tag not in ("html", "head", "body", "title", "meta", "link"):
            self.problems.append(f"a <{tag}> element")
        if tag == "meta" and any(k == "http-equiv" for k, _v in attrs):
            self.problems.append("a meta http-equiv")
        if tag == "link" and not any(k == "rel" and v == "canonical" for k, v in attrs):
            self.problems.append("a <link> element")
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"an event handler ({name})")
            elif name in URL_ATTRS and value and (scheme := bad_url(value)):
                self.problems.append(f"a {scheme}: URL")
            elif name == "style" and value and _CSS.search(value):
                self.problems.append("a style attribute that loads or runs something")
            elif name == "srcdoc":
                self.problems.append("a srcdoc attribute")
        self._in_style = tag == "style"

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        self._in_style = False

    def handle_endtag(self, tag):
        self._in_style = False

    def handle_data(self, data):
        if self._in_style and _CSS.search(data):
            self.problems.append("a style sheet that imports or runs something")


def audit(html: str, *, allow_json_ld: bool = False) -> list[str]:
    """What in ``html`` could run code or navigate: [] for clean HTML (with
    ``allow_json_ld``, one ``application/ld+json`` block is allowed)."""
    auditor = _Auditor(allow_json_ld)
    auditor.feed(html)
    auditor.close()
    problems = list(auditor.problems)
    if auditor.scripts > 1:
        problems.append("more than one script block")
    return problems
