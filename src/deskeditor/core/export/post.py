"""The post as the exporters see it: metadata plus the Markdown body.

``Post`` gathers what every format needs from a draft (or a Markdown file):
title, slug, description, author, dates, tags, categories, status and the
body without its front matter. A leading ``# Title`` heading that repeats the
title is left out of the body, because every target (the HTML page header, a
static site's theme, WordPress) prints the title itself.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..markdown import frontmatter
from ..markdown.outline import first_heading, opening_heading, plain_text
from ..markdown.excerpt import separator_excerpt
from ..markdown.parser import slugify
from ..markdown.sanitize import plain_text
from .paths import safe_slug

# front matter keys that the exporters read besides the draft fields
IMAGE_KEYS = ("featured_image", "image", "cover_image", "cover")
CANONICAL_KEYS = ("canonical_url", "canonical")
_KNOWN_KEYS = set(frontmatter.FIELD_KEYS.values())


@dataclass
class Post:
    title: str
    slug: str
    body: str  # Markdown without front matter (and without a repeated title heading)
    description: str = ""
    author: str = ""
    date: str = ""  # publication date as written (ISO 8601), "" if none
    updated: str = ""  # last change, ISO 8601
    created: str = ""
    tags: list[str] = field(default_factory=list)
    categories: list[str] = field(default_factory=list)
    status: str = "draft"
    seo_title: str = ""
    keyphrase: str = ""
    related_keyphrases: list[str] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)  # other front matter keys, as written
    base_dir: Path | None = None  # where relative image paths are resolved
    draft_id: int | None = None
    revision: int | None = None

    @property
    def is_draft(self) -> bool:
        """Not yet meant for the public: static sites get their draft flag from this."""
        return self.status not in ("ready", "published")

    def _first_text(self, keys) -> str:
        """The first of ``keys`` the front matter gives as text, stripped; "" if none."""
        for key in keys:
            value = self.extra.get(key)
            if isinstance(value, str) and value.strip():
                return value.strip()
        return ""

    @property
    def featured_image(self) -> str:
        if found := self._first_text(IMAGE_KEYS):
            return found
        images = self.extra.get("images")  # Hugo's list form
        if isinstance(images, list) and images and isinstance(images[0], str):
            return images[0]
        return ""

    @property
    def canonical(self) -> str:
        return self._first_text(CANONICAL_KEYS)

    def published_date(self, today: _dt.date | None = None) -> str:
        """The publication date, else the day the draft was created, else today."""
        if self.date:
            return self.date
        if self.created:
            return self.created[:10]
        return (today or _dt.datetime.now(_dt.timezone.utc).date()).isoformat()


def strip_title_heading(body: str, title: str) -> str:
    """``body`` without a first ``# heading`` equal to ``title`` (and the blank lines after it)."""
    found = opening_heading(body)
    if not found or found[0] != 1 or _norm(title) not in (_norm(found[1]), _norm(plain_text(found[1]))):
        return body
    return body[found[2]:].lstrip("\n")


def _norm(text: str) -> str:
    return " ".join(text.replace("\\", "").split()).casefold()


def _as_text(value: Any) -> str:
    if value is None:
        return ""
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


def post_from_source(source: str, fields: dict[str, Any] | None = None, *,
                     base_dir: str | Path | None = None, name: str = "the draft",
                     keep_title_heading: bool = False) -> Post:
    """A ``Post`` from a full Markdown document; ``fields`` (draft fields) win over its front matter.
    Suggested changes are published as accepted, comments never (no CriticMarkup leaves)."""
    from ..review.marks import accepted_text

    source = accepted_text(source)
    fm = frontmatter.split(source, name)
    found = frontmatter.fields_from(fm)
    found.update({k: v for k, v in (fields or {}).items() if v not in (None, "")})
    body = source[fm.end:]
    if not found.get("meta_description"):
        found["meta_description"] = separator_excerpt(body, fm.data)
    title = _as_text(found.get("title")) or first_heading(body) or "Untitled"
    if not keep_title_heading:
        body = strip_title_heading(body, title)
    extra = {k: v for k, v in fm.data.items() if k not in _KNOWN_KEYS}
    return Post(  # metadata goes to CMSs and themes that may print it unescaped: text only
        title=plain_text(title),
        slug=safe_slug(_as_text(found.get("slug")), title),  # never a path: see paths.py
        body=body,
        description=plain_text(_as_text(found.get("meta_description"))),
        author=plain_text(_as_text(found.get("author"))),
        date=_as_text(found.get("date")),
        tags=[t for t in (plain_text(str(v)).strip() for v in found.get("tags") or []) if t],
        categories=[c for c in (plain_text(str(v)).strip() for v in found.get("categories") or []) if c],
        status=_as_text(found.get("status")) or "draft",
        seo_title=plain_text(_as_text(found.get("seo_title"))),
        keyphrase=_as_text(found.get("keyphrase")),
        related_keyphrases=list(found.get("related_keyphrases") or []),
        extra=extra,
        base_dir=Path(base_dir) if base_dir is not None else None,
    )


def post_from_draft(draft: Any, *, base_dir: str | Path | None = None, revision: int | None = None,
                    keep_title_heading: bool = False) -> Post:
    """A ``Post`` from a stored ``Draft`` (its fields, its body's front matter for the rest)."""
    fields = {k: getattr(draft, k) for k in (
        "title", "slug", "author", "status", "date", "tags", "categories", "meta_description",
        "keyphrase", "related_keyphrases", "seo_title")}
    post = post_from_source(draft.body, fields, base_dir=base_dir, name=f"draft {draft.id}",
                            keep_title_heading=keep_title_heading)
    post.updated = draft.updated
    post.created = draft.created
    post.draft_id = draft.id
    post.revision = revision
    return post
