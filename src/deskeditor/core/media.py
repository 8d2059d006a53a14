"""Where an image pasted or dropped into a draft is kept, and the Markdown
that shows it.

A post of an opened Hugo or Jekyll site keeps its pictures where the site
serves them: beside the post in a Hugo page bundle (``…/index.md``), else in
the site's first static folder under ``images/`` (Hugo serves ``static/`` at
the root; Jekyll copies ``assets/``). Any other draft gets a folder of its
own, ``media/draft-N`` beside the database, so the pictures live and are
backed up with the drafts that use them; its links are absolute paths, which
the preview loads and the exports copy. Files are written atomically and
never over an existing one.
"""

from __future__ import annotations

import re
import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from .errors import DeskeditorError, InputError

IMAGE_TYPES = {"png": ".png", "jpeg": ".jpg", "jpg": ".jpg", "gif": ".gif", "webp": ".webp"}
MAX_IMAGE_BYTES = 25 * 1024 * 1024


@dataclass(frozen=True)
class Placement:
    folder: Path  # where the file goes
    link_prefix: str  # the link is this plus the file's name


def placement(store, draft_id: int) -> Placement:
    """Where ``draft_id``'s images go (``InputError`` when nowhere can be written)."""
    try:
        linked = store.sites.file_of_draft(draft_id)
        roots = {r.id: r for r in store.sites.roots()} if linked is not None else {}
    except (sqlite3.Error, DeskeditorError):
        linked, roots = None, {}
    root = roots.get(linked.site_id) if linked is not None else None
    if root is not None:
        post = PurePosixPath(linked.path)
        if root.kind == "hugo" and post.name in ("index.md", "index.markdown"):
            return Placement(Path(root.root, *post.parent.parts), "")
        statics = root.settings.get("static_dirs") or (["static"] if root.kind == "hugo" else ["assets"])
        static = str(statics[0]).strip("/")
        served = "" if root.kind == "hugo" else f"/{static}"  # Hugo serves static/ at the site's root
        return Placement(Path(root.root, static, "images"), f"{served}/images/")
    if store.path is None:
        raise InputError("this database is in memory: there is no folder to keep images in")
    folder = Path(store.path).expanduser().resolve().parent / "media" / f"draft-{draft_id}"
    return Placement(folder, str(folder) + "/")


def file_stem(text: str, fallback: str = "image") -> str:
    """A file name stem from ``text`` (a dropped file's name, the alt text)."""
    stem = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:60].strip("-")
    return stem or fallback


def save_image(place: Placement, data: bytes, stem: str, suffix: str) -> tuple[Path, str]:
    """Write ``data`` as a new file in ``place``: (the file, its link)."""
    from .export.atomic import write_file

    if len(data) > MAX_IMAGE_BYTES:
        raise InputError(f"the image is {len(data) // (1024 * 1024)} MB; at most "
                         f"{MAX_IMAGE_BYTES // (1024 * 1024)} MB are kept")
    place.folder.mkdir(parents=True, exist_ok=True)
    name = f"{stem}{suffix}"
    n = 2
    while (place.folder / name).exists():
        name = f"{stem}-{n}{suffix}"
        n += 1
    path = write_file(place.folder / name, data)
    return path, place.link_prefix + name


def pasted_stem() -> str:
    return time.strftime("pasted-%Y%m%d-%H%M%S")


def image_markdown(alt: str, link: str) -> str:
    """``![alt](link)``; a link with spaces or parentheses goes in angle brackets."""
    alt = " ".join(alt.split()).replace("[", "(").replace("]", ")")
    if re.search(r"[\s()<>]", link):
        link = f"<{link}>"
    return f"![{alt}]({link})"
