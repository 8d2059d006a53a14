"""Site workspaces in the store: which folders are open as sites, and for each
post file the draft it is linked to and the text as last synced.

The last synced text (``base``) is what both sides started from: when the
draft and the file have both changed since, it is the base of the three-way
merge. ``synced_version`` is the draft's version at that moment, so "changed
in deskeditor" is one integer comparison; ``mtime_ns`` and ``size`` are the
file's at that moment, so "changed on disk" needs no read unless they moved.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from dataclasses import dataclass, field
from typing import Any, Iterable

from ..errors import InputError
from .database import now
from .table import Table


def text_hash(text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


@dataclass
class SiteRoot:
    id: int
    root: str
    kind: str  # "hugo" or "jekyll"
    opened: str
    settings: dict[str, Any] = field(default_factory=dict)


@dataclass
class SiteFile:
    id: int
    site_id: int
    path: str  # relative to the site's root, with "/"
    draft_id: int
    base: str
    base_hash: str
    synced_version: int
    mtime_ns: int
    size: int
    eol: str = "\n"
    bom: bool = False
    conflict: dict[str, Any] = field(default_factory=dict)  # {"theirs", "base", "origin"} while unresolved


def _file(row: sqlite3.Row) -> SiteFile:
    data = dict(row)
    data["bom"] = bool(data.get("bom"))
    data["conflict"] = json.loads(data.get("conflict") or "{}")
    return SiteFile(**data)


class SiteLinks(Table):
    """The ``site_roots`` and ``site_files`` tables (errors come out as ``StoreError``)."""

    # -- sites ---------------------------------------------------------------
    def root(self, root: str) -> SiteRoot | None:
        row = self.conn.execute("SELECT * FROM site_roots WHERE root = ?", (root,)).fetchone()
        if row is None:
            return None
        return SiteRoot(row["id"], row["root"], row["kind"], row["opened"], json.loads(row["settings"] or "{}"))

    def roots(self) -> list[SiteRoot]:
        rows = self.conn.execute("SELECT * FROM site_roots ORDER BY root")
        return [SiteRoot(r["id"], r["root"], r["kind"], r["opened"], json.loads(r["settings"] or "{}"))
                for r in rows]

    def add_root(self, root: str, kind: str, settings: dict[str, Any]) -> SiteRoot:
        found = self.root(root)
        blob = json.dumps(settings, ensure_ascii=False, default=str)
        if found is None:
            self.conn.execute("INSERT INTO site_roots (root, kind, opened, settings) VALUES (?, ?, ?, ?)",
                              (root, kind, now(), blob))
        else:
            self.conn.execute("UPDATE site_roots SET kind = ?, opened = ?, settings = ? WHERE id = ?",
                              (kind, now(), blob, found.id))
        return self.root(root)  # type: ignore[return-value]

    # -- files -----------------------------------------------------------------
    def files(self, site_id: int) -> list[SiteFile]:
        rows = self.conn.execute("SELECT * FROM site_files WHERE site_id = ? ORDER BY path", (site_id,))
        return [_file(r) for r in rows]

    def file_of_draft(self, draft_id: int) -> SiteFile | None:
        row = self.conn.execute("SELECT * FROM site_files WHERE draft_id = ?", (draft_id,)).fetchone()
        return _file(row) if row else None

    def file(self, site_id: int, path: str) -> SiteFile | None:
        row = self.conn.execute("SELECT * FROM site_files WHERE site_id = ? AND path = ?",
                                (site_id, path)).fetchone()
        return _file(row) if row else None

    def link(self, site_id: int, path: str, draft_id: int, base: str, synced_version: int,
             mtime_ns: int, size: int, eol: str = "\n", bom: bool = False) -> None:
        self.conn.execute(
            "INSERT INTO site_files (site_id, path, draft_id, base, base_hash, synced_version, mtime_ns,"
            " size, eol, bom, conflict) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '')"
            " ON CONFLICT (site_id, path) DO UPDATE SET draft_id = excluded.draft_id, base = excluded.base,"
            " base_hash = excluded.base_hash, synced_version = excluded.synced_version,"
            " mtime_ns = excluded.mtime_ns, size = excluded.size, eol = excluded.eol, bom = excluded.bom,"
            " conflict = ''",
            (site_id, path, draft_id, base, text_hash(base), synced_version, mtime_ns, size, eol, int(bom)))

    def synced(self, file_id: int, base: str, synced_version: int, mtime_ns: int, size: int) -> None:
        """Both sides now hold ``base``: it is the new base, and no conflict is left."""
        self.conn.execute(
            "UPDATE site_files SET base = ?, base_hash = ?, synced_version = ?, mtime_ns = ?, size = ?,"
            " conflict = '' WHERE id = ?",
            (base, text_hash(base), synced_version, mtime_ns, size, file_id))

    def touch(self, file_id: int, mtime_ns: int, size: int) -> None:
        """The file was rewritten with the same text: remember its new stat only."""
        self.conn.execute("UPDATE site_files SET mtime_ns = ?, size = ? WHERE id = ?", (mtime_ns, size, file_id))

    def set_conflict(self, file_id: int, conflict: dict[str, Any]) -> None:
        self.conn.execute("UPDATE site_files SET conflict = ? WHERE id = ?",
                          (json.dumps(conflict, ensure_ascii=False), file_id))

    def move(self, file_id: int, path: str) -> None:
        self.conn.execute("UPDATE site_files SET path = ? WHERE id = ?", (path, file_id))

    def unlink(self, file_ids: Iterable[int]) -> None:
        self.conn.executemany("DELETE FROM site_files WHERE id = ?", [(i,) for i in file_ids])

    def site_of(self, root: str) -> SiteRoot:
        found = self.root(root)
        if found is None:
            raise InputError(f"{root} is not open as a site (deskeditor site open {root})")
        return found
