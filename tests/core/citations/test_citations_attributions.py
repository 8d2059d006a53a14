"""Unlinked attributions: the sample's twelve parentheticals and two anchor
phrases, and the parentheses that are not attributions."""

from __future__ import annotations

from collections import Counter

import pytest

from deskeditor.core.citations.analysis import analyze
from deskeditor.core.citations.attributions import classify, is_apposition
from deskeditor.core.model import line_col

# The sample's parenthesised attributions, counted by hand in
# tests/data/russia-ukraine-ceasefire.txt, in order, with the Markdown line
# (1-based, after conversion) each one ends a sentence on.
SAMPLE_ATTRIBUTIONS = [
    (10, "(Reuters)"),
    (14, "(KalikaBlogs – Historical Causes of Russia-Ukraine Conflict)"),
    (20, "(Reuters)"),
    (26, "(KalikaBlogs – NATO’s Role in Russia-Ukraine War)"),
    (30, "(NY Post)"),
    (32, "(KalikaBlogs – Russia-Ukraine War Global Economic Impact)"),
    (38, "(Wikipedia – Kursk Offensive)"),
    (50, "(Wikipedia)"),
    (52, "(Wikipedia)"),
    (54, "(Wikipedia)"),
    (62, "(KalikaBlogs – NATO’s Role in Russia-Ukraine War)"),
    (64, "(KalikaBlogs – Russia-Ukraine War Global Economic Impact)"),
]


def expected_ranges(markdown: str, texts: list[str]) -> list[tuple[int, int]]:
    """Each text's range, searching forward from the previous one."""
    out, pos = [], 0
    for text in texts:
        start = markdown.index(text, pos)
        out.append((start, start + len(text)))
        pos = start + len(text)
    return out


@pytest.fixture(scope="module")
def sample_report(sample_markdown):
    return analyze(sample_markdown)


def test_all_twelve_parenthesised_attributions_at_their_exact_ranges(sample_markdown, sample_report):
    found = [a for a in sample_report.attributions if a.kind == "parenthetical"]
    assert len(SAMPLE_ATTRIBUTIONS) == 12
    want = expected_ranges(sample_markdown, [t for _line, t in SAMPLE_ATTRIBUTIONS])
    assert [(a.start, a.end) for a in found] == want
    assert [sample_markdown[a.start:a.end] for a in found] == [t for _line, t in SAMPLE_ATTRIBUTIONS]
    assert [line_col(sample_markdown, a.start)[0] for a in found] == [ln for ln, _t in SAMPLE_ATTRIBUTIONS]


def test_attributions_are_grouped_by_the_source_they_name(sample_report):
    groups = {g.label: g.count for g in sample_report.groups if g.kind == "parenthetical"}
    assert groups == {
        "Reuters": 2,
        "KalikaBlogs – Historical Causes of Russia-Ukraine Conflict": 1,
        "KalikaBlogs – NATO’s Role in Russia-Ukraine War": 2,
        "KalikaBlogs – Russia-Ukraine War Global Economic Impact": 2,
        "NY Post": 1,
        "Wikipedia – Kursk Offensive": 1,
        "Wikipedia": 3,
    }
    kalika = [g for g in sample_report.groups if g.name == "KalikaBlogs"]
    assert len(kalika) == 3 and all(g.title for g in kalika)


def test_the_twelve_are_flagged_unlinked(sample_markdown):
    from deskeditor.core.citations.lint import lint

    findings = [f for f in lint(sample_markdown) if f.rule == "unlinked-attribution"]
    assert sorted((f.start, f.end) for f in findings) == expected_ranges(
        sample_markdown, [t for _line, t in SAMPLE_ATTRIBUTIONS])
    assert all(f.engine == "citations" and f.severity == "warning" for f in findings)
    assert Counter(f.extra["count"] for f in findings) == Counter({2: 6, 1: 3, 3: 3})


def test_the_anchor_phrases_are_detected_separately(sample_markdown, sample_report):
    anchors = [a for a in sample_report.attributions if a.kind == "anchor"]
    assert [sample_markdown[a.start:a.end] for a in anchors] == [
        "this discussion", "this detailed YouTube analysis"]
    assert [(a.start, a.end) for a in anchors] == expected_ranges(
        sample_markdown, ["this discussion", "this detailed YouTube analysis"])


