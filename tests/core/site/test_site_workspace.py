"""The site workspace on generated Hugo and Jekyll sites in real git
repositories: opening links every post, saving without change leaves git
clean, edits go to exactly their lines, changes from outside come in, and
edits on both sides merge or conflict without losing anything."""

from __future__ import annotations

import shutil

import pytest
from sitegen import git, hugo_site, jekyll_site

from deskeditor.core.errors import InputError
from deskeditor.core.site.config import detect, post_files
from deskeditor.core.site.workspace import State, Workspace, save_draft_text

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed (apt-get install git)")


@pytest.fixture(params=["hugo", "jekyll"])
def site(request, tmp_path):
    make = hugo_site if request.param == "hugo" else jekyll_site
    return make(tmp_path / request.param)


def _a_post(store, ws):
    """The first linked post with a body to edit (not the stub drafts)."""
    return next(f for f in store.sites.files(ws.site.id) if "More soon." in store.drafts.get(f.draft_id).body)


def _draft_of(store, ws, rel):
    return store.drafts.get(store.sites.file(ws.site.id, rel).draft_id)


def test_detect_reads_the_settings_each_generator_keeps(tmp_path):
    h = detect(hugo_site(tmp_path / "h", repo=False))
    assert (h.kind, h.base_url, h.excerpt_separator) == ("hugo", "https://blog.example.org/", "<!--more-->")
    assert h.permalinks == {"posts": "/:year/:month/:slug/"}
    j = detect(jekyll_site(tmp_path / "j", repo=False))
    assert (j.kind, j.base_url, j.permalinks) == ("jekyll", "https://notes.example.org", "/:year/:month/:day/:title/")
    assert j.excerpt_separator == "<!--more-->"


def test_a_folder_that_is_no_site_gets_one_line(tmp_path):
    (tmp_path / "notes").mkdir()
    with pytest.raises(InputError, match="not a Hugo or Jekyll site"):
        detect(tmp_path / "notes")
    (tmp_path / "bad").mkdir()
    (tmp_path / "bad" / "_config.yml").write_text("title: [unclosed\n")
    with pytest.raises(InputError, match="does not parse"):
        detect(tmp_path / "bad")


def test_open_links_every_post_to_one_draft_and_leaves_git_clean(store, site):
    ws, report = Workspace.open(store, site)
    posts = post_files(ws.config)
    assert sorted(report.imported) == posts and not report.problems
    assert len({f.draft_id for f in store.sites.files(ws.site.id)}) == len(posts)
    for rel in posts:  # the draft's text is the file's, line ends and BOM aside
        raw = (site / rel).read_bytes().decode("utf-8-sig").replace("\r\n", "\n")
        assert _draft_of(store, ws, rel).body == raw
    assert git(site, "status", "--porcelain") == ""
    assert {s.state for s in ws.status()} == {State.CLEAN}
    # opening again (a re-scan) changes nothing
    _ws, again = Workspace.open(store, site)
    assert not again.changed() and git(site, "status", "--porcelain") == ""


def test_saving_every_post_unchanged_leaves_git_status_clean(store, site):
    ws, _ = Workspace.open(store, site)
    for f in store.sites.files(ws.site.id):
        body = store.drafts.get(f.draft_id).body
        save_draft_text(store, f.draft_id, body)
        assert ws.save_through(f.draft_id) == "unchanged"
    assert git(site, "status", "--porcelain") == ""


def test_one_changed_paragraph_changes_exactly_its_lines_in_git_diff(store, site):
    ws, _ = Workspace.open(store, site)
    for f in store.sites.files(ws.site.id):
        if f.eol == "\r\n":
            break
    else:
        f = _a_post(store, ws)
    draft = store.drafts.get(f.draft_id)
    assert "More soon." in draft.body
    _saved, outcome = save_draft_text(store, f.draft_id, draft.body.replace("More soon.", "More next week."))
    assert outcome == "written"
    diff = git(site, "diff", "--unified=0", "--", f.path)
    changed = [ln for ln in diff.splitlines() if ln[:1] in "+-" and not ln.startswith(("+++", "---"))]
    assert changed == ["-More soon.", "+More next week."]  # (git's text output folds CR LF)
    if f.eol == "\r\n":
        assert b"More next week.\r\n" in (site / f.path).read_bytes()


