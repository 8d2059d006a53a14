"""Issue 13, Medium 6: local files leave the machine only from the draft's folder."""

from __future__ import annotations

import os
import struct
import zlib
from pathlib import Path

import pytest

from deskeditor.core.errors import ExportError
from deskeditor.core.export import images


def png() -> bytes:
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"\x00\x00\x00\x00")) + chunk(b"IEND", b""))


@pytest.fixture
def layout(tmp_path):
    writing = tmp_path / "writing"
    (writing / "images").mkdir(parents=True)
    (writing / "images" / "ok.png").write_bytes(png())
    secret = tmp_path / "secret"
    secret.mkdir()
    (secret / "private.png").write_bytes(png() + b"PRIVATE")
    os.symlink(secret / "private.png", writing / "images" / "link.png")
    (writing / "images" / "evil.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>')
    out = tmp_path / "out"
    out.mkdir()
    return writing, secret, out


def _body(secret: Path) -> str:
    return ("---\ntitle: Pics\nslug: pics\ndate: 2025-03-14\n---\n\n"
            "![ok](images/ok.png)\n\n"
            f"![abs]({secret}/private.png)\n\n"
            "![up](../secret/private.png)\n\n"
            f"![url](file://{secret}/private.png)\n\n"
            "![home](~/private.png)\n\n"
            "![link](images/link.png)\n\n"
            '<img src="images/evil.svg">\n')


@pytest.mark.parametrize("fmt", ["html", "fragment", "hugo", "jekyll"])
def test_only_the_drafts_own_pictures_are_copied(store, run, layout, fmt):
    writing, secret, out = layout
    d = store.drafts.create(_body(secret))
    code, _o, err = run("export", str(d.id), "-f", fmt, "-o", str(out), "--images-from", str(writing),
                        "--no-grammar", "-q")
    assert code == 0, err
    copied = [p for p in out.rglob("*") if p.is_file() and p.suffix in (".png", ".svg")]
    assert [p.name for p in copied] == ["ok.png"]
    assert not any(b"PRIVATE" in p.read_bytes() for p in out.rglob("*") if p.is_file())
    assert "outside the draft's folder" in err and "SVG" in err


def test_a_huge_sparse_image_is_refused_without_reading_it(store, run, tmp_path):
    writing = tmp_path / "w"
    writing.mkdir()
    big = writing / "big.png"
    with big.open("wb") as fh:
        fh.write(png())
        fh.truncate(2 << 30)  # 2 GiB, sparse: costs no disk
    d = store.drafts.create("---\ntitle: Big\nslug: big\n---\n\n![big](big.png)\n")
    out = tmp_path / "out"
    out.mkdir()
    code, _o, err = run("export", str(d.id), "-f", "html", "-o", str(out), "--images-from", str(writing),
                        "--no-grammar", "-q")
    assert code == 0, err
    assert "over 50 MiB" in err
    assert not list(out.rglob("big.png"))


def test_reading_a_fifo_or_a_growing_file_stops(tmp_path):
    fifo = tmp_path / "pipe.png"
    os.mkfifo(fifo)
    assert not images.looks_like_image(fifo)  # returns at once: never opened for reading
    with pytest.raises(ExportError, match="not a regular file"):
        list(images.read_chunks(fifo))
    grown = tmp_path / "g.png"
    grown.write_bytes(png() + b"x" * 3000)
    with pytest.raises(ExportError, match="grew past"):
        list(images.read_chunks(grown, limit=1000))
