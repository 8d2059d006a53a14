"""The editor on a 25 MB draft while Python workers hold the GIL.

    QT_QPA_PLATFORM=offscreen PYTHONPATH=src .venv/bin/python bench/contention.py [--runs 5]

Loads the 4,990-level nested list of issue 8 (24.9 MB) into a real
``MarkdownEditor`` and, with 0 and with 3 threads spinning in pure Python (as
the word count and a history diff still do in the window's process; lint and
preview run in worker processes), prints the medians of: the load,
sending the cursor to the end (the scroll bar moves some twenty times; the
editor handles that once per turn of the event loop), and one keystroke with
the events it causes.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import threading
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtGui import QTextCursor  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from deskeditor.gui.editor import MarkdownEditor  # noqa: E402

NESTED = "".join("  " * i + "- x\n" for i in range(4_990))


def once(app: QApplication, spinners: int) -> tuple[float, float, float]:
    e = MarkdownEditor()
    e.resize(700, 850)
    e.show()
    app.processEvents()
    stop = threading.Event()

    def spin() -> None:
        x = 0
        while not stop.is_set():
            for i in range(1000):
                x += i

    threads = [threading.Thread(target=spin, daemon=True) for _ in range(spinners)]
    for t in threads:
        t.start()
    try:
        a = time.perf_counter()
        e.load_text(NESTED)
        app.processEvents()
        load = time.perf_counter() - a
        a = time.perf_counter()
        e.moveCursor(QTextCursor.End)
        app.processEvents()
        move = time.perf_counter() - a
        a = time.perf_counter()
        QTest.keyClicks(e, "x")
        app.processEvents()
        key = time.perf_counter() - a
    finally:
        stop.set()
        for t in threads:
            t.join()
        e.close()
        e.deleteLater()
        app.processEvents()
    return load * 1000, move * 1000, key * 1000


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    app = QApplication.instance() or QApplication([])
    print(f"25 MB nested list ({len(NESTED):,} chars) in a MarkdownEditor, median of {args.runs} runs:")
    for spinners in (0, 3):
        runs = [once(app, spinners) for _ in range(args.runs)]
        load, move, key = (statistics.median(r[i] for r in runs) for i in range(3))
        print(f"  {spinners} busy Python threads: load {load:7.1f} ms   cursor to the end {move:6.1f} ms   "
              f"one keystroke {key:6.1f} ms")


if __name__ == "__main__":
    main()
