"""HTML (a saved web page, a CMS export, the clipboard) to Markdown.

Keeps headings, links, images with their alt text, lists, tables, emphasis and
code; drops scripts, styles, navigation and forms. The page's ``<title>`` (or
its first ``<h1>``) and meta description become front matter.
"""

from __future__ import annotations

import html as _html
import re

from markdownify import MarkdownConverter

from ..markdown import frontmatter

_DROP = ("script", "style", "noscript", "iframe", "form", "nav", "footer", "header", "aside",
         "button", "input", "select", "textarea", "svg", "head")


class _Converter(MarkdownConverter):
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


def to_markdown(html: str) -> str:
    title = ""
    m = re.search(r"<title[^>]*>(.*?)</title>", html, re.S | re.I)
    if m:
        title = _html.unescape(re.sub(r"\s+", " ", m.group(1))).strip()
    desc = ""
    m = re.search(r'<meta\s+[^>]*name=["\']description["\'][^>]*>', html, re.I)
    if m:
        c = re.search(r'content=["\'](.*?)["\']', m.group(0), re.S)
        desc = _html.unescape(c.group(1)).strip() if c else ""
    body_match = re.search(r"<body[^>]*>(.*)</body>", html, re.S | re.I)
    body_html = body_match.group(1) if body_match else html
    md = fragment_to_markdown(body_html)
    h1 = re.match(r"\A# (.+)\n+", md)
    if h1 and (not title or h1.group(1).strip() == title):
        title = h1.group(1).strip()
        md = md[h1.end():]
    fields = {"title": title, "meta_description": desc}
    return frontmatter.with_fields(md, **{k: v for k, v in fields.items() if v})
