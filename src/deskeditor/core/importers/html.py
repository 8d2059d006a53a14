"""HTML (a saved web page, a CMS export, the clipboard) to Markdown.

Keeps headings, links, images with their alt text, lists, tables, emphasis and
code; drops scripts, styles, navigation and forms. The page's ``<title>`` (or
its first ``<h1>``) and meta description become front matter.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from markdownify import MarkdownConverter

from ..markdown import frontmatter

_DROP = ("script", "style", "noscript", "iframe", "form", "nav", "footer", "header", "aside",
         "button", "input", "select", "textarea", "svg", "head")


class _Converter(MarkdownConverter):
    def escape(self, text, parent_tags):
        """Text shown on the page stays text: "&lt;script&gt;" must not become a tag."""
        return super().escape(text, parent_tags).replace("<", "\\<")

    def convert_img(self, el, text, parent_tags=None, **kwargs):
        alt = (el.attrs.get("alt") or "").replace("]", "\\]")
        src = el.attrs.get("src") or ""
        title = el.attrs.get("title") or ""
        title_part = f' "{title}"' if title else ""
        # an image without a source is still an image on the page (Yoast counts it)
        return f"![{alt}](<{src}>{title_part})" if " " in src else f"![{alt}]({src}{title_part})"


def fragment_to_markdown(html: str) -> str:
    """Convert an HTML fragment (for instance the clipboard) to Markdown."""
    for tag in _DROP:
        html = re.sub(rf"<{tag}\b.*?</{tag}\s*>", "", html, flags=re.S | re.I)
    md = _Converter(heading_style="ATX", bullets="-", strong_em_symbol="*",
                    code_language="", escape_underscores=False, escape_asterisks=True,
                    strip=["span", "div", "section", "article", "main", "font"]).convert(html)
    md = re.sub(r"[ \t]+\n", "\n", md)
    md = re.sub(r"\n{3,}", "\n\n", md)
    return md.strip() + "\n"


class _Head(HTMLParser):
    """The page's <title> and meta description, read by an HTML parser (quotes,
    apostrophes and entities in them as a browser reads them)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.title, self.description, self._in_title = "", "", False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "title" and not self.title:
            self._in_title = True
        elif tag == "meta" and (a.get("name") or "").lower() == "description" and not self.description:
            self.description = " ".join((a.get("content") or "").split())
        elif tag == "body":
            self._in_title = False

    def handle_endtag(self, tag):
        if tag == "title":
            self._in_title = False

    def handle_data(self, data):
        if self._in_title:
            self.title += data


def _head(html: str) -> tuple[str, str]:
    head = _Head()
    end = re.search(r"<body\b", html, re.I)
    head.feed(html[: end.start()] if end else html[:200_000])
    head.close()
    return " ".join(head.title.split()), head.description


def to_markdown(html: str) -> str:
    title, desc = _head(html)
    body_match = re.search(r"<body[^>]*>(.*)</body>", html, re.S | re.I)
    body_html = body_match.group(1) if body_match else html
    md = fragment_to_markdown(body_html)
    h1 = re.match(r"\A# (.+)\n+", md)
    if h1 and (not title or h1.group(1).strip() == title):
        title = h1.group(1).strip()
        md = md[h1.end():]
    fields = {"title": title, "meta_description": desc}
    return frontmatter.with_fields(md, **{k: v for k, v in fields.items() if v})
