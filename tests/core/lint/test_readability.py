"""Readability checks (core.lint.readability via core.lint.analysis.analyze), hand-checked."""

import pytest

from deskeditor.core.lint.analysis import Analysis, analyze
from deskeditor.core.lint.readability import flesch
from deskeditor.core.model import Finding

# 10 words, 13 syllables; no transition, passive, adverb or weasel word
PLAIN = "Officials met in the capital to discuss the new plan."
PASSIVE = "The new plan was signed in the capital by both sides."  # 11 words
TRANSITION = "However, officials met in the capital to discuss the plan."  # 10 words


def plain(n: int) -> str:
    return " ".join([PLAIN] * n)


def one(a: Analysis, rule: str) -> Finding:
    found = [f for f in a.findings if f.rule == rule]
    assert len(found) == 1, (rule, found)
    return found[0]


def all_of(a: Analysis, rule: str) -> list[Finding]:
    return [f for f in a.findings if f.rule == rule]


def test_flesch_formulas_by_hand():
    src = "The cat sat on the mat. Negotiations continue."
    a = analyze(src, {})
    # 8 words, 2 sentences; syllables 1+1+1+1+1+1 + ne-go-ti-a-tions (5) + con-tin-ue (3) = 14
    assert a.stats["text_words"] == 8 and a.stats["text_sentences"] == 2 and a.stats["syllables"] == 14
    assert a.scores["flesch_reading_ease"] == pytest.approx(206.835 - 1.015 * 4 - 84.6 * 14 / 8, abs=0.05)
    assert a.scores["flesch_reading_ease"] == 54.7
    assert a.scores["flesch_kincaid_grade"] == pytest.approx(0.39 * 4 + 11.8 * 14 / 8 - 15.59, abs=0.05)
    assert one(a, "flesch-reading-ease").rating == "ok"
    assert one(a, "flesch-kincaid-grade").rating == "good"  # 6.6
    # Reading Ease is clamped to 0-100, as Yoast shows it
    assert flesch(6, 1, 6) == pytest.approx((100.0, 0.39 * 6 + 11.8 - 15.59))


def test_flesch_ratings():
    assert one(analyze("The cat sat on the mat.", {}), "flesch-reading-ease").rating == "good"
    hard = "Geopolitical considerations necessitate comprehensive multilateral negotiations."
    a = analyze(hard, {})
    assert one(a, "flesch-reading-ease").rating == "poor"
    assert one(a, "flesch-kincaid-grade").rating == "poor"


def test_headings_titles_code_and_urls_are_not_running_text():
    src = ("# A title of five words\n\n## Heading\n\nThe plan `x = 1` works, see https://example.org/a now.\n\n"
           "```\nmany many very very\n```\n")
    a = analyze(src, {})
    assert a.stats["text_words"] == 5  # The plan works see now + nothing from code
    assert a.stats["text_sentences"] == 1
    assert a.stats["words"] == 5 + 5 + 1
    assert a.stats["sentences"] == 3
    assert all_of(a, "weasel-word") == []


def test_long_sentences_located_and_rated():
    long21 = "Word " + " ".join(["word"] * 19) + " end."
    twenty = "Word " + " ".join(["word"] * 18) + " end."
    src = f"{long21} {twenty} {PLAIN} {PLAIN}"
    a = analyze(src, {})
    found = all_of(a, "long-sentence")
    assert [f.text(src) for f in found] == [long21]
    assert found[0].extra["words"] == 21
    s = one(a, "sentence-length")
    assert s.rating == "good" and s.extra["percent"] == 25.0  # 1 of 4
    assert one(analyze(f"{long21} {long21} " + plain(4), {}), "sentence-length").rating == "poor"  # 33%
    assert one(analyze(f"{long21} {long21} {long21} " + plain(7), {}), "sentence-length").rating == "ok"  # 30%


def test_long_paragraph():
    p151 = " ".join([PLAIN] * 15) + " Done."
    src = f"{PLAIN}\n\n{p151}\n"
    a = analyze(src, {})
    f = one(a, "long-paragraph")
    assert f.text(src) == p151 and f.extra["words"] == 151
    assert one(a, "paragraph-length").rating == "ok"
    assert one(analyze(plain(21), {}), "paragraph-length").rating == "poor"  # 210 words
    assert one(analyze(plain(15), {}), "paragraph-length").rating == "good"  # 150 words


def test_subheading_distribution():
    assert one(analyze(plain(30), {}), "subheading-distribution").rating == "good"  # 300 words, no heading
    assert one(analyze(plain(31), {}), "subheading-distribution").rating == "poor"  # 310, no heading
    first, second = plain(16), plain(15)
    src = f"## One\n\n{first}\n\n{second}\n\n## Two\n\n{PLAIN}\n"
    a = analyze(src, {})
    f = one(a, "long-section")
    assert f.extra["words"] == 310 and f.text(src) == f"{first}\n\n{second}"
    assert one(a, "subheading-distribution").rating == "ok"
    src = f"## One\n\n{plain(36)}\n\n## Two\n\n{PLAIN}\n"
    assert one(analyze(src, {}), "subheading-distribution").rating == "poor"  # 360 words


