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
    assert "install or status" in capsys.readouterr().err


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
