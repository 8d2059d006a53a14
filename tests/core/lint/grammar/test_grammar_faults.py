"""Faults: a server killed mid-check, hanging, babbling, missing; LanguageTool
or Java not installed; the server process never outlives deskeditor.
Nothing raises into the caller; the status says what is wrong and the fix."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time

import psutil
import pytest

from deskeditor.core.lint.grammar import GrammarEngine, GrammarSettings, LocalServer, RemoteServer
from deskeditor.core.lint.grammar.service import FAILED, READY

DRAFT = "\n\n".join(f"Block {i} is here. He go to school on day {i}." for i in range(8)) + "\n"


def _wait_gone(pid: int, seconds: float = 15.0) -> bool:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        try:
            p = psutil.Process(pid)
            if p.status() == psutil.STATUS_ZOMBIE:
                return True
        except psutil.NoSuchProcess:
            return True
        time.sleep(0.1)
    return False


@pytest.mark.grammar
@pytest.mark.slow
def test_server_killed_mid_check_is_unavailable_then_recovers(lt_installation, tmp_path):
    server = LocalServer(lt_installation.version, log_dir=tmp_path)
    try:
        engine = GrammarEngine(GrammarSettings(), server)
        starting = engine.check("Warm. He go to school.\n", wait=False)  # the GUI's way: don't block
        assert not starting.available and starting.status == "grammar starting: LanguageTool is loading"
        assert engine.status() == starting.status
        # asked again while it loads: still "starting", and no second process
        assert engine.check("Warm. He go to school.\n", wait=False).status == starting.status
        deadline = time.monotonic() + 120
        while server.state != READY and time.monotonic() < deadline:
            time.sleep(0.2)
        assert engine.check("Warm. He go to school.\n", wait=False).findings
        assert server.starts == 1
        first_pid = server.pid
        calls = []

        def kill_on_second_block() -> bool:
            calls.append(1)
            if len(calls) == 2:
                os.kill(first_pid, signal.SIGKILL)
                assert _wait_gone(first_pid)
            return False

        result = engine.check(DRAFT, is_stale=kill_on_second_block)  # must not raise
        assert not result.available and not result.complete
        assert result.status.startswith("grammar unavailable: ")
        assert "; fix: " in result.status and "\n" not in result.status
        assert server.state == FAILED
        assert engine.status().startswith("grammar unavailable: ")

        again = engine.check(DRAFT)  # restarts the server (first retry has no delay)
        assert again.available and again.complete, again.status
        assert server.state == READY and server.pid != first_pid and server.starts == 2
        assert len(again.findings) == 8
        assert [f.text(DRAFT) for f in again.findings] == ["go"] * 8
    finally:
        server.stop()
    assert server.pid is None


@pytest.mark.grammar
@pytest.mark.slow
def test_hung_local_server_is_replaced(lt_installation, tmp_path):
    server = LocalServer(lt_installation.version, log_dir=tmp_path)
    try:
        engine = GrammarEngine(GrammarSettings(timeout=3.0), server)
        assert engine.check("Warm. He go to school.\n").available
        hung = server.pid
        os.kill(hung, signal.SIGSTOP)  # alive but silent
        result = engine.check(DRAFT)
        assert not result.available
        assert "did not answer in time" in result.status and "restarted" in result.status
        assert _wait_gone(hung)  # the hung process was killed, not left behind
        again = engine.check(DRAFT)
        assert again.available and len(again.findings) == 8 and server.pid != hung
    finally:
        server.stop()


@pytest.mark.grammar
def test_hanging_server_times_out_and_recovers(counting_proxy):
    settings = GrammarSettings(server_url=counting_proxy.url, timeout=1.5)
    engine = GrammarEngine(settings, RemoteServer(settings.server_url))
    assert engine.check("One. He go to school.\n").available
    counting_proxy.mode = "hang"
    began = time.monotonic()
    result = engine.check("Two. He go to school.\n")
    assert time.monotonic() - began < 20  # a timeout, not a hang (generous bound)
    assert not result.available
    assert "did not answer in time" in result.status and "; fix: " in result.status
    counting_proxy.mode = "forward"
    result = engine.check("Two. He go to school.\n")
    assert result.available and [f.rule for f in result.findings] == ["HE_VERB_AGR"]


@pytest.mark.grammar
@pytest.mark.parametrize("mode,says", [("garbage", "unreadable answer"), ("wrong", "unreadable answer")])
def test_garbage_answers_are_unavailable_not_exceptions(counting_proxy, mode, says):
    settings = GrammarSettings(server_url=counting_proxy.url)
    engine = GrammarEngine(settings, RemoteServer(settings.server_url))
    assert engine.check("First. He go to school.\n").available
    counting_proxy.mode = mode
    result = engine.check("Second. He go to school.\n")
    assert not result.available and says in result.status, result.status
    counting_proxy.mode = "forward"
    assert engine.check("Second. He go to school.\n").findings


def test_garbage_from_the_start_is_not_a_server(fake_lt):
    fake = fake_lt(mode="garbage")
    settings = GrammarSettings(server_url=fake.url)
    result = GrammarEngine(settings, RemoteServer(settings.server_url)).check("He go to school.\n")
    assert not result.available
    assert "not a LanguageTool server" in result.status and "fix:" in result.status


def test_configured_server_down(tmp_path):
    settings = GrammarSettings(server_url="http://127.0.0.1:9/")
    engine = GrammarEngine(settings, RemoteServer(settings.server_url))
    result = engine.check("He go to school.\n")
    assert not result.available and result.findings == []
    assert "does not answer" in result.status and "clear the grammar server URL" in result.status


def test_not_installed_says_how_to_install(tmp_path):
    engine = GrammarEngine(GrammarSettings(), LocalServer(root=tmp_path / "empty", log_dir=tmp_path))
    result = engine.check("He go to school.\n")
    assert result.status == (
        "grammar unavailable: LanguageTool 6.8 is not installed; fix: run: deskeditor languagetool install"
    )
    assert engine.status() == result.status


def test_missing_java_says_how_to_fix(lt_installation, tmp_path):
    server = LocalServer(lt_installation.version, java="/nonexistent/bin/java", log_dir=tmp_path)
    result = GrammarEngine(GrammarSettings(), server).check("He go to school.\n")
    assert result.status.startswith("grammar unavailable: Java is not installed; fix: install Java 17")


def test_unknown_language_is_reported_not_raised(counting_proxy):
    settings = GrammarSettings(server_url=counting_proxy.url, language="xx-YY")
    result = GrammarEngine(settings, RemoteServer(settings.server_url)).check("He go to school.\n")
    assert not result.available and "not supported" in result.status


def test_unchanged_draft_needs_no_server_at_all(counting_proxy):
    settings = GrammarSettings(server_url=counting_proxy.url)
    engine = GrammarEngine(settings, RemoteServer(settings.server_url))
    first = engine.check(DRAFT)
    counting_proxy.mode = "hang"  # would time out if anything were sent
    second = engine.check(DRAFT)
    assert second.available and second.sent_segments == 0 and second.findings == first.findings


_CHILD = textwrap.dedent(
    """
    import sys, time, pathlib
    from deskeditor.core.lint.grammar.service import LocalServer
    s = LocalServer(log_dir=pathlib.Path(sys.argv[1]), warmup=False)
    assert s.ensure_ready(), s.describe()
    print(s.pid, flush=True)
    if sys.argv[2] == "exit":
        sys.exit(0)
    time.sleep(600)
    """
)


@pytest.mark.grammar
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="PR_SET_PDEATHSIG is Linux-only")
@pytest.mark.parametrize("how", ["exit", "sigkill"])
def test_server_never_outlives_the_app(lt_installation, tmp_path, how):
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(sys.path))
    child = subprocess.Popen([sys.executable, "-c", _CHILD, str(tmp_path), how], stdout=subprocess.PIPE, text=True, env=env)
    try:
        java_pid = int(child.stdout.readline())
        assert psutil.pid_exists(java_pid)
        if how == "sigkill":
            child.kill()  # no atexit: the kernel's parent-death signal must do it
        child.wait(timeout=30)
        assert _wait_gone(java_pid), f"LanguageTool server {java_pid} outlived its parent ({how})"
    finally:
        if child.poll() is None:
            child.kill()


def test_a_server_with_a_text_limit_gets_smaller_requests(lt_server, fake_lt):
    """A configured server may refuse long texts (LanguageTool's maxTextLength):
    the blocks of a refused request go again in smaller ones, not unchecked."""
    proxy = fake_lt(lt_server.url, "limit")
    settings = GrammarSettings(server_url=proxy.url)
    engine = GrammarEngine(settings, RemoteServer(settings.server_url))
    draft = "\n\n".join(f"Paragraph {i} is short. He go to school on day {i}." for i in range(30)) + "\n"
    result = engine.check(draft)
    assert result.available and result.complete, result.status
    assert [f.rule for f in result.findings] == ["HE_VERB_AGR"] * 30
    assert proxy.checks > 2 and len(proxy.texts) >= 30
