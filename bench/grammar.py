"""Grammar engine benchmark against the real local LanguageTool server.

Prints, as medians of several runs on one warm server:

* server start: until it answers, and until its first check is done;
* the full check of a 4,000-word post and of a 10,000-row table, side by
  side with ONE raw ``/v2/check`` POST of the same prose (the blocks joined by
  blank lines), and their ratio (target <= 1.25). Every run uses fresh text
  (a run number in each block), so neither side is answered from
  LanguageTool's sentence cache;
* the re-check after a one-word edit (target <= 300 ms, one request);
* ``deskeditor lint`` of the sample, run again and again after
  ``deskeditor languagetool start`` (target: a run after the first <= 1.5 s);
* the server's resident memory (target < 700 MiB).

    PYTHONPATH=src .venv/bin/python bench/grammar.py [--runs 5] [--starts 1]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

from _util import draft_of  # noqa: E402

from deskeditor.core.lint.grammar import GrammarEngine, GrammarSettings, LocalServer  # noqa: E402
from deskeditor.core.lint.grammar import background  # noqa: E402
from deskeditor.core.lint.grammar import install as lt_install  # noqa: E402
from deskeditor.core.markdown.prose import extract_prose  # noqa: E402

SAMPLE = ROOT / "tests" / "data" / "russia-ukraine-ceasefire.txt"


def table(rows: int, tag: str) -> str:
    lines = ["# Inventory", "", "| Item | Description | Delivery |", "| --- | --- | --- |"]
    for i in range(rows):
        lines.append(f"| Item {i} {tag} | Fresh apples from the farm at row {i} | Delivered on day {i % 30 + 1} |")
    return "\n".join(lines) + "\n"


def post(words: int, tag: str) -> str:
    return "\n\n".join(f"{b} ({tag})" if b.strip() and not b.startswith(("---", "title:")) else b
                       for b in draft_of(words).split("\n\n"))


def raw_post(url: str, source: str) -> float:
    prose = "\n\n".join(s.text for s in extract_prose(source) if s.text.strip())
    t0 = time.perf_counter()
    r = requests.post(url + "v2/check", data={"language": "en-US", "text": prose}, timeout=600)
    r.raise_for_status()
    r.json()
    return time.perf_counter() - t0


def ours(server, source: str) -> tuple[float, int]:
    engine = GrammarEngine(GrammarSettings(), server)
    t0 = time.perf_counter()
    result = engine.check(source)
    took = time.perf_counter() - t0
    assert result.available and result.complete, result.status
    return took, result.requests


def side_by_side(name: str, make, server, runs: int) -> float:
    raws, mine, reqs = [], [], 0
    for i in range(runs):
        a, b = make(f"run {i}a"), make(f"run {i}b")
        if i % 2:  # alternate who goes first
            mine_t, reqs = ours(server, b)
            raws.append(raw_post(server.url, a))
        else:
            raws.append(raw_post(server.url, a))
            mine_t, reqs = ours(server, b)
        mine.append(mine_t)
    ratio = statistics.median(m / r for m, r in zip(mine, raws))
    print(f"{name}: full check median {statistics.median(mine):.2f} s in {reqs} requests, one raw POST "
          f"{statistics.median(raws):.2f} s; ratio median {ratio:.2f} (runs {', '.join(f'{m / r:.2f}' for m, r in zip(mine, raws))}); "
          f"target 1.25: {'met' if ratio <= 1.25 else 'MISSED'}")
    return ratio


def one_word(server, runs: int) -> None:
    draft = post(4000, "edit")
    engine = GrammarEngine(GrammarSettings(), server)
    engine.check(draft)
    target = "cautiously responded" if "cautiously responded" in draft else draft.split()[len(draft.split()) // 2]
    at = draft.index(target, len(draft) // 2) if draft.find(target, len(draft) // 2) >= 0 else draft.index(target)
    times = []
    for i in range(runs * 3):
        edited = draft[:at] + f"{target}{i}" + draft[at + len(target):]
        t0 = time.perf_counter()
        r = engine.check(edited)
        times.append(time.perf_counter() - t0)
        assert r.sent_segments == 1 and r.requests == 1 and r.available, (r.sent_segments, r.requests, r.status)
    med = statistics.median(times) * 1000
    print(f"re-check after a one-word edit: median {med:.0f} ms over {len(times)} runs "
          f"(min {min(times) * 1000:.0f}, max {max(times) * 1000:.0f}), 1 block in 1 request; target 300 ms: "
          f"{'met' if med <= 300 else 'MISSED'}")


def cli_lint(runs: int) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    cmd = [sys.executable, "-m", "deskeditor"]
    was_running = background.find_running() is not None
    subprocess.run(cmd + ["languagetool", "start"], env=env, check=True, capture_output=True)
    try:
        walls, bases = [], []
        for i in range(runs + 1):
            t0 = time.perf_counter()
            p = subprocess.run(cmd + ["lint", str(SAMPLE)], env=env, capture_output=True, text=True)
            walls.append(time.perf_counter() - t0)
            assert p.returncode in (0, 1) and "grammar unavailable" not in p.stderr, p.stderr
            if i:  # the same command without grammar: what the rest of lint costs on this machine now
                t0 = time.perf_counter()
                subprocess.run(cmd + ["lint", "--skip", "grammar", str(SAMPLE)], env=env, capture_output=True)
                bases.append(time.perf_counter() - t0)
        later = statistics.median(walls[1:])
        print(f"deskeditor lint of the sample after languagetool start: first {walls[0]:.2f} s, then median "
              f"{later:.2f} s over {runs} runs ({', '.join(f'{w:.2f}' for w in walls[1:])}); target 1.5 s: "
              f"{'met' if later <= 1.5 else 'MISSED'}; the same with --skip grammar: median "
              f"{statistics.median(bases):.2f} s (load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)")
    finally:
        if not was_running:
            subprocess.run(cmd + ["languagetool", "stop"], env=env, capture_output=True)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--only-cli", action="store_true", help="only the deskeditor lint runs")
    ap.add_argument("--runs", type=int, default=5, help="runs to take the median of")
    ap.add_argument("--starts", type=int, default=1, help="server starts to take the median of")
    ap.add_argument("--rows", type=int, default=10_000, help="rows of the table")
    args = ap.parse_args()
    if args.only_cli:
        cli_lint(args.runs)
        return 0
    found = lt_install.find_installation()
    if found is None:
        print("LanguageTool is not installed: run scripts/install-languagetool", file=sys.stderr)
        return 2
    log_dir = Path(tempfile.mkdtemp(prefix="grammar-bench-"))
    print(f"LanguageTool {found.version}, {found.jars} jars, {found.size / 2**20:.0f} MiB at {found.root}")
    ups, readies = [], []
    server = None
    for i in range(args.starts):
        server = LocalServer(found.version, log_dir=log_dir, warmup=False)
        t0 = time.perf_counter()
        if not server.ensure_ready():
            raise SystemExit(f"server did not start: {server.describe()}")
        ups.append(time.perf_counter() - t0)
        GrammarEngine(GrammarSettings(), server).check("This is a short sentence to warm up the checker.\n")
        readies.append(time.perf_counter() - t0)
        if i < args.starts - 1:
            server.stop()
    assert server is not None
    print(f"server start: answers after {statistics.median(ups):.2f} s, first check done after "
          f"{statistics.median(readies):.2f} s (median of {args.starts})")
    try:
        for _ in range(2):  # warm the JIT on the kind of text measured
            ours(server, post(4000, "warm"))
        side_by_side("4,000-word post", lambda tag: post(4000, tag), server, args.runs)
        side_by_side(f"{args.rows:,}-row table", lambda tag: table(args.rows, tag), server, max(2, args.runs // 2))
        one_word(server, args.runs)
        rss = server.rss_bytes() / 2**20
        print(f"server resident memory: {rss:.0f} MiB (-Xmx{GrammarSettings().heap}); target 700 MiB: "
              f"{'met' if rss < 700 else 'MISSED'}")
    finally:
        server.stop()
    cli_lint(args.runs)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
