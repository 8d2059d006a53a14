"""The smallest single edit between two texts, and moving offsets across it.

Used to apply a new text to the editor as one small, undoable edit (restoring
a revision, writing SEO fields into the front matter) and to carry lint
findings computed for a slightly older text over to the current one. Pure.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Iterable, TypeVar


@dataclass(frozen=True)
class Edit:
    start: int  # code-point offset where old and new first differ
    old_end: int  # end of the replaced part in the old text
    new_end: int  # end of the replacement in the new text

    @property
    def delta(self) -> int:
        return self.new_end - self.old_end


def minimal_edit(old: str, new: str) -> Edit:
    """One replacement turning ``old`` into ``new``: common prefix and suffix kept."""
    if old == new:
        return Edit(len(old), len(old), len(new))
    limit = min(len(old), len(new))
    lo, hi = 0, limit
    # binary search on prefix equality: C-speed slices instead of a Python loop
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if old[:mid] == new[:mid]:
            lo = mid
        else:
            hi = mid - 1
    p = lo
    room = limit - p
    lo, hi = 0, room
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if old[len(old) - mid:] == new[len(new) - mid:]:
            lo = mid
        else:
            hi = mid - 1
    s = lo
    return Edit(p, len(old) - s, len(new) - s)


def shift_offset(offset: int, edit: Edit) -> int | None:
    """Where ``offset`` (in the old text) is in the new text; None if it was
    inside the replaced part."""
    if offset <= edit.start:
        return offset
    if offset >= edit.old_end:
        return offset + edit.delta
    return None


T = TypeVar("T")


def remap_findings(findings: Iterable[T], old: str, new: str) -> list[T]:
    """Findings made for ``old`` moved onto ``new``; those touching the edit are dropped.

    Works on anything with ``start``/``end`` dataclass fields (``Finding``).
    """
    findings = list(findings)
    if old == new:
        return findings
    edit = minimal_edit(old, new)
    out = []
    for f in findings:
        if f.start == f.end == 0:  # document-wide finding
            out.append(f)
            continue
        if f.end <= edit.start:
            out.append(f)
        elif f.start >= edit.old_end:
            out.append(replace(f, start=f.start + edit.delta, end=f.end + edit.delta))
    return out
