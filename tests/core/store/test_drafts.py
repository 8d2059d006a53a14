"""The draft store on a real SQLite file."""

from __future__ import annotations

import multiprocessing
import sqlite3

import pytest

from deskeditor.core.errors import ConflictError, InputError, StoreError
from deskeditor.core.store import Store, database

DOC = "---\ntitle: First post\ntags: [news, peace]\nfocus_keyphrase: ceasefire talks\n---\n\n# First post\n\nBody text about ceasefire talks.\n"


def test_create_reads_fields_from_front_matter(store):
    d = store.drafts.create(DOC)
    assert (d.title, d.slug, d.tags, d.keyphrase, d.status, d.version) == (
        "First post", "first-post", ["news", "peace"], "ceasefire talks", "draft", 1)
    assert store.drafts.get(d.id).body == DOC


def test_fields_written_into_front_matter_and_back(store):
    d = store.drafts.create("# Hello\n\nText.\n", title="Hello", status="review")
    assert d.body.startswith("---\ntitle: Hello\nstatus: review\n---\n")
    d2 = store.drafts.set_fields(d.id, keyphrase="hello world", meta_description="A description.")
    assert "focus_keyphrase: hello world" in d2.body and d2.keyphrase == "hello world"
    assert d2.meta_description == "A description." and d2.status == "review"
    d3 = store.drafts.save(d.id, d2.body.replace("status: review", "status: ready"))
    assert d3.status == "ready"


def test_every_save_is_a_revision_and_any_restores_exactly(store):
    d = store.drafts.create(DOC)
    texts = [DOC]
    for k in range(5):
        texts.append(texts[-1] + f"\nParagraph {k} with ünïcode 🎉.\n")
        d = store.drafts.save(d.id, texts[-1], expected_version=d.version)
    hist = store.drafts.history(d.id)
    assert [r.number for r in hist] == [6, 5, 4, 3, 2, 1]
    assert hist[0].delta == len(texts[5]) - len(texts[4]) and hist[0].words > hist[-1].words
    for number, text in enumerate(texts, start=1):
        assert store.drafts.revision_text(d.id, number) == text
    restored = store.drafts.restore_revision(d.id, 2)
    assert restored.body == texts[1]
    assert len(store.drafts.history(d.id)) == 7  # a new revision, none destroyed
    assert store.drafts.revision_text(d.id, 6) == texts[5]


def test_unchanged_save_writes_nothing(store):
    d = store.drafts.create(DOC)
    same = store.drafts.save(d.id, DOC)
    assert same.version == d.version and len(store.drafts.history(d.id)) == 1


def test_lost_update_is_refused(store):
    d = store.drafts.create(DOC)
    store.drafts.save(d.id, DOC + "\nmine\n", expected_version=d.version)
    with pytest.raises(ConflictError):
        store.drafts.save(d.id, DOC + "\ntheirs\n", expected_version=d.version)
    assert store.drafts.get(d.id).body == DOC + "\nmine\n"


def test_search_with_snippets_and_trash(store):
    a = store.drafts.create("# Ceasefire in Ukraine\n\nNegotiations about a ceasefire continue.\n")
    store.drafts.create("# Gardening\n\nTomatoes need sun.\n")
    hits = store.drafts.search("ceasefire negotiat")
    assert [h["id"] for h in hits] == [a.id]
    assert "[Negotiations]" in hits[0]["snippet"]
    store.drafts.trash(a.id)
    assert store.drafts.search("ceasefire") == []
    assert [d.id for d in store.drafts.list(trashed=True)] == [a.id]
    store.drafts.restore(a.id)
    assert [h["id"] for h in store.drafts.search("ceasefire")] == [a.id]
    assert store.drafts.search('"; DROP TABLE drafts; --') == []


def test_duplicate(store):
    d = store.drafts.create(DOC)
    copy = store.drafts.duplicate(d.id)
    assert copy.id != d.id and copy.title == "First post (copy)" and "Body text" in copy.body


def test_schema_pragmas_and_version(tmp_path):
    s = Store.open(tmp_path / "x.db")
    assert s.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert s.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert s.conn.execute("PRAGMA user_version").fetchone()[0] == database.SCHEMA_VERSION
    s.close()
    Store.open(tmp_path / "x.db").close()  # reopening migrates nothing


def test_newer_schema_is_refused(tmp_path):
    path = tmp_path / "x.db"
    Store.open(path).close()
    c = sqlite3.connect(path)
    c.execute(f"PRAGMA user_version = {database.SCHEMA_VERSION + 1}")
    c.close()
    with pytest.raises(StoreError, match="newer deskeditor"):
        Store.open(path)


def test_folder_and_garbage_files(tmp_path):
    with pytest.raises(StoreError):
        Store.open(tmp_path)
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is not a database" * 100)
    with pytest.raises(StoreError):
        Store.open(junk)
    assert junk.read_bytes() == b"this is not a database" * 100  # untouched


