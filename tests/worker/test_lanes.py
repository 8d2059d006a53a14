"""The worker lanes with their real child processes: answers, splices, the
hard budget, crashes, stale answers. Faults the engines will not produce
come from faultkit (a ``sitecustomize`` the children load)."""

from __future__ import annotations

import os
import signal
import time

import pytest
from laneanswers import Answers
from workerfaults import MARKER

from deskeditor.core.lint.runner import ENGINES
from deskeditor.worker import lane as lane_mod

from deskeditor.worker.lane import Lane, Progress
from deskeditor.worker.lint import LintRequest
from deskeditor.worker.preview import BlockCache, RenderRequest

DOC = "# Talks\n\nThe ceasefire talks resumed today. Both sides met again.\n"
WHOLE = tuple(e for e in ENGINES if e != "grammar")


def request(budget: float | None = 20.0, engines=WHOLE) -> LintRequest:
    return LintRequest(tuple(engines), budget, None, {"keyphrase": "ceasefire"}, (), frozenset())


@pytest.fixture
def lint_lane():
    got = Answers()
    lane = Lane("lint", got)
    yield lane, got
    lane.close()


def test_a_lint_job_answers_with_the_report_and_the_worker_is_another_process(lint_lane):
    lane, got = lint_lane
    lane.submit("a", "lint", request(), DOC, {"sources": {}})
    answer = got.next()
    assert answer.status == "done" and answer.token == "a"
    report = answer.value.report
    assert report.scores and not report.notes and not report.stale
    assert lane.pid is not None and lane.pid != os.getpid()
    assert not lane.busy


def test_edits_go_as_splices_and_the_childs_copy_stays_exact():
    got = Answers()
    lane = Lane("preview", got)
    try:
        text = "# Title\n\n" + "\n\n".join(f"Paragraph {i} of the draft." for i in range(300)) + "\n"
        cache = BlockCache()
        lane.submit(1, "render", RenderRequest(1), text)
        first = cache.expand(got.next().value)
        sent = []
        plain = lane_mod.Lane._send_job

        def spy(self, child, job):
            before = child.text
            plain(self, child, job)
            sent.append(before is not None)

        lane_mod.Lane._send_job = spy
        try:
            for k in range(5):
                text = text.replace(f"Paragraph {k * 50} ", f"Paragraph {k * 50} edited ", 1) + "x"
                lane.submit(2 + k, "render", RenderRequest(1), text)
                answer = got.next()
                blocks = cache.expand(answer.value)
                # the HTML of unchanged blocks is not sent again, and what is shown is exact
                assert sum(1 for b in answer.value.blocks if b[3] is not None) <= 3
                from deskeditor.core.markdown.render import BlockRenderer

                assert [b.html for b in blocks] == [b.html for b in BlockRenderer().reset(text).blocks]
        finally:
            lane_mod.Lane._send_job = plain
        assert sent == [True] * 5  # each one against the child's copy
        assert len(first) == 301
    finally:
        lane.close()


def test_a_job_over_its_hard_budget_is_killed_noted_and_the_next_job_works(lint_lane, faults, monkeypatch):
    faults("hang")  # a step stuck where no timer reaches it (the process stops itself)
    monkeypatch.setattr(lane_mod, "HARD_GRACE_S", 1.0)
    lane, got = lint_lane
    began = time.monotonic()
    lane.submit("stuck", "lint", request(budget=0.5), DOC + MARKER + "\n", {"sources": {}})
    first_pid = None
    while first_pid is None:
        first_pid = lane.pid
    answer = got.next()
    assert answer.token == "stuck" and answer.status == "gave-up"
    assert answer.step.engines == ("seo", "readability")
    assert "took longer than 0.5 s" in answer.value and "stopped" in answer.value
    assert time.monotonic() - began < 30
    lane.submit("next", "lint", request(), DOC, {"sources": {}})
    answer = got.next()
    assert answer.status == "done" and answer.value.report.scores
    assert lane.pid != first_pid and lane.started == 2


def test_a_stuck_range_of_a_large_draft_is_named_by_its_lines(lint_lane, faults, monkeypatch):
    faults("hang-parse")
    monkeypatch.setattr(lane_mod, "HARD_GRACE_S", 1.0)
    lane, got = lint_lane
    para = "The ceasefire talks resumed today and both sides met again in the capital.\n\n"
    text = "# Big\n\n" + para * 2000 + MARKER + "\n\n" + para * 10  # > 100,000 characters: by ranges
    lane.submit("big", "lint", request(budget=1.0), text, {"sources": {}})
    answer = got.next()
    assert answer.status == "gave-up", answer
    assert answer.step.engines == ("seo", "readability", "citations")
    first, last = (int(n.replace(",", "")) for n in answer.step.lines.split()[1].split("–"))
    marker_line = text[: text.index(MARKER)].count("\n") + 1
    assert first <= marker_line <= last and last - first < 4000, answer.step.lines


@pytest.mark.parametrize("mode, says", [("segv", "crashed (SIGSEGV)"), ("exit", "exited (code 3)")])
def test_a_crash_in_the_worker_costs_one_answer_and_the_next_job_runs_in_a_fresh_one(lint_lane, faults, mode, says):
    faults(mode)
    lane, got = lint_lane
    lane.submit("crash", "lint", request(), DOC + MARKER + "\n", {"sources": {}})
    answer = got.next()
    assert answer.status == "gave-up" and says in answer.value, answer.value
    assert answer.step.engines == ("seo", "readability")
    lane.submit("after", "lint", request(), DOC, {"sources": {}})
    answer = got.next()
    assert answer.token == "after" and answer.status == "done" and answer.value.report.scores
    assert lane.started == 2


