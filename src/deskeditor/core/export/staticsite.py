"""Markdown with YAML front matter for Hugo and for Jekyll, placed in the site.

``root`` is the site's folder (the one holding ``content/`` or ``_posts/``).

Hugo: ``content/<section>/<slug>/index.md`` (a page bundle; images beside it)
or ``content/<section>/<slug>.md`` with images in ``static/images/<slug>/``;
front matter ``title date lastmod slug description author tags categories
draft images``.

Jekyll: ``_posts/YYYY-MM-DD-<slug>.md`` with images in
``assets/images/<slug>/``; front matter ``layout title date last_modified_at
slug description author tags categories image`` and ``published: false`` for
a post not yet ready (Jekyll's way of keeping a post in ``_posts`` unbuilt),
plus ``permalink`` when a pattern is configured.

deskeditor's own keys (``focus_keyphrase``, ``related_keyphrases``,
``seo_title``) and any other keys the draft's front matter had are kept, so
importing the file again gives back the same fields and body.
"""

from __future__ import annotations

import datetime as _dt
from pathlib import Path
from typing import Any

import yaml

from ..markdown import frontmatter
from ..markdown.sanitize import plain_text
from . import images as img
from .mdsafe import defuse, liquid_is_inert
from .atomic import Planned
from .base import Output, as_datetime, clean_text, encode
from .paths import check_site_paths, publication_day
from .post import IMAGE_KEYS, Post

HUGO_LAYOUTS = ("bundle", "file")


def _date_value(value: str) -> Any:
    """A date string as a YAML date/timestamp (unquoted in the file), else the string."""
    value = (value or "").strip()
    if len(value) == 10:
        try:
            return _dt.date.fromisoformat(value)
        except ValueError:
            return value
    dt = as_datetime(value)
    return dt if dt is not None else value


def _common(post: Post, updated_key: str) -> dict[str, Any]:
    """The keys Hugo and Jekyll read alike; the date of the last change goes
    under each one's own name (``lastmod``, ``last_modified_at``)."""
    data: dict[str, Any] = {"title": post.title, "date": _date_value(post.published_date())}
    if post.updated:
        data[updated_key] = _date_value(post.updated)
    data["slug"] = post.slug
    for key, text in (("description", post.description), ("author", post.author)):
        if text:
            data[key] = text
    for key, items in (("tags", post.tags), ("categories", post.categories)):
        if items:
            data[key] = list(items)
    return data


def _finish(post: Post, data: dict[str, Any], image_urls: dict[str, str], image_key: str) -> dict[str, Any]:
    """The featured image under the site's key (unless the post sets that key
    itself), deskeditor's own keys and the rest of the post's front matter."""
    feature = post.featured_image
    if feature and image_key not in post.extra:
        url = image_urls.get(feature, feature)
        data[image_key] = [url] if image_key == "images" else url
    _deskeditor_keys(post, data)
    _extra(post, data, image_urls)
    return data


def _deskeditor_keys(post: Post, data: dict[str, Any]) -> None:
    for fld in ("keyphrase", "related_keyphrases", "seo_title"):
        value = getattr(post, fld)
        if value:
            data[frontmatter.FIELD_KEYS[fld]] = list(value) if isinstance(value, list) else value


def _text_only(value: Any) -> Any:
    """Front matter strings without markup (themes print page variables, often unescaped)."""
    if isinstance(value, str):
        return plain_text(value)
    if isinstance(value, list):
        return [_text_only(v) for v in value]
    if isinstance(value, dict):
        return {k: _text_only(v) for k, v in value.items()}
    return value


def _extra(post: Post, data: dict[str, Any], image_urls: dict[str, str]) -> None:
    for key, value in post.extra.items():
        if key in data:
            continue
        value = _text_only(value)
        if key in IMAGE_KEYS and isinstance(value, str):
            value = image_urls.get(value.strip(), value)
        elif key == "images" and isinstance(value, list):
            value = [image_urls.get(v, v) if isinstance(v, str) else v for v in value]
        data[key] = value


class _Dumper(yaml.SafeDumper):
    """Writes date-times as ISO 8601 with a 'T' (2025-03-15T10:20:30+00:00), unquoted:
    PyYAML's default space form is not a timestamp to Go's YAML (Hugo)."""


