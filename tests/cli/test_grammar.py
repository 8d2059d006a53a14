"""``deskeditor languagetool install|status``."""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

import pytest

from deskeditor.cli import grammar as cli
from deskeditor.core.lint.grammar import install as lt_install

ROOT = Path(__file__).resolve().parents[2]


def test_status_without_install_names_the_fix(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv(lt_install.ENV_CACHE, str(tmp_path))
    assert cli.main(["status"]) == 1
    out = capsys.readouterr().out
    assert "installed: no" in out and "deskeditor languagetool install" in out
    assert "java: " in out


def test_status_probes_a_configured_server(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv(lt_install.ENV_CACHE, str(tmp_path))
    assert cli.main(["status", "--server-url", "http://127.0.0.1:9"]) == 1
    assert "does not answer" in capsys.readouterr().out


def test_no_action_is_a_usage_error(capsys):
    assert cli.main([]) == 2
    assert "install, status, start or stop" in capsys.readouterr().err


def test_registers_with_the_main_parsers_add_helper():
    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers(dest="command")

    def add(name, func, help):
        p = sub.add_parser(name, help=help)
        p.set_defaults(func=func)
        return p

    cli.register(sub, add)
    args = parser.parse_args(["languagetool", "install", "--version", "6.7"])
    assert args.func is cli.run_languagetool and args.lt_func is cli.run_install and args.lt_version == "6.7"


@pytest.mark.grammar
def test_install_script_is_fast_and_idempotent_when_installed(lt_installation):
    done = subprocess.run([str(ROOT / "scripts" / "install-languagetool")], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert "already installed" in done.stderr
    assert f"LanguageTool {lt_installation.version} installed at" in done.stdout


@pytest.mark.grammar
def test_status_starts_and_stops_the_local_server(lt_installation, capsys):
    import re

    import psutil

    assert cli.main(["status"]) == 0
    out = capsys.readouterr().out
    assert f"installed: LanguageTool {lt_installation.version}" in out
    m = re.search(r"server: started at http://127\.0\.0\.1:\d+/ \(pid (\d+)\) in [\d.]+ s, answers", out)
    assert m, out
    pid = int(m.group(1))
    gone = not psutil.pid_exists(pid) or psutil.Process(pid).status() == psutil.STATUS_ZOMBIE
    assert gone, "the server started by status is still running"


@pytest.mark.parametrize("require,expect", [("", "1 skipped"), ("1", "1 error")])
def test_missing_languagetool_skips_unless_required(tmp_path, require, expect):
    import os

    env = dict(os.environ, DESKEDITOR_LANGUAGETOOL_DIR=str(tmp_path), DESKEDITOR_REQUIRE_GRAMMAR=require)
    env["PYTHONPATH"] = os.pathsep.join(sys.path)
    target = ROOT / "tests" / "core" / "lint" / "grammar" / "test_grammar_server.py"
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "no:xdist", f"{target}::test_lint_json_shape"],
        capture_output=True, text=True, timeout=120, env=env, cwd=ROOT,
    )
    assert expect in done.stdout, done.stdout[-2000:]
    assert "not installed" in done.stdout
    if require:
        assert "DESKEDITOR_REQUIRE_GRAMMAR is set" in done.stdout


def test_background_server_start_is_found_by_lint_and_stops(lt_installation, tmp_path, monkeypatch, capsys):
    """``languagetool start`` leaves one server per user running; a later
    command finds it through the state file, uses it without stopping it, and
    ``stop`` ends it and its keeper."""
    import json
    import os
    import time

    from deskeditor.cli.main import main as cli_main
    from deskeditor.core.lint.grammar import GrammarSettings, background, server_for

    monkeypatch.setenv("XDG_RUNTIME_DIR", str(tmp_path))
    assert background.find_running() is None
    assert cli_main(["languagetool", "start", "--idle", "5"]) == 0
    first = capsys.readouterr().out
    state = background.find_running()
    assert state is not None and "started" in first and state.url in first
    assert json.loads((tmp_path / "deskeditor" / "languagetool.json").read_text())["pid"] == state.pid
    try:
        assert cli_main(["languagetool", "start"]) == 0  # one per user: the same one
        assert "already running" in capsys.readouterr().out
        assert background.find_running() == state
        server = server_for(GrammarSettings())
        assert server.kind == "background" and server.url == state.url
        draft = tmp_path / "post.md"
        draft.write_text("# Title\n\nHe go to school.\n", encoding="utf-8")
        assert cli_main(["lint", str(draft), "--format", "json", "--skip", "seo", "--skip", "readability"]) == 1
        out = json.loads(capsys.readouterr().out)
        assert [f["rule"] for f in out["findings"]] == ["HE_VERB_AGR"]
        assert background.find_running() == state  # lint did not stop it
    finally:
        assert cli_main(["languagetool", "stop"]) == 0
    assert "stopped" in capsys.readouterr().out
    assert background.find_running() is None
    assert not (tmp_path / "deskeditor" / "languagetool.json").exists()
    for pid in (state.pid, state.server_pid):
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                os.kill(pid, 0)
            except ProcessLookupError:
                break
            time.sleep(0.1)
        else:
            raise AssertionError(f"process {pid} still runs")
    assert cli_main(["languagetool", "stop"]) == 0
    assert "no background" in capsys.readouterr().out


def test_background_server_stops_when_idle(lt_installation, tmp_path):
    import time

    from deskeditor.core.lint.grammar import background

    running, why = background.start(idle_s=3, folder=tmp_path)
    assert running is not None, why
    deadline = time.monotonic() + 60
    while background.find_running(tmp_path) is not None and time.monotonic() < deadline:
        time.sleep(0.5)
    assert background.find_running(tmp_path) is None
    assert not (tmp_path / "languagetool.json").exists()
