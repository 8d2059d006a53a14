"""ReText side by side with deskeditor: keystroke to preview updated, and memory.

ReText (PyPI ``retext``, a PyQt6 Markdown editor with a live preview) runs in
its own virtual environment, ``.cache/bench-retext-venv`` (created on the first
run: ``retext==8.1.0``, which brings PyQt6, Markups, Markdown, docutils,
Pygments, PyYAML). A small driver script, run by that environment's Python,
imports ReText's modules, opens the draft in a ReText window in live-preview
mode (offscreen), types into its editor with QTest, and detects the preview
update by wrapping ``ReTextTab.updatePreviewBox`` (where ReText puts a finished
conversion into its preview; the wrapper notes the time after it returns).

deskeditor is measured the same way in this process: the draft open in the
main window, the same keystrokes at the same place, until the preview pane
says ``patched``.

Both type one key every ``--gap`` ms at the end of the paragraph about 40%
into the 2,000- and the 20,000-word draft (``bench/_util.py draft_of``), the
cursor's line in the middle of the editor, and wait for the preview before the
next key. Memory: PSS of every process of the app (ReText's converter process,
deskeditor's QtWebEngine processes) with the sample post open, after 6 s.

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/retext.py [--keys 30] [--gap 100] [--webengine]

``--webengine`` runs ReText with its QtWebEngine preview instead of its
default QTextBrowser (PyQt6-WebEngine==6.11.0 installed into its environment);
the update is then its view's ``loadFinished`` after the new HTML is set.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _util import ROOT, draft_of, pct, sample_markdown

VENV = ROOT / ".cache" / "bench-retext-venv"
RETEXT = "retext==8.1.0"
SIZES = (2_000, 20_000)

DRIVER = r'''
"""Runs inside ReText's virtual environment: open FILE in ReText, type, time the preview."""
import json, multiprocessing, os, sys, time


def main():
    multiprocessing.set_start_method("spawn")  # as ReText's own main() does
    mode, path, keys, gap = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    web = sys.argv[5] == "web"
    from PyQt6.QtCore import QEventLoop, Qt, QTimer
    from PyQt6.QtGui import QTextCursor
    from PyQt6.QtTest import QTest
    from PyQt6.QtWidgets import QApplication

    from ReText import globalSettings
    import ReText.tab as tab_module

    globalSettings.defaultPreviewState = "live-preview"
    globalSettings.openLastFilesOnStartup = False
    globalSettings.useWebEngine = web  # ReText's default is False: a QTextBrowser preview
    updates = []
    original = tab_module.ReTextTab.updatePreviewBox

    def update_preview_box(self):  # the hook: ReText put a conversion into its preview
        result = original(self)
        if not web:  # QTextBrowser.setHtml is done when it returns
            updates.append(time.perf_counter())
        return result

    tab_module.ReTextTab.updatePreviewBox = update_preview_box
    QApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)
    app = QApplication(["retext"])
    from ReText.window import ReTextWindow

    window = ReTextWindow()
    window.resize(1440, 900)
    window.show()
    window.openFileWrapper(path)
    tab = window.currentTab
    if web:  # QWebEngineView.setHtml loads asynchronously: the page is updated at loadFinished
        tab.previewBox.loadFinished.connect(lambda ok: updates.append(time.perf_counter()))

    def run_for(ms):
        loop = QEventLoop()
        QTimer.singleShot(ms, loop.quit)
        loop.exec()

    def wait_update(count, timeout=30.0):
        end = time.monotonic() + timeout
        while len(updates) <= count and time.monotonic() < end:
            app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents | QEventLoop.ProcessEventsFlag.WaitForMoreEvents, 20)
        return len(updates) > count

    wait_update(0, 60)  # the first conversion of the whole file
    run_for(1000)
    if mode == "memory":
        print("ready", flush=True)
        run_for(600_000)
        return
    editor = tab.editBox
    lines = editor.toPlainText().split("\n")
    long_rows = [i for i, line in enumerate(lines) if len(line) > 200]
    row = long_rows[int(len(long_rows) * 0.4)]
    block = editor.document().findBlockByNumber(row)
    cursor = editor.textCursor()
    cursor.setPosition(block.position() + len(block.text()))
    editor.setTextCursor(cursor)
    editor.ensureCursorVisible()  # a QTextEdit: no centerCursor
    editor.setFocus()
    run_for(700)
    typed = " and the quick brown fox jumps over the lazy dog again"
    out = []
    for k in range(keys):
        run_for(gap)
        before = len(updates)
        t0 = time.perf_counter()
        QTest.keyClick(editor, typed[k % len(typed)])
        if wait_update(before):
            out.append((updates[before] - t0) * 1000)
    print(json.dumps({"latency_ms": out, "preview": type(tab.previewBox).__name__}), flush=True)
    editor.document().setModified(False)  # else closing asks whether to save
    window.close()


