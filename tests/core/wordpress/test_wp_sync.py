"""Pull and safe publish against a REAL WordPress (scripts/wordpress-test-server).

What the server holds is read with its own REST API (``conftest.WP``), and a
second editor changes posts through it between pull and publish.
"""

from __future__ import annotations

import datetime as _dt
import uuid

import pytest

from blocks_sample import CONVERTIBLE, EVERY_BLOCK, RAW
from deskeditor import cli
from deskeditor.core.errors import ExportError
from deskeditor.core.export.sites import ENV_PASSWORD, Sites
from deskeditor.core.markdown import frontmatter
from deskeditor.core.wordpress import sync
from deskeditor.core.wordpress.links import WordPressLinks
from deskeditor.core.wordpress.pull import pull

pytestmark = pytest.mark.wordpress


@pytest.fixture
def site(store, wordpress_site):
    return Sites(store.settings).add("test", wordpress_site["url"], wordpress_site["user"])


@pytest.fixture
def env(wordpress_site, monkeypatch):
    monkeypatch.setenv(ENV_PASSWORD, wordpress_site["password"])
    return {ENV_PASSWORD: wordpress_site["password"]}


def since(post: dict) -> str:
    """Just before ``post`` was made: a pull from there sees only this test's posts."""
    when = _dt.datetime.fromisoformat(post["modified"]) - _dt.timedelta(seconds=2)
    return when.isoformat()


def pull_since(store, site, wordpress_site, first: dict, **kw):
    return pull(store, site, wordpress_site["password"], since=since(first), **kw)


def linked(store, remote_id: int):
    return WordPressLinks(store.conn).by_remote("test", remote_id)


def test_pull_brings_every_status_and_every_block(store, site, wp, wordpress_site, env):
    word = uuid.uuid4().hex[:8]
    cat = wp.term("categories", f"World {word}")
    tag = wp.term("tags", f"ceasefire-{word}")
    future = (_dt.datetime.utcnow() + _dt.timedelta(days=30)).replace(microsecond=0).isoformat()
    made = {s: wp.create(title=f"{s} {word}", status=s, content=f"<!-- wp:paragraph -->\n<p>{s}</p>\n<!-- /wp:paragraph -->",
                         **({"date_gmt": future} if s == "future" else {}))
            for s in ("draft", "pending", "future", "publish", "private")}
    every = wp.create(title=f"Every block {word}", status="publish", content=EVERY_BLOCK, excerpt=f"All of it {word}.",
                      slug=f"every-block-{word}", categories=[cat], tags=[tag])
    result = pull_since(store, site, wordpress_site, made["draft"])
    ours = [d for d in result.created if word in store.drafts.get(d).title]
    assert len(ours) == 6 and not result.conflicts  # (and any earlier scheduled post: WordPress
    # gives a post scheduled at creation its future date as modified time)
    for s, post in made.items():
        link = linked(store, post["id"])
        assert link.status == s and link.modified_gmt == post["modified_gmt"]
        draft = store.drafts.get(link.draft_id)
        assert frontmatter.split(draft.body).data["wp_status"] == s
        assert draft.body == link.base  # the text as last synced
    link = linked(store, every["id"])
    body = store.drafts.get(link.draft_id).body
    data = frontmatter.split(body).data
    assert data["title"] == f"Every block {word}" and data["slug"] == f"every-block-{word}"
    assert data["categories"] == [f"World {word}"] and data["tags"] == [f"ceasefire-{word}"]
    assert data["description"] == f"All of it {word}." and data["author"] and data["date"]
    assert link.base_raw == every["content"]["raw"]
    for md in ("## What it says", "- Thirty days", "1. First", "> We are ready to talk.", "| Side | Troops |",
               "```\ndef talk():", "![A map of the front](https://example.org/map.png)", "\n---\n"):
        assert md in body
    for raw in RAW.values():
        assert raw in body
    # a second pull with nothing changed changes nothing
    again = pull_since(store, site, wordpress_site, made["draft"])
    assert not (again.created or again.updated or again.merged or again.conflicts)
    # the names work offline
    lists = WordPressLinks(store.conn).site_data("test")["lists"]
    assert f"World {word}" in lists["categories"].values()


