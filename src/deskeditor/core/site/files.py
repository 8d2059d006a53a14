"""A post file read into a draft's text and written back byte for byte.

A draft's text always has "\\n" line ends (the editor's); a file keeps its own:
a file whose every line ends in "\\r\\n" is written back with "\\r\\n", a
byte-order mark stays where it was, and nothing else is touched, so opening a
site and saving a post without changing it leaves ``git status`` clean. Files
are replaced atomically (a temporary file renamed over the old one), never
overwritten in place.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from ..errors import ExportError, InputError
from ..export.atomic import write_file
from ..importers import read_text

MAX_POST_BYTES = 10 * 1024 * 1024


@dataclass
class PostText:
    text: str  # with "\n" line ends, without a byte-order mark
    eol: str  # "\n" or "\r\n"
    bom: bool
    mtime_ns: int
    size: int


def read_post(path: Path) -> PostText:
    """The file's text (``InputError`` with one line when it cannot be read)."""
    text = read_text(path, max_bytes=MAX_POST_BYTES)  # checks size, NUL bytes, UTF-8
    try:
        with open(path, "rb") as f:
            head = f.read(65536)
        st = os.stat(path)
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror or exc}") from None
    body = head[3:] if head.startswith(b"\xef\xbb\xbf") else head
    crlf = body.count(b"\r\n")
    eol = "\r\n" if crlf and crlf == body.count(b"\n") else "\n"
    return PostText(text, eol, head.startswith(b"\xef\xbb\xbf"), st.st_mtime_ns, st.st_size)


def encode_post(text: str, eol: str = "\n", bom: bool = False) -> bytes:
    if eol != "\n":
        text = text.replace("\n", eol)
    data = text.encode("utf-8", "surrogatepass")
    return b"\xef\xbb\xbf" + data if bom else data


def write_post(path: Path, text: str, eol: str = "\n", bom: bool = False) -> tuple[int, int]:
    """Replace ``path`` with ``text`` atomically (its folder is made when
    missing); returns the new (mtime_ns, size). ``ExportError`` with one line
    when the folder cannot be written."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        write_file(path, encode_post(text, eol, bom), force=True)
        st = os.stat(path)
    except OSError as exc:
        raise ExportError(f"{path}: cannot write: {exc.strerror or exc}") from None
    return st.st_mtime_ns, st.st_size


def stat_of(path: Path) -> tuple[int, int] | None:
    """(mtime_ns, size), or None when the file is gone."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return None
    except OSError:
        return None
    return st.st_mtime_ns, st.st_size
