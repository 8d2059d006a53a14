"""Suggest mode driven by real keystrokes on the real editor (pytest-qt, offscreen)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor

from deskeditor.gui.editor.editor import MarkdownEditor
from deskeditor.gui.editor.suggest import SuggestMode, comment


@pytest.fixture
def ed(qtbot):
    editor = MarkdownEditor()
    qtbot.addWidget(editor)
    editor.load_text("The talks were long.")
    editor.show()
    mode = SuggestMode(editor)
    mode.set_on(True)
    editor.mode = mode
    return editor


def at(editor, offset, end=None):
    c = editor.textCursor()
    c.setPosition(offset)
    if end is not None:
        c.setPosition(end, QTextCursor.KeepAnchor)
    editor.setTextCursor(c)


def undo(qtbot, editor):
    qtbot.keyClick(editor, Qt.Key_Z, Qt.ControlModifier)


def test_typing_inserts_and_extends(qtbot, ed):
    at(ed, 10)
    qtbot.keyClicks(ed, "very ")
    assert ed.text() == "The talks {++very ++}were long."
    at(ed, len("The talks {++very ++}were long"))
    qtbot.keyClicks(ed, " indeed")
    assert ed.text() == "The talks {++very ++}were long{++ indeed++}."


def test_typing_inside_an_insertion_extends_it(qtbot, ed):
    ed.load_text("The {++long ++}talks.")
    at(ed, 9)  # after "{++lo"
    qtbot.keyClicks(ed, "o")
    assert ed.text() == "The {++loong ++}talks."


def test_backspace_and_delete_wrap_deletions(qtbot, ed):
    at(ed, 14)  # "The talks were| long."
    for _ in range(5):
        qtbot.keyClick(ed, Qt.Key_Backspace)
    assert ed.text() == "The talks{-- were--} long."
    at(ed, len("The talks{-- were--}"))
    qtbot.keyClick(ed, Qt.Key_Delete)
    qtbot.keyClick(ed, Qt.Key_Delete)
    assert ed.text() == "The talks{-- were l--}ong."


def test_replacing_a_selection_makes_a_substitution(qtbot, ed):
    at(ed, 15, 19)  # "long"
    qtbot.keyClicks(ed, "brief")
    assert ed.text() == "The talks were {~~long~>brief~~}."
    at(ed, 4, 9)
    qtbot.keyClick(ed, Qt.Key_Backspace)
    assert ed.text() == "The {--talks--} were {~~long~>brief~~}."


def test_backspace_in_own_insertion_takes_it_back(qtbot, ed):
    at(ed, 10)
    qtbot.keyClicks(ed, "ab")
    qtbot.keyClick(ed, Qt.Key_Backspace)
    assert ed.text() == "The talks {++a++}were long."
    qtbot.keyClick(ed, Qt.Key_Backspace)
    assert ed.text() == "The talks were long."


def test_undo_takes_back_a_run_of_typing_and_each_deletion(qtbot, ed):
    at(ed, 10)
    qtbot.keyClicks(ed, "very ")
    at(ed, 4, 9)
    qtbot.keyClick(ed, Qt.Key_Delete)
    assert ed.text() == "The {--talks--} {++very ++}were long."
    undo(qtbot, ed)
    assert ed.text() == "The talks {++very ++}were long."
    undo(qtbot, ed)
    assert ed.text() == "The talks were long."


def test_typing_in_a_comment_is_plain(qtbot, ed):
    at(ed, 4, 9)
    comment(ed, "ana")
    qtbot.keyClicks(ed, "which ones?")
    assert ed.text() == "The {==talks==}{>>@ana which ones?<<} were long."
    comment(ed, "bob")  # a reply goes under it
    qtbot.keyClicks(ed, "these")
    assert ed.text() == "The {==talks==}{>>@ana which ones?<<}{>>@bob these<<} were long."


def test_off_means_plain_typing(qtbot, ed):
    ed.mode.set_on(False)
    at(ed, 10)
    qtbot.keyClicks(ed, "very ")
    assert ed.text() == "The talks very were long."


def test_a_substitution_is_not_struck_through_by_the_highlighter(qtbot):
    editor = MarkdownEditor()
    qtbot.addWidget(editor)
    editor.load_text("a {~~old~>new~~} and {~~x~>y~~} b ~~gone~~")
    formats = editor.document().firstBlock().layout().formats()
    struck = [(f.start, f.start + f.length) for f in formats if f.format.fontStrikeOut()]
    assert struck == [(len("a {~~old~>new~~} and {~~x~>y~~} b "), len(editor.text()))]


def test_paste_and_cut_are_suggestions(qtbot, ed):
    from PySide6.QtWidgets import QApplication

    QApplication.clipboard().setText("very")
    at(ed, 10)
    qtbot.keyClick(ed, Qt.Key_V, Qt.ControlModifier)
    assert ed.text() == "The talks {++very++}were long."
    at(ed, 0, 4)
    qtbot.keyClick(ed, Qt.Key_X, Qt.ControlModifier)
    assert ed.text() == "{--The --}talks {++very++}were long."
    assert QApplication.clipboard().text() == "The "
    ed.paste()  # Edit > Paste, not a key
    assert ed.text().count("{++") == 2


def test_someone_elses_insertion_is_split_and_undone_in_one_step(qtbot, ed):
    ed.load_text("The {++long ++}talks.")
    ed.mode.owns = lambda mark: mark.text != "long "  # "long " is someone else's
    inherited = []
    ed.mode.inherit = lambda mark, pieces: inherited.append((mark.text, [p.text for p in pieces]))
    at(ed, 9)  # after "{++lo"
    qtbot.keyClicks(ed, "oo")
    assert ed.text() == "The {++lo++}{++oo++}{++ng ++}talks."
    assert inherited == [("long ", ["lo", "ng "])]
    undo(qtbot, ed)
    assert ed.text() == "The {++long ++}talks."


def test_shift_delete_cuts_as_a_suggestion(qtbot, ed):
    from PySide6.QtWidgets import QApplication

    at(ed, 4, 9)
    qtbot.keyClick(ed, Qt.Key_Delete, Qt.ShiftModifier)
    assert ed.text() == "The {--talks--} were long."
    assert QApplication.clipboard().text() == "talks"
