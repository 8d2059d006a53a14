"""LanguageTool's answers kept across launches, in a small SQLite file.

The checker caches answers in memory by (block text, request settings), so an
unchanged block is never sent twice in one session; without this file every
launch re-sent the whole draft (and the CLI started a JVM to hear the same
answers again). ``DiskMatchCache`` is that memory cache backed by
``<user cache>/grammar-cache.sqlite``: a block answered once is answered from
disk on the next launch.

An answer depends on the block's text, the request settings (language, picky,
disabled rules) and the LanguageTool version, so all three are in the key, with
the shape of a stored match (a new field invalidates old rows). Only the local
server's answers are kept: its version is known before anything is sent,
while a configured or public server may be upgraded behind our back. The file
is a cache: it holds at most ``MAX_ROWS`` answers (the oldest go first), any
SQLite problem turns it off for the session (the memory cache goes on), a
damaged file is replaced, and ``DESKEDITOR_GRAMMAR_CACHE`` names another file
or turns it off (``off``) for writers who keep no drafts' traces on disk.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import sqlite3
import threading
import time
from pathlib import Path

from platformdirs import user_cache_dir

from .checker import CACHE_SIZE, MatchCache, SegMatch, to_segment_matches
from .client import RawMatch
from .settings import GrammarSettings

ENV = "DESKEDITOR_GRAMMAR_CACHE"
FILE_NAME = "grammar-cache.sqlite"
MAX_ROWS = 50_000
_SHAPE = ",".join(f.name for f in dataclasses.fields(RawMatch))
_SCHEMA = """
CREATE TABLE IF NOT EXISTS answers (
    key TEXT PRIMARY KEY,   -- sha256 of [namespace, block text, request settings]
    matches TEXT NOT NULL,  -- JSON list of RawMatch fields
    created REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS answers_created ON answers(created);
"""


def default_path() -> Path | None:
    """The cache file: ``$DESKEDITOR_GRAMMAR_CACHE`` (``off``: none), else the user cache folder's."""
    chosen = os.environ.get(ENV, "").strip()
    if chosen.lower() in ("off", "0", "no", "none"):
        return None
    return Path(chosen).expanduser() if chosen else Path(user_cache_dir("deskeditor")) / FILE_NAME


def cache_for(settings: GrammarSettings, server, path: Path | None = None) -> MatchCache:
    """The cache a ``GrammarEngine`` for ``server`` should use: on disk for the
    local LanguageTool, in memory for any other server or without a file."""
    path = path if path is not None else default_path()
    if path is None or getattr(server, "kind", "") not in ("local", "background"):
        return MatchCache()
    return DiskMatchCache(path, namespace=f"local LanguageTool {settings.version}")


class DiskMatchCache(MatchCache):
    """The memory LRU in front of a SQLite table; thread-safe like its base."""

    def __init__(self, path: Path, namespace: str, size: int = CACHE_SIZE, max_rows: int = MAX_ROWS) -> None:
        super().__init__(size)
        self.path = Path(path)
        self.namespace = f"{namespace}|{_SHAPE}"
        self._db_lock = threading.Lock()
        self._db = self._open(max_rows)

    def get(self, key: tuple) -> tuple[SegMatch, ...] | None:
        found = super().get(key)
        if found is not None or self._db is None:
            return found
        row = self._query("SELECT matches FROM answers WHERE key = ?", (self._digest(key),))
        if row is None:
            return None
        try:
            raws = [RawMatch(**{**m, "replacements": tuple(m["replacements"])}) for m in json.loads(row[0])]
        except (ValueError, TypeError, KeyError):
            return None
        found = to_segment_matches(key[0], raws)
        super().put(key, found)
        return found

    def put(self, key: tuple, value: tuple[SegMatch, ...]) -> None:
        super().put(key, value)
        if self._db is not None:
            matches = json.dumps([dataclasses.asdict(m.raw) for m in value], ensure_ascii=False)
            self._query("INSERT OR REPLACE INTO answers (key, matches, created) VALUES (?, ?, ?)",
                        (self._digest(key), matches, time.time()))

    def close(self) -> None:
        with self._db_lock:
            if self._db is not None:
                self._db.close()
                self._db = None

    # -- internals ------------------------------------------------------------------
    def _digest(self, key: tuple) -> str:
        return hashlib.sha256(json.dumps([self.namespace, *key], ensure_ascii=False).encode()).hexdigest()

    def _open(self, max_rows: int) -> sqlite3.Connection | None:
        for attempt in (1, 2):
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                db = sqlite3.connect(self.path, timeout=2.0, isolation_level=None, check_same_thread=False)
                try:
                    db.executescript("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;" + _SCHEMA)
                    os.chmod(self.path, 0o600)  # answers quote unpublished drafts
                    db.execute("DELETE FROM answers WHERE key IN (SELECT key FROM answers "
                               "ORDER BY created DESC LIMIT -1 OFFSET ?)", (max_rows,))
                    return db
                except sqlite3.DatabaseError:
                    db.close()
                    raise
            except sqlite3.DatabaseError:
                if attempt == 1 and self.path.name == FILE_NAME and self.path.is_file():
                    # damaged, and by its name our own: it is only a cache, start afresh
                    for suffix in ("", "-wal", "-shm"):
                        Path(f"{self.path}{suffix}").unlink(missing_ok=True)
                    continue
                return None
            except OSError:
                return None
        return None

    def _query(self, sql: str, params: tuple) -> tuple | None:
        with self._db_lock:
            if self._db is None:
                return None
            try:
                return self._db.execute(sql, params).fetchone()
            except sqlite3.Error:
                self._db.close()
                self._db = None  # off for this session; the memory cache goes on
                return None
