"""Markdown formatting commands as pure text functions (Ctrl+B, Ctrl+I, Ctrl+K).

Each takes the selected text (and, with no selection, the word around the
cursor is selected first by the caller) and returns the replacement plus where
the selection should land inside it, so the editor applies it as one undoable
edit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_URL = re.compile(r"^(https?://|www\.)\S+$", re.I)


@dataclass(frozen=True)
class Replacement:
    text: str  # what replaces the selection
    sel_start: int  # selection afterwards, relative to the start of ``text``
    sel_end: int


def toggle_wrap(selected: str, marker: str) -> Replacement:
    """Wrap ``selected`` in ``marker`` (``**`` or ``*``), or unwrap it if it is wrapped.

    Leading and trailing spaces stay outside the markers (``** word**`` is not
    emphasis). With nothing selected, inserts the pair with the cursor between.
    """
    if not selected:
        return Replacement(marker * 2, len(marker), len(marker))
    core = selected.strip()
    lead = selected[: len(selected) - len(selected.lstrip())]
    trail = selected[len(selected.rstrip()):]
    n = len(marker)
    if _is_wrapped(core, marker):
        inner = core[n:-n]
        text = lead + inner + trail
        return Replacement(text, len(lead), len(lead) + len(inner))
    text = lead + marker + core + marker + trail
    return Replacement(text, len(lead) + n, len(lead) + n + len(core))


def _is_wrapped(core: str, marker: str) -> bool:
    n = len(marker)
    if len(core) < 2 * n + 1 or not (core.startswith(marker) and core.endswith(marker)):
        return False
    if marker == "*":  # "**bold**" is not italic: only strip a single star
        return not (core.startswith("**") and core.endswith("**")) or core.startswith("***")
    return True


def make_link(selected: str) -> Replacement:
    """``[selected](url)`` with ``url`` selected, or ``[](URL)`` with the cursor
    in the brackets when the selection is itself a URL."""
    if _URL.match(selected.strip()):
        url = selected.strip()
        return Replacement(f"[]({url})", 1, 1)
    text = f"[{selected}](https://)"
    start = len(selected) + 3
    return Replacement(text, start, start + len("https://"))


def word_bounds(line: str, col: int) -> tuple[int, int]:
    """The word around column ``col`` of ``line`` (an empty range between spaces)."""
    lo = col
    while lo > 0 and (line[lo - 1].isalnum() or line[lo - 1] in "'’-_"):
        lo -= 1
    hi = col
    while hi < len(line) and (line[hi].isalnum() or line[hi] in "'’-_"):
        hi += 1
    return lo, hi
