"""An oracle for the XSS corpus, written apart from the product's own audit:
render each export the way its consumer does, parse the HTML, list what could
run script or navigate."""

from __future__ import annotations

import re

from bs4 import BeautifulSoup
from markdown_it import MarkdownIt

URL_ATTRS = {"href", "src", "action", "formaction", "xlink:href", "data", "poster", "background",
             "srcset", "codebase", "cite", "ping", "dynsrc", "lowsrc", "longdesc", "manifest"}
BAD_SCHEMES = ("javascript:", "vbscript:", "data:", "file:")
NEVER = {"script", "iframe", "frame", "frameset", "object", "embed", "applet", "base", "form", "button",
         "meta", "link", "svg", "math", "animate", "set", "animatemotion", "animatetransform", "use",
         "textarea", "noscript", "template", "video", "audio", "source", "portal", "xmp", "plaintext"}
_IGNORED = re.compile(r"[\x00-\x20\x7f-\xa0]+")
_CSS = re.compile(r"@import|expression\s*\(|javascript:|vbscript:|-moz-binding|behavior\s*:", re.I)


def consumer_markdown() -> MarkdownIt:
    """Goldmark with ``unsafe``, kramdown: raw HTML through, any link scheme, entities decoded."""
    md = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
    md.validateLink = lambda url: True
    md.normalizeLink = lambda url: url
    return md


def dangers(html: str, *, allow=()) -> list[str]:
    found = []
    soup = BeautifulSoup(html, "html.parser")
    for el in soup.find_all(True):
        name = el.name.lower()
        if name in NEVER and name not in allow:
            if not (name == "script" and el.get("type") == "application/ld+json" and "script" in allow):
                found.append(f"<{name}>")
        if name == "style" and _CSS.search(el.get_text()):
            found.append("style sheet that imports/runs")
        for attr, value in el.attrs.items():
            value = " ".join(value) if isinstance(value, list) else str(value)
            if attr.lower().startswith("on"):
                found.append(f"{name}[{attr}]")
            if attr.lower() in URL_ATTRS | {"values", "to", "from"}:
                squeezed = _IGNORED.sub("", value).lower()
                if squeezed.startswith(BAD_SCHEMES):
                    found.append(f"{name}[{attr}]={squeezed[:20]}")
            if attr.lower() == "srcdoc":
                found.append(f"{name}[srcdoc]")
            if attr.lower() == "style" and (_CSS.search(value) or "url(" in value.lower()):
                found.append(f"{name}[style]")
    return found


def loose_tags(markdown: str) -> list[str]:
    """'<' that CommonMark reads as text but a looser parser (kramdown's) could read as a
    tag, and kramdown attribute lists ({: onclick=...}) outside raw HTML blocks: in the
    source of every block that CommonMark gives no raw HTML, no code and no autolink."""
    out = []
    lines = markdown.splitlines()
    tokens = consumer_markdown().parse(markdown)
    for i, tok in enumerate(tokens):
        if tok.type != "inline" or tok.map is None:
            continue
        kinds = {c.type for c in tok.children or ()} | {c.markup for c in tok.children or ()}
        raw = "\n".join(lines[tok.map[0]:tok.map[1]])
        if not kinds & {"html_inline", "code_inline", "autolink"} and re.search(r"<[A-Za-z!/?]", raw):
            out.append(raw[:60])
    in_html = set()
    for tok in tokens:
        if tok.type in ("html_block", "fence", "code_block") and tok.map:
            in_html.update(range(*tok.map))
    for n, line in enumerate(lines):
        if n not in in_html and (re.match(r"\s*\{:", line) or re.search(r"\{[^}]*\bon[a-z]+\s*=", line)):
            out.append(line[:60])
    return out
