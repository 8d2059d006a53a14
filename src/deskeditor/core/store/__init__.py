"""The SQLite store (through sqlite-utils): ``Store.open(path)`` and its tables.

    store = Store.open(path)          # creates or migrates the schema
    draft = store.drafts.create(text)
    store.drafts.save(draft.id, new_text, expected_version=draft.version)
    store.drafts.search("ceasefire")
    store.start_daily_backup()        # at most one backup a day, in the background
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Callable, Sequence

from ..errors import StoreError
from . import database
from .database import default_db_path
from .drafts import Drafts, count_words
from .records import Decisions, Dictionary, Exports, Settings, Sources
from .sites import SiteLinks

__all__ = ["Store", "default_db_path", "count_words"]


class Store:
    def __init__(self, conn: sqlite3.Connection, path: Path | None, *, read_only: bool = False,
                 problem: str = "") -> None:
        self.conn = conn
        self.path = path
        self.read_only = read_only
        self.problem = problem  # why the store is read-only, "" when it is not
        self.drafts = Drafts(conn)
        self.decisions = Decisions(conn)
        self.dictionary = Dictionary(conn)
        self.sources = Sources(conn)
        self.exports = Exports(conn)
        self.settings = Settings(conn)
        self.sites = SiteLinks(conn)

    @classmethod
    def open(cls, path: str | Path | None = None, *, check: bool = True,
             migrations: Sequence[Callable] | None = None) -> "Store":
        """Open (creating or migrating) the database at ``path``.

        With ``check``, a quick integrity check runs first; a database that fails
        it is opened read-only with ``problem`` set, so nothing more is written
        to it until the user restores a backup. ``migrations`` replaces
        ``database.MIGRATIONS`` (tests: a schema with more versions).
        """
        path = Path(path) if path is not None else default_db_path()
        if path.exists() and path.is_dir():
            raise StoreError(f"{path} is a folder, not a database file")
        if path.exists() and not database.writable(path):  # a read-only mount or folder: read what is there
            ro = database.connect(path, read_only=True)
            return cls(ro, path, read_only=True, problem=f"{path} cannot be written here (read-only folder or file)")
        conn = database.connect(path)
        if check and path.exists() and path.stat().st_size > 0:
            result = database.quick_check(conn)
            if result != "ok":
                conn.close()
                ro = database.connect(path, read_only=True)
                return cls(ro, path, read_only=True, problem=f"the database failed its integrity check: {result}")
        try:
            database.migrate(conn, path, migrations)
        except sqlite3.DatabaseError as exc:
            conn.close()
            raise StoreError(f"cannot use the database {path}: {exc}") from None
        return cls(conn, path)

    def backup(self, reason: str = "manual") -> Path:
        if self.path is None:
            raise StoreError("an in-memory database has no backups")
        return database.backup(self.conn, self.path, reason)

    def start_daily_backup(self, on_done: Callable[[Path | None, str], None] | None = None):
        """Take today's backup in the background unless there is one already
        (``database.daily_backup``); nothing for a read-only (damaged) store,
        whose copy must not push a good backup out of the rotation.
        Returns the thread, or None when no backup is attempted."""
        if self.path is None or self.read_only:
            return None
        return database.start_daily_backup(self.path, on_done)

    def close(self) -> None:
        try:
            self.conn.close()
        except sqlite3.Error:
            pass

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()
