"""Which draft holds which WordPress post, and what each site's lists were.

``wp_posts`` links a draft to a remote post (site name + post id) and keeps
what both sides held at the last sync: the draft's text (``base``, the base of
a three-way merge), the post's ``content.raw`` (``base_raw``, so unchanged
blocks go back byte-identical) and the post's ``modified_gmt`` (a different
one on the server means someone else edited it since). Its ``status`` is the
post's on the server, or "trash" / "deleted" once a pull or a publish found it
gone (the draft and the base are kept: nothing stored is lost).

``wp_sites`` keeps per site the categories, tags, users and media last
fetched (so choosing them works offline), the site's time zone and the pull
watermarks.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field
from typing import Any

from ..store.database import now


def create_tables(db) -> None:  # db: sqlite_utils.Database
    db["wp_posts"].create(
        {"id": int, "site": str, "remote_id": int, "draft_id": int, "link": str, "status": str,
         "modified_gmt": str, "base": str, "base_raw": str, "synced_version": int, "conflict": str,
         "synced": str},
        pk="id", foreign_keys=[("draft_id", "drafts", "id")],
        defaults={"conflict": "", "link": "", "status": "", "base_raw": ""}, if_not_exists=True)
    db["wp_posts"].create_index(["site", "remote_id"], unique=True, if_not_exists=True)
    db["wp_posts"].create_index(["draft_id"], if_not_exists=True)
    db["wp_sites"].create({"site": str, "data": str}, pk="site", if_not_exists=True)


@dataclass
class PostLink:
    id: int
    site: str
    remote_id: int
    draft_id: int
    link: str
    status: str
    modified_gmt: str
    base: str
    base_raw: str
    synced_version: int
    conflict: dict[str, Any] = field(default_factory=dict)  # {"theirs", "raw", "modified_gmt"} while unresolved
    synced: str = ""


def _link(row: sqlite3.Row) -> PostLink:
    data = dict(row)
    data["conflict"] = json.loads(data.get("conflict") or "{}")
    return PostLink(**data)


class WordPressLinks:
    """The ``wp_posts`` and ``wp_sites`` tables."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def by_remote(self, site: str, remote_id: int) -> PostLink | None:
        row = self.conn.execute("SELECT * FROM wp_posts WHERE site = ? AND remote_id = ?",
                                (site, int(remote_id))).fetchone()
        return _link(row) if row else None

    def of_draft(self, draft_id: int, site: str | None = None) -> PostLink | None:
        sql, args = "SELECT * FROM wp_posts WHERE draft_id = ?", [draft_id]
        if site is not None:
            sql += " AND site = ?"
            args.append(site)
        row = self.conn.execute(sql + " ORDER BY id", args).fetchone()
        return _link(row) if row else None

    def sites(self) -> list[str]:
        """The WordPress sites that have pulled or published posts here."""
        return [r[0] for r in self.conn.execute("SELECT DISTINCT site FROM wp_posts ORDER BY site")]

    def all(self, site: str) -> list[PostLink]:
        rows = self.conn.execute("SELECT * FROM wp_posts WHERE site = ? ORDER BY remote_id", (site,))
        return [_link(r) for r in rows]

    def modified_by_id(self, site: str) -> dict[int, str]:
        """remote id -> modified_gmt as last synced (cheap: no texts read)."""
        rows = self.conn.execute("SELECT remote_id, modified_gmt FROM wp_posts WHERE site = ?", (site,))
        return {r[0]: r[1] for r in rows}

    def base_raw(self, site: str, remote_id: int) -> str | None:
        row = self.conn.execute("SELECT base_raw FROM wp_posts WHERE site = ? AND remote_id = ?",
                                (site, int(remote_id))).fetchone()
        return row[0] if row else None

    def save(self, site: str, remote_id: int, draft_id: int, *, link: str, status: str, modified_gmt: str,
             base: str, base_raw: str, synced_version: int) -> None:
        """Both sides now hold ``base``/``base_raw``: the new merge base, no conflict left."""
        self.conn.execute(
            "INSERT INTO wp_posts (site, remote_id, draft_id, link, status, modified_gmt, base, base_raw,"
            " synced_version, conflict, synced) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, '', ?)"
            " ON CONFLICT (site, remote_id) DO UPDATE SET draft_id = excluded.draft_id, link = excluded.link,"
            " status = excluded.status, modified_gmt = excluded.modified_gmt, base = excluded.base,"
            " base_raw = excluded.base_raw, synced_version = excluded.synced_version, conflict = '',"
            " synced = excluded.synced",
            (site, int(remote_id), draft_id, link, status, modified_gmt, base, base_raw, synced_version, now()))

    def set_conflict(self, link_id: int, conflict: dict[str, Any]) -> None:
        self.conn.execute("UPDATE wp_posts SET conflict = ? WHERE id = ?",
                          (json.dumps(conflict, ensure_ascii=False), link_id))

    def set_status(self, link_id: int, status: str) -> None:
        """The post's status on the server, and nothing else: a post found deleted
        ("deleted") or in the trash ("trash") keeps its base and its draft as they were."""
        self.conn.execute("UPDATE wp_posts SET status = ? WHERE id = ?", (status, link_id))

    def remove(self, link_id: int) -> None:
        self.conn.execute("DELETE FROM wp_posts WHERE id = ?", (link_id,))

    # -- per-site cache -------------------------------------------------------
    def site_data(self, site: str) -> dict[str, Any]:
        row = self.conn.execute("SELECT data FROM wp_sites WHERE site = ?", (site,)).fetchone()
        return json.loads(row[0]) if row else {}

    def update_site_data(self, site: str, **values: Any) -> dict[str, Any]:
        data = self.site_data(site)
        data.update(values)
        self.conn.execute("INSERT INTO wp_sites (site, data) VALUES (?, ?) ON CONFLICT (site) DO UPDATE"
                          " SET data = excluded.data", (site, json.dumps(data, ensure_ascii=False)))
        return data
