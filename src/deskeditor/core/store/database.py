"""Opening the SQLite database: location, pragmas, schema migrations, backups.

One file holds everything (drafts, revisions, sources, review decisions, the
personal dictionary, settings). WAL lets a second process read while one
writes; ``busy_timeout`` makes a second writer wait instead of failing; foreign
keys are on. The schema version lives in ``PRAGMA user_version`` and every
migration runs in one transaction (with the version bump) after a backup of
the file, so a migration cut short by a crash leaves the old schema and data.

Backups are copies made with SQLite's backup API into ``<name>.backups/`` next
to the database, written to a temporary file, synced and renamed, so a crash
mid-backup leaves no half backup (only a ``.tmp`` that the next backup
removes). Each reason keeps its newest ``BACKUPS_KEPT``: "daily" (at most one
a day, taken when the app opens the store: ``daily_backup``),
"before-migration", "before-restore" and "manual".
"""

from __future__ import annotations

import datetime as _dt
import os
import sqlite3
import threading
import time
from pathlib import Path
from typing import Callable, Sequence

from ..errors import StoreError
from .table import guarded

BUSY_TIMEOUT_MS = 10_000
BACKUPS_KEPT = 7
DAILY = "daily"
STALE_TMP_S = 600  # a backup's .tmp older than this was left by a crash


def default_db_path() -> Path:
    """``$DESKEDITOR_DB`` or deskeditor.db in the user's data folder."""
    env = os.environ.get("DESKEDITOR_DB")
    if env:
        return Path(env).expanduser()
    import platformdirs

    return Path(platformdirs.user_data_dir("deskeditor", appauthor=False)) / "deskeditor.db"


def now() -> str:
    return _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="milliseconds")


def _v1(db) -> None:  # db: sqlite_utils.Database
    db["drafts"].create(
        {
            "id": int, "title": str, "slug": str, "body": str, "status": str, "author": str,
            "keyphrase": str, "related_keyphrases": str, "seo_title": str,
            "meta_description": str, "tags": str, "categories": str, "date": str,
            "created": str, "updated": str, "trashed": str, "version": int,
            "cursor": int, "remote": str,
        },
        pk="id",
        if_not_exists=True,
        defaults={
            "title": "", "slug": "", "body": "", "status": "draft", "author": "",
            "keyphrase": "", "related_keyphrases": "[]", "seo_title": "",
            "meta_description": "", "tags": "[]", "categories": "[]", "date": "",
            "trashed": "", "version": 1, "cursor": 0, "remote": "{}",
        },
        not_null={"body", "status", "version"},
    )
    db["drafts"].create_index(["status"], if_not_exists=True)
    db["drafts"].create_index(["keyphrase"], if_not_exists=True)
    db["revisions"].create(
        {
            "id": int, "draft_id": int, "number": int, "created": str, "body": bytes,
            "words": int, "size": int, "delta": int, "note": str,
        },
        pk="id",
        foreign_keys=[("draft_id", "drafts", "id")],
        defaults={"note": ""},
        if_not_exists=True,
    )
    db["revisions"].create_index(["draft_id", "number"], unique=True, if_not_exists=True)
    db["drafts"].enable_fts(["title", "body"], fts_version="FTS5", create_triggers=True,
                            tokenize="unicode61 remove_diacritics 2", replace=True)
    db["sources"].create(
        {"id": int, "key": str, "csl": str, "created": str, "updated": str}, pk="id",
        if_not_exists=True,
    )
    db["sources"].create_index(["key"], unique=True, if_not_exists=True)
    db["decisions"].create(
        {
            "id": int, "draft_id": int, "finding_key": str, "engine": str, "rule": str,
            "text": str, "decision": str, "reason": str, "created": str,
        },
        pk="id",
        foreign_keys=[("draft_id", "drafts", "id")],
        defaults={"reason": ""},
        if_not_exists=True,
    )
    db["decisions"].create_index(["draft_id", "finding_key"], unique=True, if_not_exists=True)
    db["dictionary"].create({"word": str, "created": str}, pk="word", if_not_exists=True)
    db["exports"].create(
        {"id": int, "draft_id": int, "created": str, "format": str, "target": str, "revision": int},
        pk="id",
        foreign_keys=[("draft_id", "drafts", "id")],
        if_not_exists=True,
    )
    db["settings"].create({"key": str, "value": str}, pk="key", if_not_exists=True)