def test_pull_then_publish_leaves_content_byte_identical(store, site, wp, wordpress_site, env):
    word = uuid.uuid4().hex[:8]
    post = wp.create(title=f"Round trip {word}", status="draft", content=EVERY_BLOCK)
    pull_since(store, site, wordpress_site, post)
    draft_id = linked(store, post["id"]).draft_id
    # an edit of the title only: the content goes back untouched
    store.drafts.set_fields(draft_id, title=f"Round trip {word}, edited")
    done = sync.publish_draft(store, draft_id, "test", environ=env)
    assert "content" not in done.sent and done.sent == ["title"]
    now = wp.post(post["id"])
    assert now["content"]["raw"] == post["content"]["raw"] == EVERY_BLOCK
    assert now["title"]["raw"] == f"Round trip {word}, edited"
    # an edit of one paragraph: only that block changes on the server, byte for byte
    body = store.drafts.get(draft_id).body.replace("## What it says", "## What the deal says")
    store.drafts.save(draft_id, body)
    done = sync.publish_draft(store, draft_id, "test", environ=env)
    assert "content" in done.sent
    assert wp.post(post["id"])["content"]["raw"] == EVERY_BLOCK.replace("<h2>What it says</h2>", "<h2>What the deal says</h2>")


def _pulled_post(store, site, wp, wordpress_site, paragraphs):
    word = uuid.uuid4().hex[:8]
    content = "\n\n".join(f"<!-- wp:paragraph -->\n<p>{p}</p>\n<!-- /wp:paragraph -->" for p in paragraphs)
    post = wp.create(title=f"Shared {word}", status="draft", content=content)
    pull_since(store, site, wordpress_site, post)
    return post, linked(store, post["id"]).draft_id


def test_non_overlapping_edits_are_merged_and_published(store, site, wp, second_user, wordpress_site, env):
    post, draft_id = _pulled_post(store, site, wp, wordpress_site, ["First part.", "Middle part.", "Last part."])
    store.drafts.save(draft_id, store.drafts.get(draft_id).body.replace("First part.", "First part, mine."))
    theirs = second_user.post(post["id"])["content"]["raw"].replace("Last part.", "Last part, theirs.")
    second_user.update(post["id"], content=theirs)
    revisions = len(store.drafts.history(draft_id))
    done = sync.publish_draft(store, draft_id, "test", environ=env)
    assert done.merged
    raw = wp.post(post["id"])["content"]["raw"]
    assert "First part, mine." in raw and "Last part, theirs." in raw and "Middle part." in raw
    body = store.drafts.get(draft_id).body
    assert "First part, mine." in body and "Last part, theirs." in body
    assert len(store.drafts.history(draft_id)) == revisions + 1  # the merge is a new revision


def test_overlapping_edits_are_a_conflict_and_nothing_is_lost(store, site, wp, second_user, wordpress_site, env, capsys):
    post, draft_id = _pulled_post(store, site, wp, wordpress_site, ["The only paragraph."])
    mine = store.drafts.get(draft_id).body.replace("The only paragraph.", "The only paragraph, as I wrote it.")
    store.drafts.save(draft_id, mine)
    theirs = second_user.post(post["id"])["content"]["raw"].replace("The only paragraph.", "Their paragraph.")
    second_user.update(post["id"], content=theirs)
    code = cli.main(["--db", str(store.path), "publish", str(draft_id), "--site", "test", "--no-grammar", "-q"])
    err = capsys.readouterr().err
    assert code == 1
    line = [ln for ln in err.splitlines() if ln.startswith("deskeditor:")]
    assert len(line) == 1 and f"post {post['id']}" in line[0] and "Shared" in line[0]
    assert wp.post(post["id"])["content"]["raw"] == theirs  # the server's edit stands
    assert store.drafts.get(draft_id).body == mine  # and so does the writer's
    assert linked(store, post["id"]).conflict["theirs"]  # kept for resolving
    # a pull does not overwrite it either
    result = pull_since(store, site, wordpress_site, post)
    assert [c[0] for c in result.conflicts] == [post["id"]] and store.drafts.get(draft_id).body == mine
    # overwriting is an explicit choice
    code = cli.main(["--db", str(store.path), "publish", str(draft_id), "--site", "test", "--no-grammar", "-q",
                     "--overwrite-remote"])
    assert code == 0
    assert "as I wrote it" in wp.post(post["id"])["content"]["raw"]


