"""CriticMarkup marks in a Markdown source, found at the text level.

CriticMarkup is "processed before any other Markdown" (MultiMarkdown's words,
and pymdownx.critic's practice): it is a layer on the plain text, so marks are
found by scanning the text, wherever they are, and may run across lines and
paragraphs. Five forms::

    {++ inserted ++}   {-- deleted --}   {~~ old ~> new ~~}
    {== highlighted ==}{>> comment <<}   {>> bare comment <<}

Comments that follow a highlight or another comment directly are one thread:
the first is the comment, the rest its replies. Who wrote a comment is a
leading ``@name`` (the convention vim-criticmarkup and others use), so the
file stays plain CriticMarkup for every other tool.

``accepted_view(source)`` is the text as if every suggestion were accepted
(comments and highlight delimiters gone), with a map from each of its
characters back to the source: the linters read it.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

INSERT, DELETE, SUBSTITUTE, HIGHLIGHT, COMMENT = "insert", "delete", "substitute", "highlight", "comment"
SUGGESTIONS = (INSERT, DELETE, SUBSTITUTE)

_MARK = re.compile(
    r"\{\+\+(?P<ins>.*?)\+\+\}"
    r"|\{--(?P<del>.*?)--\}"
    r"|\{~~(?P<old>.*?)~>(?P<new>.*?)~~\}"
    r"|\{==(?P<hl>.*?)==\}"
    r"|\{>>(?P<cm>.*?)<<\}",
    re.S)
_COMMENT = re.compile(r"\{>>(.*?)<<\}", re.S)
_AUTHOR = re.compile(r"\s*@([\w.\-]+)[:,]?\s*")


@dataclass(frozen=True)
class Comment:
    author: str
    text: str
    start: int  # the ``{>>`` … ``<<}`` range in the source
    end: int


@dataclass(frozen=True)
class Mark:
    """One mark. ``start``/``end`` cover it whole, its comment thread included.

    ``keep`` and ``drop`` are the source ranges that stay when it is accepted
    and when it is rejected: an insertion keeps its text on accept, a
    substitution its new text, a highlight its text either way; a comment
    keeps nothing."""

    kind: str
    start: int
    end: int
    text: str  # inserted, deleted, old or highlighted text; "" for a bare comment
    replacement: str = ""  # a substitution's new text
    comments: tuple[Comment, ...] = ()
    keep: tuple[tuple[int, int], ...] = ()
    drop: tuple[tuple[int, int], ...] = ()

    @property
    def is_suggestion(self) -> bool:
        return self.kind in SUGGESTIONS

    @property
    def comment(self) -> str:
        return self.comments[0].text if self.comments else ""

    @property
    def author(self) -> str:
        return self.comments[0].author if self.comments else ""

    @property
    def replies(self) -> tuple[Comment, ...]:
        return self.comments[1:]

    def to_dict(self) -> dict:
        return {"kind": self.kind, "author": self.author, "start": self.start, "end": self.end,
                "text": self.text, "replacement": self.replacement, "comment": self.comment,
                "replies": [{"author": c.author, "text": c.text} for c in self.replies]}


def _comment(m: re.Match) -> Comment:
    body = m.group(1)
    who = _AUTHOR.match(body)
    if who:
        return Comment(who.group(1), body[who.end():].strip(), m.start(), m.end())
    return Comment("", body.strip(), m.start(), m.end())


def _thread(source: str, pos: int) -> tuple[list[Comment], int]:
    """The comments that follow ``pos`` directly, and where they end."""
    out = []
    while True:
        m = _COMMENT.match(source, pos)
        if not m:
            return out, pos
        out.append(_comment(m))
        pos = m.end()


def find_marks(source: str) -> list[Mark]:
    """Every mark in ``source``, in order."""
    if "{" not in source:
        return []
    out: list[Mark] = []
    for m in _MARK.finditer(source):
        if out and m.start() < out[-1].end:  # inside a thread already taken
            continue
        s, e = m.start(), m.end()
        if m.group("ins") is not None:
            a, b = m.span("ins")
            out.append(Mark(INSERT, s, e, m.group("ins"), keep=((a, b),), drop=()))
        elif m.group("del") is not None:
            a, b = m.span("del")
            out.append(Mark(DELETE, s, e, m.group("del"), keep=(), drop=((a, b),)))
        elif m.group("old") is not None:
            (a, b), (c, d) = m.span("old"), m.span("new")
            out.append(Mark(SUBSTITUTE, s, e, m.group("old"), m.group("new"), keep=((c, d),), drop=((a, b),)))
        elif m.group("hl") is not None:
            a, b = m.span("hl")
            thread, end = _thread(source, e)
            out.append(Mark(HIGHLIGHT, s, end, m.group("hl"), comments=tuple(thread),
                            keep=((a, b),), drop=((a, b),)))
        else:
            thread, end = _thread(source, s)
            out.append(Mark(COMMENT, s, end, "", comments=tuple(thread)))
    return out


def _apply(source: str, marks: list[Mark], chosen: set[int], accept: bool) -> str:
    parts, cur = [], 0
    for i, mark in enumerate(marks):
        if i not in chosen:
            continue
        parts.append(source[cur:mark.start])
        for a, b in (mark.keep if accept else mark.drop):
            parts.append(source[a:b])
        cur = mark.end
    parts.append(source[cur:])
    return "".join(parts)


def accept(source: str, which: int | None = None) -> str:
    """The text with mark ``which`` (its index in ``find_marks``) accepted, or all
    of them. Accepting a comment or a highlight resolves it."""
    marks = find_marks(source)
    return _apply(source, marks, set(range(len(marks))) if which is None else {_index(marks, which)}, True)


def reject(source: str, which: int | None = None) -> str:
    """The text with mark ``which`` rejected, or all of them. Rejecting a comment
    or a highlight resolves it too."""
    marks = find_marks(source)
    return _apply(source, marks, set(range(len(marks))) if which is None else {_index(marks, which)}, False)


def _index(marks: list[Mark], which: int) -> int:
    if not 0 <= which < len(marks):
        raise IndexError(f"no mark {which + 1}: the draft has {len(marks)}")
    return which


@dataclass
class AcceptedView:
    """The text as if every suggestion were accepted, and the way back.

    ``pieces`` are (offset in ``text``, offset in the source, length) of the
    runs of source text kept, in order; every character of ``text`` is one
    character of the source."""

    text: str
    pieces: list[tuple[int, int, int]] = field(default_factory=list)

    def _starts(self) -> list[int]:
        return [p[0] for p in self.pieces]

    def to_source(self, i: int, *, end: bool = False) -> int:
        """Source offset of position ``i``: a start maps to the character at
        ``i``, an end to just after the character before it, so a range never
        begins or ends inside a mark's delimiters."""
        if not self.pieces:
            return i
        starts = self._starts()
        if end and i > 0:
            k = bisect.bisect_right(starts, i - 1) - 1
            acc, src, _n = self.pieces[max(k, 0)]
            return src + (i - 1 - acc) + 1
        k = bisect.bisect_right(starts, i) - 1
        acc, src, n = self.pieces[max(k, 0)]
        if i - acc >= n and k + 1 < len(self.pieces):
            acc, src, n = self.pieces[k + 1]
        return src + (i - acc)

    def range_to_source(self, start: int, end: int) -> tuple[int, int]:
        s = self.to_source(start)
        e = self.to_source(end, end=True) if end > start else s
        return s, max(s, e)


