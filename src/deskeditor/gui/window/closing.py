"""Closing the window with text the store would not take (a full disk, a
read-only file): the user tries again, saves the text to a file, or lets it
go; nothing is lost without being asked."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from ..dialogs.small import CloseChoice, unsaved_on_close
from ..session.draft_session import DraftSession


def finish_saving(parent: QWidget, session: DraftSession) -> bool:
    """Save everything; if that fails, let the user decide. False: stay open."""
    session.save_cursor()
    while True:
        if session.flush(10.0):
            return True
        choice = unsaved_on_close(parent, session.autosaver.message)
        if choice is CloseChoice.RETRY:
            continue
        if choice is CloseChoice.DISCARD:
            return True
        if choice is CloseChoice.FILE:
            if save_to_file(parent, session.unsaved_texts()):
                return True
            continue
        return False


def save_to_file(parent: QWidget, texts: list[str]) -> bool:
    """Ask for a file and write ``texts`` into it (atomically); False if not written."""
    name, _ = QFileDialog.getSaveFileName(parent, "Save the text to a file", str(Path.home() / "draft.md"),
                                          "Markdown (*.md);;All files (*)")
    if not name:
        return False
    target = Path(name)
    try:
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".deskeditor-")
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write("\n\n".join(texts))
        os.replace(tmp, target)
    except OSError as exc:
        QMessageBox.warning(parent, "Save to file", f"Cannot write {target}: {exc.strerror or exc}")
        return False
    return True