def _v2(db) -> None:
    """Site workspaces: a Hugo or Jekyll site on disk, and its posts linked to
    drafts with the text as last synced (the base of a three-way merge)."""
    db["site_roots"].create(
        {"id": int, "root": str, "kind": str, "opened": str, "settings": str},
        pk="id", defaults={"settings": "{}"}, if_not_exists=True,
    )
    db["site_roots"].create_index(["root"], unique=True, if_not_exists=True)
    db["site_files"].create(
        {
            "id": int, "site_id": int, "path": str, "draft_id": int, "base": str,
            "base_hash": str, "synced_version": int, "mtime_ns": int, "size": int,
            "eol": str, "bom": int, "conflict": str,
        },
        pk="id",
        foreign_keys=[("site_id", "site_roots", "id"), ("draft_id", "drafts", "id")],
        defaults={"eol": "\n", "bom": 0, "conflict": ""},
        if_not_exists=True,
    )
    db["site_files"].create_index(["site_id", "path"], unique=True, if_not_exists=True)
    db["site_files"].create_index(["draft_id"], if_not_exists=True)


def _v3(db) -> None:
    """The personal dictionary gets scopes: every draft (draft_id 0, site ""),
    one draft (its id), or one site (its name, for the site workspace)."""
    conn = db.conn
    conn.execute(
        "CREATE TABLE dictionary_scoped (word TEXT NOT NULL, draft_id INTEGER NOT NULL DEFAULT 0, "
        "site TEXT NOT NULL DEFAULT '', created TEXT, PRIMARY KEY (word, draft_id, site))")
    conn.execute("INSERT OR IGNORE INTO dictionary_scoped (word, created) SELECT word, created FROM dictionary")
    conn.execute("DROP TABLE dictionary")
    conn.execute("ALTER TABLE dictionary_scoped RENAME TO dictionary")


def _v4(db) -> None:
    """WordPress posts pulled into drafts (core/wordpress/links.py), and each
    site's cached terms, users and media (so they work offline)."""
    from ..wordpress.links import create_tables

    create_tables(db)


# Each entry migrates the schema from version i to i + 1.
MIGRATIONS: list[Callable] = [_v1, _v2, _v3, _v4]  # each takes a sqlite_utils.Database
SCHEMA_VERSION = len(MIGRATIONS)


def backup_dir(path: Path) -> Path:
    return path.with_name(path.name + ".backups")


def _stamp(when: _dt.datetime | None = None) -> str:
    return (when or _dt.datetime.now()).strftime("%Y%m%d-%H%M%S-%f")