def accepted_view(source: str) -> AcceptedView | None:
    """The all-accepted text with its offset map, or None when there are no marks."""
    marks = find_marks(source)
    if not marks:
        return None
    pieces: list[tuple[int, int, int]] = []
    parts: list[str] = []
    length = 0

    def keep(a: int, b: int) -> None:
        nonlocal length
        if b > a:
            pieces.append((length, a, b - a))
            parts.append(source[a:b])
            length += b - a

    cur = 0
    for mark in marks:
        keep(cur, mark.start)
        for a, b in mark.keep:
            keep(a, b)
        cur = mark.end
    keep(cur, len(source))
    return AcceptedView("".join(parts), pieces)


def accepted_text(source: str) -> str:
    view = accepted_view(source)
    return source if view is None else view.text


def pending(marks: list[Mark]) -> tuple[int, int]:
    """(suggestions, comment threads) still open."""
    suggestions = sum(1 for m in marks if m.is_suggestion)
    return suggestions, sum(1 for m in marks if m.comments)


def map_findings(view: AcceptedView, findings: list, source: str) -> list:
    """Findings on ``view.text`` moved onto ``source``. A finding whose range
    now spans a mark's delimiters keeps its message but loses its
    replacements: applying them would tear the mark apart."""
    from dataclasses import replace

    out = []
    for f in findings:
        s, e = view.range_to_source(f.start, f.end)
        same = source[s:e] == view.text[f.start:f.end]
        out.append(replace(f, start=s, end=e, replacements=f.replacements if same else ()))
    return out
