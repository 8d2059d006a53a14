"""The CLI runs the engines in its own process, on its main thread, with the
same budgets as the window's worker (the interval timer; no window to keep
alive, so no worker process)."""

from __future__ import annotations

import json
import subprocess
import sys
import time

from workerfaults import MARKER


def test_deskeditor_lint_gives_up_on_an_engine_over_its_budget_and_still_reports(tmp_path, faults):
    faults("slow", budget=0.5)  # three seconds of Python in the analysis, a budget of half a second
    draft = tmp_path / "post.md"
    draft.write_text("# Talks\n\nThe ceasefire talks resumed [@nobody]. " + MARKER + "\n", encoding="utf-8")
    began = time.monotonic()
    proc = subprocess.run([sys.executable, "-m", "deskeditor", "lint", str(draft), "--skip", "grammar",
                           "--format", "json", "--db", str(tmp_path / "d.db")],
                          capture_output=True, text=True, timeout=120)
    took = time.monotonic() - began
    out = json.loads(proc.stdout)
    assert out["notes"] == ["seo gave up: it took longer than 0.5 s on this draft",
                            "readability gave up: it took longer than 0.5 s on this draft"], proc.stderr
    assert any(f["engine"] == "citations" for f in out["findings"])  # the others still report
    assert took < 30
