"""Rotating backups on real files: one a day (kept seven), before every
migration, never a half copy, never a damaged copy pushing a good one out."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import threading
import time

import pytest

from deskeditor.core.errors import StoreError
from deskeditor.core.store import Store, database

DOC = "# Backed up\n\nA paragraph worth keeping.\n"
DAY = dt.datetime(2025, 3, 1, 9, 30)


def make_db(path, body=DOC):
    with Store.open(path) as s:
        return s.drafts.create(body).id


def body_in(backup, draft_id=1):
    conn = sqlite3.connect(f"file:{backup}?mode=ro", uri=True)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        return conn.execute("SELECT body FROM drafts WHERE id = ?", (draft_id,)).fetchone()[0]
    finally:
        conn.close()


def daily(path):
    return sorted(database.backup_dir(path).glob("*-daily.db"))


def test_at_most_one_daily_backup_a_day_and_seven_kept(tmp_path):
    path = tmp_path / "d.db"
    make_db(path)
    first = database.daily_backup(path, when=DAY)
    assert first is not None and first.exists() and body_in(first) == DOC
    assert database.daily_backup(path, when=DAY + dt.timedelta(hours=8)) is None  # same day: none
    for n in range(1, 10):
        assert database.daily_backup(path, when=DAY + dt.timedelta(days=n)) is not None
    kept = daily(path)
    assert len(kept) == database.BACKUPS_KEPT
    stamps = [p.name.split("-")[1] for p in kept]
    assert stamps == [(DAY + dt.timedelta(days=n)).strftime("%Y%m%d") for n in range(3, 10)]  # the newest seven


def test_daily_backups_leave_other_backups_alone(tmp_path):
    path = tmp_path / "d.db"
    make_db(path)
    with Store.open(path) as s:
        manual = s.backup("manual")
        s.conn.execute("SELECT 1")
    for n in range(12):
        database.daily_backup(path, when=DAY + dt.timedelta(days=n))
    assert manual.exists()
    assert len(daily(path)) == database.BACKUPS_KEPT


def test_a_missing_or_empty_database_has_nothing_to_back_up(tmp_path):
    assert database.daily_backup(tmp_path / "none.db") is None
    (tmp_path / "empty.db").write_bytes(b"")
    assert database.daily_backup(tmp_path / "empty.db") is None
    assert not database.backup_dir(tmp_path / "none.db").exists()


def test_the_daily_backup_is_a_consistent_copy_while_saves_go_on(tmp_path):
    """The copy runs in its own thread and connection while another
    connection saves: it holds one whole state (body and newest revision agree)."""
    path = tmp_path / "d.db"
    draft_id = make_db(path, DOC * 2000)
    stop = threading.Event()

    def writer():
        with Store.open(path, check=False) as s:
            n = 0
            while not stop.is_set():
                n += 1
                s.drafts.save(draft_id, f"{DOC * 2000}\nedit {n}\n", note="saved")

    t = threading.Thread(target=writer)
    t.start()
    try:
        time.sleep(0.2)
        done: list = []
        thread = Store.open(path, check=False).start_daily_backup(lambda made, err: done.append((made, err)))
        thread.join(30)
    finally:
        stop.set()
        t.join(30)
    made, err = done[0]
    assert err == "" and made is not None
    with Store.open(made, check=True) as copy:
        assert not copy.read_only
        latest = copy.drafts.history(draft_id)[0].number
        assert copy.drafts.get(draft_id).body == copy.drafts.revision_text(draft_id, latest)


def test_a_crash_mid_backup_leaves_no_half_backup_and_its_tmp_is_cleared(tmp_path):
    path = tmp_path / "d.db"
    make_db(path)
    folder = database.backup_dir(path)
    folder.mkdir()
    stale = folder / "d-20240101-000000-000000-daily.tmp"
    stale.write_bytes(b"half a copy")
    old = time.time() - database.STALE_TMP_S - 60
    os.utime(stale, (old, old))
    fresh = folder / "d-20990101-000000-000000-manual.tmp"  # another process's copy in progress
    fresh.write_bytes(b"being written")
    made = database.daily_backup(path, when=DAY)
    assert made is not None and not stale.exists() and fresh.exists()
    assert database.list_backups(path) == [made]  # a .tmp is never offered as a backup


def test_a_window_taking_todays_backup_holds_off_another(tmp_path):
    path = tmp_path / "d.db"
    make_db(path)
    folder = database.backup_dir(path)
    folder.mkdir()
    lock = folder / f".d-{DAY:%Y%m%d}-daily.lock"
    lock.write_text("")
    assert database.daily_backup(path, when=DAY) is None  # someone is on it
    old = time.time() - database.STALE_TMP_S - 60
    os.utime(lock, (old, old))  # ... or was, and crashed
    assert database.daily_backup(path, when=DAY) is not None
    assert not lock.exists()


def corrupt(path):
    with Store.open(path) as s:
        for _ in range(30):
            s.drafts.create(DOC * 200)
        s.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    data = bytearray(path.read_bytes())
    for p in range(3, len(data) // 4096 - 1):
        data[p * 4096 + 100: p * 4096 + 400] = b"\xff" * 300
    path.write_bytes(bytes(data))


def test_a_damaged_database_never_replaces_a_good_daily_backup(tmp_path):
    path = tmp_path / "d.db"
    make_db(path)
    good = database.daily_backup(path, when=DAY)
    corrupt(path)
    with pytest.raises(StoreError, match="integrity"):
        database.daily_backup(path, when=DAY + dt.timedelta(days=1))
    assert daily(path) == [good] and body_in(good) == DOC
    assert not list(database.backup_dir(path).glob("*.tmp"))
    store = Store.open(path)
    assert store.read_only and store.start_daily_backup() is None  # the app does not even try
    store.close()


def test_a_failing_daily_backup_reports_and_raises_nothing(tmp_path):
    path = tmp_path / "d.db"
    make_db(path)
    database.backup_dir(path).write_text("a file where the folder should be")
    done: list = []
    database.start_daily_backup(path, lambda made, err: done.append((made, err))).join(30)
    assert done and done[0][0] is None and "cannot back up" in done[0][1]


# -- migrations ------------------------------------------------------------------------

def _v2_add_words(db):
    db.conn.execute("ALTER TABLE drafts ADD COLUMN words INTEGER NOT NULL DEFAULT 0")
    db.conn.execute("UPDATE drafts SET words = length(body)")


def _v2_fails_half_way(db):
    _v2_add_words(db)
    raise RuntimeError("power cut")


def test_every_migration_is_preceded_by_a_backup_of_the_old_schema(tmp_path):
    path = tmp_path / "m.db"
    make_db(path)
    with Store.open(path, migrations=[*database.MIGRATIONS, _v2_add_words]) as s:
        assert s.conn.execute("PRAGMA user_version").fetchone()[0] == database.SCHEMA_VERSION + 1
        assert s.conn.execute("SELECT words FROM drafts").fetchone()[0] == len(DOC)
    [before] = database.backup_dir(path).glob("*-before-migration.db")
    old = sqlite3.connect(before)
    assert old.execute("PRAGMA user_version").fetchone()[0] == database.SCHEMA_VERSION
    assert "words" not in [r[1] for r in old.execute("PRAGMA table_info(drafts)")]
    old.close()
    assert body_in(before) == DOC


def test_a_migration_cut_short_leaves_the_old_schema_and_runs_again(tmp_path):
    path = tmp_path / "m.db"
    make_db(path)
    with pytest.raises(RuntimeError):
        Store.open(path, migrations=[*database.MIGRATIONS, _v2_fails_half_way])
    with Store.open(path) as s:  # the old version opens as it was
        assert s.conn.execute("PRAGMA user_version").fetchone()[0] == database.SCHEMA_VERSION
        assert "words" not in [r[1] for r in s.conn.execute("PRAGMA table_info(drafts)")]
        assert s.drafts.get(1).body == DOC
    with Store.open(path, migrations=[*database.MIGRATIONS, _v2_add_words]) as s:  # and migrates later
        assert s.conn.execute("SELECT words FROM drafts").fetchone()[0] == len(DOC)
