"""File → WordPress Sites and File → Pull from WordPress: real dialogs, offscreen,
against the real WordPress of the export tests (scripts/wordpress-test-server)."""

from __future__ import annotations

import datetime
import importlib.util
import uuid
from pathlib import Path

import pytest

from deskeditor.core.export.sites import ENV_PASSWORD, Sites
from deskeditor.core.store import Store
from deskeditor.gui.dialogs.wordpress import PullDialog, SitesDialog

pytestmark = pytest.mark.wordpress  # the real WordPress: scripts/test runs these one after another

_spec = importlib.util.spec_from_file_location("wp_conftest", Path(__file__).parents[2] / "core" / "wordpress" / "conftest.py")
_wp = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_wp)
wp = _wp.wp  # (wordpress_site is the suite's global fixture: tests/fixtures/export.py)


def test_plain_http_is_refused_except_on_this_machine(qtbot, tmp_path):
    store = Store.open(tmp_path / "d.db")
    dlg = SitesDialog(store)
    qtbot.addWidget(dlg)
    dlg.name.setText("blog")
    dlg.url.setText("http://blog.example.com")
    dlg.user.setText("jane")
    dlg.add_button.click()
    assert "unencrypted" in dlg.message.text() and Sites(store.settings).list() == []
    dlg.url.setText("http://127.0.0.1:8090")
    dlg.add_button.click()
    assert [s.name for s in Sites(store.settings).list()] == ["blog"] and dlg.sites.count() == 1
    dlg.sites.setCurrentRow(0)
    dlg.remove_button.click()
    assert Sites(store.settings).list() == [] and dlg.sites.count() == 0


@pytest.mark.wordpress
def test_test_and_pull_from_the_window(qtbot, tmp_path, wordpress_site, wp, monkeypatch):
    monkeypatch.setenv(ENV_PASSWORD, wordpress_site["password"])  # no keyring on this machine
    store = Store.open(tmp_path / "d.db")
    Sites(store.settings).add("test", wordpress_site["url"], wordpress_site["user"])
    sites = SitesDialog(store)
    qtbot.addWidget(sites)
    sites.sites.setCurrentRow(0)
    sites.test_button.click()
    qtbot.waitUntil(lambda: "answers" in sites.message.text() or "failed" in sites.message.text(), timeout=30_000)
    assert "signed in" in sites.message.text()
    word = uuid.uuid4().hex[:8]
    wp.create(title=f"Pulled in the window {word}", status="pending",
              content="<!-- wp:paragraph -->\n<p>Hello.</p>\n<!-- /wp:paragraph -->")
    pull = PullDialog(store)
    qtbot.addWidget(pull)
    for s, box in pull.statuses.items():
        box.setChecked(s == "pending")
    seen = []
    pull.go.click()
    qtbot.waitUntil(lambda: pull.result_value is not None or "Could not" in pull.message.text(), timeout=120_000)
    seen.append(pull.message.text())
    assert pull.result_value is not None, seen
    assert any(word in d.title for d in Store.open(tmp_path / "d.db").drafts.list())
    assert "new" in pull.message.text()


@pytest.mark.wordpress
def test_a_conflict_is_shown_side_by_side_and_resolved_per_hunk(qtbot, tmp_path, wordpress_site, wp, monkeypatch):
    from deskeditor.core.wordpress.links import WordPressLinks
    from deskeditor.core.wordpress.pull import pull
    from deskeditor.gui.dialogs.wordpress import ConflictDialog

    store = Store.open(tmp_path / "d.db")
    site = Sites(store.settings).add("test", wordpress_site["url"], wordpress_site["user"])
    post = wp.create(title=f"Side by side {uuid.uuid4().hex[:8]}", status="draft",
                     content="<!-- wp:paragraph -->\n<p>One line.</p>\n<!-- /wp:paragraph -->")
    since = (datetime.datetime.fromisoformat(post["modified"]) - datetime.timedelta(seconds=2)).isoformat()
    pull(store, site, wordpress_site["password"], since=since)
    link = WordPressLinks(store.conn).by_remote("test", post["id"])
    store.drafts.save(link.draft_id, store.drafts.get(link.draft_id).body.replace("One line.", "My line."))
    wp.update(post["id"], content=post["content"]["raw"].replace("One line.", "Their line."))
    assert pull(store, site, wordpress_site["password"], since=since).conflicts
    dlg = ConflictDialog(store, link.draft_id, "test")
    qtbot.addWidget(dlg)
    assert len(dlg.choices) == 1
    dlg.choices[0].setCurrentIndex(dlg.choices[0].findData("both"))
    dlg.apply.click()
    body = store.drafts.get(link.draft_id).body
    assert "My line." in body and "Their line." in body
    assert not WordPressLinks(store.conn).by_remote("test", post["id"]).conflict


