"""deskeditor citations / sources: the commands, through the real CLI entry point."""

from __future__ import annotations

import json
from pathlib import Path

from deskeditor.cli import main

DATA = Path(__file__).parents[1] / "data" / "citations"


def run(capsys, *argv):
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_sources_import_and_list(tmp_path, capsys):
    db = str(tmp_path / "d.db")
    code, out, err = run(capsys, "sources", "import", str(DATA / "sources.bib"), "--db", db)
    assert code == 1  # one entry was skipped
    assert out == "4 added, 0 updated, 1 skipped\n"
    assert "line 20: entry 'broken-entry' skipped" in err
    code, out, _ = run(capsys, "sources", "import", str(DATA / "sources.json"), "--db", db)
    assert code == 1 and out == "3 added, 0 updated, 2 skipped\n"
    code, out, _ = run(capsys, "sources", "list", "--db", db)
    assert code == 0
    lines = out.splitlines()
    assert len(lines) == 7
    assert lines[0].split("\t")[0] == "kalika-nato-role"
    code, out, _ = run(capsys, "sources", "list", "--format", "json", "--db", db)
    assert [s["key"] for s in json.loads(out)][:2] == ["kalika-nato-role", "kofman2023"]


def test_sources_import_of_a_missing_file_is_bad_input(tmp_path, capsys):
    code, _out, err = run(capsys, "sources", "import", str(tmp_path / "none.bib"), "--db", str(tmp_path / "d.db"))
    assert code == 2 and "no such file" in err


def test_citations_of_the_sample_as_json(tmp_path, capsys, sample_path, sample_markdown):
    code, out, _ = run(capsys, "citations", str(sample_path), "--format", "json", "--db", str(tmp_path / "d.db"))
    assert code == 1  # unlinked attributions are problems
    data = json.loads(out)
    parens = [a for a in data["attributions"] if a["kind"] == "parenthetical"]
    assert len(parens) == 12
    assert all(sample_markdown[a["start"]:a["end"]] == a["text"] for a in data["attributions"])
    assert {g["label"]: g["count"] for g in data["groups"]}["Wikipedia"] == 3
    assert data["sources"] == [] and data["citations"] == []


def test_citations_of_a_stored_draft_as_text(tmp_path, capsys, store):
    store.sources.put("reuters", {"type": "webpage", "title": "Putin", "container-title": "Reuters",
                                  "URL": "https://www.reuters.com/a", "accessed": "2025-03-20"})
    draft = store.drafts.create("---\ntitle: T\n---\n\nPutin spoke [@reuters]. Trump agreed [@ghost].\n"
                                "See <https://elsewhere.example.org/a>.\n")
    code, out, _ = run(capsys, "citations", str(draft.id), "--db", str(store.path))
    assert code == 1
    assert "  reuters\t1x\tReuters – Putin\t5:13" in out
    assert "Unresolved keys (1)" in out and "\tghost" in out
    assert "Unlinked attributions (0)" in out
    assert "Links to sources not in the library (1)\n  6:5\t1x\thttps://elsewhere.example.org/a" in out


def test_a_clean_draft_exits_0(tmp_path, capsys):
    f = tmp_path / "clean.md"
    f.write_text("# Clean\n\nNothing here (2014).\n", encoding="utf-8")
    code, out, _ = run(capsys, "citations", str(f), "--db", str(tmp_path / "d.db"))
    assert code == 0 and "Unlinked attributions (0)" in out


def test_sources_bibliography(tmp_path, capsys):
    db = str(tmp_path / "d.db")
    run(capsys, "sources", "import", str(DATA / "sources.json"), "--db", db)
    f = tmp_path / "post.md"
    f.write_text("A claim [@nypost-europe-skeptical].\n", encoding="utf-8")
    code, out, _ = run(capsys, "sources", "bibliography", str(f), "--style", "chicago", "--format", "markdown",
                       "--db", db)
    assert code == 0
    assert out.startswith("## Sources\n\n- Fredericks, B. 2025. “European Leaders Skeptical")
