"""Site workspace: open a generated Hugo site of 1,000 posts (every post read
and linked to a new draft), a re-scan with nothing changed, and the status of
all posts; medians of several runs. Targets: open <= 10 s, re-scan <= 1 s,
status <= 1 s.

    .venv/bin/python bench/site.py [--posts 1000] [--runs 3]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from _util import ROOT, draft_of

sys.path.insert(0, str(ROOT / "tests" / "core" / "site"))


def make_site(root: Path, posts: int) -> Path:
    from sitegen import hugo_site

    hugo_site(root, posts=0, repo=False)
    body = draft_of(800).split("---\n", 2)[2]
    folder = root / "content" / "posts"
    for i in range(posts):
        (folder / f"bench-{i:04d}.md").write_text(
            f"---\n# generated\ntitle: \"Bench post {i}\"\ndate: 2024-01-01\ntags: [bench]\n---\n"
            f"Post {i}.\n{body}")
    return root


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--posts", type=int, default=1000)
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    from deskeditor.core.site.workspace import Workspace
    from deskeditor.core.store import Store

    opens, rescans, statuses = [], [], []
    for run in range(args.runs):
        tmp = Path(tempfile.mkdtemp(prefix="deskeditor-bench-site-"))
        try:
            site = make_site(tmp / "site", args.posts)
            store = Store.open(tmp / "bench.db")
            t = time.perf_counter()
            ws, report = Workspace.open(store, site)
            opens.append(time.perf_counter() - t)
            assert len(report.imported) >= args.posts, report.problems[:3]
            for _ in range(3):
                t = time.perf_counter()
                again = ws.sync()
                rescans.append(time.perf_counter() - t)
                assert not again.changed()
                t = time.perf_counter()
                rows = ws.status()
                statuses.append(time.perf_counter() - t)
                assert len(rows) >= args.posts
            store.close()
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
    print(f"site of {args.posts} posts, {args.runs} runs (median):")
    print(f"  open (read + link every post)  {statistics.median(opens):7.2f} s   target <= 10 s")
    print(f"  re-scan, nothing changed       {statistics.median(rescans):7.3f} s   target <= 1 s")
    print(f"  status of every post           {statistics.median(statuses):7.3f} s   target <= 1 s")


if __name__ == "__main__":
    main()
