"""A draft under review travels through WordPress with its marks.

A post sent as a draft or for review ("Pending Review") while it still has
suggestions or comments carries them: its content is one block,
``<!-- wp:deskeditor/review {"review":"…"} -->``, whose attribute holds the
draft's Markdown with its CriticMarkup and the authors of its marks (UTF-8
JSON, then base64, so no filter on the server, kses included, can alter a
character of it), and whose HTML shows the track changes (``<ins>``,
``<del>``, highlights and comments, sanitized) to whoever opens the post on
WordPress. A pull (``blocks.parse``) turns the block back into exactly that
Markdown, and the authors into the pulling store's table of mark authors, so
the review goes on on the other side.

The block is written only while marks remain and the post is not public:
published, scheduled and private posts are made of the accepted text (the
gate blocks them while marks remain), as every export is.
"""

from __future__ import annotations

import base64
import json
import re

from ..review import marks as critic

NAME = "deskeditor/review"
TRAVELLING = ("draft", "pending")  # the statuses a post under review may have
_BLOCK = re.compile(r'\A<!-- wp:deskeditor/review \{"review":"([A-Za-z0-9+/=]*)"\} -->\n.*\n'
                    r"<!-- /wp:deskeditor/review -->\Z", re.S)


def travels(body: str, status: str) -> bool:
    """Whether ``body`` goes to a post of ``status`` with its marks."""
    return status in TRAVELLING and bool(critic.find_marks(body))


def to_raw(markdown: str, authors: list[list[str]]) -> str:
    """The review block for ``markdown`` (the draft's body) and its marks' ``authors``
    (rows of the table of mark authors: kind, text, replacement, author, time)."""
    from ..markdown.render import render_html

    data = json.dumps({"v": 1, "markdown": markdown, "authors": authors}, ensure_ascii=False, separators=(",", ":"))
    packed = base64.b64encode(data.encode("utf-8")).decode("ascii")
    suggestions, comments = critic.pending(critic.find_marks(markdown))
    note = (f'<p class="deskeditor-review-note"><em>Under review: {suggestions} suggestion(s) and {comments} '
            "comment(s), shown as tracked changes. Edit it in deskeditor.</em></p>")
    html = render_html(markdown, source_lines=False).strip()
    return (f'<!-- wp:{NAME} {{"review":"{packed}"}} -->\n<div class="wp-block-deskeditor-review">{note}\n{html}</div>\n'
            f"<!-- /wp:{NAME} -->")


def read(raw: str) -> tuple[str, list[list[str]]] | None:
    """(the Markdown, the authors) a review block holds; None when ``raw`` is not one."""
    m = _BLOCK.match(raw)
    if m is None:
        return None
    try:
        data = json.loads(base64.b64decode(m.group(1), validate=True).decode("utf-8"))
    except (ValueError, UnicodeDecodeError):
        return None
    if not isinstance(data, dict) or not isinstance(data.get("markdown"), str):
        return None
    rows = [[str(x) for x in r] for r in data.get("authors") or [] if isinstance(r, list) and len(r) == 5]
    return data["markdown"], rows


def authors_in(raw: str) -> list[list[str]]:
    """The authors carried by the review block of a post's ``raw`` content, if it has one."""
    from .blocks import top_level

    for kind, text in top_level(raw):
        found = read(text) if kind == "block" else None
        if found is not None:
            return found[1]
    return []
