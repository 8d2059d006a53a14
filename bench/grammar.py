"""Grammar engine benchmark against the real local LanguageTool server.

Prints: server start time (until it answers, and until its first check is
done), the first full check of the sample post, the re-check after a one-word
edit in a 5,000-word draft (median of several runs), and the server's resident
memory. Targets: re-check within 300 ms on a warm server; server under 700 MiB.

    PYTHONPATH=src .venv/bin/python bench/grammar.py [--runs 15] [--starts 3]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from deskeditor.core.importers import read_document  # noqa: E402
from deskeditor.core.lint.grammar import GrammarEngine, GrammarSettings, LocalServer  # noqa: E402
from deskeditor.core.lint.grammar import install as lt_install  # noqa: E402

SAMPLE = ROOT / "tests" / "data" / "russia-ukraine-ceasefire.txt"


def big_draft(sample: str, words: int = 5000) -> str:
    """The sample's paragraphs, repeated with a numbered heading per part,
    until the draft has at least ``words`` words."""
    body = sample.split("\n---\n", 1)[-1]
    blocks = [b for b in body.split("\n\n") if b.strip()]
    out, count, part = [], 0, 0
    while count < words:
        part += 1
        out.append(f"## Part {part}")
        for b in blocks:
            if b.startswith("#"):
                continue
            text = f"{b} (Part {part}.)" if len(b.split()) > 8 else b
            out.append(text)
            count += len(text.split())
            if count >= words:
                break
    return "\n\n".join(out) + "\n"


def time_start(version: str, log_dir: Path) -> tuple[float, float, LocalServer]:
    server = LocalServer(version, log_dir=log_dir, warmup=False)
    t0 = time.perf_counter()
    if not server.ensure_ready():
        raise SystemExit(f"server did not start: {server.describe()}")
    up = time.perf_counter() - t0
    GrammarEngine(GrammarSettings(), server).check("This is a short sentence to warm up the checker.\n")
    return up, time.perf_counter() - t0, server


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=15, help="one-word re-checks to take the median of")
    ap.add_argument("--starts", type=int, default=3, help="server starts to take the median of")
    args = ap.parse_args()
    found = lt_install.find_installation()
    if found is None:
        print("LanguageTool is not installed: run scripts/install-languagetool", file=sys.stderr)
        return 2
    log_dir = Path(tempfile.mkdtemp(prefix="grammar-bench-"))
    print(f"LanguageTool {found.version}, {found.jars} jars, {found.size / 2**20:.0f} MiB at {found.root}")

    ups, readies = [], []
    server = None
    for i in range(args.starts):
        up, ready, server = time_start(found.version, log_dir)
        ups.append(up)
        readies.append(ready)
        if i < args.starts - 1:
            server.stop()
    print(f"server start: answers after {statistics.median(ups):.2f} s, first check done after "
          f"{statistics.median(readies):.2f} s (median of {args.starts}; runs {', '.join(f'{r:.1f}' for r in readies)})")
    assert server is not None

    sample = read_document(SAMPLE).markdown
    firsts = []
    for _ in range(3):
        engine = GrammarEngine(GrammarSettings(), server)
        t0 = time.perf_counter()
        r = engine.check(sample)
        firsts.append(time.perf_counter() - t0)
        assert r.available, r.status
    print(f"first full check of the sample ({len(sample.split())} words, {r.total_segments} blocks, "
          f"{len(r.findings)} findings): {firsts[0]:.2f} s; again with an empty cache: "
          f"median {statistics.median(firsts[1:]):.2f} s")

    draft = big_draft(sample)
    engine = GrammarEngine(GrammarSettings(), server)
    t0 = time.perf_counter()
    r = engine.check(draft)
    full = time.perf_counter() - t0
    assert r.available, r.status
    print(f"5,000-word draft: {len(draft.split())} words, {r.total_segments} blocks, full check {full:.2f} s")
    t0 = time.perf_counter()
    r = engine.check(draft)
    print(f"re-check unchanged: {(time.perf_counter() - t0) * 1000:.0f} ms, {r.sent_segments} blocks sent")

    target = "cautiously responded"
    at = draft.index(target, len(draft) // 2)
    times = []
    for i in range(args.runs):
        edited = draft[:at] + f"cautiously{i} responded" + draft[at + len(target):]
        t0 = time.perf_counter()
        r = engine.check(edited)
        times.append(time.perf_counter() - t0)
        assert r.sent_segments == 1 and r.available, (r.sent_segments, r.status)
    med = statistics.median(times) * 1000
    print(f"re-check after a one-word edit: median {med:.0f} ms over {args.runs} runs "
          f"(min {min(times) * 1000:.0f}, max {max(times) * 1000:.0f}), 1 block sent; target 300 ms: "
          f"{'met' if med <= 300 else 'MISSED'}")
    rss = server.rss_bytes() / 2**20
    print(f"server resident memory: {rss:.0f} MiB (-Xmx{GrammarSettings().heap}); target 700 MiB: "
          f"{'met' if rss < 700 else 'MISSED'}")
    server.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
