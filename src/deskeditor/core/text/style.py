"""Style heuristics on one sentence, given as its words in ``forms.low`` form.

* ``passive(words)``: a form of "be" (or "get") followed, with at most two
  inserted adverbs ("was not signed", "is widely seen"), by a past participle:
  a regular "-ed" word or a known irregular one ("was taken", "were built").
  Returns the (first, last + 1) word range of the construction.
* ``is_adverb(word)``: an "-ly" adverb, less the "-ly" words that are not
  adverbs ("family", "daily", "likely").
* ``weasels(words)``: vague words and phrases ("very", "many people",
  "studies show") as word ranges.
* ``has_transition(words)``: a transition word or phrase ("however",
  "as a result") anywhere in the sentence, or both parts of a two-part one
  in order ("not only ... but also"); Yoast SEO's English lists.
* ``opening(words)``: the sentence's opening as Yoast compares them: its
  first word, or its first two when the first is an article, a demonstrative
  or a number word ("the talks", "the war").
"""

from __future__ import annotations

from .wordlists import (
    BE_VERBS,
    GET_VERBS,
    IRREGULAR_PARTICIPLES,
    NOT_ADVERB_LY,
    NOT_PARTICIPLE_ED,
    PASSIVE_INSERTS,
    TRANSITION_PHRASES,
    TRANSITION_WORDS,
    TWO_PART_TRANSITIONS,
    WEASEL_PHRASES,
    WEASEL_WORDS,
)

_AUX = BE_VERBS | GET_VERBS


def _index_phrases(phrases):
    by_first: dict[str, list[tuple[str, ...]]] = {}
    for p in phrases:
        by_first.setdefault(p[0], []).append(p)
    for v in by_first.values():
        v.sort(key=len, reverse=True)
    return by_first


_TRANSITIONS = _index_phrases(TRANSITION_PHRASES)
_WEASEL_PHRASES = _index_phrases(WEASEL_PHRASES)


def is_participle(word: str) -> bool:
    if word in IRREGULAR_PARTICIPLES:
        return True
    return len(word) > 3 and word.endswith("ed") and word.isalpha() and word not in NOT_PARTICIPLE_ED


def is_adverb(word: str) -> bool:
    return len(word) > 4 and word.endswith("ly") and word.isalpha() and word not in NOT_ADVERB_LY


def passive(words: list[str]) -> tuple[int, int] | None:
    """The first passive construction in the sentence, as a word range."""
    n = len(words)
    for i, w in enumerate(words):
        if w not in _AUX:
            continue
        j = i + 1
        inserted = 0
        while j < n and inserted < 2 and (words[j] in PASSIVE_INSERTS or is_adverb(words[j])):
            j += 1
            inserted += 1
        if j < n and is_participle(words[j]):
            return i, j + 1
    return None


def _phrase_at(words: list[str], i: int, index) -> int:
    """Length of the longest indexed phrase starting at word ``i`` (0 if none)."""
    for p in index.get(words[i], ()):
        if tuple(words[i : i + len(p)]) == p:
            return len(p)
    return 0


def _find(words: list[str], part: tuple[str, ...], start: int) -> int:
    """The index just after the first occurrence of ``part`` at or after ``start``, or -1."""
    n, k = len(words), len(part)
    for i in range(start, n - k + 1):
        if tuple(words[i : i + k]) == part:
            return i + k
    return -1


def has_transition(words: list[str]) -> bool:
    for i, w in enumerate(words):
        if w in TRANSITION_WORDS or (w in _TRANSITIONS and _phrase_at(words, i, _TRANSITIONS)):
            return True
    for first, second in TWO_PART_TRANSITIONS:
        after = _find(words, first, 0) if first[0] in words else -1
        if after >= 0 and _find(words, second, after) >= 0:
            return True
    return False


def weasels(words: list[str]) -> list[tuple[int, int]]:
    """Word ranges of weasel words and phrases, left to right, not overlapping."""
    out = []
    i = 0
    n = len(words)
    while i < n:
        w = words[i]
        k = _phrase_at(words, i, _WEASEL_PHRASES) if w in _WEASEL_PHRASES else 0
        if k:
            out.append((i, i + k))
            i += k
            continue
        if w in WEASEL_WORDS:
            out.append((i, i + 1))
        i += 1
    return out


# Yoast SEO's English first-word exceptions: after these the second word
# counts too ("The talks", "Two days").
_OPENERS_TWO = frozenset("the a an one two three four five six seven eight nine ten this that these those".split())


def opening(words: list[str]) -> str:
    """A sentence's opening as Yoast SEO compares them (``getSentenceBeginnings.js``):
    its first word in lower case, followed by the second as written when the
    first is an article, a number word up to ten or a demonstrative. ``words``:
    the sentence's words as written."""
    if not words:
        return ""
    first = words[0].replace("\u2019", "'").lower()
    if first in _OPENERS_TWO and len(words) > 1:
        return first + " " + words[1].replace("\u2019", "'")
    return first
