"""The summary a blog generator would show for a post.

Jekyll takes ``excerpt:`` from the front matter, else the text before the
``excerpt_separator`` (front matter or site setting; ``<!--more-->`` is the
usual one); Hugo takes ``summary:``, else the text before ``<!--more-->``.
deskeditor uses it as the meta description (and WordPress excerpt) when the
draft has no ``description``, so a post written for a generator is not
reported as lacking one. The front matter keys are read by
``frontmatter.fields_from``; this module reads the separator.
"""

from __future__ import annotations

import re
from typing import Any

MORE = "<!--more-->"
_SPACES = re.compile(r"\s+")


def separator_excerpt(body: str, data: dict[str, Any] | None = None) -> str:
    """The prose before the excerpt separator, as one line; "" without one."""
    sep = str((data or {}).get("excerpt_separator") or MORE)
    cut = body.find(sep)
    if cut < 0 and sep != MORE:
        cut = body.find(MORE)
    if cut <= 0:
        return ""
    from .prose import extract_prose  # the prose map imports the parser, which is heavy

    parts = []
    for seg in extract_prose(body[:cut]):
        if seg.kind in ("heading", "image_alt"):
            continue
        text, last = [], 0
        for a, b in seg.placeholders:  # inline code, math, emoji codes: not for a summary
            text.append(seg.text[last:a])
            last = b
        text.append(seg.text[last:])
        parts.append("".join(text))
    return _SPACES.sub(" ", " ".join(parts)).replace(" .", ".").replace(" ,", ",").strip()