def _fsync(path: Path) -> None:
    """Flush ``path`` to the disk (a backup must survive a power cut too)."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _remove_stale_tmp(folder: Path, max_age_s: float = STALE_TMP_S) -> None:
    """Remove the temporary files of backups a crash cut short."""
    limit = time.time() - max_age_s
    for tmp in folder.glob("*.tmp"):
        try:
            if tmp.stat().st_mtime < limit:
                tmp.unlink()
        except OSError:
            pass


def _copy_to(conn: sqlite3.Connection, target: Path, verify: bool = False) -> None:
    """``conn``'s database copied to ``target`` through a synced temporary file
    (with ``verify``, only a copy that passes ``quick_check``)."""
    tmp = target.with_suffix(".tmp")
    try:
        dest = sqlite3.connect(tmp)
        try:
            conn.backup(dest)
            if verify and (problem := quick_check(dest)) != "ok":
                raise StoreError(f"the copy fails its integrity check ({problem})")
        finally:
            dest.close()
        _fsync(tmp)
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _rotate(folder: Path, stem: str, reason: str, keep: int) -> None:
    kept = sorted(folder.glob(f"{stem}-*-{reason}.db"))
    for old in kept[:-keep] if keep > 0 else kept:
        old.unlink(missing_ok=True)


def backup(conn: sqlite3.Connection, path: Path, reason: str, *, when: _dt.datetime | None = None,
           keep: int = BACKUPS_KEPT, verify: bool = False) -> Path:
    """Copy the live database with SQLite's backup API into the backups folder,
    keeping the newest ``keep`` copies per reason. ``when`` (default now) names
    the copy: ``<stem>-YYYYmmdd-HHMMSS-ffffff-<reason>.db``. With ``verify``
    a copy that fails its quick check is not kept (``StoreError``)."""
    folder = backup_dir(path)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        _remove_stale_tmp(folder)
        target = folder / f"{path.stem}-{_stamp(when)}-{reason}.db"
        _copy_to(conn, target, verify)
        _rotate(folder, path.stem, reason, keep)
    except sqlite3.Error as exc:
        raise StoreError(f"cannot back up the database: {exc}") from None
    except OSError as exc:
        raise StoreError(f"cannot back up the database: {exc.strerror or exc}") from None
    return target


def backups_of_day(path: Path, reason: str = DAILY, day: _dt.date | None = None) -> list[Path]:
    """The backups with ``reason`` taken on ``day`` (default today, local time)."""
    folder = backup_dir(path)
    stamp = (day or _dt.date.today()).strftime("%Y%m%d")
    return sorted(folder.glob(f"{path.stem}-{stamp}-*-{reason}.db")) if folder.exists() else []


def daily_backup(path: Path, *, when: _dt.datetime | None = None, keep: int = BACKUPS_KEPT) -> Path | None:
    """Today's backup of the database at ``path``, unless there is one already
    (then None). Keeps the newest ``keep`` daily backups.

    It reads through a connection of its own, so it may run in any thread
    while the app works on the database (WAL: the copy is a consistent
    snapshot and writers are not held up). A missing or empty database has
    nothing to back up (None). Raises ``StoreError`` when the copy fails.
    """
    when = when or _dt.datetime.now()
    if not path.exists() or path.stat().st_size == 0 or backups_of_day(path, DAILY, when.date()):
        return None
    folder = backup_dir(path)
    lock = folder / f".{path.stem}-{when:%Y%m%d}-{DAILY}.lock"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreError(f"cannot back up the database: {exc.strerror or exc}") from None
    try:
        fd = os.open(lock, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
    except FileExistsError:  # another window is taking it; or a crash left the lock
        try:
            if time.time() - lock.stat().st_mtime < STALE_TMP_S:
                return None
            lock.unlink()
        except OSError:
            return None
        return daily_backup(path, when=when, keep=keep)
    except OSError as exc:
        raise StoreError(f"cannot back up the database: {exc.strerror or exc}") from None
    os.close(fd)
    try:
        if backups_of_day(path, DAILY, when.date()):  # taken meanwhile by another process
            return None
        conn = connect(path)
        try:  # verified: a damaged copy must not push a good one out of the rotation
            return backup(conn, path, DAILY, when=when, keep=keep, verify=True)
        finally:
            conn.close()
    finally:
        lock.unlink(missing_ok=True)


def start_daily_backup(path: Path, on_done: Callable[[Path | None, str], None] | None = None) -> threading.Thread:
    """``daily_backup(path)`` in a background thread, so opening the window
    does not wait for it. ``on_done(backup or None, error or "")`` is called
    in that thread when it ends."""

    def work() -> None:
        try:
            made, error = daily_backup(path), ""
        except Exception as exc:  # a backup that fails must never take the app down
            made, error = None, str(exc)
        if on_done is not None:
            on_done(made, error)

    thread = threading.Thread(target=work, name="deskeditor-daily-backup", daemon=True)
    thread.start()
    return thread


def list_backups(path: Path) -> list[Path]:
    folder = backup_dir(path)
    return sorted(folder.glob("*.db"), key=lambda p: p.stat().st_mtime, reverse=True) if folder.exists() else []


GENERATION_KEY = "store.generation"  # a settings row a restore changes: see Drafts.save


@guarded
def restore_backup(path: Path, backup_file: Path) -> None:
    """Restore the database at ``path`` from ``backup_file``, in place.

    The live file is backed up first ("before-restore"), so a restore destroys
    nothing. The copy goes through SQLite's backup API *into the live file*,
    under its lock: a process that has the database open (the window) waits,
    then sees the restored data, instead of writing on into a file that was
    unlinked under it. The restore also writes a new generation
    (``GENERATION_KEY``), so such a process's next save of a draft it loaded
    before is refused (``ConflictError``) rather than lost or silently applied.
    """
    backup_file = Path(backup_file)
    if not backup_file.is_file():
        raise StoreError(f"no backup at {backup_file}")
    try:
        src = sqlite3.connect(f"file:{backup_file}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        raise StoreError(f"cannot read the backup {backup_file.name}: {exc}") from None
    try:
        problem = quick_check(src)
        if problem != "ok":
            raise StoreError(f"{backup_file.name} is not a usable deskeditor backup ({problem}); nothing was restored")
        if src.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'drafts'").fetchone() is None:
            raise StoreError(f"{backup_file.name} is an SQLite file but not a deskeditor database; nothing was restored")
        live = connect(path)
        try:
            if path.exists() and path.stat().st_size > 0:
                _before_restore(live, path)
            src.backup(live)  # one step: the whole copy under the live file's write lock
            live.execute("INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE "
                         "SET value = excluded.value", (GENERATION_KEY, f'"{os.urandom(8).hex()}"'))
            live.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            live.close()
    except sqlite3.Error as exc:
        raise StoreError(f"cannot restore {backup_file.name}: {exc}; the database was not changed") from None
    finally:
        src.close()


def _before_restore(live: sqlite3.Connection, path: Path) -> None:
    """Back up the live database; a damaged one (what a restore is often for) is
    copied byte for byte instead, since SQLite may not read all of it."""
    try:
        backup(live, path, "before-restore")
    except StoreError:
        import shutil

        folder = backup_dir(path)
        folder.mkdir(parents=True, exist_ok=True)
        target = folder / f"{path.stem}-{_stamp()}-before-restore.db"
        shutil.copy2(path, target)
        wal = Path(str(path) + "-wal")
        if wal.exists():
            shutil.copy2(wal, Path(str(target) + "-wal"))


def generation(conn: sqlite3.Connection) -> str:
    """The database's restore generation ("" before any restore)."""
    try:
        row = conn.execute("SELECT value FROM settings WHERE key = ?", (GENERATION_KEY,)).fetchone()
    except sqlite3.Error:
        return ""
    return row[0] if row else ""


