"""Benchmark: building and writing each export format, and the publication gate.

Drafts: the sample post (tests/data/russia-ukraine-ceasefire.txt, ~1,000
words) and a 20,000-word draft made from it (bench/_util.draft_of), each with
two local pictures. For each format, the median of several runs of building
the files (render, sanitize, images, front matter) and writing them
atomically into a fresh folder; and the gate (lint runner without grammar).

Usage: PYTHONPATH=src .venv/bin/python bench/export.py [RUNS]
"""

from __future__ import annotations

import shutil
import struct
import sys
import tempfile
import zlib
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _util import draft_of, report, sample_markdown, timed  # noqa: E402

from deskeditor.core.export import gate  # noqa: E402
from deskeditor.core.export.service import FORMATS, Options, export_draft  # noqa: E402
from deskeditor.core.store import Store  # noqa: E402


def _png() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"\x00\x10\x20\x30")) + chunk(b"IEND", b""))


def main(runs: int = 7) -> None:
    work = Path(tempfile.mkdtemp(prefix="deskeditor-bench-export-"))
    try:
        (work / "images").mkdir()
        (work / "images" / "a.png").write_bytes(_png())
        (work / "images" / "b.png").write_bytes(_png() + b"\x00")
        pictures = "\n\n![First](images/a.png)\n\n![Second](images/b.png)\n"
        store = Store.open(work / "bench.db")
        drafts = {
            "sample (~1k words)": store.drafts.create(sample_markdown() + pictures),
            "20k words": store.drafts.create(draft_of(20_000) + pictures),
        }
        counter = [0]
        for label, draft in drafts.items():
            result = gate.check(store, draft)
            report(f"gate, {label}", timed(lambda: gate.check(store, draft), runs=runs))
            for fmt in FORMATS:
                def once(fmt=fmt, draft=draft):
                    counter[0] += 1
                    out = work / f"out{counter[0]}"
                    out.mkdir()
                    export_draft(store, draft.id, fmt, out, options=Options(base_dir=work, force=True),
                                 gate=result)
                report(f"export {fmt}, {label}", timed(once, runs=runs))
        store.close()
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 7)
