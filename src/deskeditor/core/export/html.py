"""HTML exports: a standalone page, and a fragment to paste into a CMS.

The standalone page is one self-contained file: semantic markup (``article``,
``header``, ``h1`` from the title, ``time``), the article stylesheet inlined,
``<title>``, meta description, canonical URL, Open Graph and Twitter card
tags and a JSON-LD ``Article``. Local images are copied into ``NAME_files/``
beside it and the ``src`` attributes point there.

Everything from the draft goes through the sanitizer (``render_html``) or
``html.escape``; the only script in the page is the JSON-LD block built here,
and ``audit`` checks the finished page once more before it is written.
"""

from __future__ import annotations

import datetime as _dt
import html as _html
import json
from pathlib import Path
from urllib.parse import urljoin

from ... import resources
from ..errors import ExportError
from . import images as img
from .atomic import Planned
from .audit import audit as audit_html
from .base import Output, body_html, encode, iso_date, permalink, summary
from .post import Post

CSS_RESOURCE = "css/article.css"
DEFAULT_PERMALINK = "{site}/{slug}/"


def article_css() -> str:
    """The shared article stylesheet, read now (it may change between exports)."""
    return resources.read_text(CSS_RESOURCE)


def _e(text: str) -> str:
    return _html.escape(text or "", quote=True)


def json_ld_script(data: dict) -> str:
    """A ``<script type="application/ld+json">`` block that no value can break out of."""
    text = json.dumps(data, ensure_ascii=False, indent=2)
    for ch, esc in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"),
                    ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(ch, esc)
    return f'<script type="application/ld+json">\n{text}\n</script>'


def _style_block(css: str) -> str:
    return "<style>\n" + css.replace("</", "<\\/") + "\n</style>"


def _human_date(value: str) -> str:
    try:
        d = _dt.date.fromisoformat(value[:10])
    except ValueError:
        return value
    return f"{d.day} {d.strftime('%B')} {d.year}"


def fragment_html(post: Post, image_urls: dict[str, str] | None = None) -> str:
    """The post body as sanitized HTML for pasting into a CMS (no title: the CMS has its own)."""
    return body_html(img.rewrite(post.body, image_urls or {}))


def _lang(post: Post) -> str:
    value = post.extra.get("lang") or post.extra.get("language") or "en"
    value = str(value)
    return value if all(c.isalnum() or c == "-" for c in value) else "en"


def page_html(post: Post, body: str, *, css: str, canonical: str = "", image: str = "",
              description: str = "") -> str:
    """The standalone page around already-sanitized ``body`` HTML."""
    title = post.seo_title or post.title
    published = iso_date(post.published_date()) or post.published_date()
    modified = iso_date(post.updated) or published
    ld: dict = {
        "@context": "https://schema.org",
        "@type": "Article",
        "headline": post.title[:110],
        "description": description,
        "datePublished": published,
        "dateModified": modified,
    }
    if post.author:
        ld["author"] = {"@type": "Person", "name": post.author}
    if canonical:
        ld["mainEntityOfPage"] = {"@type": "WebPage", "@id": canonical}
        ld["url"] = canonical
    if image:
        ld["image"] = [image]
    if post.tags:
        ld["keywords"] = ", ".join(post.tags)
    head = [
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_e(title)}</title>",
        f'<meta name="description" content="{_e(description)}">',
    ]
    if post.author:
        head.append(f'<meta name="author" content="{_e(post.author)}">')
    if post.tags:
        head.append(f'<meta name="keywords" content="{_e(", ".join(post.tags))}">')
    if canonical:
        head.append(f'<link rel="canonical" href="{_e(canonical)}">')
    head += [
        '<meta property="og:type" content="article">',
        f'<meta property="og:title" content="{_e(title)}">',
        f'<meta property="og:description" content="{_e(description)}">',
    ]
    if canonical:
        head.append(f'<meta property="og:url" content="{_e(canonical)}">')
    if image:
        head.append(f'<meta property="og:image" content="{_e(image)}">')
    head.append(f'<meta property="article:published_time" content="{_e(published)}">')
    head.append(f'<meta property="article:modified_time" content="{_e(modified)}">')
    if post.author:
        head.append(f'<meta property="article:author" content="{_e(post.author)}">')
    head += [f'<meta property="article:tag" content="{_e(t)}">' for t in post.tags]
    head += [
        f'<meta name="twitter:card" content="{"summary_large_image" if image else "summary"}">',
        f'<meta name="twitter:title" content="{_e(title)}">',
        f'<meta name="twitter:description" content="{_e(description)}">',
    ]
    if image:
        head.append(f'<meta name="twitter:image" content="{_e(image)}">')
    head.append(json_ld_script(ld))
    head.append(_style_block(css))
    byline = []
    if post.author:
        byline.append(f'<span class="author">{_e(post.author)}</span>')
    byline.append(f'<time datetime="{_e(published)}">{_e(_human_date(published))}</time>')
    header = (f"<header>\n<h1>{_e(post.title)}</h1>\n"
              f'<p class="byline">{" · ".join(byline)}</p>\n</header>')
    return (
        f'<!DOCTYPE html>\n<html lang="{_e(_lang(post))}">\n<head>\n' + "\n".join(head)
        + f'\n</head>\n<body>\n<article class="de-article">\n{header}\n{body}</article>\n</body>\n</html>\n'
    )