def test_a_recursion_error_in_an_engine_is_its_note_and_the_worker_lives_on(lint_lane, faults):
    faults("recurse")
    lane, got = lint_lane
    lane.submit("deep", "lint", request(), DOC + MARKER + "\n", {"sources": {}})
    answer = got.next()
    assert answer.status == "done"
    notes = answer.value.report.notes
    assert notes and all("RecursionError" in n for n in notes) and {n.split()[0] for n in notes} == {"seo", "readability"}
    assert lane.started == 1


def test_a_worker_killed_from_outside_during_a_job_is_one_answer(lint_lane, faults):
    faults("slow")
    lane, got = lint_lane
    lane.submit("slow", "lint", request(), DOC + MARKER + "\n", {"sources": {}})
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        child = lane._child
        if child is not None and child.step.engines == ("seo", "readability"):
            break
        time.sleep(0.01)
    os.kill(lane.pid, signal.SIGKILL)
    answer = got.next()
    assert answer.status == "gave-up" and "crashed (SIGKILL)" in answer.value
    lane.submit("again", "lint", request(), DOC, {"sources": {}})
    assert got.next().status == "done"


def test_a_newer_job_makes_the_running_one_stale_and_older_answers_are_dropped(lint_lane, faults):
    faults("slow")  # three seconds of Python in the analysis: the budget's timer sees the newer job
    lane, got = lint_lane
    lane.submit(1, "lint", request(), DOC + MARKER + "\n", {"sources": {}})
    while lane._child is None or lane._child.step.engines != ("seo", "readability"):
        time.sleep(0.01)
    began = time.monotonic()
    lane.submit(2, "lint", request(), DOC + "More text.\n", {"sources": {}})
    first = got.next()
    assert first.token == 1 and first.value.report.stale  # it stopped early
    assert time.monotonic() - began < 2.5
    second = got.next()
    assert second.token == 2 and not second.value.report.stale and second.value.report.scores
    # an answer older than one delivered never comes through
    assert lane._answer(1, "done", None, lane_mod.Step()) is None
    assert not lane.busy


def test_the_lane_delivers_progress_and_nothing_after_close(lint_lane):
    lane, got = lint_lane
    lane.submit("x", "lint", request(), DOC, {"sources": {}})
    lane.close()
    time.sleep(1.0)
    assert got.q.empty() or all(isinstance(e, Progress) for e in list(got.q.queue))
    assert not lane.busy


def test_a_worker_that_cannot_start_is_one_answer_not_a_loop_of_restarts(monkeypatch):
    monkeypatch.setattr(lane_mod.sys, "executable", "/bin/false")  # every start fails at once
    got = Answers()
    lane = Lane("lint", got)
    try:
        lane.submit("x", "lint", request(), DOC, {"sources": {}})
        answer = got.next(timeout=30)
        assert answer.status == "gave-up" and "before it could start" in answer.value, answer.value
        time.sleep(1.0)
        assert lane.started == 1 and got.q.empty() and not lane.busy
    finally:
        lane.close()


def test_a_long_text_goes_in_pieces_and_arrives_whole(monkeypatch):
    monkeypatch.setattr(lane_mod, "PIECE", 1000)
    got = Answers()
    lane = Lane("preview", got)
    try:
        text = "".join(f"Paragraph {i} with é and 𝄞 in it.\n\n" for i in range(400))  # ~15,000 characters
        cache = BlockCache()
        lane.submit(1, "render", RenderRequest(1), text)
        blocks = cache.expand(got.next().value)
        from deskeditor.core.markdown.render import BlockRenderer

        assert [b.html for b in blocks] == [b.html for b in BlockRenderer().reset(text).blocks]
    finally:
        lane.close()


def test_the_lint_worker_yields_the_cpu_to_the_window(lint_lane):
    """On a two-core machine the window's GUI thread must win the CPU over a
    long lint: the lint worker runs at a lower priority than the window."""
    lane, got = lint_lane
    lane.submit("a", "lint", request(), DOC, {"sources": {}})
    assert got.next().status == "done"
    assert os.getpriority(os.PRIO_PROCESS, lane.pid) >= os.getpriority(os.PRIO_PROCESS, 0) + 5


def test_a_block_of_megabytes_is_shown_cut_with_a_note_and_the_rest_whole():
    """A 2 MB paragraph would be sent whole into the page on every keystroke:
    the preview worker sends a note and the block's first characters instead."""
    from deskeditor.worker.preview import BLOCK_HTML_CAP, CUT_SOURCE

    got = Answers()
    lane = Lane("preview", got)
    try:
        huge = "word " * 400_000
        text = "# Title\n\nA small paragraph.\n\n" + huge + "\n\nThe end.\n"
        lane.submit(1, "render", RenderRequest(1), text)
        blocks = BlockCache().expand(got.next().value)
        htmls = [b.html for b in blocks]
        assert "A small paragraph.</p>" in htmls[1] and "The end." in htmls[3]
        cut = htmls[2]
        assert len(cut) < BLOCK_HTML_CAP // 10 and "de-cut" in cut
        assert f"{len(huge):,} characters long" in cut
        assert cut.count("word") <= CUT_SOURCE // 5 + 1
    finally:
        lane.close()
