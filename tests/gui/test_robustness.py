"""Hostile drafts in the real window, linters that give up with a note, and
the daily backup the app takes when it opens the store.

The window tests open each hostile draft of issue 8 (a 5 MB line, a 10,000-row
table, 100,000 links, deep lists and quotes, control characters, bidi
overrides, NUL bytes; here at 1/20 of full size, bench/robustness.py runs them
full size) in the real window, type into it and wait until lint and preview
have finished and the text is saved. A 10 ms heartbeat on the GUI thread
measures the longest freeze; it is printed, not asserted (no test asserts on
wall time: the figures are bench/robustness.py's).

The runner tests belong with the core (tests/core/lint) but live here while
that folder is another engineer's.
"""

from __future__ import annotations

import threading
import time

import pytest
from PySide6.QtWidgets import QLabel

import crashkit
from deskeditor.core.lint import runner as lint_runner
from deskeditor.core.lint.budget import Budget
from deskeditor.core.lint.runner import LintRunner
from deskeditor.core.store import Store, database

SCALE = 0.05
HOSTILE = crashkit.hostile_drafts(SCALE)
ENGINES = ("seo", "readability", "citations")  # grammar needs LanguageTool: not here
DOC = "# Title\n\nA first paragraph about the ceasefire talks. It has two sentences.\n"


# -- hostile drafts in the window ------------------------------------------------------------

@pytest.mark.parametrize("name", list(HOSTILE))
def test_a_hostile_draft_opens_takes_typing_lints_previews_and_saves(name, open_window, db_path, qtbot):
    with Store.open(db_path) as s:
        s.drafts.create(DOC)
    w = open_window(db_path, lint_engines=ENGINES)
    result = crashkit.exercise_hostile(w, w.store, name, HOSTILE[name], timeout_s=90)
    print(result.line())
    assert result.typed_ok, result.line()
    assert result.lint_done, result.line()
    assert result.preview_done, result.line()
    assert result.saved, result.line()  # nothing typed was lost
    assert result.held == (name in ("5 MB single line", "100,000 links"))  # one line too long to show as is


def test_a_held_draft_says_so_in_the_editor_and_the_lint_panel_and_is_not_checked(open_window, db_path, qtbot):
    from deskeditor.gui.window.main_window import HELD_HINT, NO_DRAFT_HINT

    with Store.open(db_path) as s:
        doc = s.drafts.create(DOC).id
        held = s.drafts.create("word " * 4_000).id  # one line of 20,000 characters

    def held_and_unchecked():
        assert w.session.held and w.editor.isReadOnly() and w.editor.placeholderText() == HELD_HINT
        assert w.session.lint.report is None and w.lint_panel.summary.text().startswith("Not checked")
        qtbot.wait(1000)  # no lint runs on the empty editor meanwhile
        assert w.session.lint.report is None and w.lint_panel.tree.topLevelItemCount() == 0
        assert "finding" not in w.status.currentMessage() + "".join(
            label.text() for label in w.status.findChildren(QLabel))

    w = open_window(db_path, lint_engines=ENGINES)
    assert w.session.draft.id == held  # the window starts on the newest draft: held back, not checked
    held_and_unchecked()
    w.session.open_draft(doc)
    qtbot.waitUntil(lambda: w.session.lint.report is not None, timeout=30_000)
    w.session.open_draft(held)
    held_and_unchecked()
    w.banner.button("Break Long Lines").click()
    assert w.editor.placeholderText() == NO_DRAFT_HINT and not w.editor.isReadOnly()
    qtbot.waitUntil(lambda: w.session.lint.report is not None, timeout=30_000)


def test_a_lint_step_that_runs_too_long_gives_up_with_a_note_in_the_lint_panel(
        open_window, db_path, qtbot, monkeypatch):
    monkeypatch.setattr(lint_runner, "BUDGET_S", 0.001)
    links = HOSTILE["100,000 links"].split(" ")
    text = "\n".join(" ".join(links[i:i + 50]) for i in range(0, len(links), 50))  # not held: short lines
    with Store.open(db_path) as s:
        s.drafts.create(text)
    w = open_window(db_path, lint_engines=ENGINES)
    assert not w.editor.isReadOnly() and w.editor.text() == text
    qtbot.waitUntil(lambda: w.session.lint.report is not None, timeout=30_000)
    notes = w.session.lint.report.notes
    assert {n.split(" gave up")[0] for n in notes} >= {"seo", "readability", "citations"}, notes
    assert all("took longer than" in n for n in notes), notes
    assert "seo gave up" in w.lint_panel.notes.text() and w.lint_panel.notes.isVisibleTo(w.lint_panel)