def audit(page: str) -> list[str]:
    """What in ``page`` could run code: [] for a clean page (one JSON-LD block allowed)."""
    return audit_html(page, allow_json_ld=True)


def _checked(page: str) -> str:
    problems = audit(page)
    if problems:  # the sanitizer should make this impossible; refuse rather than export it
        raise ExportError(f"refusing to export unsafe HTML: it contains {problems[0]}")
    return page


def files_dir_name(target: Path) -> str:
    return f"{target.stem}_files"


def _copy_images(post: Post, target: Path, out: Output, extra: list[str]) -> dict[str, str]:
    scan = img.scan(post.body, post.base_dir, extra=extra)
    out.notes += [f"image not found or not an image: {m}" for m in scan.missing] + scan.refused
    folder = files_dir_name(target)
    urls = {}
    for ref in scan.images:
        out.files.append(Planned(target.parent / folder / ref.name, source=ref.path, asset=True))
    for raw, ref in scan.by_raw.items():
        urls[raw] = f"{folder}/{ref.name}"
    return urls


def build_standalone(post: Post, target: Path, *, css: str | None = None, site_url: str = "",
                     permalink_pattern: str = DEFAULT_PERMALINK) -> Output:
    """The standalone page at ``target`` and its ``NAME_files/`` images."""
    out = Output(main=target, text="", root=target.parent)
    if css is None:
        try:
            css = article_css()
        except OSError:
            css = ""
            out.notes.append(f"the article stylesheet ({CSS_RESOURCE}) was not found; exported without it")
    feature = post.featured_image
    urls = _copy_images(post, target, out, [feature] if feature else [])
    body = fragment_html(post, urls)
    canonical = post.canonical or permalink(permalink_pattern, site_url, post)
    if not canonical:
        out.notes.append("no canonical URL: set the site URL (--site-url) or canonical_url in the front matter")
    image = urls.get(feature, feature) if feature else ""
    if image and canonical and "://" not in image:
        image = urljoin(canonical, image)
    description = post.description or summary(body)
    if not post.description:
        out.notes.append("no meta description: used the first words of the post")
    if not post.date:
        out.notes.append(f"no publication date: used {post.published_date()}")
    out.text = _checked(page_html(post, body, css=css, canonical=canonical, image=image,
                                  description=description))
    out.files.append(Planned(target, encode(out.text)))
    return out


def build_fragment(post: Post, target: Path) -> Output:
    """The body fragment; local images are copied into ``NAME_files/`` beside it."""
    out = Output(main=target, text="", root=target.parent)
    urls = _copy_images(post, target, out, [])
    out.text = _checked(fragment_html(post, urls))
    out.files.append(Planned(target, encode(out.text)))
    return out
