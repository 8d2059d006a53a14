"""Publishing to a REAL WordPress (Debian's wordpress + MariaDB + PHP on 127.0.0.1).

The site comes from DESKEDITOR_WORDPRESS_URL/_USER/_PASSWORD, or from
scripts/wordpress-test-server (which installs and starts it; root needed).
Without either the tests skip and say why. What WordPress holds is checked
with its own REST API, independently of deskeditor's client.
"""

from __future__ import annotations

import base64
import json
import urllib.error
import urllib.request
import uuid

import pytest

from deskeditor import cli
from deskeditor.core.errors import ExportError
from deskeditor.core.export.service import publish_draft, remote_post
from deskeditor.core.export.sites import ENV_PASSWORD, Sites

pytestmark = pytest.mark.wordpress


class WP:
    """Independent look at the site: plain urllib, the admin's application password."""

    def __init__(self, site):
        self.url = site["url"].rstrip("/")
        token = base64.b64encode(f"{site['user']}:{site['password']}".encode()).decode()
        self.headers = {"Authorization": f"Basic {token}"}

    def get(self, route, **params):
        query = "&".join(f"{k}={v}" for k, v in params.items())
        req = urllib.request.Request(f"{self.url}/wp-json{route}?{query}", headers=self.headers)
        with urllib.request.urlopen(req, timeout=30) as resp:
            return json.loads(resp.read()), resp.headers

    def posts_with_slug(self, slug):
        data, _h = self.get("/wp/v2/posts", slug=slug, status="draft,pending,publish,future,private",
                            context="edit")
        return data

    def total_posts(self):
        _d, headers = self.get("/wp/v2/posts", status="draft,pending,publish,future,private", per_page=1)
        return int(headers["X-WP-Total"])

    def term_names(self, taxonomy, search):
        data, _h = self.get(f"/wp/v2/{taxonomy}", search=search, per_page=100)
        return [t["name"] for t in data]


@pytest.fixture
def wp(wordpress_site):
    return WP(wordpress_site)


@pytest.fixture
def site(store, wordpress_site):
    Sites(store.settings).add("test", wordpress_site["url"], wordpress_site["user"])
    return "test"


def _unique_post(store, tag):
    word = uuid.uuid4().hex[:10]
    body = (f"---\ntitle: Ceasefire talks {word}\nslug: ceasefire-{word}\nauthor: Jane Doe\n"
            f"description: Talks about talks, {word}.\ntags: [{tag}, diplomacy]\ncategories: [World {word}]\n"
            "featured_image: images/cover.png\n---\n\nThe proposal arrived on **Thursday**.\n\n"
            "![A map](images/map.png)\n")
    return store.drafts.create(body), word


def test_publish_creates_then_updates_one_post(store, site, wp, wordpress_site, post_dir, monkeypatch, capsys):
    tag = f"tag-{uuid.uuid4().hex[:8]}"
    draft, word = _unique_post(store, tag)
    env = {ENV_PASSWORD: wordpress_site["password"]}  # no keyring on this machine: the explicit fallback
    before = wp.total_posts()
    first = publish_draft(store, draft.id, site, status="draft", base_dir=post_dir, environ=env)
    assert first.published.created and first.password_from == ENV_PASSWORD
    assert first.published.uploaded == 2  # the map and the featured image
    remote = remote_post(store, draft.id, site)
    assert remote["id"] == first.published.id and remote["link"] == first.published.link
    assert remote["revision"] == 1
    post, = wp.posts_with_slug(f"ceasefire-{word}")
    assert post["id"] == first.published.id and post["status"] == "draft"
    assert post["title"]["raw"] == f"Ceasefire talks {word}"
    assert "<strong>Thursday</strong>" in post["content"]["raw"]
    assert "/wp-content/uploads/" in post["content"]["raw"]  # the local picture was uploaded and relinked
    assert post["featured_media"] > 0
    assert wp.term_names("tags", tag) == [tag]
    assert wp.term_names("categories", word) == [f"World {word}"]
    assert set(post["tags"]) and len(post["categories"]) == 1

    # edit, publish again through the command line, as pending review
    store.drafts.save(draft.id, store.drafts.get(draft.id).body + "\nA second paragraph.\n")
    monkeypatch.setenv(ENV_PASSWORD, wordpress_site["password"])
    code = cli.main(["--db", str(store.path), "publish", str(draft.id), "--site", site, "--status", "pending",
                     "--no-grammar", "-q", "--images-from", str(post_dir)])
    out = capsys.readouterr()
    assert code == 0, out.err
    assert out.out.startswith(f"updated post {first.published.id} (pending)")
    posts = wp.posts_with_slug(f"ceasefire-{word}")
    assert [p["id"] for p in posts] == [first.published.id]  # still ONE post
    assert posts[0]["status"] == "pending"
    assert "A second paragraph." in posts[0]["content"]["raw"]
    assert posts[0]["featured_media"] == post["featured_media"]  # not uploaded twice
    assert wp.total_posts() == before + 1
    assert remote_post(store, draft.id, site)["revision"] == 2
    assert [r["format"] for r in store.exports.for_draft(draft.id)] == ["wordpress:test", "wordpress:test"]