def test_passive_voice_located_and_rated():
    src = f"{PASSIVE} " + plain(9)
    a = analyze(src, {})
    f = one(a, "passive-sentence")
    assert f.text(src) == PASSIVE
    assert f.extra["phrase"] == "was signed"
    start, end = f.extra["phrase_range"]
    assert src[start:end] == "was signed"
    assert one(a, "passive-voice").rating == "good"  # 10%
    assert one(analyze(f"{PASSIVE} {PASSIVE} " + plain(8), {}), "passive-voice").rating == "poor"  # 20%
    assert one(analyze(f"{PASSIVE} {PASSIVE} {PASSIVE} " + plain(17), {}), "passive-voice").rating == "ok"  # 15%
    irregular = "The bridge was built by the army."
    assert one(analyze(irregular, {}), "passive-sentence").extra["phrase"] == "was built"


def test_transition_words():
    def rating(k):  # 20 sentences of 10-11 words: over Yoast's 200-word minimum
        return one(analyze(" ".join([TRANSITION] * (2 * k) + [PLAIN] * (20 - 2 * k)), {}), "transition-words")

    assert rating(3).rating == "good" and rating(3).extra["percent"] == 30.0
    assert rating(2).rating == "ok"
    assert rating(1).rating == "poor"
    multi = "As a result officials met. " + plain(1)
    assert "transition-words" not in {f.rule for f in analyze(multi, {}).findings}  # under 200 words
    for sentence in ("Prices rose more than wages.", "Call me when you land.", "Read it before the vote.",
                     "At least ten died.", "Not only prices but also wages rose.", "Either stay or go.",
                     "Note that the plan failed."):
        a = analyze(" ".join([sentence] + [PLAIN] * 24), {})
        assert one(a, "transition-words").extra["percent"] == 4.0, sentence


def test_three_sentences_in_a_row_with_the_same_opening():
    run = "Putin spoke first. Putin then left. Putin stayed."
    src = f"{PLAIN}\n\n{run}\n\n{PLAIN}\n"
    a = analyze(src, {})
    f = one(a, "repeated-sentence-start")
    assert f.text(src) == run and f.extra["sentences"] == 3
    assert one(a, "sentence-beginnings").rating == "poor"  # Yoast: any run of 3 scores 3


def test_repeated_openings_run_across_paragraphs_but_not_headings():
    across = "Putin spoke.\n\nPutin left.\n\nPutin returned.\n"
    assert len(all_of(analyze(across, {}), "repeated-sentence-start")) == 1
    broken = "Putin spoke. Putin left.\n\n## Then\n\nPutin returned.\n"
    assert all_of(analyze(broken, {}), "repeated-sentence-start") == []
    articles = "The talks failed. The war went on. The plan died."
    assert all_of(analyze(articles, {}), "repeated-sentence-start") == []  # "the talks", "the war", ...
    # as Yoast compares openings: "Putin’s" is another word than "Putin"
    assert all_of(analyze("Putin spoke. Putin left. Putin’s aide stayed.", {}), "repeated-sentence-start") == []
    # a list is left out of the sequence, so the run goes on around it; a heading is a sentence of it
    around = "Putin spoke.\n\n- a list item\n\nPutin left. Putin returned.\n"
    assert len(all_of(analyze(around, {}), "repeated-sentence-start")) == 1
    headed = "Putin spoke.\n\n## Putin again\n\nPutin returned.\n"
    assert len(all_of(analyze(headed, {}), "repeated-sentence-start")) == 1
    same = "The plan failed. The plan stalled. The plan died."
    assert len(all_of(analyze(same, {}), "repeated-sentence-start")) == 1


def test_adverbs_located():
    src = "Putin cautiously responded. The family met daily and quickly left."
    a = analyze(src, {})
    found = all_of(a, "adverb")
    assert [f.text(src) for f in found] == ["cautiously", "quickly"]
    s = one(a, "adverbs")
    assert s.extra["count"] == 2 and s.extra["percent"] == round(200 / 10, 2)
    assert s.rating == "poor"
    assert one(analyze(plain(5) + " He left quickly.", {}), "adverbs").rating == "good"  # 1 of 53 words


def test_weasel_words_located_and_not_double_counted():
    src = "Many people say the plan is very significantly better. Experts say so."
    a = analyze(src, {})
    found = all_of(a, "weasel-word")
    assert [f.text(src) for f in found] == ["Many people", "very", "significantly", "Experts say"]
    assert all_of(a, "adverb") == []  # "significantly" is reported once, as a weasel word
    assert one(a, "weasel-words").rating == "poor"
    assert one(analyze(plain(10), {}), "weasel-words").rating == "good"


def test_instance_findings_take_the_summary_rating():
    a = analyze(f"{PASSIVE} " + plain(9), {})
    f = one(a, "passive-sentence")
    assert f.rating == "good" and f.severity == "info"
    b = analyze(f"{PASSIVE} {PASSIVE} " + plain(8), {})
    assert {(f.rating, f.severity) for f in all_of(b, "passive-sentence")} == {("poor", "warning")}


def test_no_running_text():
    a = analyze("# Only a title\n", {})
    assert one(a, "text-presence").rating == "poor"
    assert a.scores["flesch_reading_ease"] is None
    assert a.scores["readability"] == 0


def test_plain_text_scores_well():
    src = "## Plan\n\n" + " ".join([TRANSITION, PLAIN, PLAIN] * 3) + "\n"
    a = analyze(src, {})
    assert a.scores["readability"] > 70 and a.scores["readability_rating"] == "good"
