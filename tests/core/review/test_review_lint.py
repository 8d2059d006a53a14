"""The linters read the text as if every suggestion were accepted; findings stay on the source."""

from __future__ import annotations

import string

from hypothesis import given, settings
from hypothesis import strategies as st

from deskeditor.core.lint.runner import LintRunner
from deskeditor.core.markdown.prose import extract_prose
from deskeditor.core.review import marks as critic

WORDS = ["the", "ceasefire", "was", "agreed", "very", "very", "quickly", "Russia", "Ukraine", "talks",
         "a", "an", "it", "is", "and", "in", "Geneva", "*stressed*", "**bold**", "`code`", ".",
         "\n\n", "[a link](https://example.com/x)"]  # marks across paragraphs and around links too


def _inner():
    return st.lists(st.sampled_from(WORDS), min_size=1, max_size=4).map(" ".join)


def _mark():
    return st.one_of(
        _inner().map(lambda t: "{++" + t + " ++}"),
        _inner().map(lambda t: "{--" + t + " --}"),
        st.tuples(_inner(), _inner()).map(lambda p: "{~~" + p[0] + "~>" + p[1] + "~~}"),
        st.tuples(_inner(), _inner()).map(lambda p: "{==" + p[0] + "==}{>>@ed " + p[1] + "<<}"),
        _inner().map(lambda t: "{>>" + t + "<<}"),
    )


def _document():
    piece = st.one_of(_inner(), _mark(), st.sampled_from(["\n\n", "\n\n## Heading ", ". "]))
    return st.lists(piece, min_size=1, max_size=14).map(lambda ps: "# Title\n\n" + " ".join(ps) + "\n")


def _delimiter_spans(source: str) -> list[tuple[int, int]]:
    """Every delimiter, and everything deleted or commented, of every mark."""
    spans = []
    for m in critic.find_marks(source):
        kept = sorted(m.keep)
        cur = m.start
        for a, b in kept:
            spans.append((cur, a))
            cur = b
        spans.append((cur, m.end))
    return [(a, b) for a, b in spans if b > a]


@settings(max_examples=80, deadline=None)
@given(_document())
def test_accept_all_is_the_view_the_linters_read(source):
    accepted = critic.accept(source)
    assert critic.reject(accepted) == accepted  # nothing left to reject
    view = critic.accepted_view(source)
    assert (view.text if view else source) == accepted
    runner = LintRunner(engines=["seo", "readability", "citations"])
    on_source = runner.run(source, {"title": "Title", "keyphrase": "ceasefire talks"})
    on_accepted = runner.run(accepted, {"title": "Title", "keyphrase": "ceasefire talks"})
    assert [(f.rule, f.message) for f in on_source.findings] == [(f.rule, f.message) for f in on_accepted.findings]
    assert on_source.stats == on_accepted.stats
    spans = _delimiter_spans(source)
    for f in on_source.findings:
        for a, b in spans:
            assert not a < f.start < b and not a < f.end < b, (f, source[a:b])


def test_prose_skips_deletions_and_comments():
    source = "One {--two --}three {~~four~>five~~} six{>>a note<<} {++seven++}."
    seg, = extract_prose(source)
    assert seg.text == "One three five six seven."
    assert all(source[o] == c for c, o in zip(seg.text, seg.offsets) if o >= 0)


def test_findings_move_onto_the_source():
    from deskeditor.core.model import Finding

    source = "The talks {++were ++}{--was --}held {~~at~>in~~} Geneva."
    view = critic.accepted_view(source)
    assert view.text == "The talks were held in Geneva."
    found = [Finding("grammar", "r", "warning", "m", 10, 14, ("are",)),   # "were": inside the insertion
             Finding("grammar", "r", "warning", "m", 15, 22, ("x",)),     # "held in": across a substitution
             Finding("grammar", "r", "warning", "m", 0, 0)]
    moved = critic.map_findings(view, found, source)
    assert source[moved[0].start:moved[0].end] == "were" and moved[0].replacements == ("are",)
    assert source[moved[1].start:moved[1].end] == "held {~~at~>in"
    assert moved[1].replacements == ()  # applying it would tear the substitution apart
    assert (moved[2].start, moved[2].end) == (0, 0)
