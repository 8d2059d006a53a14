"""The store raises ``StoreError`` with one line, never ``sqlite3.Error``:
the front ends catch one thing. Real SQLite files, made read-only, damaged
or locked by a second connection."""

from __future__ import annotations

import sqlite3
import subprocess

import pytest

from deskeditor.core.errors import ConflictError, StoreError
from deskeditor.core.model import Finding
from deskeditor.core.store import Store, database

DOC = "# Talks\n\nThe talks resumed on Monday after a long pause.\n\n"


def one_line(exc: pytest.ExceptionInfo) -> str:
    text = str(exc.value)
    assert text and "\n" not in text, text
    return text


def writes(store: Store, draft_id: int, body: str):
    """Every kind of write the window makes, each on its own."""
    finding = Finding("seo", "r", "info", "m", 0, 3)
    return [
        lambda: store.drafts.save(draft_id, "changed\n"),
        lambda: store.drafts.set_cursor(draft_id, 3),
        lambda: store.drafts.set_remote(draft_id, {"id": 1}),
        lambda: store.drafts.trash(draft_id),
        lambda: store.decisions.record(draft_id, finding, body, reason="fine"),
        lambda: store.dictionary.add("deskeditor"),
        lambda: store.sources.put("k", {"title": "T"}),
        lambda: store.exports.record(draft_id, "html", "out.html", 1),
        lambda: store.settings.set("site_url", "https://example.org"),
    ]


def test_every_write_to_a_read_only_database_is_one_store_error(tmp_path):
    path = tmp_path / "r.db"
    with Store.open(path) as s:
        d = s.drafts.create(DOC)
    store = Store(database.connect(path, read_only=True), path, read_only=True)  # as a damaged file opens
    for write in writes(store, d.id, d.body):
        with pytest.raises(StoreError) as exc:
            write()
        assert "read-only" in one_line(exc)
    store.close()
    with Store.open(path) as s:
        assert s.drafts.get(d.id).body == DOC and s.settings.all() == {}  # nothing changed


def _mount(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["mount", *args], capture_output=True, text=True)


def test_a_database_on_a_read_only_file_system(tmp_path):
    """A second mount of the same files, made read-only (one with files open
    for writing cannot be), as when a USB stick is write-protected."""
    disk, view = tmp_path / "disk", tmp_path / "view"
    disk.mkdir()
    view.mkdir()
    with Store.open(disk / "d.db") as s:
        d = s.drafts.create(DOC)
    if _mount("--bind", str(disk), str(view)).returncode != 0:
        pytest.skip("cannot bind-mount here (needs root or CAP_SYS_ADMIN)")
    try:
        assert _mount("-o", "remount,bind,ro", str(view)).returncode == 0
        try:
            store = Store.open(view / "d.db")
        except StoreError as exc:  # refused at once, in one line
            assert "\n" not in str(exc)
        else:
            for write in writes(store, d.id, d.body):
                with pytest.raises(StoreError) as exc:
                    write()
                one_line(exc)
            store.close()
    finally:
        if subprocess.run(["umount", str(view)], capture_output=True).returncode != 0:
            subprocess.run(["umount", "-l", str(view)], capture_output=True)
    with Store.open(disk / "d.db") as s:
        assert s.drafts.get(d.id).body == DOC


def damaged(tmp_path):
    path = tmp_path / "c.db"
    s = Store.open(path)
    ids = [s.drafts.create(DOC * 200).id]
    for _ in range(30):
        ids.append(s.drafts.create(DOC * 50).id)
    s.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    s.close()
    data = bytearray(path.read_bytes())
    page = 4096
    for p in range(3, len(data) // page - 1):  # scribble over the middle of the b-tree pages
        data[p * page + 100 : p * page + 400] = b"\xff" * 300
    path.write_bytes(bytes(data))
    return path, ids


def test_reading_a_damaged_database_is_one_store_error(tmp_path):
    path, ids = damaged(tmp_path)
    store = Store.open(path)
    assert store.read_only
    reads = [store.drafts.list, store.drafts.summaries, lambda: store.drafts.search("talks"),
             store.sources.all, store.settings.all] + \
            [lambda i=i: store.drafts.get(i) for i in ids] + [lambda i=i: store.drafts.history(i) for i in ids]
    failed = []
    for read in reads:
        try:
            read()
        except StoreError as exc:
            failed.append(str(exc))
    assert failed, "the damage was never met"
    assert all("\n" not in m and "damaged" in m for m in failed), failed
    store.close()


def test_a_locked_database_is_one_store_error(tmp_path):
    path = tmp_path / "l.db"
    store = Store.open(path)
    d = store.drafts.create(DOC)
    store.conn.execute("PRAGMA busy_timeout = 50")  # wait 50 ms, not 10 s, before giving up
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another program writing
    try:
        for write in writes(store, d.id, d.body):
            with pytest.raises(StoreError) as exc:
                write()
            assert "busy" in one_line(exc)
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert store.drafts.get(d.id).body == DOC
    store.close()


def test_a_conflict_is_still_a_conflict(tmp_path):
    with Store.open(tmp_path / "x.db") as s:
        d = s.drafts.create(DOC)
        s.drafts.save(d.id, "elsewhere\n", expected_version=d.version)
        with pytest.raises(ConflictError):
            s.drafts.save(d.id, "mine\n", expected_version=d.version)


def test_restoring_a_damaged_backup_is_one_store_error(tmp_path):
    path = tmp_path / "x.db"
    Store.open(path).close()
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"not a database at all " * 200)
    with pytest.raises(StoreError) as exc:
        database.restore_backup(path, junk)
    one_line(exc)
