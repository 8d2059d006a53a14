"""Drafts and their revisions, full-text search and the trash.

Every save that changes a draft's text writes the new text and a revision in
one transaction. A revision holds the full text (zlib-compressed), so any
revision restores exactly and on its own; restoring writes a new revision and
destroys none. A save names the version it was based on; if the draft was
saved elsewhere since, ``ConflictError`` is raised instead of a lost update.
"""

from __future__ import annotations

import datetime as _dt
import functools
import json
import re
import sqlite3
import zlib
from dataclasses import fields as dc_fields
from typing import Any, Iterable

from ..errors import ConflictError, InputError
from ..markdown import frontmatter
from ..markdown.outline import first_heading
from ..markdown.parser import slugify
from ..model import STATUSES, Draft, Revision
from ..text.chunks import pieces
from .database import generation, now
from .table import Table, store_error

_JSON_FIELDS = ("related_keyphrases", "tags", "categories")
AUTOSAVE = "autosave"  # the note the window's autosave gives its saves
AUTOSAVE_WINDOW_S = 600
MAX_QUERY_TERMS = 16  # each term is a prefix match ANDed with the rest: a pasted page would take minutes
MAX_TERM_CHARS = 64
_DRAFT_COLUMNS = [f.name for f in dc_fields(Draft)]
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_SURROGATE = re.compile("[\ud800-\udfff]")


def _valid_text(body: str) -> str:
    """Lone surrogates (which a clipboard or a broken file can bring) are not
    text SQLite can store; each becomes U+FFFD, the replacement character."""
    try:
        body.encode("utf-8")  # fast; a regex search over 25 MB would hold the GIL for a second
        return body
    except UnicodeEncodeError:
        return _SURROGATE.sub("\ufffd", body)


@functools.lru_cache(maxsize=128)  # pieces of 16 Ki characters: a 2 MB draft's, at most a few MB kept
def _words_in(piece: str) -> int:
    return len(_WORD.findall(piece))


def count_words(text: str) -> int:
    """Words in ``text``'s body, piece by piece (``core.text.chunks``): an
    autosave after a keystroke counts only the piece that changed, so the save
    thread holds the GIL (which the window's keystrokes wait for) a fraction
    of a millisecond instead of four."""
    return sum(_words_in(piece) for piece in pieces(frontmatter.body_of(text)))


def _row_to_draft(row: sqlite3.Row | dict) -> Draft:
    data = {k: row[k] for k in _DRAFT_COLUMNS if k in row.keys()}
    for k in _JSON_FIELDS:
        data[k] = json.loads(data.get(k) or "[]")
    return Draft(**data)


def _fields_of(body: str, fallback: dict[str, Any]) -> dict[str, Any]:
    """Draft fields read from the body's front matter; a front matter that does
    not parse (the writer is half-way through typing it) keeps ``fallback``."""
    try:
        fm = frontmatter.split(body)
    except InputError:
        return dict(fallback)
    out = dict(fallback)
    found = frontmatter.fields_from(fm)
    for fld in frontmatter.FIELD_KEYS:
        if fld in found:
            out[fld] = found[fld]
        elif fm.present:
            out[fld] = [] if fld in frontmatter.LIST_FIELDS else ("draft" if fld == "status" else "")
    if out.get("status") not in STATUSES:
        out["status"] = "review" if out.get("status") in ("in review", "in-review") else "draft"
    return out


def _columns(body: str, fallback: dict[str, Any], old_title: str = "") -> dict[str, Any]:
    """The columns mirrored from ``body``'s front matter (``fallback`` for what
    it lacks), as stored: a missing title is the first heading (else
    ``old_title``), a missing slug is made from the title, lists are JSON."""
    values = _fields_of(body, fallback)
    if not values.get("title"):
        values["title"] = first_heading(body) or old_title or "Untitled"
    if not values.get("slug"):
        values["slug"] = slugify(values["title"])
    row = {k: v for k, v in values.items() if k in _DRAFT_COLUMNS}
    for k in _JSON_FIELDS:
        row[k] = json.dumps(row.get(k) or [], ensure_ascii=False)
    return row


