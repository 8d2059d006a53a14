"""The personal dictionary's scopes (every draft, one draft, one site), the
migration of an existing dictionary, and dismissing every occurrence at once."""

from __future__ import annotations

import sqlite3

import pytest

from deskeditor.core.errors import InputError
from deskeditor.core.model import Finding
from deskeditor.core.store import database
from deskeditor.core.store import Store


@pytest.fixture
def store(tmp_path):
    s = Store.open(tmp_path / "d.db")
    yield s
    s.close()


def test_scopes_apply_to_their_drafts(store):
    a = store.drafts.create("# A\n\nGoogLeNet here.\n").id
    b = store.drafts.create("# B\n\nOther words.\n").id
    store.dictionary.add("Everywhere")
    store.dictionary.add("GoogLeNet", draft_id=a)
    store.dictionary.add("Hugo", site="blog")
    assert store.dictionary.words() == ["Everywhere"]
    assert store.dictionary.draft_words(a) == ["GoogLeNet"]
    assert store.dictionary.words_for(a) == ["Everywhere", "GoogLeNet"]
    assert store.dictionary.words_for(b) == ["Everywhere"]
    assert store.dictionary.words_for(b, site="blog") == ["Everywhere", "Hugo"]
    store.dictionary.remove("GoogLeNet", draft_id=a)
    assert store.dictionary.words_for(a) == ["Everywhere"]
    with pytest.raises(InputError):
        store.dictionary.add("two words", draft_id=a)


def test_an_old_dictionary_is_migrated_into_the_global_scope(tmp_path):
    path = tmp_path / "old.db"
    conn = sqlite3.connect(path, isolation_level=None)
    database.migrate(conn, path, database.MIGRATIONS[:1])
    conn.execute("INSERT INTO dictionary (word, created) VALUES ('ConvNet', 'then')")
    conn.close()
    s = Store.open(path)
    try:
        assert s.conn.execute("PRAGMA user_version").fetchone()[0] == database.SCHEMA_VERSION
        assert s.dictionary.words() == ["ConvNet"]
        s.dictionary.add("ConvNet", draft_id=7)
        assert s.conn.execute("SELECT count(*) FROM dictionary").fetchone()[0] == 2
    finally:
        s.close()


def test_dismissing_every_occurrence_records_each(store):
    source = "# T\n\nThe tonkotsu was good. More tonkotsu, please. Tonkotsu again.\n"
    d = store.drafts.create(source).id
    found = [Finding("grammar", "MORFOLOGIK_RULE_EN_US", "info", "Unknown word", i, i + 8)
             for i in (source.index("tonkotsu"), source.rindex("tonkotsu"))]
    keys = store.decisions.record_all(d, found, source, reason="a dish")
    assert len(set(keys)) == 2 and store.decisions.dismissed_keys(d) == set(keys)


def test_vocabulary_of_the_other_drafts(store):
    a = store.drafts.create("# A\n\nGoogLeNet and ConvNet.\n").id
    store.drafts.create("# B\n\nConvNet again, with tonkotsu.\n")
    words = store.drafts.vocabulary(exclude_id=a)
    assert {"convnet", "tonkotsu", "again"} <= words
    assert "googlenet" not in words  # only in the draft itself
    assert "googlenet" in store.drafts.vocabulary()
