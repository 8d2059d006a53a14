"""Issue 13, Low: scripts/test stops the servers the suite started (and only those).

The decision is exercised with a stand-in for scripts/wordpress-test-server that
records what it is asked to do; the real script's ``stop`` is what it calls."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

FAKE = """#!/usr/bin/env bash
echo "$*" >> "{log}"
case "$1" in status) [ -f "{up}" ] ;; stop) rm -f "{up}" ;; esac
"""


@pytest.mark.parametrize("up_before,up_after,expected", [
    (False, True, "stop"),  # the suite started it: stopped
    (True, True, None),  # it was running before: left alone
    (False, False, None),  # never started: nothing to stop
])
def test_what_the_suite_started_is_stopped(tmp_path, up_before, up_after, expected):
    log, up = tmp_path / "calls", tmp_path / "up"
    fake = tmp_path / "wp"
    fake.write_text(FAKE.format(log=log, up=up))
    fake.chmod(0o755)
    if up_before:
        up.touch()
    start = "touch {}".format(up) if up_after else ":"
    script = (f'source "{ROOT}/scripts/lib.sh"; note_running_servers; trap stop_servers_started_since EXIT; '
              f"{start}; exit 3")
    r = subprocess.run(["bash", "-c", script], env={"PATH": "/usr/bin:/bin", "DESKEDITOR_WP_SCRIPT": str(fake)},
                       capture_output=True, text=True)
    assert r.returncode == 3  # the suite's own exit status is kept
    calls = [c.split()[0] for c in log.read_text().split("\n") if c] if log.exists() else []
    assert ("stop" in calls) == (expected == "stop"), calls
    if expected == "stop":
        assert not up.exists()


def test_scripts_test_uses_it():
    text = (ROOT / "scripts" / "test").read_text()
    assert "note_running_servers" in text and "trap stop_servers_started_since EXIT" in text
