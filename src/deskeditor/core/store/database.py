"""Opening the SQLite database: location, pragmas, schema migrations, backups.

One file holds everything (drafts, revisions, sources, review decisions, the
personal dictionary, settings). WAL lets a second process read while one
writes; ``busy_timeout`` makes a second writer wait instead of failing; foreign
keys are on. The schema version lives in ``PRAGMA user_version`` and every
migration runs in one transaction after a backup of the file.
"""

from __future__ import annotations

import datetime as _dt
import os
import sqlite3
from pathlib import Path
from typing import Callable


from ..errors import StoreError

BUSY_TIMEOUT_MS = 10_000
BACKUPS_KEPT = 7


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


# Each entry migrates the schema from version i to i + 1.
MIGRATIONS: list[Callable] = [_v1]  # each takes a sqlite_utils.Database
SCHEMA_VERSION = len(MIGRATIONS)


def backup_dir(path: Path) -> Path:
    return path.with_name(path.name + ".backups")


def backup(conn: sqlite3.Connection, path: Path, reason: str) -> Path:
    """Copy the live database with SQLite's backup API into the backups folder,
    keeping the newest ``BACKUPS_KEPT`` copies per reason."""
    folder = backup_dir(path)
    folder.mkdir(parents=True, exist_ok=True)
    stamp = _dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    target = folder / f"{path.stem}-{stamp}-{reason}.db"
    tmp = target.with_suffix(".tmp")
    dest = sqlite3.connect(tmp)
    try:
        conn.backup(dest)
    finally:
        dest.close()
    os.replace(tmp, target)
    kept = sorted(folder.glob(f"{path.stem}-*-{reason}.db"))
    for old in kept[:-BACKUPS_KEPT]:
        old.unlink(missing_ok=True)
    return target


def list_backups(path: Path) -> list[Path]:
    folder = backup_dir(path)
    return sorted(folder.glob("*.db"), key=lambda p: p.stat().st_mtime, reverse=True) if folder.exists() else []


def restore_backup(path: Path, backup_file: Path) -> None:
    """Replace the database at ``path`` with ``backup_file`` (the current file is
    backed up first, so a restore destroys nothing)."""
    if not backup_file.exists():
        raise StoreError(f"no backup at {backup_file}")
    check = sqlite3.connect(f"file:{backup_file}?mode=ro", uri=True)
    try:
        if check.execute("PRAGMA quick_check").fetchone()[0] != "ok":
            raise StoreError(f"backup {backup_file.name} fails its integrity check")
        if path.exists():
            live = sqlite3.connect(path)
            try:
                backup(live, path, "before-restore")
            finally:
                live.close()
        tmp = path.with_suffix(".restore.tmp")
        dest = sqlite3.connect(tmp)
        try:
            check.backup(dest)
        finally:
            dest.close()
    finally:
        check.close()
    for suffix in ("-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    os.replace(tmp, path)


def connect(path: Path, *, read_only: bool = False) -> sqlite3.Connection:
    try:
        if read_only:
            conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_MS / 1000,
                                   check_same_thread=False)
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


def quick_check(conn: sqlite3.Connection) -> str:
    """'ok', or what SQLite's quick_check reports first."""
    try:
        return conn.execute("PRAGMA quick_check").fetchone()[0]
    except sqlite3.DatabaseError as exc:
        return str(exc)


def migrate(conn: sqlite3.Connection, path: Path | None) -> int:
    """Bring the schema up to ``SCHEMA_VERSION``; returns the version found."""
    found = conn.execute("PRAGMA user_version").fetchone()[0]
    if found > SCHEMA_VERSION:
        raise StoreError(
            f"the database was written by a newer deskeditor (schema {found}, this one knows {SCHEMA_VERSION})"
        )
    if found == SCHEMA_VERSION:
        return found
    if found > 0 and path is not None:
        backup(conn, path, "before-migration")
    import sqlite_utils  # imported only when a migration runs: it loads numpy (~150 ms)

    db = sqlite_utils.Database(conn)
    # Migrations are written to be re-runnable (if_not_exists, replace): SQLite
    # commits DDL scripts on its own, so a migration cut short is simply run again.
    for version in range(found, SCHEMA_VERSION):
        MIGRATIONS[version](db)
        conn.execute(f"PRAGMA user_version = {version + 1}")
    return found
