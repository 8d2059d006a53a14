"""Local images in a post: find them, name their copies, rewrite the links.

A draft refers to pictures on the writer's disk with relative paths (resolved
against the post's folder), absolute paths or ``file:`` URLs, in Markdown
image syntax, reference definitions, raw ``<img src>`` or Hugo's
``{{< figure src=… >}}``. Exports copy those
files next to the output and point the links at the copies; remote images
(``http:``, ``https:``, ``data:``) are left alone.

Only real image files are copied (by extension *and* by their first bytes),
so a hostile draft cannot smuggle ``/etc/passwd`` into an export as a
"picture". And only from the folders the export may read: the draft's folder
(``--images-from``, else the current folder) and, for a static site, the
site's own folder; a path that resolves (symlinks followed) anywhere else, an
SVG (it can carry script) and a file over ``MAX_IMAGE_BYTES`` are refused with
a note. Copies and uploads stream the file, and stop if it grows past the
limit while it is read. Code blocks and code spans are never rewritten.
"""

from __future__ import annotations

import functools
import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator
from urllib.parse import unquote, urlsplit

from ..errors import ExportError

from markdown_it import MarkdownIt

from ..markdown.parser import slugify

IMAGE_TYPES = {
    ".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".gif": "image/gif",
    ".webp": "image/webp", ".avif": "image/avif", ".svg": "image/svg+xml",
}
MAX_IMAGE_BYTES = 50 * 1024 * 1024
CHUNK = 1 << 20
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.\-]*:")
_INLINE = re.compile(
    r"!\[(?:\\.|[^\]\\\n])*\]\([ \t]*\n?[ \t]*(?P<dest><[^>\n]*>|[^\s()<>]+(?:\([^\s()]*\)[^\s()<>]*)*)")
_REFDEF = re.compile(r"^[ ]{0,3}\[(?:\\.|[^\]\\])+\]:[ \t]*(?P<dest><[^>\n]*>|\S+)", re.M)
_IMG_TAG = re.compile(r"""<img\b[^>]*?\bsrc\s*=\s*(?P<q>["']?)(?P<dest>[^"'\s>]+)(?P=q)""", re.I)
# Hugo's figure shortcode: {{< figure src="cat.png" caption="…" >}} (a page-bundle image)
_FIGURE = re.compile(r"""\{\{[<%]\s*figure\b[^\n]*?\bsrc\s*=\s*(?P<q>["'`]?)(?P<dest>[^"'`\s>]+)(?P=q)""")
_CODE_SPAN = re.compile(r"(`+)(?:(?!\1).)+?\1", re.S)


@dataclass
class ImageRef:
    raw: str  # the destination exactly as written (without <>)
    path: Path  # the file on disk
    name: str = ""  # the copy's file name, unique within the export


@dataclass
class ImageScan:
    images: list[ImageRef] = field(default_factory=list)  # distinct files, in order of appearance
    missing: list[str] = field(default_factory=list)  # local-looking paths that are not image files
    refused: list[str] = field(default_factory=list)  # notes: images outside the allowed folders, SVGs, too big
    by_raw: dict[str, ImageRef] = field(default_factory=dict)


def mime_type(path: Path) -> str:
    return IMAGE_TYPES.get(path.suffix.lower(), "application/octet-stream")


def looks_like_image(path: Path) -> bool:
    """An image file by its extension and its first bytes."""
    ext = path.suffix.lower()
    if ext not in IMAGE_TYPES:
        return False
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):  # no FIFO, device or folder: reading could hang
            return False
        with path.open("rb") as fh:
            head = fh.read(512)
    except (OSError, ValueError):
        return False
    if ext == ".png":
        return head.startswith(b"\x89PNG\r\n\x1a\n")
    if ext in (".jpg", ".jpeg"):
        return head.startswith(b"\xff\xd8\xff")
    if ext == ".gif":
        return head[:6] in (b"GIF87a", b"GIF89a")
    if ext == ".webp":
        return head[:4] == b"RIFF" and head[8:12] == b"WEBP"
    if ext == ".avif":
        return head[4:8] == b"ftyp"
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return text.startswith(b"<svg") or (text.startswith(b"<?xml") and b"<svg" in head.lower())


def local_path(dest: str, base_dir: Path | None) -> Path | None:
    """The file a link destination names, if it is a local file path at all."""
    dest = dest.strip()
    if dest.startswith("<") and dest.endswith(">"):
        dest = dest[1:-1]
    if not dest or dest.startswith(("#", "//")):
        return None
    if _SCHEME.match(dest):
        parts = urlsplit(dest)
        if parts.scheme.lower() != "file":
            return None
        return Path(unquote(parts.path))
    path_part = re.split(r"[?#]", dest, maxsplit=1)[0]
    path = Path(unquote(path_part))  # "~" is not expanded: a draft does not name the writer's home
    if path.is_absolute():
        return path
    return (base_dir or Path.cwd()) / path


@functools.lru_cache(maxsize=1)
def _block_parser() -> MarkdownIt:
    """Block structure only: finding code blocks needs no inline parse (which is slow on
    a paragraph of 100,000 links)."""
    md = MarkdownIt("commonmark")
    md.core.ruler.enableOnly(["normalize", "block"])
    return md


def _blank(text: str) -> str:
    return re.sub(r"[^\n]", " ", text)


