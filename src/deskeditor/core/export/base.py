"""What every format builder returns, and small helpers they share.

A builder turns a ``Post`` into an ``Output``: the files to write (the
document and image copies, as ``atomic.Planned``), nothing written yet, plus
notes for the user (an image not found, a date filled in). ``service`` writes
them with ``atomic.write_files``.
"""

from __future__ import annotations

import datetime as _dt
import html as _html
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..citations.render import render_html
from .atomic import Planned
from .post import Post

_TAGS = re.compile(r"<[^>]+>")
_PARA = re.compile(r"<p\b[^>]*>(.*?)</p>", re.S)
_XML_BAD = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


@dataclass
class Output:
    main: Path  # the document (for Hugo and Jekyll: the Markdown file inside the site)
    text: str  # the document's text
    files: list[Planned] = field(default_factory=list)  # the document last
    notes: list[str] = field(default_factory=list)
    root: Path | None = None  # the folder all files are written under


def clean_text(text: str) -> str:
    """Text safe for XML and UTF-8: no NUL or other C0 controls, no lone surrogates."""
    return _XML_BAD.sub("", text)


def body_html(markdown: str) -> str:
    """The sanitized HTML of a post body (no data-source-line attributes)."""
    return render_html(clean_text(markdown), source_lines=False)


def plain_text(html: str) -> str:
    return " ".join(_html.unescape(_TAGS.sub(" ", html)).split())


def summary(html: str, limit: int = 155) -> str:
    """A description from the body when the post has none: its first paragraphs' words, cut at a word."""
    paras = [plain_text(p) for p in _PARA.findall(html)]
    text = ""
    for para in paras:
        text = f"{text} {para}".strip()
        if len(text) >= 50:
            break
    text = text or plain_text(html)
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0].rstrip(",;:—–-")
    return cut + "…"


def permalink(pattern: str, site_url: str, post: Post) -> str:
    """``pattern`` with {site}, {slug}, {year}, {month}, {day} filled in ("" without a site URL)."""
    if not site_url:
        return ""
    day = post.published_date()[:10]
    year, month, dd = (day.split("-") + ["01", "01"])[:3]
    return pattern.format(site=site_url.rstrip("/"), slug=post.slug, year=year, month=month, day=dd)


def iso_date(value: str) -> str:
    """A date or date-time string as ISO 8601, or "" if it does not parse."""
    value = (value or "").strip()
    if not value:
        return ""
    try:
        if len(value) == 10:
            return _dt.date.fromisoformat(value).isoformat()
        return _dt.datetime.fromisoformat(value.replace("Z", "+00:00")).isoformat(timespec="seconds")
    except ValueError:
        return ""


def as_datetime(value: str) -> _dt.datetime | None:
    """A date or date-time string as an aware datetime (UTC when no zone is given)."""
    value = iso_date(value)
    if not value:
        return None
    if len(value) == 10:
        d = _dt.date.fromisoformat(value)
        return _dt.datetime(d.year, d.month, d.day, tzinfo=_dt.timezone.utc)
    dt = _dt.datetime.fromisoformat(value)
    return dt if dt.tzinfo else dt.replace(tzinfo=_dt.timezone.utc)


def encode(text: str) -> bytes:
    return clean_text(text).encode("utf-8")
