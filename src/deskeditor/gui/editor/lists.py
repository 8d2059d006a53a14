"""List continuation on Enter, as a pure function of the current line."""

from __future__ import annotations

import re

_ITEM = re.compile(r"^(\s*(?:>\s*)*)([-*+]|(\d{1,9})([.)]))(\s+)(\[[ xX]\]\s+)?")


def continuation(line: str, col: int) -> tuple[str, str] | None:
    """What Enter at column ``col`` of ``line`` does in a list:

    ``("insert", prefix)``: start the next item with ``prefix``;
    ``("end", "")``: the item is empty, so Enter ends the list (clears the marker);
    None: not in a list item (or the cursor is inside the marker): a plain Enter.
    """
    m = _ITEM.match(line)
    if m is None or col < m.end():
        return None
    if not line[m.end():].strip():
        return ("end", "") if col >= len(line.rstrip()) else None
    indent, bullet, number, delim, gap, task = m.group(1), m.group(2), m.group(3), m.group(4), m.group(5), m.group(6)
    marker = f"{int(number) + 1}{delim}" if number else bullet
    return ("insert", f"{indent}{marker}{gap}{'[ ] ' if task else ''}")
