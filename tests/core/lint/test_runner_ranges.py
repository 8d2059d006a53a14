"""The lint runner on a large draft: parsed range by range, with the same
findings as a whole parse, and a range that takes too long skipped with a note
naming its lines while the rest is still checked."""

from __future__ import annotations

import re

from deskeditor.core.lint import runner as lint_runner
from deskeditor.core.lint.runner import LintRunner

ENGINES = ("seo", "readability", "citations")


def findings(report):
    return sorted((f.engine, f.rule, f.start, f.end, f.message) for f in report.findings)


def test_a_large_draft_linted_by_ranges_finds_what_a_whole_parse_finds(sample_markdown, monkeypatch):
    body = sample_markdown.split("\n---\n", 1)[-1] if sample_markdown.startswith("---") else sample_markdown
    source = "# Ceasefire\n\n" + "\n\n".join([body] * 6)
    fields = {"keyphrase": "Russia-Ukraine ceasefire"}
    monkeypatch.setattr(lint_runner, "RANGE_CHARS", 10 ** 9)
    whole = LintRunner(engines=ENGINES, budget_s=None).run(source, fields)
    monkeypatch.setattr(lint_runner, "RANGE_CHARS", 1_000)
    parsed = []
    real_parse = lint_runner._parse
    monkeypatch.setattr(lint_runner, "_parse", lambda piece: parsed.append(len(piece)) or real_parse(piece))
    by_ranges = LintRunner(engines=ENGINES, budget_s=None).run(source, fields)
    assert len(parsed) > 10 and sum(parsed) == len(source)  # it did go range by range
    assert whole.notes == by_ranges.notes == []
    assert len(findings(whole)) > 20
    assert findings(by_ranges) == findings(whole)
    assert by_ranges.scores == whole.scores and by_ranges.stats == whole.stats


def test_a_range_that_takes_too_long_is_skipped_with_its_lines_named(monkeypatch):
    good = "## Fine\n\nThe talks resumed on Monday, officials said in a statement.\n\n"
    deep = "".join("  " * i + "- x\n" for i in range(2000)) + "\n"  # 4 MB; parses in 1 s or more
    source = good * 30 + deep + good * 30
    first_deep = source[: source.index("- x")].count("\n") + 1
    monkeypatch.setattr(lint_runner, "RANGE_CHARS", 2_000)
    LintRunner(engines=ENGINES, budget_s=None).run(good, {"keyphrase": "talks"})  # loads the word data
    monkeypatch.setattr(lint_runner, "RANGE_SHARE", 0.1)
    report = LintRunner(engines=ENGINES, budget_s=0.4).run(source, {"keyphrase": "talks"})
    notes = [n for n in report.notes if n.startswith("seo gave up on lines")]
    assert len(notes) == 1, report.notes
    a, b = (int(x.replace(",", "")) for x in re.search(r"lines ([\d,]+)–([\d,]+):", notes[0]).groups())
    assert a == first_deep and b in (first_deep + 1999, first_deep + 2000), notes  # the deep list, its lines only
    assert re.search(r"took longer than 0\.\d+ s there", notes[0]), notes
    assert {n.split(" gave up")[0] for n in report.notes} == set(ENGINES)
    assert report.scores and report.stats["words"] > 30 * 10  # the rest was checked
    assert report.keyphrase.get("exact_count", 0) >= 60 or report.stats["words"] >= 60 * 10
