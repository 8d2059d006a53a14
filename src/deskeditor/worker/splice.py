"""The edit between two texts, to send instead of the whole text.

``splice_of(old, new)`` finds the common head and tail in slices of
``CHUNK`` characters (each compared in C), so even two 25 MB texts that differ
by a keystroke cost a few milliseconds, and returns ``(start, end,
replacement)`` with ``new == old[:start] + replacement + old[end:]``.
"""

from __future__ import annotations

CHUNK = 1 << 16


def _head(old: str, new: str) -> int:
    """Length of the common prefix."""
    limit = min(len(old), len(new))
    i = 0
    while i < limit:
        j = min(limit, i + CHUNK)
        if old[i:j] == new[i:j]:
            i = j
            continue
        lo, hi = i, j  # the first difference is in [lo, hi)
        while hi - lo > 64:
            mid = (lo + hi) // 2
            if old[lo:mid] == new[lo:mid]:
                lo = mid
            else:
                hi = mid
        while lo < hi and old[lo] == new[lo]:
            lo += 1
        return lo
    return limit


def _tail(old: str, new: str, head: int) -> int:
    """Length of the common suffix that does not overlap the prefix."""
    limit = min(len(old), len(new)) - head
    n = 0
    lo_old, lo_new = len(old), len(new)
    while n < limit:
        step = min(CHUNK, limit - n)
        if old[lo_old - n - step:lo_old - n] == new[lo_new - n - step:lo_new - n]:
            n += step
            continue
        lo, hi = n, n + step  # the tail's length is in [lo, hi)
        while hi - lo > 64:
            mid = (lo + hi) // 2
            if old[lo_old - mid:lo_old - lo] == new[lo_new - mid:lo_new - lo]:
                lo = mid
            else:
                hi = mid
        while lo < hi and old[lo_old - lo - 1] == new[lo_new - lo - 1]:
            lo += 1
        return lo
    return limit


def splice_of(old: str, new: str) -> tuple[int, int, str]:
    head = _head(old, new)
    tail = _tail(old, new, head)
    return head, len(old) - tail, new[head:len(new) - tail]


def apply_splice(old: str, splice: tuple[int, int, str]) -> str:
    start, end, replacement = splice
    return old[:start] + replacement + old[end:]
