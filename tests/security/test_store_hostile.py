"""Issue 13: the database under a restore, on a read-only mount, damaged; search and
terminal output with hostile input (Medium 4, Low items)."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from deskeditor.core.errors import ConflictError
from deskeditor.core.store import Store, database

from securitykit import one_line

ROOT = Path(__file__).resolve().parents[2]

WRITER = textwrap.dedent("""
    import sys, time
    from deskeditor.core.errors import ConflictError
    from deskeditor.core.store import Store
    store = Store.open(sys.argv[1])
    draft_id = int(sys.argv[2])
    version = store.drafts.get(draft_id).version
    for i in range(1, 101):
        text = f"---\\ntitle: Saved {i}\\n---\\n\\nsave {i}\\n"
        try:
            version = store.drafts.save(draft_id, text, expected_version=version, note="autosave").version
            print(f"ok {i}", flush=True)
        except ConflictError as exc:
            print(f"conflict {i} {exc}", flush=True)
            version = store.drafts.get(draft_id).version   # the window reloads and goes on
        time.sleep(0.01)
""")


def test_restore_while_a_window_saves_loses_no_save_silently(store, run, tmp_path):
    d = store.drafts.create("---\ntitle: Saved 0\n---\n\nsave 0\n")
    code, out, _err = run("backups", "create")
    backup_file = out.strip()
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    writer = subprocess.Popen([sys.executable, "-c", WRITER, str(store.path), str(d.id)],
                              stdout=subprocess.PIPE, text=True, env=env)
    lines = []
    for line in writer.stdout:
        lines.append(line.strip())
        if line.startswith("ok 30"):
            break
    code, _out, err = run("backups", "restore", backup_file)
    assert code == 0, err
    lines += [ln.strip() for ln in writer.stdout]
    assert writer.wait(60) == 0
    oks = [int(ln.split()[1]) for ln in lines if ln.startswith("ok")]
    conflicts = [ln for ln in lines if ln.startswith("conflict")]
    assert conflicts and "restored from a backup" in conflicts[0]  # the writer was told
    with Store.open(store.path) as after:
        body = after.drafts.get(d.id).body
    assert body == f"---\ntitle: Saved {oks[-1]}\n---\n\nsave {oks[-1]}\n"  # its last reported save is there
    before = [p for p in database.list_backups(store.path) if p.name.endswith("before-restore.db")]
    assert before  # and what the restore replaced is kept


def test_restore_of_a_file_that_is_no_database_is_one_line(run, store, tmp_path):
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"not a database at all" * 100)
    d = store.drafts.create("keep me\n")
    code, _out, err = run("backups", "restore", str(junk))
    assert code == 2
    assert "not a usable deskeditor backup" in one_line(err)
    assert store.drafts.get(d.id).body == "keep me\n"


@pytest.fixture
def read_only_mount(tmp_path):
    if os.geteuid() != 0:
        pytest.skip("mounting needs root")
    point = tmp_path / "ro"
    point.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs", str(point)]).returncode != 0:
        pytest.skip("cannot mount a tmpfs here")
    yield point
    subprocess.run(["umount", "-l", str(point)])


def test_a_database_on_a_read_only_mount_lists_and_shows(read_only_mount, capsys):
    from deskeditor import cli

    db = read_only_mount / "deskeditor.db"
    with Store.open(db) as s:
        d = s.drafts.create("---\ntitle: On a CD\n---\n\nHello.\n")
    subprocess.run(["mount", "-o", "remount,ro", str(read_only_mount)], check=True)
    assert cli.main(["--db", str(db), "list"]) == 0
    assert "On a CD" in capsys.readouterr().out
    assert cli.main(["--db", str(db), "show", str(d.id)]) == 0
    assert "Hello." in capsys.readouterr().out
    assert cli.main(["--db", str(db), "trash", str(d.id)]) == 2
    assert "readonly" in one_line(capsys.readouterr().err).replace("read-only", "readonly")


def test_trash_on_a_read_only_database_file_is_one_line(store, run):
    d = store.drafts.create("x\n")
    store.close()
    os.chmod(store.path, 0o444)
    try:
        if os.access(store.path, os.W_OK):  # root: make the file itself refuse writes another way
            subprocess.run(["chattr", "+i", str(store.path)], capture_output=True)
        code, _out, err = run("trash", str(d.id))
        assert code == 2 and "Traceback" not in err
        one_line(err)
    finally:
        subprocess.run(["chattr", "-i", str(store.path)], capture_output=True)
        os.chmod(store.path, 0o644)


def test_a_damaged_database_lists_and_searches_with_one_line(tmp_path, capsys):
    from deskeditor import cli

    db = tmp_path / "d.db"
    with Store.open(db) as s:
        for i in range(200):
            s.drafts.create(f"# Post {i}\n\n" + "words about ceasefire talks " * 200)
    data = bytearray(db.read_bytes())
    for off in range(8192, len(data), 4096):  # scribble over every page after the first two
        data[off + 100: off + 300] = os.urandom(200)
    db.write_bytes(bytes(data))
    for argv in (["list"], ["search", "ceasefire"]):
        code = cli.main(["--db", str(db), *argv])
        err = capsys.readouterr().err
        assert code in (0, 2)
        if code == 2:
            one_line(err)
        assert "Traceback" not in err


def test_huge_search_query_is_capped(store, run):
    words = "the ceasefire talks covered thirty days and a prisoner exchange between both sides in early march today"
    store.drafts.create(f"# Ceasefire\n\n{words.capitalize()}.\n")
    noise = " ".join(f"w{i}x" for i in range(20_000))  # ~120 KB of words no draft holds
    t = time.monotonic()
    code, out, err = run("search", f"{words} {noise}")
    assert code == 0, err
    assert out.startswith("1\tCeasefire")  # only the first 16 words count, and they match
    assert time.monotonic() - t < 60  # a guard against a hang, not a speed target


def test_titles_with_escape_sequences_print_escaped(run, tmp_path, store):
    f = tmp_path / "t.md"
    f.write_text("---\ntitle: \"Evil \\e]0;owned\\a \\e[2J title\"\n---\n\nBody.\n")
    code, out, err = run("import", str(f))
    assert code == 0, err
    assert "\x1b" not in out and "\\x1b" in out
    code, out, _err = run("list")
    assert "\x1b" not in out and "\x07" not in out and "\\x1b]0;owned\\x07" in out
    code, out, _err = run("search", "Evil")
    assert "\x1b" not in out


def test_deeply_nested_csl_json_is_one_line(run, tmp_path):
    f = tmp_path / "deep.json"
    f.write_text("[" * 100_000 + "]" * 100_000)
    code, _out, err = run("sources", "import", str(f))
    assert code == 2
    assert "nested too deeply" in one_line(err)


def test_a_source_url_with_a_bad_port_does_not_stop_the_citation_lint(run, tmp_path):
    f = tmp_path / "refs.json"
    f.write_text('[{"id": "bad", "type": "webpage", "title": "Bad port", "URL": "https://example.org:99999/x"}]')
    code, _out, err = run("sources", "import", str(f))
    assert "Traceback" not in err
    draft = tmp_path / "d.md"
    draft.write_text("---\ntitle: Links\n---\n\nA claim (Reuters) and [a link](https://example.org:99999/x).\n")
    code, out, err = run("citations", str(draft), "--format", "json")
    assert "Traceback" not in err and code in (0, 1)
    assert '"attributions"' in out