# -- the runner gives up per engine -----------------------------------------------------------

def test_an_engine_that_raises_is_one_note_and_the_others_still_report(monkeypatch):
    import deskeditor.core.citations.lint as citations_lint

    def broken(*args, **kwargs):
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr(citations_lint, "lint", broken)
    report = LintRunner(engines=ENGINES).run(DOC, {"keyphrase": "ceasefire"})
    assert report.notes == ["citations gave up: RecursionError: maximum recursion depth exceeded"]
    assert {f.engine for f in report.findings} >= {"seo", "readability"}
    assert report.scores


def test_an_engine_over_its_budget_gives_up_and_the_others_still_report(monkeypatch):
    import deskeditor.core.lint.analysis as analysis

    def slow(*args, **kwargs):
        for _ in range(3000):  # a long pure-Python computation
            time.sleep(0.01)

    monkeypatch.setattr(analysis, "analyze", slow)
    began = time.monotonic()
    report = LintRunner(engines=ENGINES, budget_s=0.3, sources={}).run(DOC + "As [@smith2020] says.\n", {})
    assert time.monotonic() - began < 20  # it did not wait the 30 s out
    assert report.notes == ["seo gave up: it took longer than 0.3 s on this draft",
                            "readability gave up: it took longer than 0.3 s on this draft"]
    assert any(f.engine == "citations" for f in report.findings)  # the unresolved key


def test_a_stale_text_stops_a_long_step_at_once():
    flag = threading.Event()
    threading.Timer(0.2, flag.set).start()
    text = HOSTILE["100,000 links"] * 4  # a parse of several seconds
    began = time.monotonic()
    report = LintRunner(engines=ENGINES, budget_s=None).run(text, {}, is_stale=flag.is_set)
    assert report.stale and not report.notes
    assert time.monotonic() - began < 5


def test_a_budget_never_fires_after_its_step():
    """Many steps finishing just around their budget: a late GaveUp must never
    land in the code that runs after the step."""
    landed = 0
    for i in range(300):
        try:
            with Budget(0.002, poll_s=0.001):
                deadline = time.perf_counter() + 0.002 * (i % 3)
                while time.perf_counter() < deadline:
                    pass
        except lint_runner.GaveUp:
            pass
        try:
            for _ in range(2000):  # code after the step
                sum(range(10))
        except lint_runner.GaveUp:
            landed += 1
    assert landed == 0


# -- the daily backup when the app opens ------------------------------------------------------

def test_opening_the_app_takes_todays_backup_once(tmp_path, qtbot):
    from PySide6.QtWidgets import QApplication

    from deskeditor.gui.app import Session
    from deskeditor.gui.window.settings import WindowSettings

    db = tmp_path / "drafts.db"
    with Store.open(db) as s:
        s.drafts.create(DOC)
    for _ in range(2):
        session = Session(QApplication.instance(), db, WindowSettings(tmp_path / "w.ini", "x"), grammar=False)
        assert session.open()
        try:
            qtbot.waitUntil(lambda: len(database.backups_of_day(db)) == 1, timeout=10_000)
        finally:
            session.close()
            session.window.close()
    [daily] = database.backups_of_day(db)
    with Store.open(daily) as copy:
        assert copy.drafts.get(1).body == DOC


def test_an_engine_that_gives_up_leaves_no_garbage_cycle_holding_what_it_built():
    import gc

    links = " ".join(f"[l{i}](http://e.com/{i})" for i in range(20_000))
    text = "\n".join(links[i:i + 500] for i in range(0, len(links), 500))
    gc.collect()
    gc.disable()
    try:
        report = LintRunner(engines=ENGINES, budget_s=0.5).run(text, {})
        assert any("gave up" in n for n in report.notes), report.notes
        left = gc.collect()  # a kept traceback would hold the parse's tokens in a cycle
    finally:
        gc.enable()
    assert left < 1000, left