def connect(path: Path, *, read_only: bool = False) -> sqlite3.Connection:
    try:
        if read_only:
            conn = _connect_read_only(path)
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False,
                                   isolation_level=None)
        conn.row_factory = sqlite3.Row
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA foreign_keys = ON")
        if not read_only:
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = NORMAL")
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"cannot open the database {path}: {exc}") from None
    except OSError as exc:
        raise StoreError(f"cannot open the database {path}: {exc.strerror or exc}") from None
    return conn


def _connect_read_only(path: Path) -> sqlite3.Connection:
    """Read-only; a WAL database in a folder nobody may write (a read-only mount,
    a CD) cannot get its ``-shm`` file, so it is opened as immutable then."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_MS / 1000,
                           check_same_thread=False)
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return conn
    except sqlite3.DatabaseError:
        if writable(path):
            return conn  # a damaged file: its readers report what they cannot read
        conn.close()
    return sqlite3.connect(f"file:{path}?mode=ro&immutable=1", uri=True, check_same_thread=False)


def writable(path: Path) -> bool:
    """Whether SQLite could write ``path`` and its ``-wal``/``-shm`` files beside it."""
    folder = path.parent if path.parent != Path("") else Path(".")
    if not folder.exists():
        return True  # it will be created (or fail with its own message)
    try:
        if os.statvfs(folder).f_flag & os.ST_RDONLY:
            return False
    except (OSError, AttributeError):
        pass
    return os.access(folder, os.W_OK) and (not path.exists() or os.access(path, os.W_OK))


def quick_check(conn: sqlite3.Connection) -> str:
    """'ok', or what SQLite's quick_check reports first."""
    try:
        return conn.execute("PRAGMA quick_check").fetchone()[0]
    except sqlite3.DatabaseError as exc:
        return str(exc)


def migrate(conn: sqlite3.Connection, path: Path | None,
            migrations: Sequence[Callable] | None = None) -> int:
    """Bring the schema up to the last of ``migrations`` (default
    ``MIGRATIONS``, ``SCHEMA_VERSION``); returns the version found.

    A database that has a schema already is backed up first. Each migration
    runs with its version bump in one transaction, so a crash mid-migration
    leaves the previous version, which the next open migrates again.
    """
    migrations = MIGRATIONS if migrations is None else list(migrations)
    target = len(migrations)
    found = conn.execute("PRAGMA user_version").fetchone()[0]
    if found > target:
        raise StoreError(
            f"the database was written by a newer deskeditor (schema {found}, this one knows {target})"
        )
    if found == target:
        return found
    if found > 0 and path is not None:
        backup(conn, path, "before-migration")
    import sqlite_utils  # imported only when a migration runs: it loads numpy (~150 ms)

    db = sqlite_utils.Database(conn)
    for version in range(found, target):
        conn.execute("BEGIN IMMEDIATE")
        try:
            migrations[version](db)
            conn.execute(f"PRAGMA user_version = {version + 1}")
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
    return found
