"""Syllable counts (core.text.syllables)."""

from deskeditor.core.text.syllables import count, guess


def test_dictionary_words():
    assert count("the") == 1
    assert count("ceasefire") == 3  # S IY1 S F AY2 ER0
    assert count("geopolitical") == 6
    assert count("negotiations") == 5
    assert count("Everything") == 3


def test_possessives_and_curly_apostrophes():
    assert count("Putin’s") == count("Putin's") == 2
    assert count("Bush’s") == 2


def test_hyphenated_words_add_up_their_parts():
    assert count("Russia-Ukraine") == count("Russia") + count("Ukraine") == 4
    assert count("long-term") == 2


def test_unknown_words_fall_back_to_spelling():
    assert guess("zorbake") == 2  # zor-bake, silent final e
    assert guess("blick") == 1
    assert guess("tomatoes") == 3
    assert count("Zelenskyyesque") >= 3


def test_numbers():
    assert count("13") == 2  # thir-teen
    assert count("2025") == 5  # twen-ty twen-ty five
    assert count("7") == 2
