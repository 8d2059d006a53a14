"""Words and sentences of a piece of English text, with their character offsets.

A *word* is a run of letters and digits, joined by inner apostrophes
("don't", "Putin’s"), inner hyphens ("Russia-Ukraine", "long-term") and inner
separators of numbers ("2,000", "3.5"); initialisms keep their stops ("U.S.",
"U.S.-led", "e.g."). A plural possessive keeps its apostrophe ("States’").
En and em dashes, slashes and other punctuation separate words, so
"sovereignty—particularly" is two words and "Russia–Ukraine" two as well.

A *sentence* ends at ``.``, ``!``, ``?`` or ``…`` (with any closing quotes or
brackets) followed by white space, unless the next word starts in lower case,
or the stop belongs to an abbreviation or an initialism ("Mr.", "U.S.") and the
next word is not one that usually starts a sentence ("The", "It", ...). The end
of the text always ends a sentence.
"""

from __future__ import annotations

import re

from .wordlists import ABBREVIATIONS, SENTENCE_STARTERS

HYPHENS = "-\u2010\u2011"
DASHES = "-\u2010\u2011\u2012\u2013\u2014\u2015\u2212"
APOSTROPHES = "'\u2019\u02bc"

_WORD = re.compile(
    r"(?:[^\W\d_]\.){2,}(?:[-\u2010\u2011][^\W_]+)*"  # U.S.  e.g.  U.S.-led
    r"|[^\W_]+(?:['\u2019\u02bc][^\W_]+|[-\u2010\u2011][^\W_]+|(?<=\d)[.,:](?=\d)\d+)*"
    r"(?:(?<=[sS])['\u2019\u02bc](?![^\W_]))?"  # States’
)
_END = re.compile(r"[.!?\u2026]+[\"'\u2019\u201d)\]]*(?=\s)")
_INITIALISM = re.compile(r"(?:[^\W\d_]\.)+$")


def word_spans(text: str, skip: list[tuple[int, int]] | tuple = ()) -> list[tuple[int, int]]:
    """(start, end) of every word in ``text``; words overlapping a ``skip``
    span (placeholders for inline code and URLs) are left out."""
    spans = [m.span() for m in _WORD.finditer(text)]
    if skip:
        spans = [(a, b) for a, b in spans if not any(s < b and a < e for s, e in skip)]
    return spans


def _is_abbreviation(chunk: str) -> bool:
    """``chunk`` is the text before a full stop, from the last white space."""
    chunk = chunk.lstrip("\"'(\u201c\u2018[")
    if not chunk:
        return False
    if len(chunk) == 1 and chunk.isalpha() and chunk.isupper():
        return True  # a middle initial: "John F. Kennedy"
    if _INITIALISM.match(chunk + "."):
        return True  # "U.S", "e.g"
    return chunk.lower() in ABBREVIATIONS


def sentence_ends(text: str) -> list[int]:
    """Offsets just after each sentence's closing punctuation (the end of the
    text is not included)."""
    ends = []
    n = len(text)
    for m in _END.finditer(text):
        end = m.end()
        k = end
        while k < n and text[k].isspace():
            k += 1
        if k >= n:
            continue
        nxt = text[k]
        if nxt.islower():
            continue
        punct = m.group()
        if punct[0] == "." and punct.rstrip("\"'\u2019\u201d)]") == ".":
            space = max(text.rfind(" ", 0, m.start()), text.rfind("\n", 0, m.start()))
            chunk = text[space + 1 : m.start()]
            if _is_abbreviation(chunk):
                word = re.match(r"[^\W_]+", text[k:])
                if not word or word.group().lower() not in SENTENCE_STARTERS:
                    continue
        ends.append(end)
    return ends


def sentence_spans(text: str, words: list[tuple[int, int]]) -> list[tuple[int, int, int, int]]:
    """Sentences as ``(first word, last word + 1, char start, char end)``.

    ``words`` are the text's word spans; a sentence without words (a stray
    "...") is dropped. The character range runs from the first word to the
    sentence's closing punctuation (or its last word).
    """
    out = []
    ends = sentence_ends(text)
    ends.append(len(text) + 1)
    w = 0
    nw = len(words)
    for end in ends:
        first = w
        while w < nw and words[w][1] <= end:
            w += 1
        if w > first:
            stop = end if end <= len(text) else len(text.rstrip())
            out.append((first, w, words[first][0], max(stop, words[w - 1][1])))
    if w < nw:  # words after the last end (cannot happen: the sentinel covers all)
        out.append((w, nw, words[w][0], words[-1][1]))
    return out
