"""The Export and Publish dialogs: gate, progress, worker, result."""

from __future__ import annotations

from deskeditor.core.store import Store
from deskeditor.gui.dialogs.publishing import ExportDialog, PublishDialog

CLEAN = "---\ntitle: A fine post\n---\n\nA short and friendly paragraph.\n"
BLOCKED = "---\ntitle: A cited post\n---\n\nAs reported [@nobody-knows].\n"


def _dialog(qtbot, tmp_path, body):
    store = Store.open(tmp_path / "d.db")
    draft = store.drafts.create(body)
    dlg = ExportDialog(store, draft.id)
    qtbot.addWidget(dlg)
    return store, draft, dlg


def test_export_html_in_the_background(qtbot, tmp_path):
    store, draft, dlg = _dialog(qtbot, tmp_path, CLEAN)
    target = tmp_path / "out" / "post.html"
    target.parent.mkdir()
    dlg.target.setText(str(target))
    dlg.go.click()
    qtbot.waitUntil(lambda: dlg.result_value is not None, timeout=30_000)
    assert target.exists() and "A short and friendly paragraph." in target.read_text()
    assert "Exported to" in dlg.message.text()
    assert store.exports.for_draft(draft.id)[0]["format"] == "html"


def test_blocked_export_lists_the_errors_then_goes_ahead_when_asked(qtbot, tmp_path):
    store, draft, dlg = _dialog(qtbot, tmp_path, BLOCKED)
    target = tmp_path / "post.html"
    dlg.target.setText(str(target))
    dlg.go.click()
    qtbot.waitUntil(lambda: dlg.findings.isVisibleTo(dlg), timeout=30_000)
    rows = [dlg.findings.item(i).text() for i in range(dlg.findings.count())]
    assert any("unresolved-key" in r for r in rows)
    assert not target.exists() and "Blocked" in dlg.message.text()
    dlg.force.setChecked(True)
    dlg.go.click()
    qtbot.waitUntil(lambda: dlg.result_value is not None, timeout=30_000)
    assert target.exists()


def test_unwritable_folder_is_one_clear_message(qtbot, tmp_path):
    store, draft, dlg = _dialog(qtbot, tmp_path, CLEAN)
    dlg.target.setText(str(tmp_path / "no" / "such" / "folder" / "post.html"))
    dlg.go.click()
    qtbot.waitUntil(lambda: "Could not export" in dlg.message.text(), timeout=30_000)
    assert dlg.go.isEnabled()


def test_format_switch_suggests_a_folder_for_sites(qtbot, tmp_path):
    store, draft, dlg = _dialog(qtbot, tmp_path, CLEAN)
    dlg.target.setText(str(tmp_path / "a-fine-post.html"))
    dlg.format.setCurrentIndex(dlg.format.findData("hugo"))
    assert dlg.target.text() == str(tmp_path)
    dlg.format.setCurrentIndex(dlg.format.findData("wxr"))
    assert dlg.target.text() == str(tmp_path / "a-fine-post.wxr.xml")


def test_publish_without_sites_says_how_to_add_one(qtbot, tmp_path):
    store = Store.open(tmp_path / "p.db")
    draft = store.drafts.create(CLEAN)
    dlg = PublishDialog(store, draft.id)
    qtbot.addWidget(dlg)
    assert not dlg.go.isEnabled() and "Preferences" in dlg.message.text()


def test_an_image_pasted_into_the_draft_goes_with_the_export(qtbot, tmp_path):
    """Pasted images live in the draft's media folder (``core.media``); the
    export copies them from there, wherever the window was started."""
    from deskeditor.core import media

    store = Store.open(tmp_path / "d.db")
    draft = store.drafts.create(CLEAN)
    path, link = media.save_image(media.placement(store, draft.id), b"\x89PNG\r\n\x1a\n" + b"\0" * 64,
                                  "chart", ".png")
    store.drafts.save(draft.id, CLEAN + "\n" + media.image_markdown("A chart", link) + "\n")
    dlg = ExportDialog(store, draft.id)
    qtbot.addWidget(dlg)
    target = tmp_path / "out" / "post.html"
    target.parent.mkdir()
    dlg.target.setText(str(target))
    dlg.go.click()
    qtbot.waitUntil(lambda: dlg.result_value is not None, timeout=30_000)
    copies = [p for p in target.parent.rglob("*.png")]
    assert [p.read_bytes() for p in copies] == [path.read_bytes()]
    assert str(path) not in target.read_text()


def test_the_gate_and_the_export_run_in_the_tasks_worker_not_in_the_window(qtbot, tmp_path, monkeypatch):
    """A hostile draft's lint must never hold the window's GIL: in the window's
    own process the runner is broken here, and the export still works."""
    from deskeditor.core.lint import runner

    def refuse(*_a, **_k):
        raise AssertionError("lint ran in the window's process")

    monkeypatch.setattr(runner.LintRunner, "run", refuse)
    store, draft, dlg = _dialog(qtbot, tmp_path, BLOCKED)
    target = tmp_path / "post.html"
    dlg.target.setText(str(target))
    dlg.go.click()
    qtbot.waitUntil(lambda: dlg.findings.isVisibleTo(dlg), timeout=30_000)
    assert "Blocked" in dlg.message.text() and not target.exists()
    dlg.force.setChecked(True)
    dlg.go.click()
    qtbot.waitUntil(lambda: dlg.result_value is not None, timeout=30_000)
    assert target.exists()
    assert dlg._tasks is None  # the worker was stopped once it had answered


def test_the_sites_long_media_addresses_cut_no_label_of_the_publish_dialog(qtbot, tmp_path):
    from PySide6.QtWidgets import QLabel

    from deskeditor.core.export.sites import Sites
    from deskeditor.core.wordpress.links import WordPressLinks

    store = Store.open(tmp_path / "d.db")
    Sites(store.settings).add("blog", "http://127.0.0.1:9", "jane")
    long = "http://127.0.0.1:9/wp-content/uploads/2026/12/" + "a-very-long-picture-name-" * 8 + ".png"
    WordPressLinks(store.conn).update_site_data("blog", media={"7": long})
    draft = store.drafts.create("---\ntitle: T\n---\n\nText.\n")
    dlg = PublishDialog(store, draft.id)
    qtbot.addWidget(dlg)
    dlg.resize(640, 260)
    dlg.show()
    qtbot.waitExposed(dlg)
    labels = {lb.text(): lb for lb in dlg.findChildren(QLabel) if lb.text() and lb.isVisible()}
    assert "Featured image" in labels
    for text in ("Site", "As", "Scheduled for", "Categories", "Tags", "Featured image"):
        assert labels[text].width() >= labels[text].sizeHint().width(), text
    assert dlg.width() <= 700  # the address does not widen the dialog either
