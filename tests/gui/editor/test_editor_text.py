"""The editor's text() is the document's text exactly, after any edit.

A large text is kept up to date edit by edit (``SPLICE_CHARS``); here the
threshold is lowered to 0 so every edit of a generated sequence (typing,
deleting, replacing, pasting lines, undo, redo, characters Qt treats
specially) is spliced, and after each one ``text()`` must equal a fresh copy
out of the document.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtGui import QTextCursor

from deskeditor.gui.editor import editor as editor_mod
from deskeditor.gui.editor.editor import MarkdownEditor, editor_text, round_trips

CHARS = st.sampled_from(list("ab \n\t#*é") + ["\u00a0", "\u2028", "\u2029", "😀", "\r\n", "\ufdd0", "\ud800", "\u200f"])
PIECE = st.lists(CHARS, max_size=12).map("".join)

OPS = st.one_of(
    st.tuples(st.just("insert"), st.floats(0, 1), PIECE),
    st.tuples(st.just("delete"), st.floats(0, 1), st.integers(1, 8)),
    st.tuples(st.just("replace"), st.floats(0, 1), PIECE),
    st.tuples(st.just("undo"), st.just(0.0), st.just("")),
    st.tuples(st.just("redo"), st.just(0.0), st.just("")),
    st.tuples(st.just("load"), st.just(0.0), PIECE),
)


@pytest.fixture(scope="module")
def editor(qapp):
    e = MarkdownEditor()
    yield e
    e.deleteLater()


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(start=PIECE, ops=st.lists(OPS, max_size=25))
def test_text_is_the_documents_text_after_every_edit(editor, monkeypatch, start, ops):
    monkeypatch.setattr(editor_mod, "SPLICE_CHARS", 0)
    e = editor
    e.load_text(start)
    assert e.text() == editor_text(e.document())
    for op, where, arg in ops:
        size = e.document().characterCount() - 1
        at = int(where * size)
        c = QTextCursor(e.document())
        if op == "insert":
            c.setPosition(at)
            c.insertText(arg)
        elif op == "delete":
            c.setPosition(at)
            c.setPosition(min(size, at + arg), QTextCursor.KeepAnchor)
            c.removeSelectedText()
        elif op == "replace":
            c.setPosition(at // 2)
            c.setPosition(at, QTextCursor.KeepAnchor)
            c.insertText(arg)
        elif op == "undo":
            e.undo()
        elif op == "redo":
            e.redo()
        else:
            e.load_text(arg)
        assert e.text() == editor_text(e.document()), (op, where, arg)


def test_round_trips_names_what_qt_changes():
    assert round_trips("plain") and round_trips("é\u00a0\u2028😀")
    assert not round_trips("a\ufdd0b") and not round_trips("a\ud800b")


def test_a_large_text_is_spliced_not_copied(qtbot, monkeypatch):
    e = MarkdownEditor()
    qtbot.addWidget(e)
    e.load_text("word " * (editor_mod.SPLICE_CHARS // 5 + 10))
    copies = []
    real = editor_mod.editor_text
    monkeypatch.setattr(editor_mod, "editor_text", lambda doc: copies.append(1) or real(doc))
    e.moveCursor(QTextCursor.End)
    for ch in "typed":
        qtbot.keyClicks(e, ch)
        assert e.text().endswith("word " + "typed"[: "typed".index(ch) + 1])
    assert copies == []  # the load primed it and every keystroke spliced it
