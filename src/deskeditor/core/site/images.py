"""A site post's images in the preview, from the site's own folders.

On the site, ``/images/desk.jpg`` is Hugo's ``static/images/desk.jpg`` or
Jekyll's ``images/desk.jpg``, ``photo.jpg`` in a page bundle's ``index.md``
is the file beside it, and ``{{< baseurl >}}images/x.png`` or
``{{ "/assets/x.png" | relative_url }}`` (which the dialect renderer resolves
to the site's address) are the same files again. The preview page knows none
of that: it would look for ``/images/desk.jpg`` at the root of the disk.

``local_images`` rewrites the ``src`` of each image in rendered (already
sanitized) HTML to the ``file://`` URL of the site's file, and only when that
file, symlinks resolved, lies inside the site's folder and is a regular file.
Any other local path of a site post (``../../etc/…``, a symlink leading out,
a file that is not there) loses its ``src``, so the page loads nothing for it
from anywhere; remote images (another host) are left to the preview's
remote-image consent. Nothing here reads a file: it only looks at where the
paths lead (``os.path.realpath`` and ``stat``).
"""

from __future__ import annotations

import html
import os
import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import unquote

from .links import _url_path

_IMG = re.compile(r"<img\b[^>]*>", re.I)
_SRC = re.compile(r'\ssrc="([^"]*)"', re.I)
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")


@dataclass(frozen=True)
class SiteFiles:
    """Where a post's images come from: the site's folder (absolute), the
    folders the generator serves at the site's root (``static/``; Jekyll serves
    the root itself), the post's path (relative to the root) and the site's
    address."""

    root: str
    static_dirs: tuple[str, ...] = ()
    post: str = ""
    base_url: str = ""

    @classmethod
    def from_env(cls, env: dict | None) -> "SiteFiles | None":
        data = (env or {}).get("site_files")
        if not isinstance(data, dict) or not data.get("root"):
            return None
        return cls(str(data["root"]), tuple(str(d) for d in data.get("static_dirs") or ()),
                   str(data.get("post") or ""), str(data.get("base_url") or ""))

    def to_env(self) -> dict:
        return {"site_files": {"root": self.root, "static_dirs": list(self.static_dirs), "post": self.post,
                               "base_url": self.base_url}}

    # -- resolving ---------------------------------------------------------------
    def candidates(self, src: str) -> list[str] | None:
        """The site-relative paths ``src`` may name, nearest first; None when
        ``src`` is not the site's to resolve (another host's address)."""
        if src.startswith("//"):
            return None
        if _SCHEME.match(src):
            path = _url_path(src, self.base_url) if src.lower().startswith(("http:", "https:")) else None
            if path is None:
                return None if src.lower().startswith(("http:", "https:")) else []
            src = path
        src = unquote(src.split("#")[0].split("?")[0])
        if not src:
            return []
        if not src.startswith("/"):  # beside the post (a page bundle's files)
            return [str(PurePosixPath(self.post).parent / src)]
        rel = self._unprefixed(src).lstrip("/")
        return [f"{d}/{rel}" for d in self.static_dirs] + [rel]

    def _unprefixed(self, path: str) -> str:
        """A root-relative path without the site's own path (Jekyll's ``baseurl``: ``/blog/x`` -> ``/x``)."""
        prefix = re.sub(r"^[a-z]+://[^/]*", "", self.base_url.rstrip("/"))
        if prefix and (path == prefix or path.startswith(prefix + "/")):
            return path[len(prefix):] or "/"
        return path

    def file_for(self, src: str) -> str | None | bool:
        """The real path of the site's file ``src`` names; None when it names
        none inside the site; False when ``src`` is not the site's (a remote image)."""
        found = self.candidates(src)
        if found is None:
            return False
        root = os.path.realpath(self.root)
        for rel in found:
            if any(part.startswith(".") and part not in (".", "..") for part in PurePosixPath(rel).parts):
                continue  # .git and the like are never shown
            real = os.path.realpath(os.path.join(root, rel))
            if not real.startswith(root + os.sep):
                continue
            if os.path.isfile(real):
                return real
        return None


def local_images(fragment: str, site: SiteFiles | None) -> str:
    """``fragment`` with every image of the site shown from its file (see the module's doc)."""
    if site is None or "<img" not in fragment.lower():
        return fragment

    def fix(tag: re.Match) -> str:
        text = tag.group(0)
        m = _SRC.search(text)
        if m is None:
            return text
        real = site.file_for(html.unescape(m.group(1)))
        if real is False:
            return text
        if real is None:
            return text[: m.start()] + ' data-de-missing="' + m.group(1) + '"' + text[m.end():]
        url = Path(real).as_uri()
        return text[: m.start()] + f' src="{html.escape(url, quote=True)}"' + text[m.end():]

    return _IMG.sub(fix, fragment)
