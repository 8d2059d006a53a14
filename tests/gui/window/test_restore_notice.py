"""Issue 13, Medium 4: a window notices a backup restored under it, and loses no save."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor

from deskeditor import cli
from deskeditor.core.store import Store


def _type(qtbot, editor, text):
    editor.moveCursor(QTextCursor.End)
    editor.setFocus()
    qtbot.keyClicks(editor, text)


def _body(db_path, draft_id):
    with Store.open(db_path, check=False) as s:
        return s.drafts.get(draft_id).body


def test_a_restore_under_an_open_window_is_noticed(open_window, db_path, qtbot, capsys):
    with Store.open(db_path) as s:
        draft_id = s.drafts.create("# Shared\n\nStart.\n").id
    w = open_window(db_path)
    _type(qtbot, w.editor, " First.")
    qtbot.waitUntil(lambda: "First." in _body(db_path, draft_id), timeout=10_000)
    qtbot.waitUntil(lambda: w.status.save_label.text() == "Saved", timeout=5_000)
    assert cli.main(["--db", str(db_path), "backups", "create"]) == 0
    backup = capsys.readouterr().out.strip()
    # the same version comes back: only the restore itself can tell the window
    assert cli.main(["--db", str(db_path), "backups", "restore", backup]) == 0
    _type(qtbot, w.editor, " After the restore.")
    qtbot.waitUntil(lambda: w.banner.kind == "conflict" and w.banner.isVisible(), timeout=10_000)
    assert "After the restore." in w.editor.text()  # the text is safe in the window
    w.banner.button("Keep Mine").click()
    qtbot.waitUntil(lambda: "After the restore." in _body(db_path, draft_id), timeout=10_000)
