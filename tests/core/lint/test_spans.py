"""A finding's range never starts or ends inside inline markup: it widens to
the whole element or shrinks to the element's text (core/lint/spans.py),
once, where the runner merges the engines' findings."""

from __future__ import annotations

import pytest

from deskeditor.core.lint.runner import LintRunner
from deskeditor.core.lint.spans import snap_to_markup
from deskeditor.core.model import Finding


def snapped(source: str, start_text: str, end_text: str) -> str:
    """The text of a finding from the start of ``start_text`` to the end of
    ``end_text`` after snapping."""
    s = source.index(start_text)
    e = source.index(end_text, s) + len(end_text)
    [f] = snap_to_markup(source, [Finding("readability", "x", "info", "m", s, e)])
    return source[f.start:f.end]


@pytest.mark.parametrize("source, start, end, expected", [
    # ends inside a link's text: the whole link
    ("More is found [here](https://example.com/a) today.", "More", "found [here",
     "More is found [here](https://example.com/a)"),
    # starts inside strong emphasis, ends after it: the whole element
    ("Intro. **It was hard.** Then it got easier.", "It was", "easier.",
     "**It was hard.** Then it got easier."),
    # a word crossing into emphasis: widened to the closing markup
    ("We saw the **the** day.", "the **", "**the", "the **the**"),
    # inside one element, reaching into its markup: shrunk to the text
    ("A **bold** word.", "*bold*", "*bold*", "bold"),
    ("Run `pip install` now.", "pip", "install`", "pip install"),
    # nested: link inside emphasis
    ("Go **see [the docs](u) now** please.", "Go", "[the", "Go **see [the docs](u) now**"),
    # untouched: plain prose, a whole element, a word inside one
    ("Plain words here.", "Plain", "words", "Plain words"),
    ("A **bold** word.", "**bold**", "**bold**", "**bold**"),
    ("A **bold** word.", "bold", "bold", "bold"),
    ("snake_case_name is fine", "case", "name", "case_name"),
])
def test_ranges_snap_off_markup(source, start, end, expected):
    assert snapped(source, start, end) == expected


def test_document_wide_findings_stay():
    f = Finding("seo", "meta", "error", "no meta description", 0, 0)
    assert snap_to_markup("Text **x**", [f]) == [f]


def test_the_runner_snaps_every_engines_findings():
    class Engine:  # a grammar engine stand-in whose range ends inside a link's text
        def check(self, source, is_stale=None):
            from deskeditor.core.lint.grammar import GrammarResult

            s = source.index("found")
            return GrammarResult(findings=[Finding("grammar", "R", "warning", "m", s, source.index("here") + 4)])

    source = "# Title\n\nThe answer is found [here](https://example.com) today.\n"
    report = LintRunner(grammar=Engine(), engines=("grammar",)).run(source, {})
    [f] = report.findings
    assert f.text(source) == "found [here](https://example.com)"