@pytest.mark.wordpress
def test_publish_dialog_schedules_with_the_sites_own_categories(qtbot, tmp_path, wordpress_site, wp, monkeypatch):
    from deskeditor.core.markdown import frontmatter
    from deskeditor.core.wordpress.links import WordPressLinks
    from deskeditor.core.wordpress.pull import pull
    from deskeditor.gui.dialogs.publishing import PublishDialog

    monkeypatch.setenv(ENV_PASSWORD, wordpress_site["password"])
    store = Store.open(tmp_path / "d.db")
    site = Sites(store.settings).add("test", wordpress_site["url"], wordpress_site["user"])
    word = uuid.uuid4().hex[:8]
    wp.term("categories", f"Analysis {word}")
    post = wp.create(title=f"Dialog {word}", status="draft",
                     content="<!-- wp:paragraph -->\n<p>A short and friendly paragraph.</p>\n<!-- /wp:paragraph -->")
    since = (datetime.datetime.fromisoformat(post["modified"]) - datetime.timedelta(seconds=2)).isoformat()
    pull(store, site, wordpress_site["password"], since=since)
    draft_id = WordPressLinks(store.conn).by_remote("test", post["id"]).draft_id
    dlg = PublishDialog(store, draft_id)
    qtbot.addWidget(dlg)
    model = dlg.fields.categories.completer().model()
    names = [model.index(i, 0).data() for i in range(model.rowCount())]
    assert f"Analysis {word}" in names  # the site's own, from the cache
    dlg.fields.categories.setText(f"Analysis {word}")
    dlg.status.setCurrentIndex(dlg.status.findData("future"))
    dlg.at.setText("2032-03-04 05:06")
    dlg.force.setChecked(True)
    dlg.go.click()
    qtbot.waitUntil(lambda: dlg.result_value is not None or "Could not" in dlg.message.text(), timeout=60_000)
    assert dlg.result_value is not None, dlg.message.text()
    assert frontmatter.split(store.drafts.get(draft_id).body).data["categories"] == [f"Analysis {word}"]
    now = wp.post(post["id"])
    assert now["status"] == "future" and now["date_gmt"] == "2032-03-04T05:06:00"
    assert len(now["categories"]) == 1


@pytest.mark.wordpress
def test_the_pull_dialog_says_which_posts_were_deleted_on_the_site(qtbot, tmp_path, wordpress_site, wp, monkeypatch):
    from deskeditor.core.wordpress.links import WordPressLinks
    from deskeditor.core.wordpress.pull import pull

    monkeypatch.setenv(ENV_PASSWORD, wordpress_site["password"])
    store = Store.open(tmp_path / "d.db")
    site = Sites(store.settings).add("test", wordpress_site["url"], wordpress_site["user"])
    post = wp.create(title=f"Removed <b>{uuid.uuid4().hex[:8]}</b>", status="draft",
                     content="<!-- wp:paragraph -->\n<p>Soon gone.</p>\n<!-- /wp:paragraph -->")
    since = (datetime.datetime.fromisoformat(post["modified"]) - datetime.timedelta(seconds=2)).isoformat()
    pull(store, site, wordpress_site["password"], since=since)
    draft_id = WordPressLinks(store.conn).by_remote("test", post["id"]).draft_id
    body = store.drafts.get(draft_id).body
    wp.delete(post["id"])
    dlg = PullDialog(store)
    qtbot.addWidget(dlg)
    for s, box in dlg.statuses.items():
        box.setChecked(s == "private")  # the check covers every linked post, whatever is pulled
    dlg.go.click()
    qtbot.waitUntil(lambda: dlg.result_value is not None or "Could not" in dlg.message.text(), timeout=120_000)
    title = post["title"]["raw"]
    assert [g[:2] for g in dlg.result_value.gone] == [(post["id"], title)]
    shown = dlg.message.text()
    assert f"Deleted on the site: post {post['id']} “{title.replace('<', '&lt;').replace('>', '&gt;')}” (draft kept)." in shown
    assert store.drafts.get(draft_id).body == body
