"""A Hugo site in the window, driven as a writer would: Site › Open Site,
type in a post (the autosave writes its file), a change on disk comes in,
an overlapping one is a conflict resolved per hunk in the dialog."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QTextCursor

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "core" / "site"))
from sitegen import hugo_site, open_post_in_window  # noqa: E402

from deskeditor.core.store import Store  # noqa: E402

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed (apt-get install git)")
POST = "content/posts/post-0.md"


def _open_site(qtbot, w, site):
    dialog = w.site.open_site(str(site))
    qtbot.waitUntil(lambda: not dialog.running, timeout=30_000)
    assert dialog.outcome is not None, dialog.error
    return dialog


def _draft_id(db_path) -> int:
    with Store.open(db_path, check=False) as store:
        site = store.sites.roots()[0]
        return store.sites.file(site.id, POST).draft_id


def test_open_a_site_type_in_a_post_and_its_file_follows(open_window, db_path, qtbot, tmp_path):
    site = hugo_site(tmp_path / "blog")
    w = open_window(db_path)
    dialog = _open_site(qtbot, w, site)
    assert dialog.label.text().startswith("Hugo site blog: ") and "new" in dialog.label.text()
    assert w.library.list.count() >= 7  # every post is a draft in the library
    w.session.open_draft(_draft_id(db_path))
    assert w.editor.text() == (site / POST).read_text()
    cursor = w.editor.textCursor()
    cursor.movePosition(QTextCursor.End)
    w.editor.setTextCursor(cursor)
    w.editor.setFocus()
    qtbot.keyClicks(w.editor, "Typed in the window.")
    qtbot.waitUntil(lambda: "Typed in the window." in (site / POST).read_text(), timeout=15_000)
    diff = subprocess.run(["git", "diff", "--stat"], cwd=site, capture_output=True, text=True).stdout
    assert diff.strip().endswith("1 file changed, 1 insertion(+)")  # one new line, nothing else touched


def test_an_overlapping_change_on_disk_is_resolved_per_hunk_in_the_dialog(open_window, db_path, qtbot, tmp_path):
    site = hugo_site(tmp_path / "blog")
    w = open_window(db_path)
    open_post_in_window(qtbot, w, db_path, site, POST)
    # another editor changes the last line on disk...
    path = site / POST
    path.write_text(path.read_text().replace("More soon.", "Theirs: coming soon."))
    # ...while the writer changes the same line here
    text = w.editor.toPlainText().replace("More soon.", "Mine: more soon.")
    w.editor.replace_text(text)
    w.session.save_revision()
    qtbot.waitUntil(lambda: w.site.dialog is not None and w.site.dialog.windowTitle().startswith("Resolve"),
                    timeout=15_000)
    dialog = w.site.dialog
    assert len(dialog.groups) == 1
    assert path.read_text().count("Theirs: coming soon.") == 1  # nothing overwritten meanwhile
    dialog.choose(0, "both")
    dialog.apply_button.click()
    expected = "Mine: more soon.\nTheirs: coming soon."
    qtbot.waitUntil(lambda: expected in w.editor.toPlainText(), timeout=10_000)
    assert expected in path.read_text()
    with Store.open(db_path, check=False) as store:
        assert expected in store.drafts.get(_draft_id(db_path)).body
        assert not store.sites.file_of_draft(_draft_id(db_path)).conflict


def test_a_file_changed_outside_comes_into_the_open_draft(open_window, db_path, qtbot, tmp_path):
    site = hugo_site(tmp_path / "blog")
    w = open_window(db_path)
    open_post_in_window(qtbot, w, db_path, site, POST)
    path = site / POST
    path.write_text(path.read_text().replace("More soon.", "Edited in another editor."))
    w.site.sync.rescan()  # as when the window comes back to the front
    qtbot.waitUntil(lambda: "Edited in another editor." in w.editor.toPlainText(), timeout=15_000)


def test_the_site_menu_is_there(open_window, db_path):
    w = open_window(db_path)
    titles = [a.text() for a in w.menuBar().actions()]
    assert "&Site" in titles
    for name in ("open_site", "sync_sites", "resolve_conflict", "site_commit", "site_pull", "site_push"):
        assert name in w.actions_by_name


def test_a_broken_link_to_another_post_is_a_finding_in_the_window(open_window, db_path, qtbot, tmp_path):
    site = hugo_site(tmp_path / "blog")
    path = site / POST
    path.write_text(path.read_text().replace("More soon.", 'More in {{< ref "gone.md" >}}.'))
    w = open_window(db_path)
    open_post_in_window(qtbot, w, db_path, site, POST)

    def site_findings():
        r = w.session.lint.report
        return [f for f in r.findings if f.engine == "site"] if r is not None else []

    qtbot.waitUntil(lambda: bool(site_findings()), timeout=30_000)
    f = site_findings()[0]
    assert (f.rule, f.severity, w.editor.text()[f.start:f.end]) == ("broken-ref", "error", '"gone.md"')


def test_a_ref_to_another_post_is_its_link_in_the_preview(open_window, db_path, qtbot, tmp_path):
    site = hugo_site(tmp_path / "blog")
    path = site / POST
    path.write_text(path.read_text().replace("More soon.", 'See [the bundle]({{< ref "bundle-1" >}}).'))
    w = open_window(db_path)
    open_post_in_window(qtbot, w, db_path, site, POST)
    sync = w.session.preview_sync
    html = lambda: "".join(b.html or "" for b in sync.blocks)  # noqa: E731
    qtbot.waitUntil(lambda: 'href="https://blog.example.org/2024/02/bundle-1/"' in html(), timeout=30_000)
    assert "de-unresolved" not in html()


def test_a_new_post_from_the_site_menu_is_named_by_hugo_s_convention_and_opens(open_window, db_path, qtbot,
                                                                                tmp_path):
    site = hugo_site(tmp_path / "blog")
    w = open_window(db_path)
    _open_site(qtbot, w, site)
    assert w.actions_by_name["file_open_site"].isEnabled()  # File › Open Site… as well as Site › Open Site…
    dialog = w.site.new_post('Trams, "quoted" and a back\\slash')
    qtbot.waitUntil(lambda: not dialog.running, timeout=30_000)
    assert dialog.outcome is not None, dialog.error
    made = site / dialog.outcome.path
    assert dialog.outcome.path.startswith("content/posts/") and made.is_file()
    qtbot.waitUntil(lambda: w.session.draft is not None and w.session.draft.id == dialog.outcome.draft_id,
                    timeout=10_000)
    assert w.session.draft.title == 'Trams, "quoted" and a back\\slash'
    assert w.editor.text() == made.read_text()
    status = subprocess.run(["git", "status", "--porcelain"], cwd=site, capture_output=True, text=True).stdout
    assert status.strip() == f"?? {dialog.outcome.path}"
