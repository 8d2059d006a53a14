"""Shared by the hostile-input tests (imported by name: pytest puts this folder on sys.path)."""

from __future__ import annotations

import threading


def one_line(err: str) -> str:
    """The single ``deskeditor:`` line on stderr (asserting there is one, and no traceback)."""
    assert "Traceback" not in err, err
    lines = [ln for ln in err.splitlines() if ln.startswith("deskeditor:")]
    assert len(lines) == 1, err
    return lines[0]


def within(seconds: float, fn):
    """``fn()``'s result, asserting it came within ``seconds`` (a hang fails the test
    instead of hanging the suite; the stuck thread is a daemon)."""
    box = {}
    t = threading.Thread(target=lambda: box.setdefault("r", fn()), daemon=True)
    t.start()
    t.join(seconds)
    assert not t.is_alive(), f"still running after {seconds} s"
    return box.get("r")
