"""The save thread on its own (no Qt): newest text wins, versions guard against
lost updates, a failing store reports and recovers."""

from __future__ import annotations

import threading

from deskeditor.core.errors import StoreError
from deskeditor.core.store import Store
from deskeditor.gui.session.saving import SaveWorker


def worker_for(db, results, open_store=None):
    w = SaveWorker(open_store or (lambda: Store.open(db, check=False)), results.append)
    w.start()
    return w


def test_queued_saves_of_one_draft_collapse_to_the_newest(tmp_path):
    db = tmp_path / "d.db"
    with Store.open(db) as s:
        d = s.drafts.create("# A\n")
    results: list = []
    gate = threading.Event()
    w = worker_for(db, results)
    w.track(d.id, d.version)
    w.call(lambda store: gate.wait(5))  # hold the thread so the saves queue up
    for i in range(10):
        w.save(d.id, f"# A\n\n{i}\n", token=i, note="saved" if i == 0 else "autosave")
    gate.set()
    assert w.stop(10)
    assert [r.token for r in results] == [9] and results[0].ok
    assert results[0].note == "saved"  # the explicit save's note survives being overtaken
    with Store.open(db) as s:
        assert s.drafts.get(d.id).body == "# A\n\n9\n"
        assert len(s.drafts.history(d.id)) == 2


def test_a_save_made_elsewhere_is_a_conflict_and_nothing_is_overwritten(tmp_path):
    db = tmp_path / "d.db"
    with Store.open(db) as s:
        d = s.drafts.create("# A\n")
        s.drafts.save(d.id, "# A\n\ntheirs\n")
    results: list = []
    w = worker_for(db, results)
    w.track(d.id, d.version)  # this window loaded the older version
    w.save(d.id, "# A\n\nmine\n", token=1)
    w.flush(10)
    w.save(d.id, "# A\n\nmine again\n", token=2)  # refused without asking the store
    assert w.stop(10)
    assert [(r.ok, r.conflict) for r in results] == [(False, True), (False, True)]
    with Store.open(db) as s:
        assert s.drafts.get(d.id).body == "# A\n\ntheirs\n"


def test_a_failing_store_reports_and_the_next_attempt_reopens_it(tmp_path):
    db = tmp_path / "d.db"
    with Store.open(db) as s:
        d = s.drafts.create("# A\n")
    failing = {"left": 2}

    def open_store():
        if failing["left"]:
            failing["left"] -= 1
            raise StoreError("cannot open the database: disk full")
        return Store.open(db, check=False)

    results: list = []
    w = worker_for(db, results, open_store)
    w.track(d.id, d.version)
    for i in range(3):
        w.save(d.id, "# A\n\nkept\n", token=i)
        w.flush(10)
    assert w.stop(10)
    assert [r.ok for r in results] == [False, False, True]
    assert "disk full" in results[0].error
    with Store.open(db) as s:
        assert s.drafts.get(d.id).body == "# A\n\nkept\n"


# -- a real failing disk: a tiny tmpfs that fills up, a mount made read-only -------------------

import os  # noqa: E402
import sqlite3  # noqa: E402
import subprocess  # noqa: E402

import pytest  # noqa: E402
from PySide6.QtGui import QTextCursor  # noqa: E402

from deskeditor.gui.session import autosave, draft_session  # noqa: E402
from deskeditor.gui.session.autosave import SaveState  # noqa: E402

NOT_LOST = "Words that must not be lost, though the disk is full. "


def _mount(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["mount", *args], capture_output=True, text=True)


@pytest.fixture
def small_disk(tmp_path):
    """A real 2 MiB file system (tmpfs); skipped where mounting is not permitted."""
    disk = tmp_path / "disk"
    disk.mkdir()
    done = _mount("-t", "tmpfs", "-o", "size=2m", "tmpfs", str(disk))
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here (needs root or CAP_SYS_ADMIN): {done.stderr.strip()}")
    mounts = [disk]
    yield disk, mounts
    for m in reversed(mounts):
        if subprocess.run(["umount", str(m)], capture_output=True).returncode != 0:
            subprocess.run(["umount", "-l", str(m)], capture_output=True)


def fill(disk) -> "os.PathLike":
    """Fill ``disk`` to the last byte; returns the filler file."""
    filler = disk / "filler"
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT)
    try:
        while True:
            os.write(fd, b"\0" * 4096)
    except OSError:
        pass
    try:
        while True:
            os.write(fd, b"\0")
    except OSError:
        pass
    os.close(fd)
    return filler


