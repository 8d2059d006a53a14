"""Benchmarks of the main window. Prints medians (and p95) of several runs.

    QT_QPA_PLATFORM=offscreen PYTHONPATH=src .venv/bin/python bench/window.py [--quick]

1. keystroke: a keystroke's own handling time in the editor (key event in,
   document changed, line re-highlighted, every listener run), on a
   20,000-word draft with highlighting and lint underlines on; as wall time,
   as the GUI thread's CPU time (what it costs, whatever else the machine is
   doing), with the repaint of the editor that follows, and while a lint run
   is going on (in the lint worker process). Target: p95 <= 4 ms.
2. keystroke to preview patched, 2,000 and 20,000 words (median, p95).
   Targets: p95 <= 16 ms and <= 25 ms.
   suggest: both again at 2,000 words with Review > Suggest Changes on (every
   keystroke becomes or extends a ``{++…++}``). Targets: p95 <= 4 ms and <= 16 ms.
3. launch: from starting ``python -m deskeditor gui`` to the first painted
   window (the editor's viewport), over several launches, with the modules'
   bytecode cached (as installed) and without (every module compiled from
   source each time, as under PYTHONDONTWRITEBYTECODE=1); with the CPU time
   the process spent, which a busy machine disturbs less. Target <= 800 ms.
4. memory: PSS of the app and all its child processes with the sample draft
   open, and by kind: the window's own process, the two worker processes
   (preview and lint, ``deskeditor.worker``) and QtWebEngine's. Target
   <= 350 MiB in all.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "tests" / "data" / "russia-ukraine-ceasefire.txt"
sys.path.insert(0, str(ROOT / "src"))


def p95(values: list[float]) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(0.95 * (len(values) - 1))))]


def sample_markdown() -> str:
    from deskeditor.core.importers import read_document

    return read_document(SAMPLE).markdown


def draft_of(words: int) -> str:
    """The sample post repeated (with numbered headings) to ``words`` words."""
    from deskeditor.core.markdown import frontmatter
    from deskeditor.core.store import count_words

    base = sample_markdown()
    body = frontmatter.body_of(base)
    head = base[: len(base) - len(body)]
    parts, n, k = [], 0, 0
    per = count_words(body)
    while n < words and words >= per:
        k += 1
        parts.append(f"## Part {k}\n\n" + body.strip() + "\n")
        n += per + 2
    text = head + "\n".join(parts)
    if words < per:  # cut down to about ``words``
        paras, out, n = body.split("\n\n"), [], 0
        for p in paras:
            out.append(p)
            n += count_words(p)
            if n >= words:
                break
        text = head + "\n\n".join(out) + "\n"
    return text


# -- in-process benchmarks --------------------------------------------------------
def _window(tmp: Path, text: str):
    from deskeditor.core.store import Store
    from deskeditor.gui.app import make_application, tune_interpreter
    from deskeditor.gui.window.main_window import MainWindow
    from deskeditor.gui.window.settings import WindowSettings

    app = make_application()
    tune_interpreter()  # as gui/app.py run() does
    db = tmp / f"bench-{random.randrange(1 << 30)}.db"
    store = Store.open(db)
    store.drafts.create(text)
    w = MainWindow(store, WindowSettings(tmp / "window.ini", "bench"), grammar=False)
    w.start_background()
    w.resize(1440, 900)
    w.show()
    return app, w, store


def _wait(app, cond, timeout: float = 120.0) -> bool:
    """Run the event loop until ``cond()``; it wakes on every event, so what is
    measured is the app's latency, not a polling interval."""
    from PySide6.QtCore import QEventLoop, QTimer

    tick = QTimer()
    tick.start(20)  # a wake-up now and then, in case nothing else happens
    end = time.monotonic() + timeout
    try:
        while time.monotonic() < end:
            if cond():
                return True
            app.processEvents(QEventLoop.AllEvents | QEventLoop.WaitForMoreEvents)
        return cond()
    finally:
        tick.stop()


def _settle(app, seconds: float) -> None:
    from PySide6.QtTest import QTest

    QTest.qWait(int(seconds * 1000))


