"""Shared helpers for the bench scripts: timing medians and sample drafts."""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
SAMPLE = ROOT / "tests" / "data" / "russia-ukraine-ceasefire.txt"


def sample_markdown() -> str:
    from deskeditor.core.importers import read_document

    return read_document(SAMPLE).markdown


def draft_of(words: int) -> str:
    """A Markdown draft of about ``words`` words made from the sample's body,
    with numbered section headings so no two blocks are the same."""
    from deskeditor.core.markdown import frontmatter

    body = frontmatter.body_of(sample_markdown())
    paras = [p for p in body.split("\n\n") if p.strip()]
    out, count, k = [], 0, 0
    while count < words:
        p = paras[k % len(paras)]
        if p.startswith("## "):
            p = f"{p} {k // len(paras) + 1}"
        else:
            p = f"{p} (part {k})"
        out.append(p)
        count += len(p.split())
        k += 1
    return "---\ntitle: Bench draft\n---\n\n" + "\n\n".join(out) + "\n"


def timed(fn, runs: int = 7, warmup: int = 1) -> list[float]:
    """Milliseconds of each of ``runs`` calls (after ``warmup`` calls)."""
    for _ in range(warmup):
        fn()
    out = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        out.append((time.perf_counter() - t) * 1000)
    return out


def pct(values: list[float], p: float) -> float:
    values = sorted(values)
    k = min(len(values) - 1, max(0, int(round(p / 100 * (len(values) - 1)))))
    return values[k]


def report(name: str, ms: list[float], target: str = "") -> None:
    med = statistics.median(ms)
    line = f"{name:<52} median {med:8.2f} ms   p95 {pct(ms, 95):8.2f} ms   (n={len(ms)})"
    if target:
        line += f"   target {target}"
    print(line, flush=True)
