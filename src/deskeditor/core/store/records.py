"""The smaller tables: review decisions, the personal dictionary, sources,
export records and settings. Each is a thin class over one table."""

from __future__ import annotations

import json
from typing import Any

from ..errors import InputError
from ..model import Finding, Source
from .database import now
from .table import Table


class Decisions(Table):
    """An editor's review of findings: dismissed (with a reason) or applied.

    Keyed by ``Finding.key(source)``, which hashes the flagged text and its
    context rather than offsets, so a decision survives edits elsewhere.
    """

    def record(self, draft_id: int, finding: Finding, source: str, decision: str = "dismissed",
               reason: str = "") -> str:
        key = finding.key(source)
        self.conn.execute(
            "INSERT INTO decisions (draft_id, finding_key, engine, rule, text, decision, reason, created) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(draft_id, finding_key) DO UPDATE SET "
            "decision = excluded.decision, reason = excluded.reason, created = excluded.created",
            (draft_id, key, finding.engine, finding.rule, finding.text(source), decision, reason, now()),
        )
        return key

    def undo(self, draft_id: int, finding_key: str) -> None:
        self.conn.execute("DELETE FROM decisions WHERE draft_id = ? AND finding_key = ?",
                          (draft_id, finding_key))

    def for_draft(self, draft_id: int) -> dict[str, dict[str, Any]]:
        rows = self.conn.execute("SELECT * FROM decisions WHERE draft_id = ? ORDER BY id", (draft_id,))
        return {r["finding_key"]: dict(r) for r in rows}

    def record_all(self, draft_id: int, findings: list[Finding], source: str, decision: str = "dismissed",
                   reason: str = "") -> list[str]:
        """One decision for every occurrence ("dismiss all"), in one transaction."""
        from .drafts import _transaction

        with _transaction(self.conn):
            return [self.record(draft_id, f, source, decision, reason) for f in findings]

    def dismissed_keys(self, draft_id: int) -> set[str]:
        rows = self.conn.execute(
            "SELECT finding_key FROM decisions WHERE draft_id = ? AND decision = 'dismissed'", (draft_id,))
        return {r[0] for r in rows}


class Dictionary(Table):
    """The personal dictionary: words never flagged as misspelt.

    A word belongs to every draft (the default), to one draft ("Ignore in this
    draft": ``draft_id``) or to one site (``site``: a column ready for the
    site workspace). ``words_for`` gives what applies to a draft. An entry
    covers every occurrence of the word, present and future.
    """

    def add(self, word: str, *, draft_id: int | None = None, site: str = "") -> None:
        word = word.strip()
        if not word or any(c.isspace() for c in word):
            raise InputError(f"not a single word: {word!r}")
        self.conn.execute("INSERT OR IGNORE INTO dictionary (word, draft_id, site, created) VALUES (?, ?, ?, ?)",
                          (word, draft_id or 0, site, now()))

    def remove(self, word: str, *, draft_id: int | None = None, site: str = "") -> None:
        self.conn.execute("DELETE FROM dictionary WHERE word = ? AND draft_id = ? AND site = ?",
                          (word, draft_id or 0, site))

    def words(self) -> list[str]:
        """The words of every draft (the global scope)."""
        return [r[0] for r in self.conn.execute(
            "SELECT word FROM dictionary WHERE draft_id = 0 AND site = '' ORDER BY word COLLATE NOCASE")]

    def draft_words(self, draft_id: int) -> list[str]:
        """The words ignored in one draft only."""
        return [r[0] for r in self.conn.execute(
            "SELECT word FROM dictionary WHERE draft_id = ? ORDER BY word COLLATE NOCASE", (draft_id,))]

    def words_for(self, draft_id: int | None = None, site: str = "") -> list[str]:
        """Every word that applies to a draft: global, its own, its site's."""
        rows = self.conn.execute(
            "SELECT DISTINCT word FROM dictionary WHERE (draft_id = 0 AND site = '') OR (draft_id = ? AND ? > 0) "
            "OR (site = ? AND ? != '') ORDER BY word COLLATE NOCASE", (draft_id or 0, draft_id or 0, site, site))
        return [r[0] for r in rows]


class Sources(Table):
    """Sources as CSL-JSON with a citation key, shared by all drafts."""

    def put(self, key: str, csl: dict[str, Any]) -> Source:
        """Insert or replace the source with ``key``."""
        if not key:
            raise InputError("a source needs a key")
        csl = dict(csl, id=key)
        stamp = now()
        self.conn.execute(
            "INSERT INTO sources (key, csl, created, updated) VALUES (?, ?, ?, ?) "
            "ON CONFLICT(key) DO UPDATE SET csl = excluded.csl, updated = excluded.updated",
            (key, json.dumps(csl, ensure_ascii=False), stamp, stamp),
        )
        return self.get(key)

    def get(self, key: str) -> Source:
        row = self.conn.execute("SELECT id, key, csl FROM sources WHERE key = ?", (key,)).fetchone()
        if row is None:
            raise InputError(f"no source with key {key!r}")
        return Source(row["key"], json.loads(row["csl"]), row["id"])

    def find(self, key: str) -> Source | None:
        try:
            return self.get(key)
        except InputError:
            return None

    def all(self) -> list[Source]:
        rows = self.conn.execute("SELECT id, key, csl FROM sources ORDER BY key COLLATE NOCASE")
        return [Source(r["key"], json.loads(r["csl"]), r["id"]) for r in rows]

    def delete(self, key: str) -> None:
        self.conn.execute("DELETE FROM sources WHERE key = ?", (key,))


class Exports(Table):
    def record(self, draft_id: int, fmt: str, target: str, revision: int) -> None:
        self.conn.execute(
            "INSERT INTO exports (draft_id, created, format, target, revision) VALUES (?, ?, ?, ?, ?)",
            (draft_id, now(), fmt, target, revision),
        )

    def for_draft(self, draft_id: int) -> list[dict[str, Any]]:
        rows = self.conn.execute("SELECT * FROM exports WHERE draft_id = ? ORDER BY id DESC", (draft_id,))
        return [dict(r) for r in rows]


class Settings(Table):
    """Settings stored in the database (JSON values), passed around as an object."""

    def get(self, key: str, default: Any = None) -> Any:
        row = self.conn.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
        return json.loads(row[0]) if row else default

    def set(self, key: str, value: Any) -> None:
        self.conn.execute(
            "INSERT INTO settings (key, value) VALUES (?, ?) "
            "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            (key, json.dumps(value, ensure_ascii=False)),
        )

    def all(self) -> dict[str, Any]:
        return {r[0]: json.loads(r[1]) for r in self.conn.execute("SELECT key, value FROM settings")}
