"""The links and images of a parsed draft, for the SEO checks.

Read from markdown-it's tokens (Markdown links and images, autolinks, bare
URLs) and from raw HTML ``<a href>`` and ``<img>`` in HTML blocks and inline
HTML; links in code are never seen (the parser does not make links there).

A link's kind follows Yoast SEO (``helpers/link/getLinkType.js`` and
``helpers/url/url.js``): ``other`` for a fragment of this page ("#notes")
or a scheme other than http(s) (mailto:, tel:); ``internal`` for a relative
address ("/about", "../post") or one whose host is the site's host (given
as ``site_url``, exactly, as Yoast compares them); else ``outbound``. With no
site address every absolute link is outbound, as in Yoast without a
permalink. ``nofollow``: a raw HTML link with ``rel="nofollow"``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from ..markdown.prose import _skip_link_tail as link_tail_end

_IMG_TAG = re.compile(r"<img\b[^>]*>", re.I)
_A_TAG = re.compile(r"<a\b[^>]*>(.*?)</a\s*>|<a\b[^>]*>", re.I | re.S)
_TAGS = re.compile(r"<[^>]*>")


@dataclass
class Link:
    href: str
    kind: str  # internal, outbound, other
    text: str = ""
    nofollow: bool = False


@dataclass
class Image:
    src: str
    alt: str
    start: int
    end: int
    alt_range: tuple[int, int] | None = None


def _attr(tag: str, name: str) -> str | None:
    m = re.search(rf"\b{name}\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s>]+))", tag, re.I)
    if not m:
        return None
    return next(g for g in m.groups() if g is not None)


def _hostname(url: str) -> str | None:
    try:
        return urlsplit(url).hostname
    except ValueError:
        return None


def classify_link(href: str, site_url: str = "") -> str:
    """``internal``, ``outbound`` or ``other``, as Yoast SEO tells them apart."""
    href = (href or "").strip()
    if href.startswith("#"):
        return "other"
    m = re.match(r"([A-Za-z][A-Za-z0-9+.-]*):", href)
    if m and m.group(1).lower() not in ("http", "https"):
        return "other"
    if "//" not in href and href.startswith("/"):
        return "internal"
    host = _hostname(href if (m or href.startswith("//")) else "")
    if not host:
        return "internal"
    site = site_url.strip()
    site_host = _hostname(site if "//" in site else "//" + site) if site else None
    return "internal" if site_host and host == site_host else "outbound"


def _plain(children) -> str:
    out = []
    for c in children or ():
        if c.type in ("text", "code_inline"):
            out.append(c.content)
        elif c.type in ("softbreak", "hardbreak"):
            out.append(" ")
        elif c.children:
            out.append(_plain(c.children))
    return "".join(out)


def links_and_images(source: str, tokens, segments, site_url: str = "") -> tuple[list[Link], list[Image]]:
    """The links and images of a parsed document, images located in ``source``
    (from the "![" that opens one to the end of its destination)."""
    starts = [0] + [m.end() for m in re.finditer("\n", source)] + [len(source)]

    def pos(line: int) -> int:
        return starts[min(line, len(starts) - 1)]

    alts = iter([s for s in segments if s.kind == "image_alt"])
    links: list[Link] = []
    images: list[Image] = []
    for tok in tokens:
        if tok.type == "html_block" and tok.map:
            _html(source, pos(tok.map[0]), pos(tok.map[1]), links, images, site_url)
        if tok.type != "inline" or not tok.map:
            continue
        lo, hi = pos(tok.map[0]), pos(tok.map[1])
        cur = lo
        children = tok.children or []
        for k, c in enumerate(children):
            if c.type == "link_open":
                href = c.attrGet("href") or ""
                text = []
                for d in children[k + 1:]:
                    if d.type == "link_close":
                        break
                    text.append(d.content)
                links.append(Link(href, classify_link(href, site_url), "".join(text)))
            elif c.type == "image":
                alt = _plain(c.children).strip()
                alt_range = None
                if alt:
                    seg = next(alts, None)
                    if seg is not None:
                        alt_range = (seg.start, seg.end)
                start = source.find("![", cur, hi)
                if start < 0:
                    start, end = lo, hi
                else:
                    end = link_tail_end(source, alt_range[1] if alt_range else start + 2, hi)
                    cur = end
                images.append(Image(c.attrGet("src") or "", alt, start, end, alt_range))
            elif c.type == "html_inline":
                j = source.find(c.content, cur, hi)
                if j >= 0:
                    _html(source, j, j + len(c.content), links, images, site_url)
                    cur = j + len(c.content)
    return links, images


def _html(source: str, lo: int, hi: int, links: list, images: list, site_url: str) -> None:
    chunk = source[lo:hi]
    for m in _IMG_TAG.finditer(chunk):
        alt = (_attr(m.group(), "alt") or "").strip()
        rng = None
        if alt:
            j = chunk.find(alt, m.start(), m.end())
            rng = (lo + j, lo + j + len(alt)) if j >= 0 else None
        images.append(Image(_attr(m.group(), "src") or "", alt, lo + m.start(), lo + m.end(), rng))
    for m in _A_TAG.finditer(chunk):
        tag = m.group()
        href = _attr(tag[: tag.find(">") + 1], "href")
        if href is None:
            continue
        rel = (_attr(tag[: tag.find(">") + 1], "rel") or "").lower().split()
        text = _TAGS.sub("", m.group(1) or "")
        links.append(Link(href, classify_link(href, site_url), text, "nofollow" in rel))