def _timestamp(dumper: yaml.SafeDumper, value: _dt.datetime):
    return dumper.represent_scalar("tag:yaml.org,2002:timestamp", value.isoformat())


_Dumper.add_representer(_dt.datetime, _timestamp)


def dump(data: dict[str, Any]) -> str:
    return yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=1000)


def document(data: dict[str, Any], body: str) -> str:
    return "---\n" + dump(data) + "---\n\n" + body.lstrip("\n")


def _images(post: Post, folder: Path, url_prefix: str, out: Output) -> dict[str, str]:
    extra = [post.featured_image] if post.featured_image else []
    scan = img.scan(post.body, post.base_dir, extra=extra, also_from=[out.root] if out.root else [])
    out.notes += [f"image not found or not an image: {m}" for m in scan.missing] + scan.refused
    for ref in scan.images:
        out.files.append(Planned(folder / ref.name, source=ref.path, asset=True))
    return {raw: url_prefix + ref.name for raw, ref in scan.by_raw.items()}


def hugo_front_matter(post: Post, image_urls: dict[str, str]) -> dict[str, Any]:
    data = _common(post, "lastmod")
    data["draft"] = post.is_draft
    return _finish(post, data, image_urls, "images")  # a list: Hugo's Open Graph template reads it


def jekyll_front_matter(post: Post, image_urls: dict[str, str], permalink: str = "") -> dict[str, Any]:
    data: dict[str, Any] = {"layout": post.extra.get("layout", "post")}
    data.update(_common(post, "last_modified_at"))
    if post.is_draft:
        data["published"] = False
    if permalink:
        data["permalink"] = permalink.replace("{slug}", post.slug)
    return _finish(post, data, image_urls, "image")  # jekyll-seo-tag's key


def hugo_paths(root: Path, post: Post, layout: str = "bundle", section: str = "posts") -> tuple[Path, Path, str]:
    """(Markdown file, image folder, image URL prefix) inside a Hugo site."""
    content = root / "content" / section
    if layout == "bundle":
        folder = content / post.slug
        return folder / "index.md", folder, ""
    return content / f"{post.slug}.md", root / "static" / "images" / post.slug, f"/images/{post.slug}/"


def jekyll_paths(root: Path, post: Post) -> tuple[Path, Path, str]:
    day = publication_day(post.published_date())
    name = f"{day}-{post.slug}.md"
    return (root / "_posts" / name, root / "assets" / "images" / post.slug,
            f"/assets/images/{post.slug}/")


def _safe_body(post: Post, urls: dict[str, str], out: Output) -> str:
    body, changed = defuse(img.rewrite(clean_text(post.body), urls))
    if changed:
        out.notes.append(f"{changed} block(s) held HTML or links that could run script (or read as such "
                         "to the site's renderer): they were cleaned and are written as sanitized HTML")
    return body


def _dated_note(post: Post, out: Output) -> None:
    if not post.date:
        out.notes.append(f"no publication date: used {post.published_date()}")


def build_hugo(post: Post, root: Path, *, layout: str = "bundle", section: str = "posts") -> Output:
    if layout not in HUGO_LAYOUTS:
        raise ValueError(f"Hugo layout must be one of {HUGO_LAYOUTS}")
    check_site_paths(post.extra)
    publication_day(post.published_date())
    target, folder, prefix = hugo_paths(root, post, layout, section)
    out = Output(main=target, text="", root=root)
    urls = _images(post, folder, prefix, out)
    body = _safe_body(post, urls, out)
    out.text = document(hugo_front_matter(post, urls), body)
    out.files.append(Planned(target, encode(out.text)))
    _dated_note(post, out)
    return out


def build_jekyll(post: Post, root: Path, *, permalink: str = "") -> Output:
    check_site_paths(post.extra)
    target, folder, prefix = jekyll_paths(root, post)
    out = Output(main=target, text="", root=root)
    urls = _images(post, folder, prefix, out)
    body = _safe_body(post, urls, out)
    data = jekyll_front_matter(post, urls, permalink)
    if not liquid_is_inert(body):
        data["render_with_liquid"] = False
        out.notes.append("the post holds Liquid that could build markup (filters, assignments, page "
                         "variables): exported with render_with_liquid: false, so Jekyll shows it as written")
    out.text = document(data, body)
    out.files.append(Planned(target, encode(out.text)))
    _dated_note(post, out)
    return out
