"""A draft's fields as the window shows them, and the first paragraph the SEO
snippet falls back on when there is no meta description."""

from __future__ import annotations

import re
from typing import Any

from ...core.markdown import frontmatter

FIELD_KEYS = ("title", "slug", "seo_title", "meta_description", "keyphrase", "related_keyphrases",
              "author", "tags", "categories", "date", "status")
SNIPPET_CHARS = 1_000  # of the first paragraph: more than a search snippet shows
SNIPPET_SCAN = 200_000  # characters of the draft searched for its first paragraph
_BLANK_LINE = re.compile(r"\n[ \t]*\n")


def draft_fields(draft) -> dict[str, Any]:
    """The stored fields of ``draft`` (its text's front matter may say otherwise: ``fields_for``)."""
    return {k: getattr(draft, k) for k in FIELD_KEYS}


def first_paragraph(text: str, limit: int = SNIPPET_CHARS) -> str:
    """The first prose paragraph of ``text``'s body, its whitespace folded, cut
    at ``limit`` characters. Reads only as far as it needs to (a 5 MB draft):
    a first paragraph further in than ``SNIPPET_SCAN`` is not looked for."""
    body = frontmatter.body_of(text[:SNIPPET_SCAN])
    start = 0
    while start < len(body):
        m = _BLANK_LINE.search(body, start)
        end = m.start() if m else len(body)
        p = " ".join(body[start:min(end, start + limit * 2)].split())[:limit]
        if p and not p.startswith(("#", "!", "<", "```", "---", "|")):
            return p
        start = m.end() if m else len(body)
    return ""


# front matter keys the SEO panel edits beyond the draft's own fields
EXTRA_KEYS = ("featured_image", "og_title", "og_description", "og_image", "word_goal")


def extra_fields(text: str) -> dict[str, Any]:
    """The social preview, featured image and word goal keys of ``text``'s front
    matter ({} when it has none or it cannot be read: the panel shows blanks)."""
    try:
        data = frontmatter.split(text[:SNIPPET_SCAN]).data
    except Exception:  # malformed front matter is reported by the lint, not here
        return {}
    return {k: data[k] for k in EXTRA_KEYS if data.get(k) not in (None, "")}
