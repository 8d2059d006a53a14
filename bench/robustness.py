"""Robustness report: kills survived, hostile drafts, freezes, data lost.

    QT_QPA_PLATFORM=offscreen PYTHONPATH=src .venv/bin/python bench/robustness.py [--quick]
        [--seed N] [--kills-only | --hostile-only] [--scale F] [--runs N] [--only NAME]

1. Kills: the real app is killed with SIGKILL at the 20 moments of
   ``crashkit.plan(seed)`` (while typing, during the autosave of a 5 MB
   draft, during a schema migration, during the restore of a 5 MB revision)
   and its database reopened and checked (tests/gui/crashkit.py).
2. Hostile drafts at full size (``--scale`` 1): each is opened in a fresh real
   window (the QtWebEngine preview, lint without grammar), a few keys are
   typed, and the window waits for lint, preview and autosave to finish. A
   10 ms timer on the GUI thread measures its longest freeze. Lint and
   preview run in the window's worker processes, as in the app.

Prints each kill and each draft, then the summary: kills survived (of N),
hostile inputs tried, longest freeze per input (max of ``--runs``) and
overall, data lost (must be 0) and integrity-check failures (must be 0).
``--quick`` runs 6 kills and the drafts at 1/20 size.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "tests" / "gui"))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import crashkit  # noqa: E402

LINT_ENGINES = ("seo", "readability", "citations")


def run_kills(seed: int, quick: bool, work: Path) -> list:
    kinds = {"typing": 3, "save": 1, "migration": 1, "restore": 1} if quick else None
    seeds = crashkit.Seeds(work / "seeds")
    outcomes = []
    for i, moment in enumerate(crashkit.plan(seed, kinds)):
        outcome = crashkit.run_moment(moment, work / f"kill-{i}", seeds)
        outcomes.append(outcome)
        print(f"  {outcome.line()}  [{outcome.seconds:.1f} s]", flush=True)
    return outcomes


def run_hostile(scale: float, runs: int, work: Path, only: str = "") -> dict[str, list]:
    from deskeditor.core.store import Store
    from deskeditor.gui.app import make_application, tune_interpreter
    from deskeditor.gui.window.main_window import MainWindow
    from deskeditor.gui.window.settings import WindowSettings

    app = make_application()
    tune_interpreter()  # as gui/app.py run() does
    results: dict[str, list] = {}
    for name, text in crashkit.hostile_drafts(scale).items():
        if only and only.lower() not in name.lower():
            continue
        for r in range(runs):
            folder = Path(tempfile.mkdtemp(dir=work))
            store = Store.open(folder / "hostile.db")
            store.drafts.create("# Start\n\nA small draft.\n")
            w = MainWindow(store, WindowSettings(folder / "w.ini", "bench"), grammar=False,
                           lint_engines=LINT_ENGINES)
            w.start_background()
            w.resize(1400, 900)
            w.show()
            crashkit.spin_until(lambda: False, 1.5)  # the preview has loaded
            result = crashkit.exercise_hostile(w, store, name, text, timeout_s=600)
            results.setdefault(name, []).append(result)
            print(f"  {result.line()}", flush=True)
            w.close()
            store.close()
            app.processEvents()
    return results


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--seed", type=int, default=crashkit.SEED)
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--kills-only", action="store_true")
    ap.add_argument("--hostile-only", action="store_true")
    ap.add_argument("--scale", type=float, default=None, help="hostile draft size (1 = full)")
    ap.add_argument("--runs", type=int, default=1, help="runs per hostile draft")
    ap.add_argument("--only", default="", help="only the hostile drafts whose name contains this")
    args = ap.parse_args()
    scale = args.scale if args.scale is not None else (0.05 if args.quick else 1.0)
    began = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="deskeditor-robustness-") as tmp:
        work = Path(tmp)
        outcomes, hostile = [], {}
        if not args.hostile_only:
            print(f"Kills (seed {args.seed}; DESKEDITOR_CRASH_SEED={args.seed} reproduces them):", flush=True)
            outcomes = run_kills(args.seed, args.quick, work)
        if not args.kills_only:
            print(f"Hostile drafts (scale {scale:g}, {args.runs} run(s) each):", flush=True)
            hostile = run_hostile(scale, args.runs, work, args.only)
    survived = sum(1 for o in outcomes if o.survived)
    lost = sum(o.lost for o in outcomes) + sum(1 for rs in hostile.values() for r in rs if not r.saved)
    integrity = sum(o.integrity_failures for o in outcomes)
    print("\nSummary")
    if outcomes:
        by_kind: dict[str, list] = {}
        for o in outcomes:
            by_kind.setdefault(o.moment.kind, []).append(o)
        detail = ", ".join(f"{k} {sum(o.survived for o in v)}/{len(v)}" for k, v in by_kind.items())
        hits = sum(1 for o in outcomes if o.hit)
        print(f"  kills survived:            {survived} of {len(outcomes)} ({detail}); "
              f"{hits} landed inside the operation aimed at")
    if hostile:
        print(f"  hostile inputs tried:      {len(hostile)} (scale {scale:g})")
        print("  longest GUI freeze per input (ms, max of runs), overall and while: opening (the window"
              " loads the draft on the GUI thread), typing, waiting for lint and preview (in workers)")
        print("  (own: the same less the GUI thread's wait for a CPU the machine gave to other processes)")
        print(f"    {'':<30} {'overall':>8} {'open':>8} {'typing':>8} {'waiting':>8} {'own typ':>8} {'own wait':>8}")
        for name, rs in hostile.items():
            worst = max(rs, key=lambda r: r.longest_stall_ms)
            phases = [max(r.stall_by_phase.get(p, 0.0) for r in rs)
                      for p in (crashkit.OPEN, crashkit.TYPING, crashkit.WAITING)]
            undone = [] if all(r.lint_done and r.preview_done for r in rs) else ["lint/preview NOT finished"]
            gave_up = sorted({n.split(":")[0] for r in rs for n in r.lint_notes if "gave up" in n})
            extra = "; ".join(undone + gave_up)
            own = [max(r.own_stall_by_phase.get(p, 0.0) for r in rs) for p in (crashkit.TYPING, crashkit.WAITING)]
            print(f"    {name:<30} {worst.longest_stall_ms:8.1f} " + " ".join(f"{v:8.1f}" for v in phases)
                  + " " + " ".join(f"{v:8.1f}" for v in own) + (f"  ({extra})" if extra else ""))
        overall = max((r for rs in hostile.values() for r in rs), key=lambda r: r.longest_stall_ms)
        after_open = max(v for rs in hostile.values() for r in rs
                         for p, v in r.stall_by_phase.items() if p != crashkit.OPEN)
        print(f"  longest GUI freeze overall: {overall.longest_stall_ms:.1f} ms ({overall.name}, "
              f"during {overall.stall_during}); once open (typing, lint, preview): {after_open:.1f} ms")
    print(f"  data lost:                 {lost}")
    print(f"  integrity-check failures:  {integrity}")
    print(f"  ({time.monotonic() - began:.0f} s; load average now {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs)")
    return 0 if lost == 0 and integrity == 0 and survived == len(outcomes) else 1


if __name__ == "__main__":
    sys.exit(main())
