"""``deskeditor site …`` and ``deskeditor save`` as a user runs them."""

from __future__ import annotations

import json
import shutil

import pytest
from sitegen import git, hugo_site, jekyll_site

from deskeditor.cli import main

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed (apt-get install git)")


def run(capsys, db, *argv):
    code = main(["--db", str(db), *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_open_status_save_and_commit_from_the_command_line(tmp_path, capsys):
    site = jekyll_site(tmp_path / "blog")
    db = tmp_path / "d.db"
    code, out, _err = run(capsys, db, "site", "open", str(site), "--json")
    data = json.loads(out)
    assert code == 0 and data["kind"] == "jekyll" and len(data["imported"]) == 7
    code, out, _ = run(capsys, db, "site", "status", "--json")
    posts = json.loads(out)["posts"]
    assert code == 0 and {p["state"] for p in posts} == {"clean"}
    post = next(p for p in posts if p["path"].endswith("post-1.md"))
    # edit outside, then status names it
    path = site / post["path"]
    path.write_text(path.read_text().replace("More soon.", "Edited in a terminal."))
    code, out, _ = run(capsys, db, "site", "status")
    assert out == f"changed on disk\t{post['path']}\t#{post['draft_id']}\n"
    code, out, _ = run(capsys, db, "site", "sync")
    assert out == f"updated from disk\t{post['path']}\n"
    # deskeditor save ID FILE: a new revision, written through to the post
    mine = tmp_path / "mine.md"
    mine.write_text(path.read_text().replace("Edited in a terminal.", "Saved from a file."))
    code, out, _ = run(capsys, db, "save", str(post["draft_id"]), str(mine))
    assert code == 0 and out.endswith("its file: written\n")
    assert "Saved from a file." in path.read_text()
    code, out, _ = run(capsys, db, "site", "commit", "-m", "edit", "--force")
    assert code == 0 and out.startswith("committed 1 file(s)")
    assert git(site, "status", "--porcelain") == ""


def test_a_conflict_exits_1_and_is_resolved_from_the_command_line(tmp_path, capsys):
    site = hugo_site(tmp_path / "blog")
    db = tmp_path / "d.db"
    run(capsys, db, "site", "open", str(site))
    code, out, _ = run(capsys, db, "site", "status", "--json", "--all")
    post = next(p for p in json.loads(out)["posts"] if p["path"].endswith("post-0.md"))
    path = site / post["path"]
    mine = tmp_path / "mine.md"
    mine.write_text(path.read_text().replace("More soon.", "Mine."))
    path.write_text(path.read_text().replace("More soon.", "Theirs."))
    code, out, _ = run(capsys, db, "save", str(post["draft_id"]), str(mine))
    assert code == 1 and out.endswith("its file: conflict\n")
    assert "Theirs." in path.read_text()  # the file was not overwritten
    code, out, _ = run(capsys, db, "site", "status")
    assert code == 1 and out.startswith("conflict\t")
    code, out, _ = run(capsys, db, "site", "resolve", str(post["draft_id"]), "--show")
    assert "Mine." in out and "Theirs." in out
    code, out, _ = run(capsys, db, "site", "resolve", str(post["draft_id"]), "--take", "mine")
    assert code == 0 and "Mine." in path.read_text()
    code, out, _ = run(capsys, db, "site", "status")
    assert code == 0 and out == ""


@pytest.mark.parametrize("argv, message", [
    (["site", "open", "/nonexistent/blog"], "no such folder"),
    (["site", "status"], "name the site's folder"),
    (["save", "1", "/nonexistent.md"], "no such file"),
])
def test_bad_input_gets_one_line_and_exit_2(tmp_path, capsys, argv, message):
    code, out, err = run(capsys, tmp_path / "d.db", *argv)
    assert code == 2 and message in err and len(err.strip().splitlines()) == 1


def test_a_folder_that_is_not_a_site(tmp_path, capsys):
    (tmp_path / "notes").mkdir()
    code, _out, err = run(capsys, tmp_path / "d.db", "site", "open", str(tmp_path / "notes"))
    assert code == 2 and "not a Hugo or Jekyll site" in err


def test_check_and_suggest_from_the_command_line(tmp_path, capsys):
    site = hugo_site(tmp_path / "blog")
    db = tmp_path / "d.db"
    run(capsys, db, "site", "open", str(site))
    code, out, _ = run(capsys, db, "site", "status", "--json", "--all")
    post = next(p for p in json.loads(out)["posts"] if p["path"].endswith("post-3.md"))
    path = site / post["path"]
    path.write_text(path.read_text().replace("More soon.", 'More in {{< ref "gone.md" >}}.'))
    run(capsys, db, "site", "sync")
    code, out, _ = run(capsys, db, "site", "check", str(post["draft_id"]))
    assert code == 1 and "error\tsite/broken-ref\tBroken link" in out
    code, out, _ = run(capsys, db, "site", "suggest", str(post["draft_id"]), "--json")
    found = json.loads(out)
    assert code == 0 and found and all("relref" in s["markdown"] for s in found)
    assert post["path"] not in [s["path"] for s in found]


def test_lint_and_the_commit_gate_see_a_broken_site_link(tmp_path, capsys):
    site = jekyll_site(tmp_path / "blog")
    db = tmp_path / "d.db"
    run(capsys, db, "site", "open", str(site))
    code, out, _ = run(capsys, db, "site", "status", "--json", "--all")
    post = next(p for p in json.loads(out)["posts"] if p["path"].endswith("post-2.md"))
    path = site / post["path"]
    path.write_text(path.read_text().replace("{% post_url 2023-01-10-post-0 %}", "{% post_url 2020-01-01-gone %}"))
    run(capsys, db, "site", "sync")
    code, out, _ = run(capsys, db, "lint", str(post["draft_id"]), "--skip", "grammar", "--format", "json")
    site_findings = [f for f in json.loads(out)["findings"] if f["engine"] == "site"]
    assert code == 1 and [(f["rule"], f["severity"], f["text"]) for f in site_findings] == [
        ("broken-post-url", "error", "2020-01-01-gone")]
    code, _out, err = run(capsys, db, "site", "commit", "-m", "broken")  # the real gate, no --force
    assert code == 2 and "blocked" in err and post["path"] in err
    assert git(site, "status", "--porcelain").strip()  # nothing committed
