"""Importers: a file on disk becomes Markdown text with front matter.

``read_document(path)`` validates the file (exists, is a file, not binary, valid
UTF-8, under the size limit) and converts it by its kind: Markdown (``.md``,
``.markdown``), HTML (``.html``, ``.htm``) or plain text as pasted from a web
page (anything else). Every problem raises ``InputError`` with one line that
names the file and, where it can, the byte offset or line.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError
from ..markdown import frontmatter
from . import html as html_importer
from . import text as text_importer

DEFAULT_MAX_BYTES = 10 * 1024 * 1024
MARKDOWN_SUFFIXES = {".md", ".markdown", ".mdown", ".mkd"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}


@dataclass
class Imported:
    path: Path
    markdown: str  # the whole document, front matter included
    kind: str  # markdown, html, text


def read_text(path: str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> str:
    """The file's text, or ``InputError`` saying exactly what is wrong with it.

    Only a regular file is read (a FIFO would hang, ``/dev/zero`` never ends),
    and the size limit holds while reading, not only by the size the file
    claims: at most ``max_bytes + 1`` bytes are ever read."""
    path = Path(path)
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a folder, not a file") from None
    except PermissionError:
        raise InputError(f"{path}: permission denied") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror or exc}") from None
    info = os.fstat(fd)
    if stat.S_ISDIR(info.st_mode):
        os.close(fd)
        raise InputError(f"{path}: is a folder, not a file")
    with os.fdopen(fd, "rb") as fh:
        try:
            mode = info.st_mode
            if not stat.S_ISREG(mode):
                raise InputError(f"{path}: not a regular file (a device, pipe or socket); nothing was read")
            if stat.S_ISREG(mode) and info.st_size > max_bytes:
                raise InputError(f"{path}: {info.st_size / 1048576:.1f} MiB is over the import limit of "
                                 f"{max_bytes / 1048576:.1f} MiB (--max-size changes it)")
            data = fh.read(max_bytes + 1)
        except OSError as exc:
            raise InputError(f"{path}: cannot read: {exc.strerror or exc}") from None
    if len(data) > max_bytes:
        raise InputError(
            f"{path}: over the import limit of {max_bytes / 1048576:.1f} MiB (--max-size changes it)"
        )
    nul = data.find(b"\x00", 0, 65536)
    if nul >= 0:
        raise InputError(f"{path}: looks like a binary file (NUL byte at offset {nul}), not text")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{path}: not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start})"
        ) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def convert(text: str, kind: str, name: str = "the draft") -> str:
    if kind == "markdown":
        frontmatter.split(text, name)  # raises on malformed front matter, naming the line
        return text
    if kind == "html":
        return html_importer.to_markdown(text)
    return text_importer.to_markdown(text)


def kind_of(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix in MARKDOWN_SUFFIXES:
        return "markdown"
    if suffix in HTML_SUFFIXES:
        return "html"
    return "text"


def read_document(path: str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Imported:
    path = Path(path)
    text = read_text(path, max_bytes=max_bytes)
    kind = kind_of(path)
    if kind == "text" and text.lstrip().startswith("<") and "</" in text[:4096]:
        kind = "html"
    return Imported(path, convert(text, kind, str(path)), kind)
