"""Killing the window mid-typing loses at most the last couple of seconds.

The real app runs in a subprocess on a real database and types steadily into
the editor (key events, as a writer would), printing what it has typed and
when. The test kills it with SIGKILL at a random moment, reopens the database
and checks that everything typed up to two seconds before the kill is there,
and that the database passes its integrity check.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from deskeditor.core.store import Store

ROOT = Path(__file__).resolve().parents[2]
BASE = "# Diary\n\nToday I wrote:\n\n"
ALPHABET = "the quick brown fox jumps over a lazy dog "

DRIVER = r'''
import os, sys, time
from PySide6.QtCore import QTimer
from PySide6.QtTest import QTest
from deskeditor.core.store import Store
from deskeditor.gui.app import make_application
from deskeditor.gui.main_window import MainWindow
from deskeditor.gui.settings import WindowSettings

db, config, interval = sys.argv[1], sys.argv[2], int(sys.argv[3])
alphabet = sys.argv[4]
app = make_application()
store = Store.open(db)
w = MainWindow(store, WindowSettings(config, "crash"), grammar=False)
w.show()
typed = []

def type_one():
    e = w.editor
    if not typed:
        e.moveCursor(e.textCursor().MoveOperation.End)
        e.setFocus()
    ch = alphabet[len(typed) % len(alphabet)]
    QTest.keyClicks(e, ch)
    typed.append(ch)
    print(f"typed {len(typed)} {time.monotonic():.6f}", flush=True)

timer = QTimer()
timer.timeout.connect(type_one)
QTimer.singleShot(300, lambda: timer.start(interval))
app.exec()
'''


def typed_text(n: int) -> str:
    return "".join(ALPHABET[i % len(ALPHABET)] for i in range(n))


@pytest.mark.slow
@pytest.mark.parametrize("run", range(4))
def test_sigkill_while_typing_loses_at_most_two_seconds(tmp_path, run):
    db = tmp_path / "crash.db"
    with Store.open(db) as store:
        store.drafts.create(BASE)
    driver = tmp_path / "driver.py"
    driver.write_text(DRIVER, encoding="utf-8")
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"), QT_QPA_PLATFORM="offscreen",
               DESKEDITOR_NO_WEBENGINE="1")  # the preview plays no part in saving
    proc = subprocess.Popen([sys.executable, str(driver), str(db), str(tmp_path / "w.ini"), "40", ALPHABET],
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    stamps: list[float] = []
    kill_after = random.Random(run).uniform(2.5, 6.0)  # seconds of typing, a different moment each run
    try:
        started = None
        for line in proc.stdout:
            if not line.startswith("typed "):
                continue
            stamps.append(float(line.split()[2]))
            started = started or stamps[0]
            if stamps[-1] - started >= kill_after:
                break
        assert stamps, "the app typed nothing"
        proc.send_signal(signal.SIGKILL)
        killed_at = time.monotonic()
    finally:
        proc.kill()
        proc.wait(10)
    # everything typed two seconds before the kill must be in the database
    safe = sum(1 for t in stamps if t <= killed_at - 2.0)
    with Store.open(db) as store:
        assert not store.read_only, store.problem
        assert store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        body = store.drafts.get(1).body
    assert body.startswith(BASE)
    saved = body[len(BASE):]
    assert typed_text(len(stamps)).startswith(saved), "the saved text is not what was typed"
    assert len(saved) >= safe, f"lost {safe - len(saved)} characters typed more than 2 s before the kill"
