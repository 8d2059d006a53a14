"""Benchmark: pulling a WordPress site's posts into drafts (issue 16).

Against the real local WordPress (scripts/wordpress-test-server; set
DESKEDITOR_WP_PORT to use another instance): 500 posts, each using every
core block type, are made through WordPress's batch API; then the median of
several runs of a first pull of all of them into a fresh store (target
<= 30 s), and of an incremental pull with nothing changed (target <= 2 s).
The posts are deleted afterwards.

Usage: PYTHONPATH=src .venv/bin/python bench/wordpress.py [RUNS]
"""

from __future__ import annotations

import base64
import json
import os
import shlex
import subprocess
import sys
import tempfile
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "core" / "wordpress"))

from _util import ROOT, report, timed  # noqa: E402
from blocks_sample import EVERY_BLOCK  # noqa: E402

from deskeditor.core.export.sites import Sites  # noqa: E402
from deskeditor.core.store import Store  # noqa: E402
from deskeditor.core.wordpress.pull import pull  # noqa: E402

POSTS = 500


def _site() -> dict:
    r = subprocess.run([str(ROOT / "scripts" / "wordpress-test-server")], capture_output=True, text=True, check=True)
    values = dict(line.split("=", 1) for line in r.stdout.splitlines() if "=" in line)
    return {"url": values["DESKEDITOR_WORDPRESS_URL"], "user": values["DESKEDITOR_WORDPRESS_USER"],
            "password": shlex.split(values["DESKEDITOR_WORDPRESS_PASSWORD"])[0]}


def _call(site: dict, route: str, body: dict) -> object:
    token = base64.b64encode(f"{site['user']}:{site['password']}".encode()).decode()
    req = urllib.request.Request(f"{site['url']}/?rest_route={route}", data=json.dumps(body).encode(), method="POST",
                                 headers={"Authorization": f"Basic {token}", "Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=300) as resp:
        return json.loads(resp.read())


def _batch(site: dict, requests: list[dict]) -> list[dict]:
    out = []
    for start in range(0, len(requests), 25):  # WordPress takes 25 requests per batch
        answer = _call(site, "/batch/v1", {"requests": requests[start:start + 25]})
        out += [r["body"] for r in answer["responses"]]
    return out


def main(runs: int = 5) -> None:
    site = _site()
    made = _batch(site, [{"method": "POST", "path": "/wp/v2/posts",
                          "body": {"title": f"Bench post {i}", "status": "publish" if i % 2 else "draft",
                                   "content": EVERY_BLOCK}} for i in range(POSTS)])
    ids = [p["id"] for p in made]
    since = min(p["modified"] for p in made)
    since = since[:-2] + "00"  # the minute they were made in
    work = Path(tempfile.mkdtemp(prefix="deskeditor-bench-wp-"))
    try:
        counter = [0]
        stores = []

        def first():
            counter[0] += 1
            store = Store.open(work / f"s{counter[0]}.db")
            s = Sites(store.settings).add("bench", site["url"], site["user"])
            result = pull(store, s, site["password"], since=since)
            assert len(result.created) >= POSTS, result
            stores.append((store, s))

        report(f"first pull of {POSTS} posts (every core block type)", timed(first, runs=runs, warmup=0), "<= 30 s")
        store, s = stores[-1]

        def again():
            result = pull(store, s, site["password"], since=since)  # the same pull again: incremental
            assert not (result.created or result.updated), result

        report("incremental pull, nothing changed", timed(again, runs=runs), "<= 2 s")
    finally:
        _batch(site, [{"method": "DELETE", "path": f"/wp/v2/posts/{i}?force=true"} for i in ids])


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 5)
