"""Importing BibTeX and CSL-JSON: what converts, what is reported and skipped."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from deskeditor.core.citations.csl import CSLError, normalize
from deskeditor.core.citations.importers import import_file, parse_bibtex, parse_csl_json, store_entries
from deskeditor.core.errors import InputError

DATA = Path(__file__).parents[2] / "data" / "citations"


def test_bibtex_imports_the_good_entries_and_reports_the_malformed_one():
    result = import_file(DATA / "sources.bib")
    assert result.keys == ["reuters-putin-ceasefire", "wikipedia-kursk", "kofman2023", "mueller2022"]
    assert len(result.problems) == 1
    assert "line 20" in result.problems[0] and "'broken-entry'" in result.problems[0]
    assert "skipped" in result.problems[0]


def test_bibtex_fields_become_csl():
    entries = dict(import_file(DATA / "sources.bib").entries)
    r = entries["reuters-putin-ceasefire"]
    assert r["type"] == "webpage"
    assert r["author"] == [{"family": "Osborn", "given": "Andrew"}, {"family": "Soldatkin", "given": "Vladimir"}]
    assert r["title"] == "Putin says Russia agrees with ceasefire proposals but questions remain"
    assert r["publisher"] == "Reuters"
    assert r["issued"] == {"date-parts": [[2025, 3, 13]]}
    assert r["accessed"] == {"date-parts": [[2025, 3, 20]]}
    assert r["URL"].startswith("https://www.reuters.com/")
    w = entries["wikipedia-kursk"]
    assert w["URL"] == "https://en.wikipedia.org/wiki/2024_Kursk_offensive"  # from \url{} in howpublished
    k = entries["kofman2023"]
    assert k["type"] == "article-journal" and k["container-title"] == "Survival"
    assert k["author"][2] == {"literal": "Institute for the Study of War"}  # braced corporate name
    assert (k["volume"], k["issue"], k["page"]) == ("65", "2", "7–28")
    assert k["issued"] == {"date-parts": [[2023, 3]]}
    assert entries["mueller2022"]["author"] == [{"family": "Müller", "given": "Jörg"}]  # LaTeX decoded


def test_bibtex_duplicate_key_is_reported():
    text = "@misc{a, title={One}}\n@misc{a, title={Two}}\n@misc{b, title={Three}}\n"
    result = parse_bibtex(text, "dup.bib")
    assert result.keys == ["a", "b"]
    assert result.problems == ["dup.bib: line 2: entry 'a' skipped: duplicate key 'a', the first entry with it is kept"]


def test_csl_json_imports_the_good_entries_and_reports_the_malformed_ones():
    result = import_file(DATA / "sources.json")
    assert result.keys == ["nypost-europe-skeptical", "kalika-nato-role", "youtube-analysis"]
    assert result.problems == [
        "sources.json: entry 3 ('bad-date') skipped: date-parts must be a list of [year, month, day] lists",
        "sources.json: entry 4 skipped: an entry needs an id",
    ]
    kalika = dict(result.entries)["kalika-nato-role"]
    assert kalika["author"] == [{"literal": "Adarsha"}]
    assert kalika["issued"] == {"date-parts": [[2025, 2, 2]]}


@pytest.mark.parametrize("entry, message", [
    ([], "an entry must be an object"),
    ({"title": "x"}, "needs an id"),
    ({"id": "a", "type": "blogpost"}, "unknown type"),
    ({"id": "a", "title": ["not", "text"]}, "title must be text"),
    ({"id": "a", "author": [42]}, "not a name"),
    ({"id": "a", "issued": {"date-parts": [["spring"]]}}, "not a number"),
])
def test_malformed_csl_entries(entry, message):
    with pytest.raises(CSLError, match=message):
        normalize(entry)


def test_csl_json_accepts_an_object_with_items_and_a_single_entry():
    one = json.dumps({"id": "x", "title": "T", "URL": "https://e.org"})
    assert parse_csl_json(one).entries == [("x", {"id": "x", "title": "T", "URL": "https://e.org",
                                                 "type": "webpage"})]
    wrapped = json.dumps({"items": [{"id": "x"}, {"id": "x"}]})
    result = parse_csl_json(wrapped, "w.json")
    assert result.keys == ["x"] and "duplicate id 'x'" in result.problems[0]


def test_a_file_that_is_not_json_is_an_input_error(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('[{"id": "a",}]', encoding="utf-8")
    with pytest.raises(InputError, match=r"bad.json: not valid JSON at line 1"):
        import_file(bad)


def test_unknown_kind_of_file(tmp_path):
    f = tmp_path / "notes.txt"
    f.write_text("just some notes", encoding="utf-8")
    with pytest.raises(InputError, match="not a BibTeX"):
        import_file(f)
    with pytest.raises(InputError, match="no such file"):
        import_file(tmp_path / "missing.bib")


def test_imported_entries_go_into_the_store(store):
    result = import_file(DATA / "sources.bib")
    assert store_entries(store.sources, result) == (4, 0)
    assert store_entries(store.sources, result) == (0, 4)
    assert store.sources.get("kofman2023").csl["container-title"] == "Survival"
    assert [s.key for s in store.sources.all()] == sorted(result.keys, key=str.casefold)
