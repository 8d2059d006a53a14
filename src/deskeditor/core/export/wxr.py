"""A WordPress WXR 1.2 file holding the post, for Tools > Import > WordPress.

The layout follows what WordPress itself writes (``wp-admin/includes/
export.php``): an RSS 2.0 channel with the ``wp:`` extension, one author, the
post's categories and tags as terms, and one ``item`` with the rendered,
sanitized HTML in ``content:encoded``. The post is always imported as a
draft; the editor publishes it from WordPress.

Text goes into CDATA sections split on ``]]>`` (as WordPress's own
``wxr_cdata`` does); characters XML 1.0 forbids (NUL and other controls, lone
surrogates) are dropped, so the file is well-formed whatever the draft held.
"""

from __future__ import annotations

import datetime as _dt
import html as _html
from email.utils import format_datetime
from pathlib import Path
from xml.etree import ElementTree

from ..errors import ExportError
from ..markdown.parser import slugify
from .atomic import Planned
from . import images as img
from .base import Output, as_datetime, clean_text, encode, permalink
from .html import DEFAULT_PERMALINK, fragment_html
from .post import Post

WXR_VERSION = "1.2"
NAMESPACES = {
    "excerpt": f"http://wordpress.org/export/{WXR_VERSION}/excerpt/",
    "content": "http://purl.org/rss/1.0/modules/content/",
    "wfw": "http://wellformedweb.org/CommentAPI/",
    "dc": "http://purl.org/dc/elements/1.1/",
    "wp": f"http://wordpress.org/export/{WXR_VERSION}/",
}


def cdata(text: str) -> str:
    """``text`` as CDATA, safe whatever it contains."""
    return "<![CDATA[" + clean_text(text).replace("]]>", "]]]]><![CDATA[>") + "]]>"


def _x(text: str) -> str:
    return _html.escape(clean_text(text), quote=True)


def _wp_date(dt: _dt.datetime | None) -> str:
    return dt.strftime("%Y-%m-%d %H:%M:%S") if dt else "0000-00-00 00:00:00"


def author_login(post: Post, login: str = "") -> str:
    return login or slugify(post.author).replace("-", "") or "editor"


