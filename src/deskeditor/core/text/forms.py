"""Word forms and keyphrase matching.

Words are compared in a normal form (``parts``): lower case; curly apostrophes
made straight; a possessive "’s" or a plural possessive "’" dropped ("Putin’s"
-> "putin"); stops removed from initialisms ("U.S." -> "us"); accents folded
("café" -> "cafe"); and split at hyphens and dashes, so "Russia-Ukraine",
"Russia–Ukraine" and "Russia Ukraine" all read as ``russia ukraine``.

``forms(part)`` adds the word's other English inflections, offline, from
lemminflect's lexicon (plural and singular nouns, every form of a verb:
"ceasefire" ~ "ceasefires", "child" ~ "children", "bake" ~ "bakes", "baked",
"baking"), with a rule-based guess for unknown words ("Putin" ~ "Putins").
Adjective degrees ("good" ~ "best") are left out: they change the meaning a
searcher typed.

A ``Keyphrase`` is matched on a stream of parts in two ways:

* exactly: every part equal, in order, adjacent, with nothing but spaces,
  hyphens or dashes between them (a comma or a full stop breaks the phrase);
* in any form: the same, but each content word may take any of its forms
  (function words must still be equal).

A hyphenated word may also stand for the closed compound ("e-mail" ~
"email", "cease-fire" ~ "ceasefire").
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import product
from typing import Callable, Iterable

from .tokens import word_spans
from .wordlists import FUNCTION_WORDS

_SPLIT = re.compile(r"[-\u2010\u2011\u2012\u2013\u2014\u2015\u2212]+")
_TAGS = frozenset(("NN", "NNS", "NNP", "NNPS", "VB", "VBD", "VBG", "VBN", "VBP", "VBZ"))


def low(word: str) -> str:
    """Lower case with straight apostrophes: the key for the word lists."""
    return word.replace("\u2019", "'").replace("\u02bc", "'").replace("\u2018", "'").replace("\u2032", "'").lower()


def fold(text: str) -> str:
    """Accents removed: "café" -> "cafe"."""
    text = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in text if not unicodedata.combining(ch))


@lru_cache(maxsize=1 << 16)
def parts(word: str) -> tuple[str, ...]:
    """The normal form of one word (see the module docstring), split at hyphens."""
    w = low(word)
    if w.endswith("'s"):
        w = w[:-2]
    elif w.endswith("'"):
        w = w[:-1]
    if "." in w and not any(c.isdigit() for c in w):
        w = w.replace(".", "")
    if not w.isascii():
        w = fold(w)
    return tuple(p for p in _SPLIT.split(w) if p)


@lru_cache(maxsize=1 << 14)
def forms(part: str) -> frozenset[str]:
    """``part`` and its other inflections (nouns and verbs), all lower case."""
    if part in FUNCTION_WORDS or not part.isalpha():
        return frozenset((part,))
    from lemminflect import getAllInflections, getAllInflectionsOOV, getAllLemmas, getAllLemmasOOV

    out = {part}
    found = getAllLemmas(part)
    lemmas = set()
    for upos in ("NOUN", "VERB", "PROPN"):
        lemmas.update(found.get(upos, ()))
    if not found:
        lemmas.update(getAllLemmasOOV(part, "NOUN").get("NOUN", ()))
    for lemma in lemmas:
        lemma = lemma.lower()
        out.add(lemma)
        infl = getAllInflections(lemma) or getAllInflectionsOOV(lemma, "NOUN")
        for tag, words in infl.items():
            if tag in _TAGS:
                out.update(w.lower() for w in words)
    return frozenset(out)


def same_word(a: str, b: str) -> bool:
    """Two parts are forms of one word."""
    return a == b or b in forms(a) or a in forms(b)


@dataclass(frozen=True)
class Keyphrase:
    """A focus (or related) keyphrase, parsed once for matching."""

    text: str
    words: tuple[tuple[str, ...], ...]  # the parts of each word as typed
    parts: tuple[str, ...] = field(init=False)
    content: tuple[str, ...] = field(init=False)  # its content words (all words if none)

    def __post_init__(self) -> None:
        flat = tuple(p for w in self.words for p in w)
        object.__setattr__(self, "parts", flat)
        content = tuple(p for p in flat if p not in FUNCTION_WORDS) or flat
        object.__setattr__(self, "content", tuple(dict.fromkeys(content)))

    @classmethod
    def parse(cls, text: str) -> "Keyphrase":
        text = (text or "").strip()
        words = tuple(p for a, b in word_spans(text) if (p := parts(text[a:b])))
        return cls(text, words)

    def __bool__(self) -> bool:
        return bool(self.parts)

    def same_as(self, other: "Keyphrase") -> bool:
        """The same phrase up to case, hyphens, apostrophes and word forms."""
        if len(self.parts) == len(other.parts) and all(
            same_word(a, b) for a, b in zip(self.parts, other.parts)
        ):
            return True
        joined = "".join(self.parts)
        return bool(joined) and joined == "".join(other.parts)

    def sequences(self, compounds: dict[str, tuple[str, ...]] | None = None) -> list[tuple[str, ...]]:
        """Part sequences that spell the phrase: as typed, with each hyphenated
        word also closed up ("e-mail" -> "email"), and with each word that
        the text writes hyphenated (``compounds``: closed form -> parts) also
        split ("ceasefire" -> "cease fire")."""
        choices = []
        for w in self.words:
            alts = [w]
            if len(w) > 1:
                alts.append(("".join(w),))
            elif compounds and w[0] in compounds:
                alts.append(compounds[w[0]])
            choices.append(alts)
        seqs = {tuple(p for w in combo for p in w) for combo in product(*choices)}
        return sorted(seqs, key=lambda s: (-len(s), s))

    def patterns(self, any_form: bool, compounds=None) -> list[tuple[frozenset[str], ...]]:
        """Per sequence, the set of accepted parts at each position."""
        out = []
        for seq in self.sequences(compounds):
            if any_form:
                out.append(tuple(forms(p) for p in seq))
            else:
                out.append(tuple(frozenset((p,)) for p in seq))
        return out


def find_phrase(
    stream: list[str],
    is_break: Callable[[int], bool],
    patterns: list[tuple[frozenset[str], ...]],
    starts: Iterable[int] | None = None,
) -> list[tuple[int, int]]:
    """Non-overlapping matches ``(first part, last part + 1)`` of any of the
    ``patterns`` in ``stream``. ``is_break(i)`` is true when punctuation
    separates part ``i`` from the one before it: a phrase cannot run across it.
    ``starts``, if given, lists (in order) every position where a pattern's
    first part occurs, so the rest of the stream need not be scanned."""
    out: list[tuple[int, int]] = []
    if not patterns:
        return out
    firsts = frozenset().union(*(p[0] for p in patterns))
    if starts is None:
        if firsts.isdisjoint(stream):
            return out
        starts = [i for i, p in enumerate(stream) if p in firsts]
    n = len(stream)
    after = 0  # matches may not overlap
    for i in starts:
        if i < after:
            continue
        for pat in patterns:
            m = len(pat)
            if i + m <= n and stream[i] in pat[0] and all(
                stream[i + k] in pat[k] and not is_break(i + k) for k in range(1, m)
            ):
                out.append((i, i + m))
                after = i + m
                break
    return out


def has_all_words(bag: set[str] | frozenset[str], kp: Keyphrase, closed: set[str] | frozenset[str] = frozenset()) -> bool:
    """Every content word of ``kp``, in any form, is in ``bag`` (a set of
    parts). A word the text writes hyphenated counts for its closed form
    (``closed``: "cease-fire" for "ceasefire"), and a word the keyphrase
    hyphenates counts when the text closes it up ("email" for "e-mail")."""
    content = set(kp.content)
    for w in kp.words:
        if len(w) > 1 and "".join(w) in bag:
            continue
        for p in w:
            if p not in content or p in bag or p in closed:
                continue
            if forms(p).isdisjoint(bag):
                return False
    return True


def count_content_words(bag: set[str] | frozenset[str], kp: Keyphrase) -> int:
    """How many of ``kp``'s content words are in ``bag`` (any form)."""
    return sum(1 for p in kp.content if p in bag or not forms(p).isdisjoint(bag))