if __name__ == "__main__":
    main()
'''


def ensure_venv() -> Path:
    """ReText's environment (made once); returns its Python."""
    python = VENV / "bin" / "python"
    if not (python.exists() and subprocess.run([str(python), "-c", "import ReText"],
                                               capture_output=True).returncode == 0):
        print(f"creating {VENV} with {RETEXT} ...", flush=True)
        subprocess.run([sys.executable, "-m", "venv", "--clear", str(VENV)], check=True)
        subprocess.run([str(python), "-m", "pip", "install", "-q", RETEXT], check=True)
    return python


def has_webengine(python: Path) -> bool:
    return subprocess.run([str(python), "-c", "import PyQt6.QtWebEngineWidgets"], capture_output=True).returncode == 0


def retext_env(tmp: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"),
               XDG_CONFIG_HOME=str(tmp / "config"), XDG_CACHE_HOME=str(tmp / "cache"))
    for key in ("PYTHONPATH", "PYTHONHOME"):
        env.pop(key, None)
    return env


def retext_latency(python: Path, tmp: Path, text: str, keys: int, gap: int, web: bool = False) -> list[float]:
    src = tmp / "draft.md"
    src.write_text(text, encoding="utf-8")
    driver = tmp / "retext_driver.py"
    driver.write_text(DRIVER, encoding="utf-8")
    done = subprocess.run([str(python), str(driver), "latency", str(src), str(keys), str(gap),
                           "web" if web else "text"],
                          env=retext_env(tmp), capture_output=True, text=True, timeout=600, cwd=tmp)
    line = next((ln for ln in reversed(done.stdout.splitlines()) if ln.startswith("{")), None)
    if line is None:
        raise RuntimeError(f"ReText driver failed: {done.stderr[-3000:]}")
    return json.loads(line)["latency_ms"]


def retext_memory(python: Path, tmp: Path, web: bool = False, settle: float = 6.0) -> tuple[float, int]:
    from window import _pss_kib, _tree

    src = tmp / "sample.md"
    src.write_text(sample_markdown(), encoding="utf-8")
    driver = tmp / "retext_driver.py"
    driver.write_text(DRIVER, encoding="utf-8")
    proc = subprocess.Popen([str(python), str(driver), "memory", str(src), "0", "0", "web" if web else "text"],
                            env=retext_env(tmp),
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, cwd=tmp)
    pids = [proc.pid]
    try:
        proc.stdout.readline()  # "ready": opened and previewed
        time.sleep(settle)
        pids = _tree(proc.pid)
        return sum(_pss_kib(p) for p in pids) / 1024, len(pids)
    finally:
        for pid in reversed(pids):  # its converter process too, not only the driver
            try:
                os.kill(pid, 9)
            except OSError:
                pass
        proc.wait()


def ours_latency(tmp: Path, text: str, keys: int, gap: int) -> list[float]:
    """deskeditor's window, typed into the same way."""
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtTest import QTest

    from window import _wait, _window

    app, w, store = _window(tmp, text)
    try:
        pane = w.preview
        if not hasattr(pane, "patched") or pane.is_fallback():
            raise RuntimeError("deskeditor's web preview did not start")
        _wait(app, lambda: w.session.preview_sync.shown_version >= 0, 60)
        e = w.editor
        lines = e.text().split("\n")
        long_rows = [i for i, line in enumerate(lines) if len(line) > 200]
        row = long_rows[int(len(long_rows) * 0.4)]
        block = e.document().findBlockByNumber(row)
        c = e.textCursor()
        c.setPosition(block.position() + len(block.text()))
        e.setTextCursor(c)
        e.centerCursor()
        e.setFocus()

        def run_for(ms: int) -> None:
            loop = QEventLoop()
            QTimer.singleShot(ms, loop.quit)
            loop.exec()

        run_for(1000)
        typed = " and the quick brown fox jumps over the lazy dog again"
        done: list[float] = []
        pane.patched.connect(lambda: done.append(time.perf_counter()))
        out = []
        for k in range(keys):
            run_for(gap)
            done.clear()
            t0 = time.perf_counter()
            QTest.keyClick(e, typed[k % len(typed)])
            if _wait(app, lambda: bool(done), 10):
                out.append((done[0] - t0) * 1000)
        return out
    finally:
        w.close()
        store.close()


def ours_memory(tmp: Path) -> tuple[float, int]:
    from window import bench_memory

    (mib, n), = bench_memory(tmp, 1)
    return mib, n


def line(name: str, ours: list[float], theirs: list[float]) -> str:
    def fmt(v: list[float]) -> str:
        if not v:
            return f"{'no answer':>28}"
        return f"median {statistics.median(v):7.1f}  p95 {pct(v, 95):7.1f} ms"

    return f"{name:<34} {fmt(ours):>30}   {fmt(theirs):>30}"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--keys", type=int, default=30)
    ap.add_argument("--gap", type=int, default=100, help="ms between keystrokes")
    ap.add_argument("--no-memory", action="store_true")
    ap.add_argument("--webengine", action="store_true",
                    help="ReText with its QtWebEngine preview (needs PyQt6-WebEngine in its environment: "
                         ".cache/bench-retext-venv/bin/pip install PyQt6-WebEngine==6.11.0)")
    args = ap.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from deskeditor.gui.preview.host import configure_env

    configure_env()
    python = ensure_venv()
    tmp = Path(tempfile.mkdtemp(prefix="deskeditor-retext-"))
    os.environ["DESKEDITOR_CONFIG_DIR"] = str(tmp / "config-ours")
    from deskeditor.gui.app import make_application

    make_application()
    print(f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}; {args.keys} keys, one every {args.gap} ms")
    try:
        web = args.webengine and has_webengine(python)
        head = f"ReText 8.1.0 ({'QtWebEngine' if web else 'QTextBrowser'})"
        if args.webengine and not web:
            print("PyQt6-WebEngine is not in ReText's environment: its default QTextBrowser preview instead")
        print(f"{'':<34} {'deskeditor':>30}   {head:>30}")
        for words in SIZES:
            text = draft_of(words)
            mine = ours_latency(tmp, text, args.keys, args.gap)
            theirs = retext_latency(python, tmp, text, args.keys, args.gap, web)
            print(line(f"keystroke -> preview, {words:,} words", mine, theirs), flush=True)
        if not args.no_memory:
            m_ours, n_ours = ours_memory(tmp)
            m_theirs, n_theirs = retext_memory(python, tmp, web)
            print(f"{'memory (PSS), sample open':<34} {f'{m_ours:.0f} MiB, {n_ours} processes':>30}   "
                  f"{f'{m_theirs:.0f} MiB, {n_theirs} processes':>30}")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print(f"load average after: {os.getloadavg()[0]:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
