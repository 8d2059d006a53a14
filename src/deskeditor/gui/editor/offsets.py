"""Code points versus UTF-16: converting finding offsets to editor positions.

The core counts offsets in code points (Python ``str`` indices). QTextDocument
counts UTF-16 code units, so every character outside the Basic Multilingual
Plane (an emoji, say) is two positions in the editor and one in the core.
``Utf16Map`` converts both ways in O(log n) per offset after one O(n) scan.
Pure Python, no Qt: tested on its own.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from typing import Iterable

_ASTRAL = re.compile("[\U00010000-\U0010FFFF]")


class Utf16Map:
    """Offsets in ``text``: code points <-> UTF-16 code units."""

    def __init__(self, text: str) -> None:
        self.length = len(text)
        # code-point index of every astral character, and its UTF-16 index
        self._astral = [m.start() for m in _ASTRAL.finditer(text)] if not text.isascii() else []
        self._astral16 = [cp + k for k, cp in enumerate(self._astral)]

    @property
    def identity(self) -> bool:
        return not self._astral

    def to_utf16(self, offset: int) -> int:
        """UTF-16 position of code-point ``offset`` (clamped to the text)."""
        offset = max(0, min(offset, self.length))
        if not self._astral:
            return offset
        return offset + bisect_left(self._astral, offset)

    def to_codepoint(self, pos: int) -> int:
        """Code-point offset of UTF-16 ``pos``; a position inside a surrogate
        pair maps to the character it splits."""
        if not self._astral:
            return max(0, min(pos, self.length))
        pos = max(0, pos)
        before = bisect_right(self._astral16, pos - 2)  # astral chars ending at or before pos
        cp = pos - before
        k = bisect_left(self._astral16, pos)
        if k > 0 and self._astral16[k - 1] == pos - 1:  # pos splits a pair
            cp = self._astral[k - 1]
        return min(cp, self.length)

    def range_to_utf16(self, start: int, end: int) -> tuple[int, int]:
        return self.to_utf16(start), self.to_utf16(end)


def utf16_len(text: str) -> int:
    """Length of ``text`` in UTF-16 code units."""
    if text.isascii():
        return len(text)
    return len(text) + sum(1 for _ in _ASTRAL.finditer(text))


def to_utf16_offsets(text: str, offsets: Iterable[int]) -> list[int]:
    m = Utf16Map(text)
    return [m.to_utf16(o) for o in offsets]
