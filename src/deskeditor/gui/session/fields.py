"""A draft's fields as the window shows them. The first paragraph the SEO
snippet falls back on (no meta description) is ``core.markdown.outline``'s."""

from __future__ import annotations

from typing import Any

from ...core.markdown import frontmatter
from ...core.markdown.outline import first_paragraph  # noqa: F401  (re-exported for the session)

FIELD_KEYS = ("title", "slug", "seo_title", "meta_description", "keyphrase", "related_keyphrases",
              "author", "tags", "categories", "date", "status")


def draft_fields(draft) -> dict[str, Any]:
    """The stored fields of ``draft`` (its text's front matter may say otherwise: ``fields_for``)."""
    return {k: getattr(draft, k) for k in FIELD_KEYS}


SNIPPET_SCAN = 200_000  # characters of the draft read for its front matter's extra keys

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