def test_a_field_changed_in_deskeditor_changes_only_its_line(store, tmp_path):
    site = hugo_site(tmp_path / "h")
    ws, _ = Workspace.open(store, site)
    for rel, key_line in (("content/posts/post-0.md", 'focus_keyphrase = "desk setup"'),
                          ("content/posts/bundle-1/index.md", "focus_keyphrase: desk setup")):
        f = store.sites.file(ws.site.id, rel)
        store.drafts.set_fields(f.draft_id, keyphrase="desk setup")
        assert ws.save_through(f.draft_id) == "written"
        diff = git(site, "diff", "--unified=0", "--", rel)
        changed = [ln for ln in diff.splitlines() if ln[:1] in "+-" and not ln.startswith(("+++", "---"))]
        assert changed == ["+" + key_line]
    # comments, quoting and unknown keys stay as they were
    assert "# keep the quotes" in (site / "content/posts/bundle-1/index.md").read_text()


def test_a_file_changed_on_disk_becomes_a_new_revision_of_its_draft(store, site):
    ws, _ = Workspace.open(store, site)
    f = _a_post(store, ws)
    path = site / f.path
    path.write_bytes(path.read_bytes().replace(b"More soon.", b"Edited in vim."))
    assert {s.path: s.state for s in ws.status()}[f.path] is State.CHANGED_ON_DISK
    report = ws.sync()
    assert report.pulled == [f.path]
    draft = store.drafts.get(f.draft_id)
    assert "Edited in vim." in draft.body
    assert "site: changed on disk" in [r.note for r in store.drafts.history(f.draft_id)]


def test_edits_on_both_sides_that_do_not_overlap_are_merged_into_both(store, site):
    ws, _ = Workspace.open(store, site)
    f = _a_post(store, ws)
    draft = store.drafts.get(f.draft_id)
    store.drafts.save(f.draft_id, draft.body.replace("More soon.", "More soon, promise."))
    path = site / f.path
    path.write_bytes(path.read_bytes().replace(b"## What happened", b"## What really happened"))
    assert {s.path: s.state for s in ws.status()}[f.path] is State.CONFLICT  # both changed
    report = ws.sync()
    assert report.merged == [f.path]
    for text in (store.drafts.get(f.draft_id).body, path.read_bytes().decode("utf-8-sig").replace("\r\n", "\n")):
        assert "More soon, promise." in text and "## What really happened" in text


def test_overlapping_edits_are_a_conflict_and_nothing_is_lost(store, site):
    ws, _ = Workspace.open(store, site)
    f = _a_post(store, ws)
    mine = store.drafts.get(f.draft_id).body.replace("More soon.", "Mine: more soon.")
    store.drafts.save(f.draft_id, mine)
    path = site / f.path
    theirs_bytes = path.read_bytes().replace(b"More soon.", b"Theirs: coming soon.")
    path.write_bytes(theirs_bytes)
    report = ws.sync()
    assert report.conflicts == [f.path] and not report.written and not report.pulled
    assert store.drafts.get(f.draft_id).body == mine  # neither side touched
    assert path.read_bytes() == theirs_bytes
    assert {s.path: s.state for s in ws.status()}[f.path] is State.CONFLICT
    _link, merged = ws.conflict(f.draft_id)
    assert len(merged.conflicts) == 1
    assert "".join(merged.conflicts[0].mine).strip() == "Mine: more soon."
    assert "".join(merged.conflicts[0].theirs).strip() == "Theirs: coming soon."
    text = ws.resolve(f.draft_id, hunks=["both"])
    assert "Mine: more soon.\nTheirs: coming soon." in text
    assert store.drafts.get(f.draft_id).body == text
    assert path.read_bytes().decode("utf-8-sig").replace("\r\n", "\n") == text
    assert {s.path: s.state for s in ws.status()}[f.path] is State.CLEAN


