"""The title line above the editor: the draft's ``title:`` field, edited in
place. The title is a field, not a heading in the body (README: "The
title"); typing here writes the front matter a moment after typing stops (one
undoable edit), and an edit of the front matter in the text shows here."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLineEdit

from ..session.draft_session import DraftSession

APPLY_DELAY_MS = 500


class TitleLine(QLineEdit):
    def __init__(self, session: DraftSession, parent=None) -> None:
        super().__init__(parent)
        self.session = session
        self.setPlaceholderText("Title")
        self.setFrame(False)
        self.setToolTip("The post's title (front matter title:); the preview and every export show it as the H1")
        font = QFont(self.font())
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        self.setFont(font)
        self.setTextMargins(12, 6, 12, 6)
        self._timer = QTimer(self, singleShot=True, interval=APPLY_DELAY_MS)
        self._timer.timeout.connect(self.apply)
        self.textEdited.connect(lambda _t: self._timer.start())
        self.returnPressed.connect(self._done)
        self.editingFinished.connect(self.apply)
        session.draftOpened.connect(lambda _d: self.refresh())
        session.draftHeld.connect(lambda *_a: self.refresh())
        session.reportReady.connect(lambda _r: self.refresh())
        self.refresh()

    def refresh(self) -> None:
        """Show the title the text has now (not while the user is typing one)."""
        s = self.session
        self.setVisible(s.draft is not None)
        self.setReadOnly(s.held or s.editor.isReadOnly())
        if self._timer.isActive():
            return
        title = s.fields().get("title") or ""
        if self.text() != title:
            self.setText(str(title))
            self.setCursorPosition(0)  # a long title shows its start

    def apply(self) -> None:
        self._timer.stop()
        title = " ".join(self.text().split())
        if self.session.draft is None or self.isReadOnly() or not title:
            return
        if self.session.fields().get("title") != title:
            self.session.retitle(title)

    def _done(self) -> None:
        """Enter: the title is written and the writer goes on in the text."""
        self.apply()
        self.session.editor.setFocus()
