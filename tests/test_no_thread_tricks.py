"""Responsiveness comes from worker processes, not from tricks on threads:
no exception injected into a thread, no garbage collection switched off
process-wide, no tuned GIL switch interval anywhere in src/."""

from __future__ import annotations

import re
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src"
BANNED = re.compile(r"ctypes\.pythonapi|PyThreadState_SetAsyncExc|gc\.disable\(|setswitchinterval")


def test_no_thread_tricks_in_src():
    found = [f"{p.relative_to(SRC)}:{n}: {line.strip()}"
             for p in sorted(SRC.rglob("*.py"))
             for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
             if BANNED.search(line)]
    assert found == []


def test_no_python_qrunnable_in_src():
    """Pool work is a plain callable (gui/jobs/pool.py): a QRunnable subclass made
    in Python can be freed on the GUI thread while the pool thread still reads it."""
    found = [f"{p.relative_to(SRC)}:{n}: {line.strip()}"
             for p in sorted(SRC.rglob("*.py"))
             for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
             if re.search(r"class \w+\(.*QRunnable", line)]
    assert found == []
