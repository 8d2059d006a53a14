"""Where an export may write, and which names a draft may give its files.

A draft is untrusted input: its ``slug``, ``date``, ``permalink``, ``url`` and
``aliases`` end up in file names and in the paths a static site generator
writes. A slug is what ``slugify`` leaves (word characters and hyphens, never
a separator or a dot), a date must be a real date, a site path is lowercase
words between slashes, and every file an export writes is resolved, symlinks
included, and must lie inside the folder the user chose. Anything else stops
the export with one line before a file is written.
"""

from __future__ import annotations

import datetime as _dt
import os
import re
from pathlib import Path
from typing import Any

from ..errors import ExportError
from ..markdown.parser import slugify

SITE_PATH_KEYS = ("permalink", "url", "aliases", "redirect_from")  # Hugo, Jekyll, jekyll-redirect-from
_SEGMENT = re.compile(r"^(?:[a-z0-9][a-z0-9_-]*|:[a-z_]+)$")  # a word, or a Jekyll placeholder
_LAST = re.compile(r"^(?:[a-z0-9][a-z0-9_-]*|:[a-z_]+)(?:\.html?)?$")
_CLAIMS = {"index", "404", "feed", "sitemap", "robots"}


def safe_slug(value: str, title: str = "") -> str:
    """``value`` slugified (falling back to the title's slug, then "post"): no path
    separator, no dot, so it can only name a file or folder inside its parent."""
    return slugify(value or "") or slugify(title or "") or "post"


def publication_day(value: str) -> str:
    """``value``'s date part (YYYY-MM-DD) if it is a real date, else ``ExportError``."""
    day = (value or "").strip()[:10]
    try:
        return _dt.date.fromisoformat(day).isoformat() if len(day) == 10 else _bad_date(value)
    except ValueError:
        return _bad_date(value)


def _bad_date(value: str) -> str:
    raise ExportError(f"the draft's date {value!r} is not a date (write it as YYYY-MM-DD); nothing was exported")


def check_site_path(key: str, value: Any) -> None:
    """A ``permalink``/``url``/``alias`` from the front matter must be a plain path of
    lowercase words that claims no page of the site's own (``/``, ``/index.html``)."""
    values = value if isinstance(value, list) else [value]
    for v in values:
        text = str(v).strip() if v is not None else ""
        parts = [p for p in text.split("/") if p]
        ok = bool(parts) and all(_SEGMENT.match(p) for p in parts[:-1]) and bool(_LAST.match(parts[-1])) \
            and parts[-1].split(".")[0] not in _CLAIMS and "\\" not in text
        if not ok:
            raise ExportError(f"front matter {key}: {text!r} is not a plain path of lowercase words "
                              f"(like /2025/my-post/); nothing was exported")


def check_site_paths(extra: dict[str, Any]) -> None:
    for key in SITE_PATH_KEYS:
        if key in extra and extra[key] not in (None, "", []):
            check_site_path(key, extra[key])
    target = extra.get("redirect_to")
    if target not in (None, ""):  # jekyll-redirect-from writes it into a meta refresh and a script
        text = str(target).strip()
        if not re.match(r"^https?://[^\s\"'<>]+$", text):
            raise ExportError(f"front matter redirect_to: {text!r} is not an http(s) address; nothing was exported")


def resolved(path: Path) -> Path:
    """``path`` made absolute with every existing symlink followed."""
    return Path(os.path.realpath(path))


def check_inside(root: Path, paths: list[Path]) -> None:
    """Every one of ``paths``, resolved, lies inside ``root`` (resolved), or ``ExportError``."""
    top = resolved(root)
    for p in paths:
        real = resolved(p)
        if real != top and top not in real.parents:
            raise ExportError(f"refusing to write {p}: it resolves to {real}, outside the export folder "
                              f"{root}; nothing was exported")
