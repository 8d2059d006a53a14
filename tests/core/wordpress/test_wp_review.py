"""A draft under review travels through WordPress with its suggestions, comments
and their authors (``core.wordpress.review``): sent as a pending post, pulled by
another copy of deskeditor, reviewed there, published without a mark."""

from __future__ import annotations

import datetime as _dt
import uuid

import pytest

from deskeditor.core.export.service import Blocked
from deskeditor.core.export.sites import ENV_PASSWORD, Sites
from deskeditor.core.markdown import frontmatter
from deskeditor.core.review import service
from deskeditor.core.review.marks import find_marks
from deskeditor.core.wordpress import blocks, review, sync
from deskeditor.core.wordpress.links import WordPressLinks
from deskeditor.core.wordpress.pull import pull

BODY = ("\nThe talks {++were long and ++}ended{-- late--} on {~~Friday~>Thursday~~}.{>>@ana check the day<<}\n\n"
        "A second paragraph, {==plainly==}{>>@bob fine?<<}{>>@ana yes<<} and <b>bold</b>.\n")
SUGGESTIONS = {"were long and ": "ana", " late": "bob", "Friday": "ana"}


def _draft(store, title: str):
    draft = store.drafts.create(f"---\ntitle: {title}\nslug: {title.lower().replace(' ', '-')}\n---\n{BODY}")
    for mark in find_marks(draft.body):
        if mark.is_suggestion:
            service.record_author(store, draft.id, mark, SUGGESTIONS[mark.text])
    return store.drafts.get(draft.id)


def _body(text: str) -> str:
    return text[frontmatter.split(text).end:]


def _who(store, draft_id):
    return [(m["kind"], m["author"]) for m in service.list_marks(store, draft_id)]


EXPECTED_AUTHORS = [("insert", "ana"), ("delete", "bob"), ("substitute", "ana"), ("comment", "ana"), ("highlight", "bob")]


# -- without a server ----------------------------------------------------------------
def test_the_review_block_gives_back_the_markdown_and_the_authors():
    rows = [["insert", "were long and ", "", "ana", "2026-01-02T03:04:05Z"]]
    body = BODY + "\nHostile <script>x()</script>{>>@eve <img src=x onerror=alert(1)> --> <<}\n"
    raw = review.to_raw(body, rows)
    assert blocks.parse(raw).markdown == body.strip("\n") + "\n"
    assert review.authors_in(raw) == rows
    # the human reading it on WordPress sees the track changes, sanitized
    assert '<ins class="critic">were long and </ins>' in raw and '<del class="critic"> late</del>' in raw
    shown = raw.split(" -->\n", 1)[1]
    assert "<script>" not in shown and "<img" not in shown and "{++" not in shown


def test_the_gate_lets_marks_travel_only_to_a_draft_or_pending_post(store):
    from dataclasses import replace

    from deskeditor.core.export import gate

    draft = _draft(store, "Gate")
    checked = gate.check(store, draft)
    assert checked.review_blocks
    travelling = replace(checked, review_travels=True)
    assert not travelling.review_blocks and "sent with the post" in travelling.summary()
    assert review.travels(draft.body, "pending") and review.travels(draft.body, "draft")
    assert not any(review.travels(draft.body, s) for s in ("publish", "future", "private"))


# -- a real WordPress ------------------------------------------------------------------
@pytest.fixture
def env(wordpress_site, monkeypatch):
    monkeypatch.setenv(ENV_PASSWORD, wordpress_site["password"])
    return {ENV_PASSWORD: wordpress_site["password"]}


@pytest.fixture
def other(tmp_path, wordpress_site):
    """Another copy of deskeditor (its own database) with the same site."""
    from deskeditor.core.store import Store

    s = Store.open(tmp_path / "other.db")
    Sites(s.settings).add("test", wordpress_site["url"], wordpress_site["user"])
    yield s
    s.close()


@pytest.mark.wordpress
def test_a_draft_under_review_travels_through_wordpress_and_back(store, other, wp, wordpress_site, env):
    Sites(store.settings).add("test", wordpress_site["url"], wordpress_site["user"])
    word = uuid.uuid4().hex[:8]
    draft = _draft(store, f"Review {word}")
    with pytest.raises(Blocked):  # published while marks remain: still blocked
        sync.publish_draft(store, draft.id, "test", status="publish", environ=env)
    assert WordPressLinks(store.conn).of_draft(draft.id, "test") is None
    done = sync.publish_draft(store, draft.id, "test", status="pending", environ=env)
    post = wp.post(done.published.id)
    assert post["status"] == "pending"
    assert post["content"]["raw"].startswith("<!-- wp:deskeditor/review ")
    assert '<del class="critic"> late</del>' in post["content"]["rendered"]  # readable on WordPress
    # another copy pulls it: the same Markdown, marks, comments and authors
    since = (_dt.datetime.fromisoformat(post["modified"]) - _dt.timedelta(seconds=2)).isoformat()
    pull(other, Sites(other.settings).get("test"), wordpress_site["password"], since=since)
    link = WordPressLinks(other.conn).by_remote("test", done.published.id)
    pulled = other.drafts.get(link.draft_id)
    assert _body(pulled.body) == BODY
    assert pulled.status == "review"  # pending review: it opens in suggest mode there
    assert _who(other, pulled.id) == EXPECTED_AUTHORS
    # sending it again unchanged sends no content
    again = sync.publish_draft(store, draft.id, "test", status="pending", environ=env)
    assert "content" not in again.sent
    # accepted there and published: no mark left on the server
    service.apply(other, pulled.id, "accept", "all", who="ed")
    final = sync.publish_draft(other, pulled.id, "test", status="publish", environ=env)
    assert final.published.status == "publish"
    raw = wp.post(done.published.id)["content"]["raw"]
    assert "deskeditor/review" not in raw and "{++" not in raw and "{>>" not in raw and "~>" not in raw
    assert "The talks were long and ended on Thursday." in raw


@pytest.mark.wordpress
def test_a_forced_publication_with_marks_sends_the_accepted_text(store, wp, wordpress_site, env):
    Sites(store.settings).add("test", wordpress_site["url"], wordpress_site["user"])
    draft = _draft(store, f"Forced {uuid.uuid4().hex[:8]}")
    sync.publish_draft(store, draft.id, "test", status="draft", environ=env)  # travels: marks on the server
    done = sync.publish_draft(store, draft.id, "test", status="private", environ=env, force=True)
    raw = wp.post(done.published.id)["content"]["raw"]
    assert "deskeditor/review" not in raw and "{++" not in raw and "{--" not in raw
    assert "The talks were long and ended on Thursday." in raw


@pytest.mark.wordpress
def test_the_cli_sends_a_draft_under_review_as_pending_but_does_not_publish_it(store, wp, wordpress_site, env,
                                                                               capsys):
    from deskeditor import cli

    Sites(store.settings).add("test", wordpress_site["url"], wordpress_site["user"])
    draft = _draft(store, f"Cli {uuid.uuid4().hex[:8]}")
    db = ["--db", str(store.path)]
    assert cli.main(db + ["publish", str(draft.id), "--site", "test", "--no-grammar", "-q", "--status", "publish"]) == 1
    assert "blocked" in capsys.readouterr().err
    assert cli.main(db + ["publish", str(draft.id), "--site", "test", "--no-grammar", "-q", "--status", "pending"]) == 0
    assert "(sent with the post)" in capsys.readouterr().err
    link = WordPressLinks(store.conn).of_draft(draft.id, "test")
    assert wp.post(link.remote_id)["content"]["raw"].startswith("<!-- wp:deskeditor/review ")
