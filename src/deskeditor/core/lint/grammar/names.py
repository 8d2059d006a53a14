"""Names and jargon are not misspellings.

A blogger writes "GoogLeNet", "ILSVRC", "ConvNet", "word2vec" or a tool's name
on purpose, and LanguageTool's speller knows none of them: on real posts four
in five spelling findings were such words. A flagged word is a *probable name*
when

* it contains a digit ("word2vec", "GPT4"), is an acronym ("ILSVRC"), or is
  CamelCase ("GoogLeNet", "iPhone");
* it is the text of a link or of inline code somewhere in the draft (the
  writer marked it as a thing);
* it is in the writer's other drafts (``GrammarSettings.known_words``);
* it is capitalised in the middle of a sentence;
* it recurs in the draft: twice when capitalised, three times otherwise (a
  misspelling is rarely made three times; a term is used again and again);
* no dictionary word is close to it: a typo of a common word is one or two
  keystrokes from LanguageTool's suggestion ("recieve" -> "receive", "fourty"
  -> "forty"), a foreign word or a coinage is not ("tonkotsu", "shortcodes").

A word whose suggestion is the same word in the other English spelling
("normalised" in en-US) is a ``variant``: worth a warning, not an error.

A probable name is reported as ``info`` "unknown word" (add it to the
dictionary or ignore it in this draft), never as an error. A misspelled common
lowercase word ("recieve", "vocavulary") stays an error.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Iterable

_WORD = re.compile(r"\w+")
_LINK_TEXT = re.compile(r"(?<!!)\[([^\[\]\n]{1,300})\]\s?[(\[]")
_CODE = re.compile(r"(`+)([^`\n]+?)\1")
_CAMEL = re.compile(r"[a-z][A-Z]|[A-Z]{2,}[a-z]{2,}")
_OPENERS = "\"'“‘«([*_"  # may stand between a sentence end and its first word
_ENDS = ".!?:…"
RECUR_CAPITALISED = 2
RECUR_LOWERCASE = 3


class DraftWords:
    """What the draft says about its own words, computed on first use (most
    checks have no spelling finding to judge)."""

    def __init__(self, source: str, texts: Iterable[str], known: frozenset[str] = frozenset()) -> None:
        self.source = source
        self._texts = texts
        self.known = known
        self._counts: Counter | None = None
        self._marked: set[str] | None = None
        self._code: set[str] | None = None

    def count(self, word: str) -> int:
        """Occurrences of ``word`` (exact case) in the draft's prose."""
        if self._counts is None:
            self._counts = Counter()
            for text in self._texts:
                self._counts.update(_WORD.findall(text))
        return self._counts[word]

    def in_code(self, word: str) -> bool:
        """True when ``word`` is in inline code somewhere in the draft."""
        if self._code is None:
            self._code = {w.casefold() for m in _CODE.finditer(self.source) for w in _WORD.findall(m.group(2))}
        return word.casefold() in self._code

    def marked(self, word: str) -> bool:
        """True when ``word`` is in a link's text or in inline code."""
        if self._marked is None:
            self._marked = {w.casefold() for m in _LINK_TEXT.finditer(self.source) for w in _WORD.findall(m.group(1))}
        return word.casefold() in self._marked or self.in_code(word)


def code_word_in(flagged: str, words: DraftWords) -> str:
    """A word of a grammar match that the draft writes as inline code
    elsewhere ("the if" in a sentence about `if`): the match misreads code."""
    return next((w for w in _WORD.findall(flagged) if words.in_code(w)), "")


def at_sentence_start(text: str, i: int) -> bool:
    """True when ``text[i:]`` begins a sentence: only openers, spaces or
    nothing lie between it and the previous sentence end."""
    k = i - 1
    while k >= 0 and (text[k].isspace() or text[k] in _OPENERS):
        k -= 1
    return k < 0 or text[k] in _ENDS


def edit_distance(a: str, b: str, limit: int = 3) -> int:
    """Damerau-Levenshtein distance (adjacent swaps count one), capped at ``limit``."""
    if abs(len(a) - len(b)) >= limit:
        return limit
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        cur = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = a[i - 1] != b[j - 1]
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        prev2, prev = prev, cur
    return min(prev[-1], limit)


def close_suggestion(word: str, suggestions: Iterable[str], recurs: bool) -> bool:
    """True when a suggestion is a keystroke or two away: the word looks like
    a typo. Splitting the word in two ("short codes") counts only for a word
    used once (a term the writer repeats is theirs)."""
    w = word.casefold()
    for s in suggestions:
        s = s.casefold()
        if " " in s or "-" in s:
            if not recurs and s.replace(" ", "").replace("-", "") == w:
                return True
            continue
        if edit_distance(w, s) <= (2 if len(w) >= 8 else 1):
            return True
    return False


_VARIANTS = (("is", "iz"), ("ys", "yz"), ("our", "or"), ("tre", "ter"), ("ll", "l"), ("ogue", "og"),
             ("ence", "ense"), ("ae", "e"), ("oe", "e"))


def spelling_variant(word: str, suggestions: Iterable[str]) -> bool:
    """True when a suggestion is ``word`` in the other English spelling
    ("normalised"/"normalized", "kilometres"/"kilometers", "colour"/"color")."""
    w = word.casefold()
    wanted = {s.casefold() for s in suggestions}
    for a, b in _VARIANTS:
        for x, y in ((a, b), (b, a)):
            at = w.find(x, 2)  # a suffix or a late syllable: "colour", not "fourty"
            while at >= 0:
                if w[:at] + y + w[at + len(x):] in wanted:
                    return True
                at = w.find(x, at + 1)
    return False


def name_reason(word: str, sentence_start: bool, words: DraftWords, suggestions: Iterable[str] = ()) -> str:
    """Why ``word`` is probably a name or a term, or "" when it is not."""
    if not word or not any(ch.isalpha() for ch in word):
        return ""
    if any(ch.isdigit() for ch in word):
        return "it contains a digit"
    letters = [ch for ch in word if ch.isalpha()]
    if len(letters) >= 2 and all(ch.isupper() for ch in letters):
        return "an acronym"
    if _CAMEL.search(word):
        return "CamelCase"
    if words.marked(word):
        return "a link or inline code in this draft names it"
    if word.casefold() in words.known:
        return "your other drafts use it"
    capitalised = word[0].isupper()
    if capitalised and not sentence_start:
        return "capitalised mid-sentence"
    n = words.count(word)
    if n >= (RECUR_CAPITALISED if capitalised else RECUR_LOWERCASE):
        return "it recurs in this draft"
    if not close_suggestion(word, suggestions, n > 1):
        return "no dictionary word is close to it"
    return ""
