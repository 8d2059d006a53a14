"""Foundation benchmarks: rendering, importing, saving with a revision, search.

    .venv/bin/python bench/foundation.py [--drafts 10000]

Prints medians (and p95) of several runs. Targets: a save with its revision
under 10 ms; a search over 10,000 drafts p95 under 50 ms; re-rendering one
changed block of a 20,000-word post under 2 ms.
"""

from __future__ import annotations

import argparse
import random
import tempfile
from pathlib import Path

from _util import SAMPLE, draft_of, report, timed

from deskeditor.core.importers import read_document
from deskeditor.core.citations.render import PLUGINS, CitationRenderer as BlockRenderer, render_html
from deskeditor.core.markdown.render import render_blocks
from deskeditor.core.store import Store


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--drafts", type=int, default=10_000)
    args = ap.parse_args()
    d2k, d20k = draft_of(2_000), draft_of(20_000)
    print(f"drafts: {len(d2k.split())} and {len(d20k.split())} words")
    report("render whole 2,000-word post (HTML)", timed(lambda: render_html(d2k), 15))
    report("render whole 20,000-word post (HTML)", timed(lambda: render_html(d20k), 7))
    report("render 20,000-word post as blocks", timed(lambda: render_blocks(d20k, plugins=PLUGINS), 7))

    # one-word edit in the middle of a paragraph of the 20,000-word post
    r = BlockRenderer()
    r.reset(d20k)
    pos = d20k.index("(part 300)")
    texts = [d20k[:pos] + "x" * (k % 5 + 1) + d20k[pos:] for k in range(40)]
    it = iter(texts * 2)
    report("re-render one changed block, 20,000 words", timed(lambda: r.update(next(it)), 40, 2), "< 2 ms")

    report("import the sample (read + convert)", timed(lambda: read_document(SAMPLE), 15))

    with tempfile.TemporaryDirectory() as tmp:
        store = Store.open(Path(tmp) / "bench.db")
        d = store.drafts.create(d2k)
        state = {"d": d, "k": 0}

        def save():
            state["k"] += 1
            state["d"] = store.drafts.save(d.id, d2k + f"\nedit {state['k']}\n",
                                           expected_version=state["d"].version)

        report("save with revision, 2,000-word draft", timed(save, 40, 3), "< 10 ms")
        d20 = store.drafts.create(d20k)
        state20 = {"d": d20, "k": 0}

        def save20():
            state20["k"] += 1
            state20["d"] = store.drafts.save(d20.id, d20k + f"\nedit {state20['k']}\n",
                                             expected_version=state20["d"].version)

        report("save with revision, 20,000-word draft", timed(save20, 20, 2))

        # fill the store with many drafts made of shuffled sample paragraphs
        rng = random.Random(1)
        paras = [p for p in read_document(SAMPLE).markdown.split("\n\n")[1:] if len(p) > 80]
        store.conn.execute("BEGIN")
        for k in range(args.drafts):
            body = f"# Draft {k}\n\n" + "\n\n".join(rng.sample(paras, 4))
            store.conn.execute("INSERT INTO drafts (title, slug, body, created, updated) VALUES (?, ?, ?, '', '')",
                               (f"Draft {k}", f"draft-{k}", body))
        store.conn.execute("COMMIT")
        words = ["ceasefire", "Kursk offensive", "NATO expansion", "humanitarian aid", "Witkoff",
                 "sovereignty territorial", "energy markets", "peace", "Poltava", "diplomat"]
        qs = iter(words * 10)
        report(f"search over {args.drafts + 2:,} drafts", timed(lambda: store.drafts.search(next(qs)), 60, 5),
               "p95 < 50 ms")
        store.close()


if __name__ == "__main__":
    main()
