"""What a keystroke does to one line in suggest mode: the edit, planned without Qt.

The editor's suggest mode (``gui.editor.suggest``) asks here what typing,
Backspace or Delete at a position of a line should become, and applies the
answer as one edit. Positions are code points of the line; ``marks`` are the
line's marks (``marks.find_marks(line)``).

Who made a mark matters: ``owns(mark)`` says whether it is the current
reviewer's own. Typing inside one's own insertion (or a substitution's new
text) extends it, and deleting in it takes characters back. Someone else's
text stays theirs: typing in it starts a mark of one's own beside it, or
splits it around the new mark (``{++their ++}{++mine++}{++text++}``), and
deleting in it becomes a deletion of one's own between its halves
(``{++their ++}{--t--}{++ext++}``). The halves are listed in ``Edit.inherit``
so their author can be carried over to them.

CriticMarkup has no nesting, so a deletion of someone else's suggested text is
a deletion beside their insertion: accepting both removes the text, and the
writer may reject either.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from .marks import COMMENT, DELETE, HIGHLIGHT, INSERT, SUBSTITUTE, Mark

Owns = Callable[[Mark], bool]


def _everyone(_mark: Mark) -> bool:
    return True


@dataclass(frozen=True)
class Edit:
    """Replace ``line[start:end]`` with ``text``; the cursor goes to ``cursor`` (in the new line)."""

    start: int
    end: int
    text: str
    cursor: int
    extends: bool = False  # typing that continues one's own mark: joins the undo step of the run
    source: Mark | None = None  # someone else's mark that was split ...
    inherit: tuple[Mark, ...] = ()  # ... and the pieces of it that stay theirs

    @property
    def changes(self) -> bool:
        return self.end > self.start or bool(self.text)


def _piece(kind: str, text: str, replacement: str = "") -> Mark:
    """A mark as the table of mark authors knows it (kind, text, replacement)."""
    return Mark(kind, 0, 0, text, replacement)


def in_comment(marks: list[Mark], p: int) -> bool:
    return any(c.start + 3 <= p <= c.end - 3 for m in marks for c in m.comments)


def _suggested(m: Mark) -> tuple[int, int] | None:
    """The range of suggested new text in ``m``: an insertion's, a substitution's new text."""
    return m.keep[0] if m.kind in (INSERT, SUBSTITUTE) else None


# -- typing -------------------------------------------------------------------------
def typed(line: str, marks: list[Mark], p: int, text: str, owns: Owns = _everyone) -> Edit | None:
    """Typing ``text`` at ``p``; None where keys work as usual (inside a comment)."""
    if in_comment(marks, p):
        return None
    for m in marks:
        span = _suggested(m)
        if span and span[0] <= p <= span[1] and text != "\n":
            if owns(m):
                return Edit(p, p, text, p + len(text), extends=True)
            return _beside(line, m, p, text)
        if m.start < p < m.end:
            p = m.end  # inside another mark: suggest after it
    mark = "{++" + text + "++}"
    # a line break goes after the mark: the mark stays on one line, the cursor on the next
    return Edit(p, p, mark, p + (len(mark) if text == "\n" else 3 + len(text)))


def _beside(line: str, m: Mark, p: int, text: str) -> Edit:
    """Typing ``text`` at ``p`` in someone else's suggested text: a mark of one's own
    before it, after it, or splitting it."""
    a, b = m.keep[0]
    new = "{++" + text + "++}"
    if p == a:
        return Edit(m.start, m.start, new, m.start + 3 + len(text))
    if p == b:
        return Edit(m.end, m.end, new, m.end + 3 + len(text))
    return _split(line, m, p, p, new, 3 + len(text))


def replaced(line: str, marks: list[Mark], s: int, e: int, text: str, owns: Owns = _everyone) -> Edit:
    """Typing ``text`` over the selection ``s:e`` of the line."""
    m = _holding(marks, s, e)
    if m is not None and owns(m):
        return Edit(s, e, text, s + len(text), extends=True)
    sub = "{~~" + line[s:e] + "~>" + text + "~~}"
    if m is None:
        return Edit(s, e, sub, s + len(sub) - 3)
    return _split(line, m, s, e, sub, len(sub) - 3)


def _holding(marks: list[Mark], s: int, e: int) -> Mark | None:
    """The mark whose suggested new text holds all of ``s:e``, if one does."""
    for m in marks:
        span = _suggested(m)
        if span and span[0] <= s and e <= span[1]:
            return m
    return None


def _split(line: str, m: Mark, s: int, e: int, mid: str, into_mid: int) -> Edit:
    """Someone else's mark ``m`` with ``line[s:e]`` of its new text taken out and ``mid``
    put between the halves: ``{++left++}`` + mid + ``{++right++}`` (a substitution
    keeps its old text on the left). The cursor goes ``into_mid`` characters into ``mid``."""
    a, b = m.keep[0]
    left, right = line[a:s], line[e:b]
    pieces = []
    if m.kind == SUBSTITUTE:
        head = "{~~" + m.text + "~>" + left + "~~}"
        pieces.append(_piece(SUBSTITUTE, m.text, left))
    else:
        head = "{++" + left + "++}" if left else ""
        pieces += [_piece(INSERT, left)] if left else []
    tail = "{++" + right + "++}" if right else ""
    pieces += [_piece(INSERT, right)] if right else []
    return Edit(m.start, m.end, head + mid + tail, m.start + len(head) + into_mid, source=m, inherit=tuple(pieces))


# -- deleting -------------------------------------------------------------------------
def removed(line: str, marks: list[Mark], p: int, *, forward: bool, owns: Owns = _everyone) -> Edit | None:
    """Backspace (or Delete, ``forward``) at ``p``; None where keys work as usual
    (inside a comment). An edit that ``changes`` nothing means there is nothing to
    take (a line's end, the inside of a mark's delimiters, highlighted text)."""
    if in_comment(marks, p):
        return None
    found = _target(line, marks, p, forward)
    if found is None:
        return Edit(p, p, "", p)
    k, m = found
    if m is None:
        return _delete_plain(line, marks, k, forward, owns)
    a, b = m.keep[0]
    if owns(m):  # one's own suggestion: the character is taken back
        if m.kind == INSERT and b - a == 1:
            return Edit(m.start, m.end, "", m.start)
        return Edit(k, k + 1, "", k)
    return _delete_theirs(line, marks, m, k, forward, owns)


def removed_range(line: str, marks: list[Mark], s: int, e: int, owns: Owns = _everyone) -> Edit:
    """Deleting the selection ``s:e`` of the line."""
    m = _holding(marks, s, e)
    if m is not None and owns(m):
        return Edit(s, e, "", s)
    mid = "{--" + line[s:e] + "--}"
    if m is None:
        return Edit(s, e, mid, s + len(mid))
    return _split(line, m, s, e, mid, len(mid))


def _target(line: str, marks: list[Mark], p: int, forward: bool) -> tuple[int, Mark | None] | None:
    """The character Backspace (Delete) at ``p`` takes, as one reads the text with
    its suggestions: (its index, the mark whose new text holds it, or None for
    plain text). Deleted text, old text and comments are stepped over; None when
    there is nothing to take."""
    pos = p
    for _ in range(len(marks) + 1):
        if forward:
            m = next((m for m in marks if m.start <= pos < m.end), None)
            if m is None:
                return (pos, None) if pos < len(line) else None
        else:
            m = next((m for m in marks if m.start < pos <= m.end), None)
            if m is None:
                return (pos - 1, None) if pos > 0 else None
        past = m.end if forward else m.start
        if m.kind in (INSERT, SUBSTITUTE):
            c, d = m.keep[0]
            before_new = pos == c or (m.kind == SUBSTITUTE and m.drop[0][0] <= pos <= m.drop[0][1])
            if forward:
                if c <= pos < d:
                    return pos, m
                if pos == m.start or before_new:
                    if d > c:
                        return c, m
                    pos = past
                elif pos == d:
                    pos = past
                else:
                    return None  # inside a delimiter
            else:
                if c < pos <= d:
                    return pos - 1, m
                if pos == m.end:
                    if d > c:
                        return d - 1, m
                    pos = past
                elif before_new:
                    pos = past
                else:
                    return None
        elif m.kind == DELETE:
            a, b = m.drop[0]
            if a <= pos <= b or pos == (m.start if forward else m.end):
                pos = past
            else:
                return None
        elif m.kind == COMMENT and pos == (m.start if forward else m.end):
            pos = past
        else:
            return None  # highlighted text, or a delimiter: taking it would tear the mark
    return None


def _own_deletion(marks: list[Mark], owns: Owns, *, start: int = -1, end: int = -1) -> Mark | None:
    return next((m for m in marks if m.kind == DELETE and (m.start == start or m.end == end) and owns(m)), None)


def _delete_plain(line: str, marks: list[Mark], k: int, forward: bool, owns: Owns) -> Edit:
    """Plain character ``k`` suggested for deletion: it joins one's own deletion next to it, or gets its own."""
    ch = line[k]
    before = _own_deletion(marks, owns, end=k)
    after = _own_deletion(marks, owns, start=k + 1)
    if before and after:  # "{--x--}c{--y--}" -> "{--xcy--}"
        return Edit(k - 3, k + 4, ch, after.end - 6 if forward else before.start)
    if after:  # "c{--y--}" -> "{--cy--}"
        return Edit(k, k + 4, "{--" + ch, after.end if forward else k)
    if before:  # "{--x--}c" -> "{--xc--}"
        return Edit(k - 3, k + 1, ch + "--}", k + 1 if forward else before.start)
    return Edit(k, k + 1, "{--" + ch + "--}", k + 7 if forward else k)


def _delete_theirs(line: str, marks: list[Mark], m: Mark, k: int, forward: bool, owns: Owns) -> Edit:
    """Character ``k`` of someone else's new text suggested for deletion: their mark
    is split around a deletion of one's own (joined to one's own deletion next to it)."""
    c, d = m.keep[0]
    ch = line[k]
    if not forward and k == d - 1 and (after := _own_deletion(marks, owns, start=m.end)):
        edit = _split(line, m, k, d, "", 0)  # their mark without its last character ...
        head = edit.text
        return Edit(m.start, after.start + 3, head + "{--" + ch, m.start + len(head), source=m,
                    inherit=edit.inherit)  # ... and the character at the front of one's deletion
    if forward and k == c and m.kind == INSERT and (before := _own_deletion(marks, owns, end=m.start)):
        edit = _split(line, m, c, c + 1, "", 0)
        return Edit(before.end - 3, m.end, ch + "--}" + edit.text, before.end + 1, source=m,
                    inherit=edit.inherit)
    mid = "{--" + ch + "--}"
    return _split(line, m, k, k + 1, mid, len(mid) if forward else 0)
