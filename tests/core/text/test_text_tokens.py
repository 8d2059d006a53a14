"""Words and sentences with offsets (core.text.tokens)."""

from deskeditor.core.text.tokens import sentence_spans, word_spans


def words(text, skip=()):
    return [text[a:b] for a, b in word_spans(text, skip)]


def sentences(text):
    return [text[c0:c1] for _, _, c0, c1 in sentence_spans(text, word_spans(text))]


def test_hyphenated_words_are_one_word_dashes_separate():
    assert words("Russia-Ukraine long-term talks") == ["Russia-Ukraine", "long-term", "talks"]
    assert words("Russia–Ukraine sovereignty—particularly") == ["Russia", "Ukraine", "sovereignty", "particularly"]
    assert words("non\u2011breaking") == ["non\u2011breaking"]


def test_apostrophes_straight_and_curly_stay_inside_words():
    assert words("Putin’s plan, don't stop, NATO's role") == ["Putin’s", "plan", "don't", "stop", "NATO's", "role"]
    assert words("the States’ laws") == ["the", "States’", "laws"]
    # a closing quote after a word that does not end in s is not part of it
    assert words("the ‘Victory’ plan") == ["the", "Victory", "plan"]


def test_initialisms_and_numbers():
    assert words("a U.S.-led plan, e.g. 2,000 troops at 3.5% on 13 March") == [
        "a", "U.S.-led", "plan", "e.g.", "2,000", "troops", "at", "3.5", "on", "13", "March"]


def test_offsets_are_exact():
    text = "  Hello,  world!"
    assert word_spans(text) == [(2, 7), (10, 15)]


def test_skip_spans_drop_placeholder_words():
    text = "Run code now"
    assert words(text, [(4, 8)]) == ["Run", "now"]


def test_sentence_split_on_stops_not_on_abbreviations():
    text = ("He met U.S. President Donald Trump (Reuters). Mr. Smith agreed! Did it work? "
            "In the U.S. The talks went on... and on. Prices rose 3.5 percent.")
    assert sentences(text) == [
        "He met U.S. President Donald Trump (Reuters).",
        "Mr. Smith agreed!",
        "Did it work?",
        "In the U.S.",
        "The talks went on... and on.",
        "Prices rose 3.5 percent.",
    ]


def test_sentence_with_closing_quote_and_lower_case_continuation():
    text = "He said “Stop.” Then he left. It was 5 p.m. and dark."
    assert sentences(text) == ["He said “Stop.”", "Then he left.", "It was 5 p.m. and dark."]


def test_sentence_word_ranges():
    text = "One two. Three four five."
    spans = word_spans(text)
    assert [(a, b) for a, b, _, _ in sentence_spans(text, spans)] == [(0, 2), (2, 5)]


def test_text_without_final_stop_is_one_sentence():
    assert sentences("Putin Demands Russia-Ukraine Ceasefire") == ["Putin Demands Russia-Ukraine Ceasefire"]
    assert sentences("...") == []
