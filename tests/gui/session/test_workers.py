"""The window with its worker processes: a lint worker that crashes or is
stopped costs a note in the Lint panel, never the window or the text; a
preview worker killed is replaced at the next edit. Faults come from
tests/worker/faultkit (a ``sitecustomize`` the workers load)."""

from __future__ import annotations

import os
import signal
import sys
from pathlib import Path

import pytest

from deskeditor.core.store import Store

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "worker"))
from workerfaults import MARKER, arm  # noqa: E402  (tests/worker/workerfaults.py)

ENGINES = ("seo", "readability", "citations")
DOC = "# Talks\n\nThe ceasefire talks resumed today. Both sides met again.\n"


@pytest.fixture
def faults(monkeypatch):
    return lambda mode: arm(monkeypatch, mode)


def draft(db_path, text: str) -> int:
    with Store.open(db_path) as s:
        return s.drafts.create(text).id


def type_at_end(qtbot, w, keys: str) -> None:
    e = w.editor
    e.moveCursor(e.textCursor().MoveOperation.End)
    qtbot.keyClicks(e, keys)


@pytest.mark.parametrize("mode, says", [("segv", "crashed (SIGSEGV)"), ("exit", "exited (code 3)")])
def test_a_lint_worker_that_crashes_costs_a_note_and_the_next_check_runs(open_window, db_path, qtbot, faults,
                                                                          mode, says):
    faults(mode)
    draft(db_path, DOC + MARKER + "\n")
    w = open_window(db_path, lint_engines=ENGINES)
    qtbot.waitUntil(lambda: w.session.lint.report is not None, timeout=30_000)
    notes = w.session.lint.report.notes
    assert notes == [f"seo gave up: the worker process {says}", f"readability gave up: the worker process {says}"]
    assert "seo gave up" in w.lint_panel.notes.text()
    assert w.isVisible() and w.editor.text() == DOC + MARKER + "\n"  # the window and the text are fine
    w.editor.replace_text(DOC + "Now without the fault.\n")
    qtbot.waitUntil(lambda: w.session.lint.report is not None and not w.session.lint.report.notes and bool(w.session.lint.report.scores),
                    timeout=30_000)
    assert w.session.lint.worker.lane.started == 2


def test_a_lint_step_stuck_beyond_the_budget_is_stopped_with_a_note(open_window, db_path, qtbot, faults, monkeypatch):
    from deskeditor.core.lint import runner
    from deskeditor.worker import lane

    faults("hang")  # the worker stops itself: no timer of its own can end the step
    monkeypatch.setattr(runner, "BUDGET_S", 0.3)
    monkeypatch.setattr(lane, "HARD_GRACE_S", 1.0)
    draft(db_path, DOC + MARKER + "\n")
    w = open_window(db_path, lint_engines=ENGINES)
    type_at_end(qtbot, w, " typed while it hangs")  # the window takes keys all along
    qtbot.waitUntil(lambda: w.session.lint.report is not None and bool(w.session.lint.report.notes), timeout=30_000)
    assert w.session.lint.report.notes[0] == "seo gave up: it took longer than 0.3 s on this draft and was stopped"
    assert w.editor.text().endswith(" typed while it hangs")


def test_a_killed_preview_worker_is_replaced_at_the_next_edit(open_window, db_path, qtbot):
    draft(db_path, DOC)
    w = open_window(db_path, lint_engines=ENGINES)
    sync = w.session.preview_sync
    qtbot.waitUntil(lambda: sync.shown_version == w.editor.version and sync.worker.lane.pid is not None, timeout=30_000)
    first = sync.worker.lane.pid
    os.kill(first, signal.SIGKILL)
    qtbot.wait(300)
    type_at_end(qtbot, w, " More words here.")
    qtbot.waitUntil(lambda: sync.shown_version == w.editor.version, timeout=30_000)
    assert any("More words here." in b.html for b in sync.blocks)
    assert sync.worker.lane.pid != first and sync.worker.lane.started == 2 and sync.last_error == ""


def test_the_workers_end_with_the_window(open_window, db_path, qtbot):
    draft(db_path, DOC)
    w = open_window(db_path, lint_engines=ENGINES)
    qtbot.waitUntil(lambda: w.session.lint.report is not None and w.session.preview_sync.shown_version >= 0, timeout=30_000)
    pids = [w.session.lint.worker.lane.pid, w.session.preview_sync.worker.lane.pid]
    assert all(pids)
    w.close()

    def gone(pid: int) -> bool:
        try:
            with open(f"/proc/{pid}/stat") as fh:
                return fh.read().rsplit(")", 1)[1].split()[0] == "Z"
        except OSError:
            return True

    qtbot.waitUntil(lambda: all(gone(p) for p in pids), timeout=10_000)


def test_a_big_patch_waits_for_the_newest_render_when_one_is_on_its_way(open_window, db_path, qtbot, monkeypatch):
    from deskeditor.core.markdown.render import Block
    from deskeditor.gui.jobs import analysis as analysis_jobs

    draft(db_path, DOC)
    w = open_window(db_path, lint_engines=ENGINES)
    sync = w.session.preview_sync
    qtbot.waitUntil(lambda: sync.shown_version == w.editor.version and not sync.worker.busy, timeout=30_000)
    shown = []
    w.preview.show_blocks = lambda blocks: shown.append(blocks)
    big = [Block(0, 1, "big", "<p>" + "x" * 600_000 + "</p>", "paragraph_open")]
    version = sync.shown_version
    monkeypatch.setattr(analysis_jobs.AnalysisJobs, "busy", property(lambda self: True))
    sync._finished((sync.generation, version + 1), (big, [], 5.0))
    assert shown == [] and sync.shown_version == version  # a newer render is coming: not this one
    small = [Block(0, 1, "small", "<p>x</p>", "paragraph_open")]
    sync._finished((sync.generation, version + 2), (small, [], 1.0))
    assert shown == [small] and sync.shown_version == version + 2  # a small patch goes in at once
    monkeypatch.setattr(analysis_jobs.AnalysisJobs, "busy", property(lambda self: False))
    sync._finished((sync.generation, version + 3), (big, [], 5.0))
    assert shown[-1] == big and sync.shown_version == version + 3  # the newest: shown, however big