def test_corruption_opens_read_only(tmp_path):
    path = tmp_path / "c.db"
    s = Store.open(path)
    d = s.drafts.create(DOC * 200)
    for _ in range(30):
        s.drafts.create(DOC * 50)
    s.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    s.close()
    data = bytearray(path.read_bytes())
    page = 4096
    for p in range(3, len(data) // page - 1):  # scribble over the middle of the file's b-tree pages
        data[p * page + 100 : p * page + 400] = b"\xff" * 300
    path.write_bytes(bytes(data))
    s = Store.open(path)
    assert s.read_only and "integrity" in s.problem
    with pytest.raises(sqlite3.OperationalError):
        s.conn.execute("UPDATE drafts SET title = 'x' WHERE id = ?", (d.id,))
    s.close()


def test_backup_and_restore(tmp_path):
    path = tmp_path / "b.db"
    s = Store.open(path)
    d = s.drafts.create(DOC)
    backup = s.backup("manual")
    s.drafts.save(d.id, "changed\n")
    s.close()
    database.restore_backup(path, backup)
    s = Store.open(path)
    assert s.drafts.get(d.id).body == DOC
    names = [b.name for b in database.list_backups(path)]
    assert any("before-restore" in n for n in names)  # the restore destroyed nothing
    s.close()


def _writer(path, draft_id, n, queue):
    try:
        s = Store.open(path)
        for k in range(n):
            while True:
                d = s.drafts.get(draft_id)
                try:
                    s.drafts.save(draft_id, d.body + f"{k} ", expected_version=d.version)
                    break
                except ConflictError:
                    continue
        s.close()
        queue.put("ok")
    except Exception as exc:  # pragma: no cover - reported to the test
        queue.put(repr(exc))


def test_two_processes_no_lost_update_no_locked_error(tmp_path):
    path = tmp_path / "p.db"
    s = Store.open(path)
    d = s.drafts.create("start ")
    s.close()
    ctx = multiprocessing.get_context("spawn")
    q = ctx.Queue()
    procs = [ctx.Process(target=_writer, args=(path, d.id, 40, q)) for _ in range(2)]
    for p in procs:
        p.start()
    results = [q.get(timeout=120) for _ in procs]
    for p in procs:
        p.join(30)
    assert results == ["ok", "ok"]
    s = Store.open(path)
    body = s.drafts.get(d.id).body
    assert len(body.split()) == 1 + 80  # every write of both processes is there
    assert s.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    s.close()


def test_missing_draft(store):
    for call in (store.drafts.get, store.drafts.history, store.drafts.trash, store.drafts.restore):
        with pytest.raises(InputError, match="no draft with id 99"):
            call(99)


def test_lone_surrogates_are_stored_as_replacement_characters(store):
    d = store.drafts.create("bad \ud800 text\n")
    assert store.drafts.get(d.id).body == "bad \ufffd text\n"
    d = store.drafts.save(d.id, "still \udc80 bad\n")
    assert d.body == "still \ufffd bad\n"


def test_autosaves_fold_into_one_revision_per_ten_minutes(store):
    from deskeditor.core.store import drafts as drafts_mod

    d = store.drafts.create("start\n")
    for k in range(5):
        d = store.drafts.save(d.id, f"start\n{'x' * k}\n", note="autosave")
    hist = store.drafts.history(d.id)
    assert [(r.number, r.note) for r in hist] == [(2, "autosave"), (1, "created")]
    assert store.drafts.revision_text(d.id, 2) == "start\nxxxx\n"
    assert hist[0].delta == len("start\nxxxx\n") - len("start\n")
    store.drafts.save(d.id, "start\nmanual\n", note="")  # Ctrl+S always adds one
    store.drafts.save(d.id, "start\nmanual and more\n", note="autosave")
    assert [r.number for r in store.drafts.history(d.id)] == [4, 3, 2, 1]
    # an autosave older than the window starts a new revision
    store.conn.execute("UPDATE revisions SET created = '2000-01-01T00:00:00.000+00:00' WHERE number = 4")
    store.drafts.save(d.id, "start\nmuch later\n", note="autosave")
    assert [r.number for r in store.drafts.history(d.id)] == [5, 4, 3, 2, 1]
    assert drafts_mod.AUTOSAVE_WINDOW_S == 600


@pytest.mark.parametrize("body", [
    "---\ntitle: New title\ncategories: [News, Tech]\ntags: [a, b]\nkeyphrase: kp\n---\n\nBody text.\n",
    "# Heading only\n\nNo front matter.\n",
    "+++\ntitle = \"TOML\"\nslug = \"toml-post\"\n+++\n\nText.\n",
    "---\ntitle: Same\n---\n\nBody text.\n",
])
def test_save_returns_the_draft_as_stored_without_reading_it_back(tmp_path, body):
    with Store.open(tmp_path / "d.db") as store:
        draft = store.drafts.create("---\ntitle: Same\n---\n\nBody text.\n")
        saved = store.drafts.save(draft.id, body, expected_version=draft.version, note="saved")
        assert saved == store.drafts.get(draft.id)


def test_labels_are_every_draft_s_categories_and_tags(tmp_path):
    with Store.open(tmp_path / "d.db") as store:
        store.drafts.create("---\ntitle: A\ncategories: [News]\ntags: [x, y]\n---\n\nA.\n")
        store.drafts.create("---\ntitle: B\ntags: [y]\n---\n\nB.\n")
        trashed = store.drafts.create("---\ntitle: C\ntags: [gone]\n---\n\nC.\n")
        store.drafts.trash(trashed.id)
        categories, tags = store.drafts.labels()
        assert categories == ["News"] and sorted(tags) == ["x", "y", "y"]