@pytest.mark.parametrize("inner, before, name, title, rule", [
    ("Reuters", "", "Reuters", "", "outlet"),
    ("NY Post", "", "NY Post", "", "outlet"),
    ("via Reuters", "", "Reuters", "", "outlet"),
    ("Source: BBC", "", "BBC", "", "outlet"),
    ("Reuters, March 13, 2025", "", "Reuters", "", "outlet"),
    ("Wikipedia – Kursk Offensive", "", "Wikipedia", "Kursk Offensive", "site-title"),
    ("KalikaBlogs – NATO’s Role in Russia-Ukraine War", "", "KalikaBlogs",
     "NATO’s Role in Russia-Ukraine War", "site-title"),
    ("Some Site - Three Word Title", "", "Some Site", "Three Word Title", "site-title"),
    ("Kyiv Post", "", "Kyiv Post", "", "outlet"),
    ("Lviv Herald", "", "Lviv Herald", "", "outlet-like"),
    ("KalikaBlogs", "", "KalikaBlogs", "", "outlet-like"),
    ("Smith, 2020", "", "Smith", "", "author-date"),
    ("Smith et al. 2021, p. 4", "", "Smith et al.", "", "author-date"),
    ("AP", "said ", "AP", "", "outlet"),
])
def test_what_names_a_source(inner, before, name, title, rule):
    assert classify(inner, before) == (name, title, rule)


@pytest.mark.parametrize("inner, before", [
    ("OSCE", "observers from the Organization for Security and Co-operation in Europe "),
    ("OSCE", "observers from the "),  # an acronym that is no outlet
    ("NATO", "the alliance "),
    ("AP", "the Associated Press "),  # an outlet's acronym in apposition
    ("2014", ""),
    ("March 2014 – June 2015", ""),
    ("p. 4", ""),
    ("see below", ""),
    ("i.e. the east", ""),
    ("Crimea", ""),
    ("Putin – Trump summit", ""),
    ("Russia – Ukraine", ""),
    ("March 2025", ""),
])
def test_what_does_not(inner, before):
    assert classify(inner, before) is None


def test_apposition():
    assert is_apposition("OSCE", "the Organization for Security and Co-operation in Europe ")
    assert not is_apposition("BBC", "said the ")


def parentheticals(text):
    return [text[a.start:a.end] for a in analyze(text).attributions if a.kind == "parenthetical"]


def test_ordinary_parentheses_in_prose_are_not_flagged():
    text = ("Monitors from the Organization for Security and Co-operation in Europe (OSCE) arrived. "
            "Crimea was annexed (2014). The OSCE (an observer body) said so. "
            "Observers (OSCE) stayed. See f(x) and the mission (see below).\n")
    assert parentheticals(text) == []


def test_a_mid_sentence_parenthesis_is_an_aside():
    assert parentheticals("Reuters staff (Reuters) reported it.\n") == []
    assert parentheticals("It was reported (Reuters), then denied.\n") == ["(Reuters)"]


def test_linked_or_cited_attributions_are_not_flagged():
    text = (
        "One ([Reuters](https://www.reuters.com/a)).\n\n"
        "Two (Reuters)[^1].\n\n"
        "Three (Reuters) [@reuters].\n\n"
        "Four, [as reported](https://www.reuters.com/b) (Reuters).\n\n"
        "Five `(Reuters)`.\n\n"
        "Six (Reuters).\n\n"
        "[^1]: <https://www.reuters.com/c>\n"
    )
    assert parentheticals(text) == ["(Reuters)"]
    only = [a for a in analyze(text).attributions if a.kind == "parenthetical"][0]
    assert text[only.start - 4:only.end + 1] == "Six (Reuters)."


def test_attributions_in_headings_and_code_are_ignored():
    text = "# A heading (Reuters)\n\n```\nx (Reuters).\n```\n\n    indented (Reuters).\n"
    assert parentheticals(text) == []


def test_anchor_phrases_need_a_pointer_and_no_link():
    def anchors(text):
        return [text[a.start:a.end] for a in analyze(text).attributions if a.kind == "anchor"]

    assert anchors("This incident demonstrated the volatility.\n") == []
    assert anchors("This analysis shows a trend.\n") == []  # nothing sends the reader anywhere
    assert anchors("Watch this video on the war.\n") == ["this video"]
    assert anchors("Read more in [this article](https://example.org/a).\n") == []
    assert anchors("Explore this discussion on the war [here](https://example.org/d).\n") == []
    assert anchors("It is covered in this podcast episode.\n") == ["this podcast episode"]
    assert anchors("Refer to [the tracker](https://e.org/t) to follow this discussion.\n") == []
    assert anchors("Check out the following resources:\n\n- [A](https://e.org/a)\n") == []