def _middle_of_screen(w) -> None:
    from PySide6.QtGui import QTextCursor

    e = w.editor
    block = e.document().findBlockByNumber(e.document().blockCount() // 2)
    while block.isValid() and len(block.text()) < 200:
        block = block.next()
    c = e.textCursor()
    c.setPosition(block.position() + len(block.text()) // 2)
    e.setTextCursor(c)
    e.centerCursor()
    c.movePosition(QTextCursor.EndOfWord)
    e.setTextCursor(c)
    e.setFocus()


def bench_keystrokes(tmp: Path, words: int, keys: int, suggest: bool = False) -> dict[str, list[float]]:
    from PySide6.QtTest import QTest

    app, w, store = _window(tmp, draft_of(words))
    try:
        e = w.editor
        _wait(app, lambda: w.session.lint.report is not None, 300)
        _settle(app, 0.5)
        underlined = len(e.underlines.items)
        _middle_of_screen(w)
        w.review.suggest.set_on(suggest)  # typing makes {++…++} (gui/editor/suggest.py)
        _settle(app, 0.3)
        out: dict[str, list[float]] = {"handling": [], "handling (thread CPU)": [], "handling+paint": [],
                                       "handling, lint running": []}
        letters = "etaoinshrdlu"
        for i in range(keys):
            t0, c0 = time.perf_counter(), time.thread_time()
            QTest.keyClick(e, letters[i % len(letters)])
            t1, c1 = time.perf_counter(), time.thread_time()
            e.viewport().repaint()
            t2 = time.perf_counter()
            out["handling"].append((t1 - t0) * 1000)
            out["handling (thread CPU)"].append((c1 - c0) * 1000)
            out["handling+paint"].append((t2 - t0) * 1000)
            _settle(app, 0.03)  # about 200 words a minute
        # the same with a lint run going on in the lint worker
        w.session.lint.run_now()
        for i in range(keys // 2):
            w.session.lint.run_now() if i % 20 == 0 else None
            t0 = time.perf_counter()
            QTest.keyClick(e, letters[i % len(letters)])
            out["handling, lint running"].append((time.perf_counter() - t0) * 1000)
            _settle(app, 0.03)
        out["_underlines"] = [underlined]
        return out
    finally:
        w.close()
        store.close()


def bench_preview(tmp: Path, words: int, keys: int, suggest: bool = False) -> list[float]:
    """Keystroke to the preview's ``patched`` signal, in ms."""
    from PySide6.QtTest import QTest

    app, w, store = _window(tmp, draft_of(words))
    try:
        pane = w.preview
        if not hasattr(pane, "patched") or pane.is_fallback():
            return []
        _wait(app, lambda: w.session.preview_sync.shown_version >= 0, 60)
        _settle(app, 1.0)
        _middle_of_screen(w)
        w.review.suggest.set_on(suggest)
        _settle(app, 0.3)
        done: list[float] = []
        pane.patched.connect(lambda: done.append(time.perf_counter()))
        out = []
        for i in range(keys):
            done.clear()
            t0 = time.perf_counter()
            QTest.keyClick(w.editor, "x" if i % 2 == 0 else "y")
            if not _wait(app, lambda: bool(done), 5):
                continue
            out.append((done[0] - t0) * 1000)
            _settle(app, 0.05)
        return out
    finally:
        w.close()
        store.close()


# -- out-of-process benchmarks -------------------------------------------------------
def _env(tmp: Path, **extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(PYTHONPATH=str(ROOT / "src"), DESKEDITOR_CONFIG_DIR=str(tmp / "config"), DESKEDITOR_GRAMMAR="0",
               QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    if os.geteuid() == 0 and "--no-sandbox" not in env.get("QTWEBENGINE_CHROMIUM_FLAGS", ""):
        env["QTWEBENGINE_CHROMIUM_FLAGS"] = (env.get("QTWEBENGINE_CHROMIUM_FLAGS", "") + " --no-sandbox").strip()
    env.update(extra)
    return env


def _sample_db(tmp: Path) -> Path:
    from deskeditor.core.store import Store

    db = tmp / "sample.db"
    if not db.exists():
        with Store.open(db) as s:
            s.drafts.create(sample_markdown())
    return db


def bench_launch(tmp: Path, runs: int, bytecode: bool = True) -> list[tuple[float, float]]:
    """(wall ms, CPU ms of the process) from starting ``python -m deskeditor gui``
    to the window's first paint. ``bytecode``: with compiled modules cached, as
    in an installed app (a first launch, not counted, compiles them into a
    private cache); without, every module is compiled from source on every
    launch, as under ``PYTHONDONTWRITEBYTECODE=1``."""
    db = _sample_db(tmp)
    env = _env(tmp, DESKEDITOR_EXIT_AFTER_PAINT="1")
    if bytecode:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(tmp / "pycache")
    else:
        env["PYTHONDONTWRITEBYTECODE"] = "1"
        env.pop("PYTHONPYCACHEPREFIX", None)
    out = []
    for i in range(runs + 1):
        t0 = time.monotonic()
        proc = subprocess.run([sys.executable, "-m", "deskeditor", "gui", "--db", str(db)],
                              env=env, capture_output=True, text=True, timeout=120)
        line = next((ln for ln in proc.stdout.splitlines() if ln.startswith("first-paint ")), None)
        if line is None:
            print("launch failed:", proc.stderr[-2000:], file=sys.stderr)
            continue
        if i == 0:
            continue  # the warm-up: file caches, and the bytecode cache when it is on
        fields = line.split()
        cpu = float(fields[3]) * 1000 if len(fields) > 3 else float("nan")
        out.append(((float(fields[1]) - t0) * 1000, cpu))
    return out


def _pss_kib(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup") as fh:
            for line in fh:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def _tree(pid: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as fh:
                ppid = int(fh.read().rsplit(")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):
            continue
        children.setdefault(ppid, []).append(int(entry))
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        todo.extend(children.get(p, []))
    return out


def _kind(pid: int, root: int) -> str:
    if pid == root:
        return "window"
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as fh:
            cmd = fh.read()
    except OSError:
        return "other"
    if b"deskeditor.worker.child" in cmd:
        return "workers"
    if b"QtWebEngineProcess" in cmd:
        return "webengine"
    return "other"


def bench_memory(tmp: Path, runs: int, settle: float = 6.0) -> list[tuple[float, int, dict[str, float]]]:
    db = _sample_db(tmp)
    out = []
    for _ in range(runs):
        proc = subprocess.Popen([sys.executable, "-m", "deskeditor", "gui", "--db", str(db)],
                                env=_env(tmp, DESKEDITOR_REPORT_PAINT="1"), stdout=subprocess.PIPE,
                                stderr=subprocess.DEVNULL, text=True)
        try:
            proc.stdout.readline()  # first paint
            time.sleep(settle)  # the web preview starts, renders, lint runs
            pids = _tree(proc.pid)
            kinds: dict[str, float] = {}
            for p in pids:
                kinds[_kind(p, proc.pid)] = kinds.get(_kind(p, proc.pid), 0.0) + _pss_kib(p) / 1024
            out.append((sum(kinds.values()), len(pids), kinds))
        finally:
            proc.kill()
            proc.wait()
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--quick", action="store_true", help="fewer runs")
    ap.add_argument("--only", choices=["keys", "preview", "suggest", "launch", "memory"], action="append")
    args = ap.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from deskeditor.gui.preview.host import configure_env

    configure_env()
    tmp = Path(tempfile.mkdtemp(prefix="deskeditor-bench-"))
    os.environ["DESKEDITOR_CONFIG_DIR"] = str(tmp / "config")
    keys = 120 if args.quick else 400
    runs = 3 if args.quick else 7
    want = set(args.only or ["keys", "preview", "suggest", "launch", "memory"])
    try:
        if "keys" in want:
            r = bench_keystrokes(tmp, 20_000, keys)
            print(f"keystroke handling, 20,000 words, highlighting + {r.pop('_underlines')[0]} findings underlined:")
            for name, values in r.items():
                print(f"  {name:26s} median {statistics.median(values):6.2f} ms   p95 {p95(values):6.2f} ms"
                      f"   (n={len(values)})")
        if "preview" in want:
            for words in (2_000, 20_000):
                v = bench_preview(tmp, words, keys // 2)
                if v:
                    print(f"keystroke to preview patched, {words:,} words: median {statistics.median(v):6.2f} ms"
                          f"   p95 {p95(v):6.2f} ms   (n={len(v)})")
                else:
                    print(f"keystroke to preview patched, {words:,} words: no web preview")
        if "suggest" in want:  # Review > Suggest Changes on: every keystroke becomes a suggestion
            r = bench_keystrokes(tmp, 2_000, keys, suggest=True)
            r.pop("_underlines")
            print("keystroke handling in suggest mode, 2,000 words:")
            for name, values in r.items():
                print(f"  {name:26s} median {statistics.median(values):6.2f} ms   p95 {p95(values):6.2f} ms"
                      f"   (n={len(values)})")
            v = bench_preview(tmp, 2_000, keys // 2, suggest=True)
            if v:
                print(f"keystroke to preview patched in suggest mode, 2,000 words: median {statistics.median(v):6.2f} ms"
                      f"   p95 {p95(v):6.2f} ms   (n={len(v)})")
        if "launch" in want:
            for bytecode, label in ((True, "bytecode cached"), (False, "no bytecode cache")):
                v = bench_launch(tmp, runs, bytecode)
                if v:
                    wall, cpu = [w for w, _ in v], [c for _, c in v]
                    print(f"launch to first paint ({label}): median {statistics.median(wall):6.0f} ms   "
                          f"min {min(wall):.0f}  max {max(wall):.0f}   CPU median {statistics.median(cpu):.0f} ms"
                          f"   (n={len(v)}, {os.environ['QT_QPA_PLATFORM']})")
        if "memory" in want:
            v = bench_memory(tmp, max(1, runs // 2))
            mib = [m for m, _, _ in v]
            kinds = sorted({k for _, _, ks in v for k in ks})
            split = ", ".join(f"{k} {statistics.median([ks.get(k, 0.0) for _, _, ks in v]):.1f}" for k in kinds)
            print(f"memory, sample draft open: median PSS {statistics.median(mib):6.1f} MiB over "
                  f"{v[0][1]} processes ({split} MiB)   (n={len(v)})")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