class Drafts(Table):
    def __init__(self, conn: sqlite3.Connection) -> None:
        super().__init__(conn)
        self._generation = generation(conn)  # the restore generation the drafts were loaded in

    # -- reading ---------------------------------------------------------
    def get(self, draft_id: int) -> Draft:
        row = self.conn.execute("SELECT * FROM drafts WHERE id = ?", (draft_id,)).fetchone()
        if row is None:
            raise InputError(f"no draft with id {draft_id}")
        return _row_to_draft(row)

    def require(self, draft_id: int) -> None:
        """Raise ``InputError`` unless draft ``draft_id`` exists (without
        reading its body, which can be 25 MB)."""
        if self.conn.execute("SELECT 1 FROM drafts WHERE id = ?", (draft_id,)).fetchone() is None:
            raise InputError(f"no draft with id {draft_id}")

    def list(self, status: str | None = None, *, trashed: bool = False) -> list[Draft]:
        return [_row_to_draft(r) for r in self._listed("*", status, trashed)]

    def labels(self) -> tuple[list[str], list[str]]:
        """Every category and every tag the drafts use (with repeats), read
        without their bodies: for completion in the window."""
        categories: list[str] = []
        tags: list[str] = []
        for cats, tgs in self._listed("categories, tags", None, False):
            categories.extend(json.loads(cats or "[]"))
            tags.extend(json.loads(tgs or "[]"))
        return categories, tags

    def summaries(self, status: str | None = None, *, trashed: bool = False) -> list[dict[str, Any]]:
        """id, title, status, updated and word-free metadata: cheap for the library list."""
        return [dict(r) for r in self._listed("id, title, slug, status, updated, keyphrase", status, trashed)]

    def _listed(self, columns: str, status: str | None, trashed: bool):
        """``columns`` of the drafts in (or out of) the trash, with ``status``
        if given, the latest changed first: the library's order."""
        sql = f"SELECT {columns} FROM drafts WHERE (trashed != '') = ?"
        args: list[Any] = [trashed]
        if status:
            sql += " AND status = ?"
            args.append(status)
        return self.conn.execute(sql + " ORDER BY updated DESC, id DESC", args)

    def focus_keyphrases(self, exclude_id: int | None = None) -> list[tuple[int, str]]:
        rows = self.conn.execute(
            "SELECT id, keyphrase FROM drafts WHERE keyphrase != '' AND trashed = '' AND id != ?",
            (exclude_id or -1,),
        )
        return [(r[0], r[1]) for r in rows]

    def vocabulary(self, exclude_id: int | None = None) -> frozenset[str]:
        """The (casefolded) words of the drafts other than ``exclude_id``, read
        from the full-text index's vocabulary: the grammar checker takes a
        word the writer uses in other posts for a name or a term, not a typo."""
        self.conn.execute("CREATE VIRTUAL TABLE IF NOT EXISTS temp.drafts_vocab "
                          "USING fts5vocab(main, drafts_fts, 'row')")
        rows = self.conn.execute("SELECT term, doc FROM temp.drafts_vocab").fetchall()
        if exclude_id is None:
            return frozenset(r[0] for r in rows)
        own_body = self.conn.execute("SELECT title || ' ' || body FROM drafts WHERE id = ?",
                                     (exclude_id,)).fetchone()
        own = set(re.findall(r"\w+", own_body[0].casefold())) if own_body else set()
        return frozenset(t for t, n in rows if n >= 2 or t not in own)

    # -- writing ---------------------------------------------------------
    def create(self, body: str = "", **fields: Any) -> Draft:
        """A new draft from ``body``; ``fields`` are written into its front matter."""
        body = _valid_text(body)
        if fields:
            body = frontmatter.with_fields(body, **fields)
        row = _columns(body, {"status": "draft"})
        stamp = now()
        row.update(body=body, created=stamp, updated=stamp, version=1)
        with _transaction(self.conn):
            cols = ", ".join(row)
            marks = ", ".join("?" for _ in row)
            cur = self.conn.execute(f"INSERT INTO drafts ({cols}) VALUES ({marks})", list(row.values()))
            draft_id = cur.lastrowid
            self._add_revision(draft_id, body, "", "created", stamp)
        return self.get(draft_id)

    def save(self, draft_id: int, body: str, *, expected_version: int | None = None,
             note: str = "") -> Draft:
        """Store ``body`` as the draft's text with a new revision.

        Nothing is written when the text is unchanged. ``expected_version`` is
        the version the caller loaded; a draft saved elsewhere since raises
        ``ConflictError`` and nothing is written.
        """
        body = _valid_text(body)
        with _transaction(self.conn):
            row = self.conn.execute("SELECT * FROM drafts WHERE id = ?", (draft_id,)).fetchone()
            if row is None:
                raise InputError(f"no draft with id {draft_id}")
            current_generation = generation(self.conn)
            if expected_version is not None and current_generation != self._generation:
                self._generation = current_generation  # said once; a reloaded draft saves again
                raise ConflictError(f"the database was restored from a backup since draft {draft_id} was "
                                    "loaded: this text was not saved over the restored one")
            if expected_version is not None and row["version"] != expected_version:
                raise ConflictError(
                    f"draft {draft_id} was changed elsewhere (version {row['version']}, "
                    f"this copy is version {expected_version})"
                )
            if row["body"] == body:
                return _row_to_draft(row)
            current = _row_to_draft(row)
            sets = _columns(body, {k: getattr(current, k) for k in frontmatter.FIELD_KEYS}, current.title)
            stamp = now()
            sets.update(body=body, updated=stamp, version=row["version"] + 1)
            assign = ", ".join(f"{k} = ?" for k in sets)
            self.conn.execute(f"UPDATE drafts SET {assign} WHERE id = ?", [*sets.values(), draft_id])
            if not (note == AUTOSAVE and self._refresh_autosave(draft_id, body, stamp)):
                self._add_revision(draft_id, body, row["body"], note, stamp)
        # the row as written, without reading a 25 MB body back (its decoding holds the GIL)
        return _row_to_draft({**{k: row[k] for k in row.keys()}, **sets})

    def set_fields(self, draft_id: int, *, expected_version: int | None = None, **fields: Any) -> Draft:
        """Change draft fields (title, keyphrase, ...) by rewriting the front matter."""
        draft = self.get(draft_id)
        body = frontmatter.with_fields(draft.body, **fields)
        return self.save(draft_id, body, expected_version=expected_version, note="fields")

    def set_cursor(self, draft_id: int, cursor: int) -> None:
        self.conn.execute("UPDATE drafts SET cursor = ? WHERE id = ?", (cursor, draft_id))

    def cursor(self, draft_id: int) -> int:
        row = self.conn.execute("SELECT cursor FROM drafts WHERE id = ?", (draft_id,)).fetchone()
        return row[0] if row else 0

    def set_remote(self, draft_id: int, remote: dict[str, Any]) -> None:
        self.conn.execute("UPDATE drafts SET remote = ? WHERE id = ?", (json.dumps(remote), draft_id))

    def remote(self, draft_id: int) -> dict[str, Any]:
        row = self.conn.execute("SELECT remote FROM drafts WHERE id = ?", (draft_id,)).fetchone()
        return json.loads(row[0] or "{}") if row else {}

    def duplicate(self, draft_id: int) -> Draft:
        src = self.get(draft_id)
        title = f"{src.title} (copy)"
        body = frontmatter.with_fields(src.body, title=title, slug=slugify(title)) if \
            frontmatter.split(src.body).present else src.body
        return self.create(body, **({} if body is not src.body else {"title": title}))

    def trash(self, draft_id: int) -> None:
        self.require(draft_id)
        self.conn.execute("UPDATE drafts SET trashed = ? WHERE id = ?", (now(), draft_id))

    def restore(self, draft_id: int) -> None:
        self.require(draft_id)
        self.conn.execute("UPDATE drafts SET trashed = '' WHERE id = ?", (draft_id,))

    # -- revisions -------------------------------------------------------
    def _refresh_autosave(self, draft_id: int, body: str, stamp: str) -> bool:
        """Fold an autosave into the latest revision when that one is an autosave
        younger than ``AUTOSAVE_WINDOW_S`` (and not the first revision), so a
        writing session leaves a revision every ten minutes, not one per pause.
        Saves the writer asks for (Ctrl+S), restores and imports always add one."""
        last = self.conn.execute(
            "SELECT id, number, note, created FROM revisions WHERE draft_id = ? "
            "ORDER BY number DESC LIMIT 1", (draft_id,)).fetchone()
        if last is None or last["note"] != AUTOSAVE or last["number"] <= 1:
            return False
        try:
            age = (_dt.datetime.fromisoformat(stamp) - _dt.datetime.fromisoformat(last["created"])).total_seconds()
        except ValueError:
            return False
        if not 0 <= age < AUTOSAVE_WINDOW_S:
            return False
        before = self.conn.execute("SELECT size FROM revisions WHERE draft_id = ? AND number = ?",
                                   (draft_id, last["number"] - 1)).fetchone()
        self.conn.execute(
            "UPDATE revisions SET body = ?, words = ?, size = ?, delta = ? WHERE id = ?",
            (zlib.compress(body.encode("utf-8", "surrogatepass"), 6), count_words(body), len(body),
             len(body) - (before["size"] if before else 0), last["id"]))
        return True

    def _add_revision(self, draft_id: int, body: str, previous: str, note: str, stamp: str) -> None:
        number = self.conn.execute(
            "SELECT COALESCE(MAX(number), 0) + 1 FROM revisions WHERE draft_id = ?", (draft_id,)
        ).fetchone()[0]
        self.conn.execute(
            "INSERT INTO revisions (draft_id, number, created, body, words, size, delta, note) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (draft_id, number, stamp, zlib.compress(body.encode("utf-8", "surrogatepass"), 6),
             count_words(body), len(body), len(body) - len(previous), note),
        )

    def history(self, draft_id: int) -> list[Revision]:
        self.require(draft_id)
        rows = self.conn.execute(
            "SELECT id, draft_id, number, created, words, size, delta, note FROM revisions "
            "WHERE draft_id = ? ORDER BY number DESC", (draft_id,)
        )
        return [Revision(**dict(r)) for r in rows]

    def revision_text(self, draft_id: int, number: int) -> str:
        row = self.conn.execute(
            "SELECT body FROM revisions WHERE draft_id = ? AND number = ?", (draft_id, number)
        ).fetchone()
        if row is None:
            raise InputError(f"draft {draft_id} has no revision {number}")
        return zlib.decompress(row[0]).decode("utf-8", "surrogatepass")

    def restore_revision(self, draft_id: int, number: int) -> Draft:
        text = self.revision_text(draft_id, number)
        draft = self.get(draft_id)
        if draft.body == text:
            return draft
        return self.save(draft_id, text, note=f"restored revision {number}")

    # -- search ----------------------------------------------------------
    def search(self, query: str, limit: int = 50, *, trashed: bool = False) -> list[dict[str, Any]]:
        """Drafts matching ``query``, best first, each with a snippet where the
        matches are wrapped in [ and ]. Every word is required; words of three
        letters or more also match as prefixes ("ceasefire" finds "ceasefires",
        "negotiat" finds "negotiations"). FTS syntax in the query is not
        interpreted, so any text is a safe query; only its first ``MAX_QUERY_TERMS``
        distinct words (cut to ``MAX_TERM_CHARS`` characters) are used."""
        words = re.findall(r"\w+", query[: MAX_QUERY_TERMS * (MAX_TERM_CHARS + 16)])
        terms = list(dict.fromkeys(w[:MAX_TERM_CHARS] for w in words))[:MAX_QUERY_TERMS]
        if not terms:
            return []
        fts = " ".join(f'"{t}"*' if len(t) >= 3 else f'"{t}"' for t in terms)
        rows = self.conn.execute(
            "SELECT d.id, d.title, d.status, d.updated, "
            "snippet(drafts_fts, 1, '[', ']', '…', 12) AS snippet "
            "FROM drafts_fts JOIN drafts d ON d.id = drafts_fts.rowid "
            "WHERE drafts_fts MATCH ? AND (d.trashed != '') = ? ORDER BY rank LIMIT ?",
            (fts, trashed, limit),
        )
        return [dict(r) for r in rows]


class _transaction:
    """BEGIN IMMEDIATE ... COMMIT, or ROLLBACK on any error (also KeyboardInterrupt)."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def __enter__(self):
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            raise store_error(exc) from None
        return self.conn

    def __exit__(self, exc_type, exc, tb):
        if exc_type is None:
            try:
                self.conn.execute("COMMIT")
            except sqlite3.OperationalError as err:
                self._rollback()
                raise store_error(err) from None
        else:
            self._rollback()
            if isinstance(exc, sqlite3.OperationalError):
                raise store_error(exc) from None
        return False

    def _rollback(self) -> None:
        # SQLite rolls back on its own after some errors (SQLITE_FULL, for one);
        # a second ROLLBACK would hide the real error behind "no transaction".
        if self.conn.in_transaction:
            self.conn.execute("ROLLBACK")


def iter_revisions_text(drafts: Drafts, draft_id: int) -> Iterable[tuple[int, str]]:
    for rev in drafts.history(draft_id):
        yield rev.number, drafts.revision_text(draft_id, rev.number)