def test_a_post_deleted_on_the_server_is_reported_not_recreated(store, site, wp, wordpress_site, env):
    post, draft_id = _pulled_post(store, site, wp, wordpress_site, ["Soon gone."])
    wp.delete(post["id"])
    store.drafts.save(draft_id, store.drafts.get(draft_id).body + "\nMore.\n")
    with pytest.raises(sync.RemoteGone, match=f"post {post['id']}"):
        sync.publish_draft(store, draft_id, "test", environ=env)
    found = wp.call("GET", "/wp/v2/posts", search=post["title"]["raw"], status="draft,publish,pending,future,private")
    assert found == []


def test_a_pull_notices_posts_deleted_on_the_server_and_keeps_their_drafts(store, site, wp, wordpress_site, env,
                                                                            capsys):
    word = uuid.uuid4().hex[:8]
    para = "<!-- wp:paragraph -->\n<p>{}</p>\n<!-- /wp:paragraph -->"
    deleted = wp.create(title=f"Deleted for good {word}", status="draft", content=para.format("Gone."))
    trashed = wp.create(title=f"In the trash {word}", status="publish", content=para.format("Trashed."))
    kept = wp.create(title=f"Still there {word}", status="draft", content=para.format("Here."))
    pull_since(store, site, wordpress_site, deleted)
    drafts = {p["id"]: linked(store, p["id"]).draft_id for p in (deleted, trashed, kept)}
    # the writer had edited one of them since: that too is kept
    store.drafts.save(drafts[deleted["id"]], store.drafts.get(drafts[deleted["id"]]).body + "\nMy addition.\n")
    bodies = {d: store.drafts.get(d).body for d in drafts.values()}
    ours = lambda: sorted(d.id for d in store.drafts.list() if word in d.title)  # the site may be shared
    wp.delete(deleted["id"])  # force: no trash
    wp.call("DELETE", f"/wp/v2/posts/{trashed['id']}")  # to the trash
    db = ["--db", str(store.path)]
    assert cli.main(db + ["pull", "--site", "test", "--since", since(deleted), "-q"]) == 0
    out, err = capsys.readouterr()
    assert f"deleted on the site: post {deleted['id']} “Deleted for good {word}” (draft kept)" in err
    assert f"deleted on the site: post {trashed['id']} “In the trash {word}” (in its trash; draft kept)" in err
    assert f"Still there {word}" not in err and " deleted on the site, " in out
    assert {d: store.drafts.get(d).body for d in drafts.values()} == bodies  # nothing stored is lost
    assert ours() == sorted(drafts.values())  # and nothing recreated
    assert linked(store, deleted["id"]).status == "deleted" and linked(store, trashed["id"]).status == "trash"
    assert linked(store, kept["id"]).status == "draft"
    again = pull_since(store, site, wordpress_site, deleted)
    assert again.gone == [] and ours() == sorted(drafts.values())  # told once; still not recreated
    for post in (deleted, trashed):  # publishing refuses, as for a post found gone at publish
        with pytest.raises(sync.RemoteGone, match=f"post {post['id']}"):
            sync.publish_draft(store, drafts[post["id"]], "test", environ=env)
    found = wp.call("GET", "/wp/v2/posts", search=word, status="draft,publish,pending,future,private")
    assert [p["id"] for p in found] == [kept["id"]]
    assert cli.main(db + ["wordpress", "posts", "--site", "test"]) == 0
    listed = capsys.readouterr().out
    assert f"{drafts[deleted['id']]}\t{deleted['id']}\tdeleted" in listed


