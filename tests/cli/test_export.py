"""``deskeditor export``, ``publish`` and ``sites`` through the real command line entry point."""

from __future__ import annotations

import io

import pytest

from deskeditor import cli

CITED = "---\ntitle: Cited\nslug: cited\n---\n\nThe study found a rise in prices [@smith2024].\n"


@pytest.fixture
def db(tmp_path, store):
    return str(store.path)


def run(db, *argv):
    return cli.main(["--db", db, *argv])


def test_export_writes_prints_and_records(db, store, draft, out_dir, post_dir, capsys):
    code = run(db, "export", str(draft.id), "--format", "html", "-o", str(out_dir), "--no-grammar",
               "--images-from", str(post_dir), "--site-url", "https://news.example.com", "-q")
    captured = capsys.readouterr()
    assert code == 0, captured.err
    assert captured.out.strip() == str(out_dir / "ceasefire-talks.html")
    assert "gate: 0 error(s)" in captured.err
    assert (out_dir / "ceasefire-talks_files" / "map.png").exists()
    rec, = store.exports.for_draft(draft.id)
    assert rec["format"] == "html" and rec["revision"] == 1


def test_existing_file_needs_force(db, draft, out_dir, capsys):
    target = out_dir / "mine.html"
    target.write_text("keep me")
    code = run(db, "export", str(draft.id), "-f", "fragment", "-o", str(target), "--no-grammar", "-q")
    err = capsys.readouterr().err
    assert code == 2
    assert err.strip().splitlines()[-1] == f"deskeditor: {target} already exists (use --force to replace)"
    assert target.read_text() == "keep me"
    assert run(db, "export", str(draft.id), "-f", "fragment", "-o", str(target), "--no-grammar", "--force") == 0
    assert "<h2" in target.read_text()


def test_blocked_export_exits_1_and_writes_nothing(db, store, out_dir, capsys):
    d = store.drafts.create(CITED)
    code = run(db, "export", str(d.id), "-f", "html", "-o", str(out_dir), "--no-grammar")
    err = capsys.readouterr().err
    assert code == 1
    assert "error\tcitations/unresolved-key" in err and "export blocked" in err
    assert list(out_dir.iterdir()) == []
    assert run(db, "export", str(d.id), "-f", "html", "-o", str(out_dir), "--no-grammar", "--force") == 0
    assert (out_dir / "cited.html").exists()


def test_unwritable_folder_is_one_line_and_exit_2(db, draft, unwritable_dir, capsys):
    code = run(db, "export", str(draft.id), "-f", "html", "-o", str(unwritable_dir), "--no-grammar", "-q")
    err_lines = [line for line in capsys.readouterr().err.splitlines() if line.startswith("deskeditor:")]
    assert code == 2
    assert len(err_lines) == 1 and err_lines[0].startswith(f"deskeditor: cannot write to {unwritable_dir}")
    assert list(unwritable_dir.iterdir()) == []


def test_fragment_to_stdout(db, draft, capsys):
    assert run(db, "export", str(draft.id), "-f", "fragment", "-o", "-", "--no-grammar", "-q") == 0
    out = capsys.readouterr().out
    assert out.startswith("<p>The proposal arrived") and "<h1" not in out


def test_hugo_output_must_be_a_folder(db, draft, tmp_path, capsys):
    assert run(db, "export", str(draft.id), "-f", "hugo", "-o", str(tmp_path / "x.md"), "--no-grammar") == 2
    assert "names the site's folder" in capsys.readouterr().err


def test_sites_add_list_remove_without_a_keyring(db, store, monkeypatch, capsys):
    import keyring
    from keyring.backends import fail

    monkeypatch.setattr(keyring, "get_keyring", lambda: fail.Keyring())  # this machine's real state, made sure
    monkeypatch.setattr("sys.stdin", io.StringIO("abcd efgh ijkl\n"))
    code = run(db, "sites", "add", "team", "--url", "https://blog.example.com/", "--user", "jane",
               "--password-stdin")
    err = capsys.readouterr().err
    assert code == 1
    assert "saved team, but the password was NOT stored: no system keyring is available" in err
    assert "DESKEDITOR_WP_PASSWORD" in err
    assert "abcd" not in err
    assert "abcd" not in str(store.settings.all())  # never in the database
    assert run(db, "sites", "list") == 0
    assert capsys.readouterr().out == "team\thttps://blog.example.com\tjane\n"
    assert run(db, "sites", "remove", "team") == 0
    capsys.readouterr()
    assert run(db, "sites", "list") == 0 and capsys.readouterr().out == ""


def test_publish_without_any_password_says_what_to_do(db, store, draft, monkeypatch, capsys):
    import keyring
    from keyring.backends import fail

    monkeypatch.setattr(keyring, "get_keyring", lambda: fail.Keyring())
    monkeypatch.delenv("DESKEDITOR_WP_PASSWORD", raising=False)
    assert run(db, "sites", "add", "team", "--url", "http://127.0.0.1:9", "--user", "jane") == 0
    code = run(db, "publish", str(draft.id), "--site", "team", "--no-grammar", "-q")
    err = capsys.readouterr().err.strip().splitlines()[-1]
    assert code == 2
    assert err.startswith("deskeditor: no system keyring is available on this machine")
    assert store.drafts.remote(draft.id) == {}


def test_publish_to_unknown_site(db, draft, capsys):
    assert run(db, "publish", str(draft.id), "--site", "nope", "--no-grammar", "-q") == 2
    assert "no site named 'nope'" in capsys.readouterr().err


def test_blocked_publish_exits_1_before_contacting_the_site(db, store, monkeypatch, capsys):
    d = store.drafts.create(CITED)
    monkeypatch.setenv("DESKEDITOR_WP_PASSWORD", "x")
    assert run(db, "sites", "add", "team", "--url", "http://127.0.0.1:9", "--user", "jane") == 0
    assert run(db, "publish", str(d.id), "--site", "team", "--no-grammar") == 1
    assert "export blocked" in capsys.readouterr().err
    assert store.drafts.remote(d.id) == {}
