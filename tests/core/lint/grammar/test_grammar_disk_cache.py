"""LanguageTool's answers kept across launches (core/lint/grammar/disk_cache.py):
a new engine on the same cache file (what a relaunch makes) sends nothing for
blocks answered before, with the real server behind a counting proxy."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

from deskeditor.core.lint.grammar import GrammarEngine, GrammarSettings, LocalServer, RemoteServer
from deskeditor.core.lint.grammar.checker import MatchCache
from deskeditor.core.lint.grammar.disk_cache import FILE_NAME, DiskMatchCache, cache_for, default_path

ROOT = Path(__file__).resolve().parents[4]
DRAFT = "# A title\n\n" + "\n\n".join(
    f"Paragraph {i} is short. He go to school and we recieve mail on day {i}." for i in range(6)) + "\n"


def _launch(proxy, path: Path, namespace: str = "local LanguageTool 6.8", **settings) -> GrammarEngine:
    """An engine as a fresh process would make it: new server object, new cache object, same file."""
    s = GrammarSettings(server_url=proxy.url, **settings)
    return GrammarEngine(s, RemoteServer(s.server_url), cache=DiskMatchCache(path, namespace))


def test_a_relaunch_answers_unchanged_blocks_from_disk(counting_proxy, tmp_path):
    path = tmp_path / FILE_NAME
    first = _launch(counting_proxy, path).check(DRAFT)
    assert first.available and first.sent_segments == 7 and counting_proxy.checks == 1  # one batched request
    again = _launch(counting_proxy, path).check(DRAFT)
    assert counting_proxy.checks == 1  # nothing went to the server
    assert (again.sent_segments, again.cached_segments) == (0, 7)
    assert again.findings == first.findings and len(first.findings) == 12
    edited = _launch(counting_proxy, path).check(DRAFT.replace("day 3.", "day three."))
    assert edited.sent_segments == 1 and counting_proxy.checks == 2


def test_other_settings_or_another_languagetool_version_are_asked_again(counting_proxy, tmp_path):
    path = tmp_path / FILE_NAME
    _launch(counting_proxy, path).check(DRAFT)
    assert _launch(counting_proxy, path, picky=True).check(DRAFT).sent_segments == 7
    assert _launch(counting_proxy, path, disabled_rules=("HE_VERB_AGR",)).check(DRAFT).sent_segments == 7
    assert _launch(counting_proxy, path, namespace="local LanguageTool 6.9").check(DRAFT).sent_segments == 7
    # the personal dictionary filters answers locally: not part of the key
    assert _launch(counting_proxy, path, dictionary=("recieve",)).check(DRAFT).sent_segments == 0


def test_the_file_keeps_the_newest_answers_and_only_a_hash_of_the_text(tmp_path):
    path = tmp_path / FILE_NAME
    cache = DiskMatchCache(path, "ns", max_rows=3)
    for i in range(5):
        cache.put((f"block {i}", ("en-US", False, ())), ())
    cache.close()
    DiskMatchCache(path, "ns", max_rows=3).close()  # a relaunch trims the file
    rows = sqlite3.connect(path).execute("SELECT key, matches FROM answers").fetchall()
    assert len(rows) == 3
    assert not any("block" in key + matches for key, matches in rows)
    reopened = DiskMatchCache(path, "ns", max_rows=3)
    assert reopened.get(("block 0", ("en-US", False, ()))) is None
    assert reopened.get(("block 4", ("en-US", False, ()))) == ()
    assert path.stat().st_mode & 0o077 == 0  # answers quote unpublished drafts


def test_a_damaged_cache_file_is_replaced_and_checks_go_on(counting_proxy, tmp_path):
    path = tmp_path / FILE_NAME
    path.write_bytes(b"this is not a database" * 100)
    result = _launch(counting_proxy, path).check(DRAFT)
    assert result.available and len(result.findings) == 12
    assert _launch(counting_proxy, path).check(DRAFT).sent_segments == 0


def test_a_file_that_is_not_ours_is_never_touched(counting_proxy, tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("my notes\n")
    result = _launch(counting_proxy, path).check(DRAFT)
    assert result.available and len(result.findings) == 12  # the memory cache goes on
    assert path.read_text() == "my notes\n"


def test_only_the_local_server_gets_a_disk_cache(tmp_path, monkeypatch):
    settings = GrammarSettings()
    assert isinstance(cache_for(settings, LocalServer(settings.version), tmp_path / FILE_NAME), DiskMatchCache)
    remote = cache_for(settings, RemoteServer("http://127.0.0.1:9/"), tmp_path / FILE_NAME)
    assert type(remote) is MatchCache
    monkeypatch.setenv("DESKEDITOR_GRAMMAR_CACHE", "off")
    assert default_path() is None and type(cache_for(settings, LocalServer(settings.version))) is MatchCache
    monkeypatch.setenv("DESKEDITOR_GRAMMAR_CACHE", str(tmp_path / "mine.sqlite"))
    assert default_path() == tmp_path / "mine.sqlite"
    monkeypatch.delenv("DESKEDITOR_GRAMMAR_CACHE")
    assert default_path().name == FILE_NAME and "deskeditor" in str(default_path())


def test_the_lint_cli_reports_grammar_on_a_second_run_without_languagetool(lt_installation, tmp_path):
    """A second ``deskeditor lint`` needs no server for blocks it checked before:
    here LanguageTool is made unfindable for the second run, and the grammar
    findings are the same."""
    draft = tmp_path / "post.md"
    draft.write_text(DRAFT)
    base = {**os.environ, "PYTHONPATH": str(ROOT / "src"),
            "DESKEDITOR_DB": str(tmp_path / "d.db"), "DESKEDITOR_GRAMMAR_CACHE": str(tmp_path / FILE_NAME)}

    def lint(**env) -> dict:
        done = subprocess.run([sys.executable, "-m", "deskeditor", "lint", str(draft), "--format", "json",
                               "--skip", "seo", "--skip", "readability", "--skip", "citations"],
                              env={**base, **env}, capture_output=True, text=True, timeout=300)
        assert done.returncode in (0, 1), done.stderr
        return json.loads(done.stdout)

    first = lint()
    second = lint(DESKEDITOR_LANGUAGETOOL_DIR=str(tmp_path / "no-languagetool-here"))
    grammar = [f for f in first["findings"] if f["engine"] == "grammar"]
    assert len(grammar) == 12 and first["notes"] == []
    assert [f for f in second["findings"] if f["engine"] == "grammar"] == grammar and second["notes"] == []


def test_the_lint_worker_s_engine_keeps_its_answers_on_disk(store, tmp_path, monkeypatch):
    """The window's checks run in the lint worker (``worker.grammar``): its
    engine, for the window's local server, keeps answers in the disk cache, so
    a restarted worker (or a relaunched window) sends only what it must."""
    from deskeditor.gui.jobs.grammar import load_grammar
    from deskeditor.worker.grammar import GrammarJob, WorkerGrammar

    monkeypatch.setenv("DESKEDITOR_GRAMMAR_CACHE", str(tmp_path / FILE_NAME))
    handle, why = load_grammar(store)
    assert why == ""
    job = GrammarJob(handle.settings, "local", None, True, "absent")  # the window's own server, not started
    first = WorkerGrammar().checker(job, progress=lambda _p: None).engine
    assert isinstance(first.cache, DiskMatchCache)
    key = job.settings.request_key()
    first.cache.put(("Paragraph 0 is short.", key), ())
    restarted = WorkerGrammar().checker(job, progress=lambda _p: None).engine
    assert restarted.cache.get(("Paragraph 0 is short.", key)) == ()
    assert restarted.cache.get(("Another one.", key)) is None