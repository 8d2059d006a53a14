"""What a keystroke in suggest mode makes of a line: one's own marks grow, someone
else's stay theirs (``core.review.suggesting``, no Qt)."""

from __future__ import annotations

import pytest

from deskeditor.core.review import marks as critic
from deskeditor.core.review import suggesting as sg

ANA = {"Hello world", "Hello", " world", "world", "Hello ", "Hello worl", "Hello wor", "old"}


def anas(mark) -> bool:
    """Ana's marks (by their text); the rest are the reviewer's own."""
    return mark.text in ANA and mark.kind == critic.INSERT or mark.kind == critic.SUBSTITUTE and mark.text == "old"


def mine(mark) -> bool:
    return not anas(mark)


def run(marked: str, fn, *args, **kw) -> tuple[str, list]:
    """``fn`` at the ``|`` of ``marked``: the new line with ``|`` where the cursor
    goes, and the pieces that keep their author."""
    p = marked.index("|")
    line = marked.replace("|", "")
    edit = fn(line, critic.find_marks(line), p, *args, **kw)
    new = line[:edit.start] + edit.text + line[edit.end:]
    return new[:edit.cursor] + "|" + new[edit.cursor:], [(m.kind, m.text, m.replacement) for m in edit.inherit]


@pytest.mark.parametrize("before,after", [
    ("a {++Hello| world++} b", "a {++Hello++}{++X|++}{++ world++} b"),  # split: her halves stay hers
    ("a {++|Hello world++} b", "a {++X|++}{++Hello world++} b"),  # at her start: before her mark
    ("a {++Hello world|++} b", "a {++Hello world++}{++X|++} b"),  # at her end: after it
    ("a {++Hello world++}| b", "a {++Hello world++}{++X|++} b"),
    ("a {~~old~>new| text~~} b", "a {~~old~>new~~}{++X|++}{++ text++} b"),  # her substitution keeps its old text
    ("a {++mi|ne++} b", "a {++miX|ne++} b"),  # one's own: extended
])
def test_typing_in_someone_elses_insertion_starts_ones_own(before, after):
    assert run(before, sg.typed, "X", mine)[0] == after


def test_the_halves_of_a_split_keep_their_author():
    _line, pieces = run("a {++Hello| world++} b", sg.typed, "X", mine)
    assert pieces == [("insert", "Hello", ""), ("insert", " world", "")]
    _line, pieces = run("a {~~old~>new| text~~} b", sg.typed, "X", mine)
    assert pieces == [("substitute", "old", "new"), ("insert", " text", "")]


def test_typing_in_ones_own_insertion_extends_it_and_joins_the_run():
    edit = sg.typed("a {++mine++} b", critic.find_marks("a {++mine++} b"), 9, "s", mine)
    assert edit.extends and edit.source is None


@pytest.mark.parametrize("before,forward,after", [
    ("a {++Hello world++}| b", False, "a {++Hello worl++}|{--d--} b"),
    ("a {++Hello worl++}|{--d--} b", False, "a {++Hello wor++}|{--ld--} b"),  # joins one's own deletion
    ("a {++Hello |world++} b", False, "a {++Hello++}|{-- --}{++world++} b"),
    ("a {++Hello| world++} b", True, "a {++Hello++}{-- --}|{++world++} b"),
    ("a {++mine|++} b", False, "a {++min|++} b"),  # one's own: taken back
    ("a {++m|++} b", False, "a | b"),
    ("ab|{--c--} b", False, "a|{--bc--} b"),
    ("a {--c--}| b", True, "a {--c --}|b"),
    ("a {==hl==}{>>x<<}| b", False, "a {==hl==}{>>x<<}| b"),  # highlighted text is not torn
    ("a {>>x<<}| b", False, "a|{-- --}{>>x<<} b"),  # a comment is stepped over, not its "}"
    ("{++mine++}{--d--}|x", False, "{++min|++}{--d--}x"),
    ("|abc", False, "|abc"),
])
def test_backspace_and_delete(before, forward, after):
    assert run(before, sg.removed, forward=forward, owns=mine)[0] == after


def test_a_selection_in_someone_elses_insertion_is_split_out():
    line = "a {++Hello world++} b"
    s, e = line.index("lo"), line.index("lo") + 2
    edit = sg.removed_range(line, critic.find_marks(line), s, e, mine)
    assert line[:edit.start] + edit.text + line[edit.end:] == "a {++Hel++}{--lo--}{++ world++} b"
    edit = sg.replaced(line, critic.find_marks(line), s, e, "p", mine)
    assert line[:edit.start] + edit.text + line[edit.end:] == "a {++Hel++}{~~lo~>p~~}{++ world++} b"
    own = "a {++mine++} b"
    edit = sg.removed_range(own, critic.find_marks(own), 6, 8, mine)
    assert own[:edit.start] + edit.text + own[edit.end:] == "a {++me++} b"
