"""Very long lines: found before they reach the editor, broken where it is safe.

Qt lays out a whole line (block) again on every keystroke in it, so a line of
a million characters (a pasted minified page, a hostile draft) would freeze
typing for seconds. A paragraph's line can be broken at spaces without
changing what Markdown renders (a single newline inside a paragraph is a soft
break); lines that might be something else (tables, headings, lists, quotes,
code, HTML) are left alone. Pure functions.
"""

from __future__ import annotations

import re

LONG_LINE = 10_000  # characters: longer lines are held back from the editor
BREAK_AT = 500  # a broken line is at most about this long

_NOT_PARAGRAPH = re.compile(r"^( {0,3}[|#>*+<-]| {0,3}\d{1,9}[.)]| {4}|\t| {0,3}(```|~~~))")
_FENCE = re.compile(r"^ {0,3}(```|~~~)")


def longest_line(text: str) -> int:
    return max(map(len, text.split("\n")), default=0)


def break_long_lines(text: str, limit: int = LONG_LINE, width: int = BREAK_AT) -> str:
    """``text`` with each paragraph line longer than ``limit`` broken at spaces
    into lines of about ``width`` characters (a word longer than that stays whole)."""
    if longest_line(text) <= limit:
        return text
    out = []
    in_fence = False
    for line in text.split("\n"):
        if _FENCE.match(line):
            in_fence = not in_fence
        if len(line) <= limit or in_fence or _NOT_PARAGRAPH.match(line):
            out.append(line)
            continue
        out.extend(_wrap(line, width))
    return "\n".join(out)


def _wrap(line: str, width: int) -> list[str]:
    pieces = []
    start = 0
    n = len(line)
    while n - start > width:
        cut = line.rfind(" ", start + 1, start + width)
        if cut <= start:
            cut = line.find(" ", start + width)
            if cut < 0:
                break
        pieces.append(line[start:cut])
        start = cut + 1  # the space becomes the line break
    pieces.append(line[start:])
    return pieces
