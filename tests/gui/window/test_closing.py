"""Closing the window while the store refuses the text: the user's choice
(try again, save to a file, lose it, stay) is carried out, and nothing is lost
without being asked."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QTextCursor

from deskeditor.core.store import Store
from deskeditor.gui.dialogs.small import CloseChoice
from deskeditor.gui.session import draft_session
from deskeditor.gui.window import closing

TYPED = "Words the database would not take."


@pytest.fixture
def refusing_window(open_window, db_path, monkeypatch, qtbot):
    """A window whose save thread's connection refuses every write."""
    with Store.open(db_path) as s:
        s.drafts.create("# Diary\n\nMonday.\n")

    def refusing(path):
        store = Store.open(path, check=False)
        store.conn.execute("PRAGMA query_only = 1")
        return store

    monkeypatch.setattr(draft_session, "open_save_store", refusing)
    w = open_window(db_path)
    c = w.editor.textCursor()
    c.movePosition(QTextCursor.End)
    c.insertText(TYPED)
    qtbot.waitUntil(lambda: w.status.save_label.text().startswith("Cannot save:"), timeout=5_000)
    return w


def choose(monkeypatch, *choices: CloseChoice) -> list[str]:
    """Answer the close dialog with ``choices`` in turn; returns the messages it was shown."""
    answers, asked = list(choices), []

    def answer(_parent, message):
        asked.append(message)
        return answers.pop(0)

    monkeypatch.setattr(closing, "unsaved_on_close", answer)
    return asked


def test_cancel_keeps_the_window_open_with_the_text(refusing_window, monkeypatch, db_path):
    w = refusing_window
    asked = choose(monkeypatch, CloseChoice.RETRY, CloseChoice.CANCEL)
    assert not w.close()
    assert w.isVisible() and w.editor.text().endswith(TYPED)
    assert len(asked) == 2 and asked[0].startswith("Cannot save:")
    monkeypatch.undo()  # the database takes writes again: closing saves, without asking
    assert w.close()
    with Store.open(db_path, check=False) as s:
        assert s.drafts.get(1).body.endswith(TYPED)


def test_the_text_can_go_to_a_file_and_then_the_window_closes(refusing_window, monkeypatch, tmp_path):
    w = refusing_window
    target = tmp_path / "rescued.md"
    choose(monkeypatch, CloseChoice.FILE)
    monkeypatch.setattr(closing.QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    assert w.close()
    assert target.read_text(encoding="utf-8").endswith(TYPED)


def test_losing_the_text_is_a_choice_the_user_makes(refusing_window, monkeypatch, db_path):
    w = refusing_window
    asked = choose(monkeypatch, CloseChoice.DISCARD)
    assert w.close() and len(asked) == 1
    with Store.open(db_path, check=False) as s:
        assert TYPED not in s.drafts.get(1).body
