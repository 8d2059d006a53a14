"""A draft's fields as the window shows them. The first paragraph the SEO
snippet falls back on (no meta description) is ``core.markdown.outline``'s."""

from __future__ import annotations

from typing import Any

from ...core.markdown.outline import first_paragraph  # noqa: F401  (re-exported for the session)

FIELD_KEYS = ("title", "slug", "seo_title", "meta_description", "keyphrase", "related_keyphrases",
              "author", "tags", "categories", "date", "status")


def draft_fields(draft) -> dict[str, Any]:
    """The stored fields of ``draft`` (its text's front matter may say otherwise: ``fields_for``)."""
    return {k: getattr(draft, k) for k in FIELD_KEYS}
