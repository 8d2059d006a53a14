"""The prose inside raw HTML blocks, as runs of source offsets.

A caption written as ``<div class="thecap">A caption.</div>`` is read by
the page's visitors, so linters must read it too. ``text_groups(html)`` splits
an HTML fragment into groups, one per block-level element holding text (div,
p, figcaption, li, td …; inline elements such as span, a, em continue the
group), each a list of ``(start, end)`` text runs and ``(start, end, char)``
character references, as offsets into ``html``. Text inside script, style,
pre, code, svg, math, textarea and comments is never prose.
"""

from __future__ import annotations

import html as _html
import re

_TOKEN = re.compile(r"<!--.*?(?:-->|$)|<![^>]*>|<\?.*?\?>|<(/?)([A-Za-z][\w:-]*)(?:[^>\"']|\"[^\"]*\"|'[^']*')*>",
                    re.S)
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_SKIP = frozenset({"script", "style", "pre", "code", "svg", "math", "textarea", "noscript", "template",
                   "iframe", "object", "kbd", "samp", "var", "button", "select"})
_BLOCK = frozenset({"div", "p", "figure", "figcaption", "li", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6",
                    "blockquote", "caption", "section", "article", "aside", "header", "footer", "dd", "dt",
                    "summary", "details", "table", "tr", "ul", "ol", "dl", "main", "nav", "center", "br",
                    "hr", "img", "video", "audio", "picture", "source", "address"})
_VOID = frozenset({"br", "hr", "img", "input", "meta", "link", "source", "wbr", "area", "col", "embed", "track"})


def text_groups(html: str) -> list[list[tuple]]:
    groups: list[list[tuple]] = []
    cur: list[tuple] = []
    skip: list[str] = []
    last = 0

    def flush():
        nonlocal cur
        if cur:
            groups.append(cur)
        cur = []

    def text(a: int, b: int):
        if skip or a >= b:
            return
        k = a
        for m in _ENTITY.finditer(html, a, b):
            if m.start() > k:
                cur.append((k, m.start()))
            cur.append((m.start(), m.end(), _html.unescape(m.group(0))))
            k = m.end()
        if k < b:
            cur.append((k, b))

    for m in _TOKEN.finditer(html):
        text(last, m.start())
        last = m.end()
        name = (m.group(2) or "").lower()
        if not name:
            continue  # comment, doctype, processing instruction
        closing = m.group(1) == "/"
        if name in _SKIP:
            if closing:
                if name in skip:
                    while skip and skip.pop() != name:
                        pass
            elif not m.group(0).endswith("/>"):
                skip.append(name)
            continue
        if name in _BLOCK and not skip:
            flush()
    text(last, len(html))
    flush()
    return [g for g in groups if any(len(item) == 3 or html[item[0]:item[1]].strip() for item in g)]
