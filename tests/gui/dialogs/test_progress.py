"""Long work shows progress and can be cancelled: a batch import, the
LanguageTool install, and a draft's first full grammar check. Real files, a
real SQLite store, real Maven and the real LanguageTool server."""

from __future__ import annotations

import os
import shutil
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from deskeditor.core.store import Store
from deskeditor.gui.dialogs.importing import error_line, import_files

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "russia-ukraine-ceasefire.txt"


def make_draft(db_path, body: str) -> int:
    with Store.open(db_path) as store:
        return store.drafts.create(body).id


def titles(db_path) -> list[str]:
    with Store.open(db_path, check=False) as store:
        return sorted(d.title for d in store.drafts.list())


def write_files(folder: Path, n: int) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for i in range(n):
        p = folder / f"post-{i:03d}.md"
        p.write_text(f"# Post {i}\n\nBody of post {i}.\n", encoding="utf-8")
        out.append(p)
    return out


# -- batch import ----------------------------------------------------------------
def test_import_files_skips_bad_files_with_one_line_each(tmp_path):
    good = write_files(tmp_path / "in", 2)
    binary = tmp_path / "in" / "photo.md"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    missing = tmp_path / "in" / "gone.md"
    with Store.open(tmp_path / "d.db") as store:
        seen = []
        out = import_files(store, [good[0], binary, missing, good[1]], seen.append)
        assert [d.title for d in (store.drafts.get(i) for i in out.imported)] == ["Post 0", "Post 1"]
    assert [s[:2] for s in seen] == [(1, 4), (2, 4), (3, 4), (4, 4)]
    assert len(out.errors) == 2 and not out.cancelled
    assert out.errors[0].startswith("photo.md: ") and "binary" in out.errors[0]
    assert out.errors[1].startswith("gone.md: ") and "\n" not in out.errors[1]
    assert str(tmp_path) not in " ".join(out.errors)  # the name, not the whole path twice


def test_error_line_keeps_one_line():
    p = Path("/x/y/a.md")
    assert error_line(p, "/x/y/a.md: no such\nfile") == "a.md: no such file"
    assert error_line(p, "something else") == "a.md: something else"


def test_the_import_dialog_imports_in_the_background_and_lists_bad_files(open_window, db_path, qtbot, tmp_path):
    make_draft(db_path, "# Existing\n\nText.\n")
    w = open_window(db_path)
    files = write_files(tmp_path / "in", 3)
    bad = tmp_path / "in" / "bad.md"
    bad.write_text("---\ntitle: [unclosed\n---\n\nBody.\n", encoding="utf-8")
    dialog = w.drafts.import_paths(files[:2] + [bad] + files[2:])
    qtbot.waitUntil(lambda: not dialog.running and dialog.outcome is not None, timeout=20_000)
    assert dialog.errors.count() == 1 and dialog.errors.item(0).text().startswith("bad.md: ")
    assert "Imported 3 of 4 files" in dialog.result_label.text()
    assert dialog.cancel_button.text() == "Close"
    assert titles(db_path) == ["Existing", "Post 0", "Post 1", "Post 2"]
    assert w.session.draft.title == "Post 2"  # the last one imported is opened
    assert w.library.list.count() == 4
    dialog.cancel_button.click()
    assert not dialog.isVisible()


def test_cancel_stops_the_import_after_the_current_file(open_window, db_path, qtbot, tmp_path):
    make_draft(db_path, "# Existing\n\nText.\n")
    w = open_window(db_path)
    files = write_files(tmp_path / "in", 30)
    from deskeditor.gui.dialogs.importing import ImportDialog

    dialog = ImportDialog(db_path, files, w)
    go_on = threading.Event()

    def hold_first(value):  # runs in the worker, before file 1 is imported
        if value[0] == 1:
            go_on.wait(20)

    dialog.job.progress.connect(hold_first, Qt.DirectConnection)
    dialog.start()
    dialog.show()
    qtbot.waitUntil(lambda: dialog.label.text().startswith("Importing 1 of 30"), timeout=10_000)
    dialog.cancel_button.click()  # the user's Cancel, while file 1 is being imported
    assert dialog.running and not dialog.cancel_button.isEnabled()
    go_on.set()
    qtbot.waitUntil(lambda: not dialog.running and dialog.outcome is not None, timeout=20_000)
    assert dialog.outcome.cancelled
    assert dialog.outcome.imported and len(dialog.outcome.imported) == 1  # the current file finished
    assert titles(db_path) == ["Existing", "Post 0"]
    assert "cancelled after 1" in dialog.result_label.text()
    dialog.close()


# -- installing LanguageTool ------------------------------------------------------------
def _processes_mentioning(text: str) -> list[int]:
    out = []
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            with open(f"/proc/{pid}/cmdline", "rb") as fh:
                if text.encode() in fh.read():
                    out.append(int(pid))
        except OSError:
            continue
    return out