def _masked(markdown: str) -> str:
    """``markdown`` with code blocks and code spans blanked out (same length, same offsets)."""
    if "`" not in markdown and "~~~" not in markdown and "    " not in markdown and "\t" not in markdown:
        return markdown
    tokens = _block_parser().parse(markdown)
    starts = [0]
    for line in markdown.split("\n"):
        starts.append(starts[-1] + len(line) + 1)
    parts, last = [], 0
    for tok in tokens:
        if tok.type in ("fence", "code_block") and tok.map:
            a, b = starts[tok.map[0]], min(starts[tok.map[1]], len(markdown))
            if a >= last:
                parts += [markdown[last:a], _blank(markdown[a:b])]
                last = b
    parts.append(markdown[last:])
    text = "".join(parts)
    return _CODE_SPAN.sub(lambda m: " " * len(m.group(0)), text)


def _candidates(markdown: str):
    """(start, end, raw destination) of every image-like link destination."""
    masked = _masked(markdown)
    for pattern in (_INLINE, _REFDEF, _IMG_TAG, _FIGURE):
        for m in pattern.finditer(masked):
            a, b = m.span("dest")
            yield a, b, markdown[a:b]


def _unique_name(path: Path, taken: set[str]) -> str:
    stem = slugify(path.stem) or "image"
    ext = path.suffix.lower()
    name = f"{stem}{ext}"
    n = 2
    while name in taken:
        name = f"{stem}-{n}{ext}"
        n += 1
    taken.add(name)
    return name


def _inside(path: Path, roots: list[Path]) -> bool:
    return any(path == r or r in path.parents for r in roots)


def scan(markdown: str, base_dir: Path | None, *, extra: list[str] = (),
         also_from: list[Path] = ()) -> ImageScan:
    """The local image files ``markdown`` (and ``extra`` destinations) refers to,
    from ``base_dir`` (default: the current folder) or the folders ``also_from``."""
    result = ImageScan()
    roots = [Path(os.path.realpath(r)) for r in [base_dir or Path.cwd(), *also_from]]
    by_path: dict[Path, ImageRef] = {}
    taken: set[str] = set()
    raws = [raw for _a, _b, raw in _candidates(markdown)] + [r for r in extra if r]
    for raw in raws:
        inner = raw[1:-1] if raw.startswith("<") and raw.endswith(">") else raw
        if inner in result.by_raw:
            continue
        path = local_path(inner, base_dir)
        if path is None:
            continue
        if not looks_like_image(path):
            # a picture that is not there (or not a picture); "/images/x.png" may be the site's own
            site_path = inner.startswith("/") and not path.exists()
            if path.suffix.lower() in IMAGE_TYPES and not site_path:
                result.missing.append(inner)
            continue
        key = Path(os.path.realpath(path))
        if not _inside(key, roots):
            result.refused.append(f"image {inner} is outside the draft's folder {roots[0]}: not copied "
                                  "(name its folder with --images-from)")
            continue
        if key.suffix.lower() == ".svg":
            result.refused.append(f"image {inner} is an SVG, which can carry script: not copied")
            continue
        if key.stat().st_size > MAX_IMAGE_BYTES:
            result.refused.append(f"image {inner} is over {MAX_IMAGE_BYTES >> 20} MiB: not copied")
            continue
        ref = by_path.get(key)
        if ref is None:
            ref = ImageRef(inner, key, _unique_name(key, taken))
            by_path[key] = ref
            result.images.append(ref)
        result.by_raw[inner] = ref
    return result


def rewrite(markdown: str, urls: dict[str, str]) -> str:
    """``markdown`` with each image destination ``raw`` replaced by ``urls[raw]``."""
    if not urls:
        return markdown
    out = []
    last = 0
    for a, b, raw in sorted(_candidates(markdown)):
        inner = raw[1:-1] if raw.startswith("<") and raw.endswith(">") else raw
        if inner not in urls or a < last:
            continue
        new = urls[inner]
        if raw.startswith("<") or re.search(r"[\s()<>]", new):
            new = "<" + new.replace(">", "%3E") + ">" if not _in_tag(markdown, a) else new
        out.append(markdown[last:a])
        out.append(new)
        last = b
    out.append(markdown[last:])
    return "".join(out)


def _in_tag(markdown: str, offset: int) -> bool:
    """Whether ``offset`` sits inside a raw ``<img ...>`` tag."""
    lt = markdown.rfind("<", 0, offset)
    return lt >= 0 and markdown[lt:lt + 4].lower() == "<img" and ">" not in markdown[lt:offset]


def read_chunks(path: Path, limit: int = MAX_IMAGE_BYTES) -> Iterator[bytes]:
    """``path``'s bytes in chunks, refusing a file that is not a regular one or
    that turns out (while it is read) to be over ``limit``."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        raise ExportError(f"cannot read {path}: {exc.strerror or exc}") from None
    with os.fdopen(fd, "rb") as fh:
        if not stat.S_ISREG(os.fstat(fh.fileno()).st_mode):
            raise ExportError(f"{path} is not a regular file; not copied")
        total = 0
        while chunk := fh.read(CHUNK):
            total += len(chunk)
            if total > limit:
                raise ExportError(f"{path} grew past {limit >> 20} MiB while it was read; nothing was exported")
            yield chunk