def wxr_document(post: Post, *, site_url: str = "", login: str = "",
                 permalink_pattern: str = DEFAULT_PERMALINK,
                 now: _dt.datetime | None = None) -> str:
    """The WXR text for ``post`` (images are not carried: WXR holds only their URLs)."""
    now = now or _dt.datetime.now(_dt.timezone.utc)
    site = (site_url or "http://localhost").rstrip("/")
    login = author_login(post, login)
    body = fragment_html(post)
    excerpt = post.description or ""
    published = as_datetime(post.published_date())
    modified = as_datetime(post.updated) or published
    gmt = published.astimezone(_dt.timezone.utc) if published else None
    link = permalink(permalink_pattern, site, post) or f"{site}/?p={post.draft_id or 1}"
    cats = [(i + 1, slugify(c) or f"category-{i + 1}", c) for i, c in enumerate(post.categories)]
    tags = [(len(cats) + i + 1, slugify(t) or f"tag-{i + 1}", t) for i, t in enumerate(post.tags)]
    ns = "\n".join(f'\txmlns:{k}="{v}"' for k, v in NAMESPACES.items())
    out = [
        '<?xml version="1.0" encoding="UTF-8" ?>',
        "<!-- A WordPress eXtended RSS file written by deskeditor: one post, imported as a draft. -->",
        "<!-- Import it in WordPress with Tools > Import > WordPress. -->",
        f'<rss version="2.0"\n{ns}\n>',
        "<channel>",
        f"\t<title>{_x(post.title)}</title>",
        f"\t<link>{_x(site)}</link>",
        f"\t<description>{_x(excerpt)}</description>",
        f"\t<pubDate>{format_datetime(now.astimezone(_dt.timezone.utc))}</pubDate>",
        f"\t<language>{_x(str(post.extra.get('lang') or 'en'))}</language>",
        f"\t<wp:wxr_version>{WXR_VERSION}</wp:wxr_version>",
        f"\t<wp:base_site_url>{_x(site)}</wp:base_site_url>",
        f"\t<wp:base_blog_url>{_x(site)}</wp:base_blog_url>",
        "\t<wp:author><wp:author_id>1</wp:author_id>"
        f"<wp:author_login>{cdata(login)}</wp:author_login>"
        f"<wp:author_email>{cdata('')}</wp:author_email>"
        f"<wp:author_display_name>{cdata(post.author or login)}</wp:author_display_name>"
        f"<wp:author_first_name>{cdata('')}</wp:author_first_name>"
        f"<wp:author_last_name>{cdata('')}</wp:author_last_name></wp:author>",
    ]
    for term_id, slug, name in cats:
        out.append(f"\t<wp:category><wp:term_id>{term_id}</wp:term_id>"
                   f"<wp:category_nicename>{cdata(slug)}</wp:category_nicename>"
                   f"<wp:category_parent>{cdata('')}</wp:category_parent>"
                   f"<wp:cat_name>{cdata(name)}</wp:cat_name></wp:category>")
    for term_id, slug, name in tags:
        out.append(f"\t<wp:tag><wp:term_id>{term_id}</wp:term_id>"
                   f"<wp:tag_slug>{cdata(slug)}</wp:tag_slug>"
                   f"<wp:tag_name>{cdata(name)}</wp:tag_name></wp:tag>")
    out += [
        "\t<generator>deskeditor</generator>",
        "\t<item>",
        f"\t\t<title>{cdata(post.title)}</title>",
        f"\t\t<link>{_x(link)}</link>",
        f"\t\t<pubDate>{format_datetime(gmt) if gmt else ''}</pubDate>",
        f"\t\t<dc:creator>{cdata(login)}</dc:creator>",
        f'\t\t<guid isPermaLink="false">{_x(link)}</guid>',
        "\t\t<description></description>",
        f"\t\t<content:encoded>{cdata(body)}</content:encoded>",
        f"\t\t<excerpt:encoded>{cdata(excerpt)}</excerpt:encoded>",
        f"\t\t<wp:post_id>{int(post.draft_id or 1)}</wp:post_id>",
        f"\t\t<wp:post_date>{cdata(_wp_date(published))}</wp:post_date>",
        f"\t\t<wp:post_date_gmt>{cdata(_wp_date(gmt))}</wp:post_date_gmt>",
        f"\t\t<wp:post_modified>{cdata(_wp_date(modified))}</wp:post_modified>",
        f"\t\t<wp:post_modified_gmt>{cdata(_wp_date(modified.astimezone(_dt.timezone.utc) if modified else None))}</wp:post_modified_gmt>",
        f"\t\t<wp:comment_status>{cdata('open')}</wp:comment_status>",
        f"\t\t<wp:ping_status>{cdata('open')}</wp:ping_status>",
        f"\t\t<wp:post_name>{cdata(post.slug)}</wp:post_name>",
        f"\t\t<wp:status>{cdata('draft')}</wp:status>",
        "\t\t<wp:post_parent>0</wp:post_parent>",
        "\t\t<wp:menu_order>0</wp:menu_order>",
        f"\t\t<wp:post_type>{cdata('post')}</wp:post_type>",
        f"\t\t<wp:post_password>{cdata('')}</wp:post_password>",
        "\t\t<wp:is_sticky>0</wp:is_sticky>",
    ]
    for _id, slug, name in cats:
        out.append(f'\t\t<category domain="category" nicename="{_x(slug)}">{cdata(name)}</category>')
    for _id, slug, name in tags:
        out.append(f'\t\t<category domain="post_tag" nicename="{_x(slug)}">{cdata(name)}</category>')
    if post.description:
        out.append(f"\t\t<wp:postmeta><wp:meta_key>{cdata('_deskeditor_description')}</wp:meta_key>"
                   f"<wp:meta_value>{cdata(post.description)}</wp:meta_value></wp:postmeta>")
    out += ["\t</item>", "</channel>", "</rss>", ""]
    return "\n".join(out)


def check_well_formed(text: str) -> None:
    try:
        ElementTree.fromstring(text.encode("utf-8"))
    except ElementTree.ParseError as exc:  # a bug here, never the draft's fault
        raise ExportError(f"the WXR file came out malformed ({exc}); nothing was written") from None


def build_wxr(post: Post, target: Path, *, site_url: str = "", login: str = "",
              permalink_pattern: str = DEFAULT_PERMALINK, now: _dt.datetime | None = None) -> Output:
    out = Output(main=target, text="", root=target.parent)
    out.text = wxr_document(post, site_url=site_url, login=login, permalink_pattern=permalink_pattern, now=now)
    check_well_formed(out.text)
    if not post.description:
        out.notes.append("no meta description: the excerpt is empty")
    local = img.scan(post.body, post.base_dir).images
    if local:
        out.notes.append(f"WXR carries image links, not images: {len(local)} local picture(s) must be "
                         "uploaded to WordPress separately (deskeditor publish does it)")
    out.files.append(Planned(target, encode(out.text)))
    return out