@pytest.fixture
def attempts(monkeypatch):
    """Counts the save thread's attempts and failures (the real ``_save`` runs);
    retries come sooner than in the app so the test is short."""
    seen = {"tries": 0, "failures": 0, "errors": []}
    real = SaveWorker._save

    def counted(self, job):
        result = real(self, job)
        seen["tries"] += 1
        if not result.ok:
            seen["failures"] += 1
            seen["errors"].append(result.error)
        return result

    monkeypatch.setattr(SaveWorker, "_save", counted)
    monkeypatch.setattr(autosave, "RETRY_MS", (300, 600, 900))
    return seen


def stored(db) -> str:
    with Store.open(db, check=False) as s:
        return s.drafts.get(1).body


def paste_at_end(window, text: str) -> None:
    c = window.editor.textCursor()
    c.movePosition(QTextCursor.End)
    c.insertText(text)


def test_a_full_disk_keeps_the_text_says_so_retries_and_saves_when_space_returns(
        small_disk, open_window, qtbot, attempts):
    disk, _ = small_disk
    db = disk / "drafts.db"
    with Store.open(db) as s:
        s.drafts.create("# Diary\n\nMonday.\n")
    w = open_window(db)
    filler = fill(disk)
    text = NOT_LOST * 8000  # ~0.4 MB: more than the WAL can take without growing
    try:
        paste_at_end(w, text)
        qtbot.waitUntil(lambda: attempts["failures"] >= 3, timeout=20_000)  # it keeps retrying
        assert w.status.save_label.text().startswith("Cannot save:"), w.status.save_label.text()
        assert "retrying" in w.status.save_label.text()
        assert w.session.autosaver.state == SaveState.FAILED and w.isWindowModified()
        assert w.editor.text().endswith(text)  # the text is kept
    finally:
        os.unlink(filler)  # space comes back (closing the window would wait for it)
    qtbot.waitUntil(lambda: w.session.autosaver.state == SaveState.SAVED, timeout=20_000)
    assert w.status.save_label.text() == "Saved"
    assert stored(db) == w.editor.text() and stored(db).endswith(text)
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_a_read_only_database_keeps_the_text_says_so_retries_and_saves_when_writable(
        small_disk, open_window, qtbot, attempts, monkeypatch):
    """The save thread reaches the database through a second mount of the same
    file system that is made read-only (a mount with files open for writing
    cannot be, so it is the one the save thread has not opened yet)."""
    disk, mounts = small_disk
    view = disk.parent / "view"
    view.mkdir()
    assert _mount("--bind", str(disk), str(view)).returncode == 0
    mounts.append(view)
    db = disk / "drafts.db"
    with Store.open(db) as s:
        s.drafts.create("# Diary\n\nMonday.\n")
    monkeypatch.setattr(draft_session, "open_save_store", lambda _path: Store.open(view / "drafts.db", check=False))
    w = open_window(db)
    ro = _mount("-o", "remount,bind,ro", str(view))
    assert ro.returncode == 0, ro.stderr
    try:
        paste_at_end(w, "Words that must not be lost, though the file is read-only.")
        qtbot.waitUntil(lambda: attempts["failures"] >= 3, timeout=20_000)
        assert w.status.save_label.text().startswith("Cannot save:"), w.status.save_label.text()
        assert "read" in w.status.save_label.text() and "retrying" in w.status.save_label.text()
        assert w.editor.text().endswith("though the file is read-only.")
        assert "read-only." not in stored(db)
    finally:
        back = _mount("-o", "remount,bind,rw", str(view))
    assert back.returncode == 0, back.stderr
    qtbot.waitUntil(lambda: w.session.autosaver.state == SaveState.SAVED, timeout=20_000)
    assert stored(db) == w.editor.text()


def test_a_full_disk_is_named_in_the_error(small_disk):
    disk, _ = small_disk
    db = disk / "drafts.db"
    with Store.open(db) as s:
        d = s.drafts.create("# Diary\n\nMonday.\n")
    results: list = []
    w = worker_for(db, results)
    w.track(d.id, d.version)
    w.save(d.id, "# Diary\n\nTuesday.\n", token=1)  # the save thread has its connection
    w.flush(10)
    filler = fill(disk)
    try:
        w.save(d.id, "# Diary\n\n" + NOT_LOST * 8000, token=2)
        w.flush(10)
    finally:
        os.unlink(filler)
        w.stop(10)
    assert [r.ok for r in results] == [True, False]
    assert "disk is full" in results[1].error, results[1].error