def test_a_post_restored_from_the_trash_is_linked_again(store, site, wp, wordpress_site, env):
    post = wp.create(title=f"Back again {uuid.uuid4().hex[:8]}", status="draft",
                     content="<!-- wp:paragraph -->\n<p>Back.</p>\n<!-- /wp:paragraph -->")
    pull_since(store, site, wordpress_site, post)
    draft_id = linked(store, post["id"]).draft_id
    wp.call("DELETE", f"/wp/v2/posts/{post['id']}")
    assert [g[0] for g in pull_since(store, site, wordpress_site, post).gone] == [post["id"]]
    wp.update(post["id"], status="draft")  # restored
    result = pull_since(store, site, wordpress_site, post)
    assert result.gone == [] and linked(store, post["id"]).status == "draft"
    assert linked(store, post["id"]).draft_id == draft_id  # the same draft, not a new one
    assert [d.id for d in store.drafts.list() if d.title == post["title"]["raw"]] == [draft_id]


def test_scheduling_lands_as_future_at_the_right_utc_time(store, site, wp, wordpress_site, env):
    before = wp.call("GET", "/wp/v2/settings")["timezone"]
    wp.call("POST", "/wp/v2/settings", {"timezone": "Europe/Berlin"})
    try:
        post, draft_id = _pulled_post(store, site, wp, wordpress_site, ["Scheduled words."])
        code = cli.main(["--db", str(store.path), "publish", str(draft_id), "--site", "test", "--no-grammar", "-q",
                         "--status", "future", "--at", "2031-06-01 09:30"])
        assert code == 0
        now = wp.post(post["id"])
        assert now["status"] == "future"
        assert now["date_gmt"] == "2031-06-01T07:30:00"  # Berlin is UTC+2 in summer
        assert now["date"] == "2031-06-01T09:30:00"
        assert now["author"] == post["author"]  # the author kept
    finally:
        wp.call("POST", "/wp/v2/settings", {"timezone": before or "UTC"})


def test_wrong_password_stores_nothing(store, site, wp, wordpress_site):
    with pytest.raises(ExportError, match="refused"):
        pull(store, site, "wrong pass word here")
    assert store.drafts.list() == [] and WordPressLinks(store.conn).all("test") == []


def test_a_pull_conflict_is_resolved_per_hunk_then_published(store, site, wp, second_user, wordpress_site, env, capsys):
    post, draft_id = _pulled_post(store, site, wp, wordpress_site, ["Shared sentence."])
    mine = store.drafts.get(draft_id).body.replace("Shared sentence.", "My sentence.")
    store.drafts.save(draft_id, mine)
    second_user.update(post["id"], content=second_user.post(post["id"])["content"]["raw"].replace(
        "Shared sentence.", "Their sentence."))
    assert pull_since(store, site, wordpress_site, post).conflicts
    db = ["--db", str(store.path)]
    assert cli.main(db + ["wordpress", "resolve", str(draft_id), "--site", "test", "--show"]) == 0
    shown = capsys.readouterr().out
    assert "My sentence." in shown and "Their sentence." in shown
    assert cli.main(db + ["wordpress", "resolve", str(draft_id), "--site", "test", "--hunks", "both"]) == 0
    body = store.drafts.get(draft_id).body
    assert "My sentence." in body and "Their sentence." in body
    assert cli.main(db + ["publish", str(draft_id), "--site", "test", "--no-grammar", "-q"]) == 0
    raw = wp.post(post["id"])["content"]["raw"]
    assert "My sentence." in raw and "Their sentence." in raw


def test_link_suggestions_over_pulled_posts_work_offline(store, site, wp, wordpress_site, capsys):
    word = uuid.uuid4().hex[:8]
    post = wp.create(title=f"Ceasefire negotiations {word} explained", status="publish",
                     content="<!-- wp:heading -->\n<h2>Prisoner exchange terms</h2>\n<!-- /wp:heading -->")
    pull_since(store, site, wordpress_site, post)
    mine = store.drafts.create(f"---\ntitle: New ceasefire negotiations {word}\n---\n\n## The prisoner exchange\n")
    Sites(store.settings).add("test", "http://127.0.0.1:9", wordpress_site["user"])  # the site is unreachable now
    assert cli.main(["--db", str(store.path), "wordpress", "suggest", str(mine.id), "--site", "test"]) == 0
    out = capsys.readouterr().out
    assert f"[Ceasefire negotiations {word} explained]({post['link']})" in out
