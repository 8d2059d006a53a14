"""Passive voice, adverbs, weasel words, transitions (core.text.style)."""

from deskeditor.core.text.forms import low
from deskeditor.core.text.style import has_transition, is_adverb, opening, passive, weasels


def w(text):
    return [low(x) for x in text.replace(".", "").replace(",", "").split()]


def test_passive_regular_and_irregular_participles():
    assert passive(w("The treaty was signed by both sides.")) == (2, 4)
    assert passive(w("The bridge was built in 1990.")) == (2, 4)
    assert passive(w("Talks were not held.")) == (1, 4)
    assert passive(w("It is widely seen as a win.")) == (1, 4)
    assert passive(w("They have been given time.")) == (2, 4)
    assert passive(w("He got fired.")) == (1, 3)


def test_not_passive():
    assert passive(w("Putin signed the treaty.")) is None
    assert passive(w("She was happy.")) is None
    assert passive(w("That is indeed true.")) is None
    assert passive(w("They were a hundred.")) is None
    assert passive(w("The need is red.")) is None


def test_adverbs():
    assert is_adverb("cautiously") and is_adverb("really")
    for word in ("family", "only", "daily", "likely", "friendly", "july", "fly"):
        assert not is_adverb(word)


def test_weasels_words_and_phrases():
    words = w("Many people say it is very good and studies show several gains.")
    found = [" ".join(words[a:b]) for a, b in weasels(words)]
    assert found == ["many people", "very", "studies show", "several"]


def test_transitions_single_and_multi_word():
    assert has_transition(w("However, the talks failed."))
    assert has_transition(w("As a result the talks failed."))
    assert has_transition(w("The talks failed, for example in May."))
    assert not has_transition(w("The talks failed in May."))
    assert not has_transition(w("As a matter the talks failed."))


def test_opening_takes_two_words_after_an_article():
    assert opening(w("Putin said no.")) == "putin"
    assert opening(w("The talks failed.")) == "the talks"
    assert opening(w("Putin’s aide left.")) == "putin's"  # Yoast: another word
    assert opening("Two days later".split()) == "two days" and opening("The Talks".split()) == "the Talks"
    assert opening([]) == ""
