"""Find and replace over the editor's text, with Python regular expressions.

Pure functions over a ``str``: the find bar takes a snapshot of the text, asks
for the next match or every replacement, and converts the code-point offsets
to editor positions itself. ``\\1`` and ``\\g<name>`` work in replacements.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MAX_MATCHES = 100_000


@dataclass(frozen=True)
class Query:
    pattern: str
    regex: bool = False
    case: bool = False
    whole_word: bool = False

    def compile(self) -> re.Pattern:
        """The compiled pattern; ``ValueError`` with a short message if it is bad."""
        if not self.pattern:
            raise ValueError("nothing to find")
        body = self.pattern if self.regex else re.escape(self.pattern)
        if self.whole_word:
            body = rf"(?<!\w)(?:{body})(?!\w)"
        flags = re.M | (0 if self.case else re.I)
        try:
            return re.compile(body, flags)
        except re.error as exc:
            raise ValueError(f"bad regular expression: {exc.msg} at {exc.pos}") from None


def find_next(text: str, query: Query, start: int, *, backwards: bool = False,
              wrap: bool = True) -> tuple[int, int] | None:
    """The next match at or after ``start`` (before it, ``backwards``)."""
    pat = query.compile()
    if not backwards:
        m = _first_nonempty(pat, text, start, len(text))
        if m is None and wrap:
            m = _first_nonempty(pat, text, 0, len(text))
        return (m.start(), m.end()) if m else None
    last = None
    for m in pat.finditer(text, 0, max(0, start)):
        if m.end() > m.start() and m.end() <= start:
            last = m
    if last is None and wrap:
        for m in pat.finditer(text):
            if m.end() > m.start():
                last = m
    return (last.start(), last.end()) if last else None


def _first_nonempty(pat: re.Pattern, text: str, pos: int, endpos: int):
    for m in pat.finditer(text, pos, endpos):
        if m.end() > m.start():
            return m
    return None


def count(text: str, query: Query) -> int:
    n = 0
    for m in query.compile().finditer(text):
        if m.end() > m.start():
            n += 1
            if n >= MAX_MATCHES:
                break
    return n


def replacement_for(text: str, query: Query, start: int, end: int, replacement: str) -> str | None:
    """What ``text[start:end]`` becomes, if it is a match; None if it is not one."""
    pat = query.compile()
    m = pat.match(text, start)
    if m is None or m.end() != end:
        return None
    return _expand(m, replacement, query)


def replace_all(text: str, query: Query, replacement: str) -> list[tuple[int, int, str]]:
    """Every (start, end, new text), in order; apply them from the last."""
    out = []
    for m in query.compile().finditer(text):
        if m.end() > m.start():
            out.append((m.start(), m.end(), _expand(m, replacement, query)))
            if len(out) >= MAX_MATCHES:
                break
    return out


def _expand(m: re.Match, replacement: str, query: Query) -> str:
    if not query.regex:
        return replacement
    try:
        return m.expand(replacement)
    except (re.error, IndexError) as exc:
        raise ValueError(f"bad replacement: {exc}") from None