def test_wrong_password_is_clear_and_changes_nothing(store, site, wp, wordpress_site, post_dir):
    tag = f"tag-{uuid.uuid4().hex[:8]}"
    draft, word = _unique_post(store, tag)
    before = wp.total_posts()
    with pytest.raises(ExportError) as info:
        publish_draft(store, draft.id, site, base_dir=post_dir, environ={ENV_PASSWORD: "wrong pass word"})
    message = str(info.value)
    assert message.startswith(f"WordPress at {wordpress_site['url']} refused user '{wordpress_site['user']}'")
    assert "application password" in message and "wrong pass word" not in message
    assert wp.total_posts() == before
    assert wp.posts_with_slug(f"ceasefire-{word}") == []
    assert wp.term_names("tags", tag) == []  # no tag was created either
    assert store.drafts.remote(draft.id) == {} and store.exports.for_draft(draft.id) == []


def test_wrong_password_leaves_a_published_post_alone(store, site, wp, wordpress_site, post_dir):
    draft, word = _unique_post(store, "diplomacy")
    env = {ENV_PASSWORD: wordpress_site["password"]}
    first = publish_draft(store, draft.id, site, base_dir=post_dir, environ=env)
    store.drafts.save(draft.id, store.drafts.get(draft.id).body + "\nChanged.\n")
    with pytest.raises(ExportError, match="refused user"):
        publish_draft(store, draft.id, site, base_dir=post_dir, environ={ENV_PASSWORD: "nope"})
    post, = wp.posts_with_slug(f"ceasefire-{word}")
    assert post["id"] == first.published.id and "Changed." not in post["content"]["raw"]
    assert remote_post(store, draft.id, site)["revision"] == 1


def test_unreachable_site_is_one_clear_error(store, draft):
    Sites(store.settings).add("gone", "http://127.0.0.1:9", "jane")
    with pytest.raises(ExportError, match=r"^cannot reach WordPress at http://127.0.0.1:9: "):
        publish_draft(store, draft.id, "gone", environ={ENV_PASSWORD: "x"})


def test_hostile_metadata_and_foreign_images_never_reach_wordpress(store, site, wp, wordpress_site, tmp_path,
                                                                   post_dir):
    """Issue 13, Medium 6 and 8: titles, excerpts, tags and categories arrive as plain text;
    a picture from outside the draft's folder is not uploaded."""
    word = uuid.uuid4().hex[:10]
    secret = tmp_path / "secret"
    secret.mkdir()
    (secret / "private.png").write_bytes((post_dir / "images" / "map.png").read_bytes())
    writing = tmp_path / "hostile-writing"
    writing.mkdir()
    body = (f"---\ntitle: \"Hostile <img src=x onerror=alert(1)> {word}\"\nslug: hostile-{word}\n"
            f"description: \"An excerpt <script>alert(2)</script> {word}\"\n"
            f"tags: [\"<svg onload=alert(3)>t{word}\"]\ncategories: [\"<b onclick=alert(4)>c{word}</b>\"]\n---\n\n"
            f"Body.\n\n![secret]({secret}/private.png)\n")
    d = store.drafts.create(body)
    done = publish_draft(store, d.id, site, force=True, base_dir=writing,
                         environ={ENV_PASSWORD: wordpress_site["password"]})
    assert any("outside the draft's folder" in n for n in done.published.notes)
    assert done.published.uploaded == 0
    post, = wp.posts_with_slug(f"hostile-{word}")
    for text in (post["title"]["raw"], post["excerpt"]["raw"]):
        assert "<" not in text and word in text
    assert wp.term_names("tags", f"t{word}") == [f"t{word}"]
    assert wp.term_names("categories", f"c{word}") == [f"c{word}"]
    assert "private.png" not in post["content"]["raw"] or "wp-content" not in post["content"]["raw"]
