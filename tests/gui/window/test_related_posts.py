"""The SEO panel's Related posts, in the window: a site's post lists the
site's posts most related to it (as ``site suggest`` ranks them), follows a
new keyphrase, and Insert Link puts the link in the generator's syntax at the
cursor as one undoable edit, a link the site check finds valid."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "core" / "site"))
from sitegen import hugo_site, jekyll_site  # noqa: E402
from sitegen import open_post_in_window as _open_post  # noqa: E402

from deskeditor.core.export.sites import Sites  # noqa: E402
from deskeditor.core.site.links import build_index, check  # noqa: E402
from deskeditor.core.site.workspace import Workspace  # noqa: E402
from deskeditor.core.store import Store  # noqa: E402
from deskeditor.core.wordpress.links import WordPressLinks  # noqa: E402

needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed (apt-get install git)")
TIMEOUT = 30_000


def _with_keyphrase(path: Path, keyphrase: str) -> None:
    """Give a post of the generated site a focus keyphrase (in its YAML front matter)."""
    text = path.read_text()
    path.write_text(text.replace("\ntitle:", f"\nfocus_keyphrase: {keyphrase}\ntitle:", 1))


def _type_keyphrase(qtbot, w, keyphrase: str) -> None:
    w.view.show_seo()
    field = w.seo_panel.edits["keyphrase"]
    field.setFocus()
    qtbot.keyClicks(field, keyphrase)
    qtbot.keyClick(field, Qt.Key_Return)  # written into the front matter at once


def _first(w) -> str:
    posts = w.seo_panel.related.posts
    return posts[0].markdown if posts else ""


def _insert_first_at_end(qtbot, w, lead: str) -> tuple[str, str]:
    """Click the first suggestion's Insert Link with the cursor after ``lead`` at
    the end of the text; (the text before, the link inserted)."""
    w.editor.replace_text(w.editor.text() + lead)
    before = w.editor.text()
    w.editor.set_cursor_offset(len(before))
    link = _first(w)
    qtbot.mouseClick(w.seo_panel.related.buttons[0], Qt.LeftButton)
    return before, link


def _site_findings(db_path, site: Path, post: str, text: str) -> list:
    with Store.open(db_path, check=False) as store:
        return check(text, build_index(Workspace.find(store, site)), post)


@needs_git
def test_a_hugo_post_lists_related_posts_and_inserts_a_relref(open_window, db_path, qtbot, tmp_path):
    site = hugo_site(tmp_path / "blog")
    _with_keyphrase(site / "content/posts/bundle-4/index.md", "standing desk")
    w = open_window(db_path)
    post = "content/posts/post-0.md"
    _open_post(qtbot, w, db_path, site, post)
    related = w.seo_panel.related
    qtbot.waitUntil(lambda: bool(related.posts), timeout=TIMEOUT)
    assert related.posts[0].path == "content/posts/post-3.md"  # the same title words
    assert all(p.path != post for p in related.posts)  # never the post itself
    _type_keyphrase(qtbot, w, "standing desk")
    qtbot.waitUntil(lambda: _first(w) == '[Bundle 4]({{< relref "bundle-4" >}})', timeout=TIMEOUT)
    assert related.isVisible() and related.posts[0].url == "/2024/05/bundle-4/"
    before, link = _insert_first_at_end(qtbot, w, "\nRead next: ")
    assert w.editor.text() == before + link
    assert w.focusWidget() is w.editor  # back to writing
    assert _site_findings(db_path, site, post, w.editor.text()) == []  # the site check finds it valid
    w.editor.undo()  # one undoable edit
    assert w.editor.text() == before
    w.editor.redo()
    sync = w.session.preview_sync
    html = lambda: "".join(b.html or "" for b in sync.blocks)  # noqa: E731
    qtbot.waitUntil(lambda: 'href="https://blog.example.org/2024/05/bundle-4/"' in html(), timeout=TIMEOUT)


@needs_git
def test_a_jekyll_post_inserts_a_post_url(open_window, db_path, qtbot, tmp_path):
    site = jekyll_site(tmp_path / "notes")
    _with_keyphrase(site / "_posts/2023-05-14-post-4.md", "standing desk")
    w = open_window(db_path)
    post = "_posts/2023-01-10-post-0.md"
    _open_post(qtbot, w, db_path, site, post)
    _type_keyphrase(qtbot, w, "standing desk")
    expected = "[Post 4: notes]({% post_url 2023-05-14-post-4 %})"
    qtbot.waitUntil(lambda: _first(w) == expected, timeout=TIMEOUT)
    before, link = _insert_first_at_end(qtbot, w, "\nRead next: ")
    assert link == expected and w.editor.text() == before + expected
    assert _site_findings(db_path, site, post, w.editor.text()) == []


def test_a_wordpress_drafts_related_posts_link_to_their_addresses(open_window, db_path, qtbot):
    with Store.open(db_path) as store:
        Sites(store.settings).add("blog", "https://blog.example.com", "jane")
        plain = store.drafts.create("Not published yet.\n", title="Why a standing desk").id
        links = WordPressLinks(store.conn)
        made = {}
        for n, (title, status) in enumerate([("Standing desk review", "publish"), ("Sourdough notes", "publish"),
                                             ("Desk lamps compared", "draft"), ("My standing desk", "draft")], 1):
            draft = store.drafts.create(f"Body {n}.\n", title=title)
            made[title] = draft.id
            links.save("blog", 100 + n, draft.id, link=f"https://blog.example.com/p{n}/", status=status,
                       modified_gmt="", base="", base_raw="", synced_version=draft.version)
    w = open_window(db_path)
    w.session.open_draft(plain)  # linked to no post yet: the only site's pulled posts, offline
    qtbot.waitUntil(lambda: w.seo_panel.related.posts is not None
                    and _first(w) == "[Standing desk review](https://blog.example.com/p1/)", timeout=TIMEOUT)
    w.session.open_draft(made["My standing desk"])
    expected = "[Standing desk review](https://blog.example.com/p1/)"
    qtbot.waitUntil(lambda: w.seo_panel.related.posts is not None and _first(w) == expected, timeout=TIMEOUT)
    assert [p.title for p in w.seo_panel.related.posts] == ["Standing desk review"]  # published ones only
    before, link = _insert_first_at_end(qtbot, w, "\nSee ")
    assert w.editor.text() == before + expected


def test_a_draft_of_no_site_gets_no_related_posts_when_two_wordpress_sites_could_be_meant(open_window, db_path,
                                                                                         qtbot):
    with Store.open(db_path) as store:
        plain = store.drafts.create("Not published yet.\n", title="Why a standing desk").id
        links = WordPressLinks(store.conn)
        for n, site in enumerate(["blog", "work"], 1):
            Sites(store.settings).add(site, f"https://{site}.example.com", "jane")
            draft = store.drafts.create(f"Body {n}.\n", title="Standing desk review")
            links.save(site, 100 + n, draft.id, link=f"https://{site}.example.com/p{n}/", status="publish",
                       modified_gmt="", base="", base_raw="", synced_version=draft.version)
    w = open_window(db_path)
    w.session.open_draft(plain)
    qtbot.wait(300)
    assert w.seo_panel.related.posts is None and w.seo_panel.related.isHidden()


@needs_git
def test_a_post_added_to_the_site_outside_is_suggested_after_the_rescan(open_window, db_path, qtbot, tmp_path):
    """A post written elsewhere (git pull in a terminal) comes in when the window
    comes back to the front; the open post's related posts follow at once."""
    site = hugo_site(tmp_path / "blog")
    w = open_window(db_path)
    post = "content/posts/post-0.md"
    _open_post(qtbot, w, db_path, site, post)
    _type_keyphrase(qtbot, w, "standing desk")
    qtbot.waitUntil(lambda: w.seo_panel.related.posts is not None, timeout=TIMEOUT)
    assert all("Standing desk" not in p.title for p in w.seo_panel.related.posts)
    (site / "content/posts/standing-desk-notes.md").write_text(
        '---\ntitle: "Standing desk notes"\nfocus_keyphrase: standing desk\n---\n\nA year at a standing desk.\n')
    w.site.sync.rescan()  # as when the window comes back to the front
    qtbot.waitUntil(lambda: any(p.title == "Standing desk notes" for p in w.seo_panel.related.posts or []),
                    timeout=TIMEOUT)