def test_posts_renamed_deleted_or_added_outside(store, site):
    ws, _ = Workspace.open(store, site)
    first, second = [f for f in store.sites.files(ws.site.id) if "More soon." in store.drafts.get(f.draft_id).body][:2]
    moved = (site / first.path).with_name("renamed-" + (site / first.path).name)
    (site / first.path).rename(moved)
    (site / second.path).unlink()
    added = site / ws.config.content_dirs[0] / "added.md"
    added.write_text("---\ntitle: Added in a terminal\n---\n\nNew.\n")
    report = ws.sync()
    rel_moved = moved.relative_to(site).as_posix()
    assert report.renamed == [(first.path, rel_moved)]
    assert store.sites.file(ws.site.id, rel_moved).draft_id == first.draft_id  # the same draft
    assert report.deleted == [second.path]
    assert store.drafts.get(second.draft_id).body  # the draft of a deleted post is kept
    assert report.imported == [added.relative_to(site).as_posix()]


def test_line_ends_and_byte_order_marks_survive_an_edit(store, tmp_path):
    site = hugo_site(tmp_path / "h")
    ws, _ = Workspace.open(store, site)
    crlf = next(f for f in store.sites.files(ws.site.id) if f.eol == "\r\n")
    bom = next(f for f in store.sites.files(ws.site.id) if f.bom)
    for f in (crlf, bom):
        draft = store.drafts.get(f.draft_id)
        save_draft_text(store, f.draft_id, draft.body + "\nOne more line.\n")
    assert b"\r\nOne more line.\r\n" in (site / crlf.path).read_bytes()
    assert b"\n" not in (site / crlf.path).read_bytes().replace(b"\r\n", b"")
    assert (site / bom.path).read_bytes().startswith(b"\xef\xbb\xbf---")


def test_a_new_post_follows_the_generators_file_name_convention(store, site):
    ws, _ = Workspace.open(store, site)
    draft_id, rel = ws.new_post("Why I moved my blog")
    if ws.config.kind == "hugo":
        assert rel == "content/posts/why-i-moved-my-blog.md"
    else:
        assert rel.startswith("_posts/") and rel.endswith("-why-i-moved-my-blog.md")
        assert rel[7:17].count("-") == 2  # YYYY-MM-DD
    assert (site / rel).read_text() == store.drafts.get(draft_id).body
    assert {s.path: s.state for s in ws.status()}[rel] is State.CLEAN


def test_nothing_outside_the_site_folder_is_read_or_written(store, tmp_path):
    site = hugo_site(tmp_path / "h")
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "secret.md").write_text("---\ntitle: Not the site's\n---\n\nPrivate.\n")
    (site / "content" / "posts" / "linked").symlink_to(outside, target_is_directory=True)
    ws, report = Workspace.open(store, site)
    assert not [p for p in report.imported if "secret" in p]
    # a stored path that escapes (a damaged or hostile database) is refused, not followed
    link = _a_post(store, ws)
    store.conn.execute("UPDATE site_files SET path = ? WHERE id = ?", ("../elsewhere/secret.md", link.id))
    body = store.drafts.get(link.draft_id).body
    store.drafts.save(link.draft_id, body + "\nMore.\n")
    with pytest.raises(InputError, match="outside the site folder"):
        ws.save_through(link.draft_id)
    assert (outside / "secret.md").read_text() == "---\ntitle: Not the site's\n---\n\nPrivate.\n"
    ws.sync()  # a scan finds the post where it really is (its text) and links it there again
    assert store.sites.file_of_draft(link.draft_id).path == link.path
    assert (outside / "secret.md").read_text() == "---\ntitle: Not the site's\n---\n\nPrivate.\n"


def test_a_site_config_with_yaml_aliases_is_refused_with_one_line(tmp_path):
    site = jekyll_site(tmp_path / "j", repo=False)
    (site / "_config.yml").write_text("a: &a [1, 2]\nb: [*a, *a, *a]\ntitle: x\n")
    with pytest.raises(InputError) as err:
        detect(site)
    assert len(str(err.value).splitlines()) == 1
