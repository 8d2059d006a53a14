"""The CLI, run as users run it: a subprocess on a real database file."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from deskeditor.core.store import Store


def run(*args, db, check=True):
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(sys.path))
    proc = subprocess.run([sys.executable, "-m", "deskeditor", "--db", str(db), *args],
                          capture_output=True, text=True, env=env, timeout=120)
    if check and proc.returncode != 0:
        raise AssertionError(f"exit {proc.returncode}: {proc.stderr}")
    return proc


@pytest.fixture
def db(tmp_path):
    return tmp_path / "cli.db"


def test_every_foundation_command_on_the_sample(db, sample_path):
    out = run("import", str(sample_path), db=db).stdout
    assert out == "1\tPutin Demands Russia-Ukraine Ceasefire to Guarantee Lasting Peace\n"
    assert "Putin Demands" in run("list", db=db).stdout
    listed = json.loads(run("list", "--json", db=db).stdout)
    assert listed[0]["id"] == 1 and listed[0]["author"] == "Adarsha"
    hits = json.loads(run("search", "Kursk", "--json", db=db).stdout)
    assert hits[0]["id"] == 1 and "[Kursk]" in hits[0]["snippet"]
    shown = run("show", "1", db=db).stdout
    assert shown.startswith("---\ntitle: Putin Demands") and "## Conclusion" in shown
    assert json.loads(run("show", "1", "--json", db=db).stdout)["body"] == shown
    hist = run("history", "1", db=db).stdout
    assert hist.startswith("1\t") and "words" in hist
    html = run("render", "1", db=db).stdout
    assert '<h2 id="conclusion" data-source-line=' in html
    assert run("render", str(sample_path), "--clean", db=db).stdout.count("<h2") == 8


def test_revisions_via_cli(db, tmp_path):
    f = tmp_path / "a.md"
    f.write_text("# A\n\nfirst\n")
    run("import", str(f), db=db)
    s = Store.open(db)
    s.drafts.save(1, "# A\n\nsecond\n")
    s.close()
    assert run("show", "1", "--revision", "1", db=db).stdout == "# A\n\nfirst\n"
    run("restore", "1", "1", db=db)
    assert run("show", "1", db=db).stdout == "# A\n\nfirst\n"
    assert len(json.loads(run("history", "1", "--json", db=db).stdout)) == 3


def test_bad_input_one_line_exit_2_nothing_changes(db, tmp_path, sample_path):
    run("import", str(sample_path), db=db)
    before = run("show", "1", db=db).stdout
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"ok\xfe")
    good = tmp_path / "good.md"
    good.write_text("# fine\n")
    for args in (["import", str(good), str(bad)], ["import", str(tmp_path / "missing.md")],
                 ["import", str(tmp_path)], ["show", "42"], ["show", "abc"], ["render", "77"]):
        proc = run(*args, db=db, check=False)
        assert proc.returncode == 2, args
        assert proc.stderr.count("\n") == 1 and proc.stderr.startswith("deskeditor: "), proc.stderr
        assert "Traceback" not in proc.stderr
    assert len(json.loads(run("list", "--json", db=db).stdout)) == 1  # good.md was not stored either
    assert run("show", "1", db=db).stdout == before


def test_usage_error_is_exit_2(db):
    proc = run("list", "--status", "bogus", db=db, check=False)
    assert proc.returncode == 2



def test_a_damaged_database_is_one_line_and_exit_2(db):
    with Store.open(db) as s:
        for _ in range(30):
            s.drafts.create("# Talks\n\n" + "The talks resumed on Monday after a pause. " * 200)
        s.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    data = bytearray(db.read_bytes())
    for p in range(3, len(data) // 4096 - 1):  # scribble over the middle of the b-tree pages
        data[p * 4096 + 100 : p * 4096 + 400] = b"\xff" * 300
    db.write_bytes(bytes(data))
    damaged = run("list", db=db, check=False)
    assert damaged.returncode == 2 and damaged.stderr.count("\n") == 1, damaged.stderr
    assert "damaged" in damaged.stderr