@pytest.mark.grammar
def test_cancelling_the_install_stops_maven_and_leaves_nothing(qtbot, tmp_path):
    if not (shutil.which("mvn") and shutil.which("java")):
        pytest.skip("Maven and Java are needed to install LanguageTool")
    from deskeditor.core.lint.grammar import install as lt_install
    from deskeditor.gui.dialogs.install import InstallGrammarDialog

    root = tmp_path / "lt"
    dialog = InstallGrammarDialog(root=root)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.install_button.click()
    assert dialog.running
    # Maven is running once it downloads: cancel in the middle of it
    qtbot.waitUntil(lambda: "downloaded" in dialog.log.toPlainText(), timeout=120_000)
    assert _processes_mentioning(str(root)), "Maven should be running"
    dialog.cancel_button.click()
    assert dialog.state.text() == "Cancelling…"
    qtbot.waitUntil(lambda: not dialog.running, timeout=30_000)
    assert dialog.outcome == "cancelled", dialog.state.text()
    assert dialog.state.text() == "Cancelled: nothing was installed."
    assert lt_install.find_installation(root=root) is None
    assert not _processes_mentioning(str(root))  # Maven (its JVM) is gone
    leftovers = [p.name for p in root.iterdir() if not p.name.endswith(".lock")]
    assert leftovers == []  # the partial directory and its private Maven repository were removed
    assert dialog.install_button.isEnabled() and dialog.cancel_button.text() == "Close"


def test_the_tools_menu_opens_the_install_dialog(open_window, db_path, qtbot):
    make_draft(db_path, "# Notes\n\nText.\n")
    w = open_window(db_path)
    assert w.actions_by_name["install_grammar"].text() == "&Install Grammar Checker…"
    dialog = w.install_grammar()
    assert dialog.isVisible() and not dialog.running
    dialog.cancel_button.click()
    assert not dialog.isVisible()


# -- the first full grammar check ------------------------------------------------------
@pytest.fixture(scope="module")
def languagetool(lt_installation, tmp_path_factory):
    """A LanguageTool of this module's own, started cold: the suite's shared
    server has answered the sample's sentences before (its sentence cache),
    and a first full check must take long enough to show progress and cancel."""
    from deskeditor.core.lint.grammar.service import LocalServer

    server = LocalServer(lt_installation.version, log_dir=tmp_path_factory.mktemp("lt-log"))
    url = server.ensure_ready(wait=True)
    if url is None:
        pytest.fail(f"LanguageTool did not start: {server.describe()}")
    yield url
    server.stop()


def long_draft(paragraphs: int) -> str:
    """Distinct paragraphs (none is in any cache), from the sample post."""
    body = [p for p in SAMPLE.read_text(encoding="utf-8").split("\n\n") if len(p.split()) > 12]
    return "# A long report\n\n" + "\n\n".join(f"{body[i % len(body)]} (Note {i}.)" for i in range(paragraphs))


@pytest.mark.grammar
def test_a_first_full_check_shows_progress_and_cancel_pauses_grammar(open_window, db_path, qtbot, languagetool):
    make_draft(db_path, long_draft(1200))  # batched requests answer ~40 blocks each: long enough to cancel
    with Store.open(db_path) as s:
        s.settings.set("grammar", {"server_url": languagetool})
    w = open_window(db_path, grammar=True)
    label = w.status.check_label
    qtbot.waitUntil(lambda: label.isVisible() and " of " in label.text(), timeout=30_000)
    assert label.text().startswith("Checking grammar… ") and label.text().endswith(" blocks")
    job = w.session.grammar.handle.current
    assert job is not None and job.total >= 400
    assert w.status.check_cancel.isVisible()
    qtbot.waitUntil(lambda: job.done() >= 1, timeout=30_000)  # some blocks answered before the cancel
    qtbot.mouseClick(w.status.check_cancel, Qt.LeftButton)
    assert job.cancelled and w.session.grammar.handle.paused
    qtbot.waitUntil(lambda: not w.session.lint.worker.busy and w.session.grammar.handle.current is None, timeout=30_000)
    assert job.done() < job.total  # it stopped early
    assert not label.isVisible() and not w.status.check_cancel.isVisible()
    assert w.status.grammar_label.text().startswith("Grammar paused")
    assert w.session.lint.report is not None  # the other engines still reported
    sent = job.done()
    # typing runs the automatic checks without grammar: nothing more is sent
    w.editor.moveCursor(w.editor.textCursor().MoveOperation.End)
    qtbot.keyClicks(w.editor, " More words.")
    w.session.lint.run_now()
    qtbot.waitUntil(lambda: not w.session.lint.worker.busy, timeout=30_000)
    assert w.session.grammar.handle.current is None and job.done() == sent
    # Check Now resumes grammar: the long check starts again, where the cache left it.
    # (Batched requests make it quick: note each check's progress as it starts,
    # rather than hoping to poll between its start and its end.)
    handle = w.session.grammar.handle
    started = []
    progress = handle.progress

    def noting(seq, data, cancel):
        progress(seq, data, cancel)
        if handle.current is not None and handle.current is not job and handle.current not in started:
            started.append(handle.current)

    handle.progress = noting
    before = handle.last_status
    w.session.lint_now()
    assert not handle.paused
    # Either a long check starts again, or (when the cancel came after the last
    # batched request had gone out) so few blocks are left that no progress shows:
    # in both, the blocks already answered are not sent again.
    qtbot.waitUntil(lambda: bool(started) or (handle.last_status != before and not w.session.lint.worker.busy),
                    timeout=30_000)
    if started:
        again = started[0]
        assert sent >= 1 and again.total <= job.total - sent + 1  # answered blocks are not sent again
        again.cancel()
        return
    import re

    checked = int(re.search(r"\((\d+) blocks? checked", handle.last_status).group(1))
    assert sent >= 1 and checked <= job.total - sent + 1, handle.last_status
