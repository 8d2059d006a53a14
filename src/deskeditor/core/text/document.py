"""A document's readable text, tokenised once for every check.

``TextDoc.build(segments)`` takes prose segments (anything with ``kind``,
``text``, ``level``, ``placeholders`` and ``source_range(i, j)``, such as
``core.markdown.prose.Segment``) in reading order and splits each into words
and sentences. Words inside placeholders (inline code, URLs) are left out, so
they never count as words or sentences. For keyphrase matching each unit also
holds its *stream* of word parts (``forms.parts``); ``is_break(p)`` tells
where punctuation separates two parts.
"""

from __future__ import annotations

from bisect import bisect_left
from typing import Any, Iterable

from . import forms
from .tokens import DASHES, sentence_spans, word_spans

_JOINERS = frozenset(" \t\n\u00a0" + DASHES)


_PARTS: dict[str, tuple[str, ...]] = {}


def _parts_of_low(lw: str) -> tuple[str, ...]:
    """``forms.parts`` of a word already in ``forms.low`` form, memoised."""
    ps = _PARTS.get(lw)
    if ps is None:
        ps = (lw,) if lw.isalpha() and lw.isascii() else forms.parts(lw)
        if len(_PARTS) < 200_000:
            _PARTS[lw] = ps
    return ps


class Unit:
    """One segment's words and sentences."""

    __slots__ = (
        "seg", "kind", "level", "text", "spans", "lows", "stream", "part_word",
        "sentences", "closed", "compounds", "_index",
    )

    def __init__(self, seg: Any) -> None:
        self.seg = seg
        self.kind: str = seg.kind
        self.level: int = getattr(seg, "level", 0)
        text = self.text = seg.text
        spans = self.spans = word_spans(text, getattr(seg, "placeholders", ()))
        low_text = forms.low(text)
        if len(low_text) == len(text):
            lows = [low_text[a:b] for a, b in spans]
        else:  # lower() changed a length (rare: "İ"): word by word
            lows = [forms.low(text[a:b]) for a, b in spans]
        self.lows = lows
        stream: list[str] = []
        part_word: list[int] = []
        compounds: list[tuple[int, str]] = []
        closed: dict[str, tuple[str, ...]] = {}
        for i, ps in enumerate([_parts_of_low(lw) for lw in lows]):
            if len(ps) == 1:
                stream.append(ps[0])
                part_word.append(i)
            elif ps:
                joined = "".join(ps)
                closed[joined] = ps
                compounds.append((i, joined))
                stream.extend(ps)
                part_word.extend([i] * len(ps))
        self.stream, self.part_word = stream, part_word
        self.closed, self.compounds = closed, compounds
        self.sentences = sentence_spans(text, spans) if spans else []
        self._index: dict[str, list[int]] | None = None

    def positions(self, parts: Iterable[str]) -> list[int]:
        """Where any of ``parts`` occurs in the stream, in order."""
        index = self._index
        if index is None:
            index = self._index = {}
            for i, p in enumerate(self.stream):
                if p in index:
                    index[p].append(i)
                else:
                    index[p] = [i]
        hits = [index[p] for p in parts if p in index]
        if not hits:
            return []
        return hits[0] if len(hits) == 1 else sorted(i for h in hits for i in h)

    def is_break(self, p: int) -> bool:
        """Punctuation (anything but spaces, hyphens and dashes) comes between
        part ``p`` and the part before it, so a phrase cannot run across."""
        if p == 0:
            return True
        pw = self.part_word
        w, v = pw[p], pw[p - 1]
        if w == v:
            return False
        gap = self.text[self.spans[v][1] : self.spans[w][0]]
        return gap != " " and not _JOINERS.issuperset(gap)

    def source_range(self, i: int, j: int) -> tuple[int, int] | None:
        """Source range of the unit's text[i:j]."""
        return self.seg.source_range(i, j)

    def word_range(self, w0: int, w1: int) -> tuple[int, int] | None:
        """Source range of words w0 .. w1-1."""
        return self.seg.source_range(self.spans[w0][0], self.spans[w1 - 1][1])

    def sentence_bags(self) -> list[set[str]]:
        """Per sentence, its parts plus the closed form of its hyphenated
        words ("cease-fire" -> "ceasefire"), for "has all the words" tests."""
        bags = []
        pw = self.part_word
        comp = self.compounds
        for w0, w1, _, _ in self.sentences:
            bag = set(self.stream[bisect_left(pw, w0) : bisect_left(pw, w1)])
            for i, joined in comp:
                if w0 <= i < w1:
                    bag.add(joined)
            bags.append(bag)
        return bags


class TextDoc:
    """The units of a document, in reading order."""

    def __init__(self, units: list[Unit]) -> None:
        self.units = units
        self.words = sum(len(u.spans) for u in units)
        self.sentences = sum(len(u.sentences) for u in units)
        closed: dict[str, tuple[str, ...]] = {}
        for u in units:
            closed.update(u.closed)
        self.closed = closed  # closed form -> parts, of every hyphenated word

    @classmethod
    def build(cls, segments: Iterable[Any]) -> "TextDoc":
        return cls([Unit(s) for s in segments])
