"""``deskeditor review``: list, accept, reject, through the real entry point and a real store."""

from __future__ import annotations

import json

from fixtures.review import DRAFT, review_draft  # noqa: F401 (the "draft" fixture)

from deskeditor import cli


def test_cli_lists_and_applies(store, draft, capsys):
    db = str(store.path)
    assert cli.main(["--db", db, "review", str(draft.id), "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [(r["kind"], r["text"], r["replacement"]) for r in rows] == [
        ("insert", "in Geneva ", ""), ("delete", "very ", ""), ("substitute", "ended", "stopped"),
        ("highlight", "noon", "")]
    assert DRAFT[rows[2]["start"]:rows[2]["end"]] == "{~~ended~>stopped~~}"
    assert cli.main(["--db", db, "review", str(draft.id), "reject", "2", "--as", "ed"]) == 0
    assert capsys.readouterr().out.strip() == f"{draft.id}\tdraft\t3 mark(s) left"
    assert cli.main(["--db", db, "review", str(draft.id), "accept", "7"]) == 2
    assert capsys.readouterr().err.strip().startswith("deskeditor: no mark 7")
    assert cli.main(["--db", db, "review", str(draft.id)]) == 0
    out = capsys.readouterr().out
    assert "\tsubstitute\t" in out and "re @bob: Monday" in out


def test_cli_workflow_and_bad_input(store, draft, capsys):
    db = str(store.path)
    assert cli.main(["--db", db, "review", str(draft.id), "send", "--as", "writer"]) == 0
    assert capsys.readouterr().out.strip() == f"{draft.id}\treview\t4 mark(s) left"
    assert cli.main(["--db", db, "review", str(draft.id), "approve"]) == 2
    assert "accept or reject them first" in capsys.readouterr().err
    assert cli.main(["--db", db, "review", str(draft.id), "accept", "all"]) == 0
    assert cli.main(["--db", db, "review", str(draft.id), "approve", "--as", "ed"]) == 0
    assert capsys.readouterr().out.strip().endswith(f"{draft.id}\tready\t0 mark(s) left")
    assert cli.main(["--db", db, "review", "999"]) == 2
    assert capsys.readouterr().err.strip() == "deskeditor: no draft with id 999"
    assert cli.main(["--db", db, "review", str(draft.id), "accept"]) == 2
