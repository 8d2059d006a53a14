"""Whole-text work in pieces, so a worker thread lets the GUI thread run.

One regular-expression call over a 25 MB draft holds Python's GIL for a
second, and the GUI thread (which needs it to handle a keystroke) waits that
long. The same work done piece by piece gives the GIL back between pieces.
"""

from __future__ import annotations

import re
import time
from typing import Iterator

PIECE = 1 << 14  # characters: a regex pass over this takes a few ms at most (64 Ki took up to 60 ms on
#                 the 25 MB nested list, in the save thread's word count, and the window waited)
_SPACE = re.compile(r"\s")


def pieces(text: str, size: int = PIECE) -> Iterator[str]:
    """``text`` in consecutive pieces of about ``size`` characters; together
    they are ``text``. Each is cut after the first paragraph break (a blank
    line) past ``size`` characters when one comes soon, else just after a
    whitespace character, so no word is cut in two and an edit changes only
    its own piece: the pieces around it stay equal strings, which lets a
    count per piece be remembered (``store.drafts.count_words``).

    Between pieces the GIL is offered to a thread that waits for it
    (``time.sleep(0)``)."""
    start, n = 0, len(text)
    while n - start > size:
        at = text.find("\n\n", start + size, start + 2 * size)
        if at >= 0:
            end = at + 2
        else:
            m = _SPACE.search(text, start + size)
            if m is None:
                break
            end = m.end()
        yield text[start:end]
        time.sleep(0)
        start = end
    if start < n or n == 0:
        yield text[start:]


def blanked(text: str, size: int = PIECE) -> str:
    """``text`` with every character but a newline turned into a space (so
    offsets and lines stay), built line by line within pieces: a regex
    substitution over 25 MB held the GIL for three seconds."""
    out: list[str] = []
    for start in range(0, len(text), size):
        piece = text[start:start + size]
        if "\n" in piece:
            out.append("\n".join([" " * len(line) for line in piece.split("\n")]))
        else:
            out.append(" " * len(piece))
    return "".join(out)
