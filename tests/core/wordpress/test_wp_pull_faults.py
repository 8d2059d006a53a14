"""A pull that fails half-way (HTTP 500, a timeout, a cancel) leaves the store consistent,
and the next pull completes it. The site is the real WordPress; a small proxy in front
of it provokes the faults WordPress itself will not produce."""

from __future__ import annotations

import datetime
import http.server
import threading
import time
import urllib.error
import urllib.request
import uuid

import pytest

from deskeditor import cli
from deskeditor.core.export.sites import ENV_PASSWORD, Sites
from deskeditor.core.export.wordpress import WordPressError
from deskeditor.core.wordpress import remote as rm
from deskeditor.core.wordpress.links import WordPressLinks
from deskeditor.core.wordpress.pull import pull

pytestmark = pytest.mark.wordpress


class Faulty:
    """Forwards to the real site; the second page of posts answers 500 or too late."""

    def __init__(self, target: str, fault: str) -> None:
        self.fault = fault
        outer = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def log_message(self, *a):
                pass

            def _forward(self):
                if "wp/v2/posts" in self.path and "&page=2" in self.path and outer.fault:
                    if outer.fault == "500":
                        self.send_response(500)
                        self.send_header("Content-Type", "application/json")
                        self.end_headers()
                        self.wfile.write(b'{"code":"internal_server_error","message":"boom"}')
                        return
                    time.sleep(3)
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else None
                headers = {k: v for k, v in self.headers.items() if k.lower() in ("authorization", "content-type", "accept")}
                req = urllib.request.Request(target + self.path, data=body, method=self.command, headers=headers)
                try:
                    resp = urllib.request.urlopen(req, timeout=60)
                except urllib.error.HTTPError as exc:
                    resp = exc
                data = resp.read()
                try:
                    self.send_response(resp.status if hasattr(resp, "status") else resp.code)
                    self.send_header("Content-Type", resp.headers.get("Content-Type", "application/json"))
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)
                except (BrokenPipeError, ConnectionResetError):
                    pass

            do_GET = do_POST = _forward

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def five_posts(wp):
    word = uuid.uuid4().hex[:8]
    made = [wp.create(title=f"Faulty {word} {i}", status="draft",
                      content=f"<!-- wp:paragraph -->\n<p>Post {i}.</p>\n<!-- /wp:paragraph -->") for i in range(5)]
    return word, made


def _before(post: dict) -> str:
    """Two seconds before ``post`` was made: a pull from there sees this test's posts."""
    return (datetime.datetime.fromisoformat(post["modified"]) - datetime.timedelta(seconds=2)).isoformat()


def _consistent(store):
    links = WordPressLinks(store.conn).all("test")
    for link in links:
        assert store.drafts.get(link.draft_id).body == link.base
    return links


@pytest.mark.parametrize("fault", ["500", "timeout"])
def test_a_failure_mid_pull_keeps_the_store_consistent_and_the_pull_resumes(
        store, wp, wordpress_site, five_posts, fault, monkeypatch):
    word, made = five_posts
    monkeypatch.setattr(rm, "PER_PAGE", 2)  # five posts: three pages
    since = _before(made[0])
    proxy = Faulty(wordpress_site["url"], fault)
    try:
        site = Sites(store.settings).add("test", proxy.url, wordpress_site["user"])
        with pytest.raises(WordPressError) as info:
            pull(store, site, wordpress_site["password"], since=since, timeout=1.5)
        assert ("500" in str(info.value)) if fault == "500" else ("did not answer within" in str(info.value))
        first = _consistent(store)
        assert 0 < len(first) < 5 + 100  # the first page is stored
        assert not WordPressLinks(store.conn).site_data("test").get("watermarks")  # not marked as complete
        proxy.fault = ""
        pull(store, site, wordpress_site["password"], since=since, timeout=30)
    finally:
        proxy.close()
    links = _consistent(store)
    ids = [link.remote_id for link in links]
    assert len(ids) == len(set(ids))  # nothing twice
    assert {p["id"] for p in made} <= set(ids)
    titles = [d.title for d in store.drafts.list() if word in d.title]
    assert len(titles) == 5


def test_cancel_stops_between_posts_and_the_next_pull_completes(store, wp, wordpress_site, five_posts):
    word, made = five_posts
    site = Sites(store.settings).add("test", wordpress_site["url"], wordpress_site["user"])
    since = _before(made[0])
    seen = []
    result = pull(store, site, wordpress_site["password"], since=since,
                  progress=lambda n, m: seen.append(n), cancelled=lambda: len(store.drafts.list()) >= 2)
    assert result.cancelled and len(_consistent(store)) == 2
    again = pull(store, site, wordpress_site["password"], since=since)
    assert not again.cancelled
    assert len([d for d in store.drafts.list() if word in d.title]) == 5


def test_incremental_pull_brings_only_what_changed(store, wp, wordpress_site, monkeypatch, capsys):
    monkeypatch.setenv(ENV_PASSWORD, wordpress_site["password"])
    Sites(store.settings).add("test", wordpress_site["url"], wordpress_site["user"])
    word = uuid.uuid4().hex[:8]
    post = wp.create(title=f"Incremental {word}", status="publish",
                     content="<!-- wp:paragraph -->\n<p>Before.</p>\n<!-- /wp:paragraph -->")
    base = ["--db", str(store.path), "pull", "--site", "test", "--status", "publish", "-q",
            "--since", _before(post)]
    assert cli.main(base) == 0
    capsys.readouterr()
    assert cli.main(base) == 0  # after the first time: only what changed since
    assert capsys.readouterr().out.startswith("0 new, 0 updated")
    time.sleep(1.1)
    wp.update(post["id"], content="<!-- wp:paragraph -->\n<p>After.</p>\n<!-- /wp:paragraph -->")
    assert cli.main(base) == 0
    assert capsys.readouterr().out.startswith("0 new, 1 updated")
    link = WordPressLinks(store.conn).by_remote("test", post["id"])
    assert "After." in store.drafts.get(link.draft_id).body
