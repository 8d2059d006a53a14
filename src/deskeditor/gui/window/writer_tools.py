"""What bloggers expect beside the editor, wired in one place: the SEO
checks' marks in the text, the draft's word goal in the status bar, tags and
categories completed from the other drafts, images pasted or dropped, and
Edit › Preferences….

Each part is handed what it works on (the store, the window settings, the
session, the editor, the SEO panel, the status bar); nothing keeps the window.
"""

from __future__ import annotations

import sqlite3
from typing import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from ...core.errors import DeskeditorError
from ..editor import MarkdownEditor
from ..editor.image_drop import ImageInsert
from ..panels.seo import SeoPanel
from ..panels.seo_marks import SeoMarks
from .settings import WindowSettings
from .status import StatusBar
from .theme import Colors, apply_theme


def goal_text(words: int, goal: int) -> str:
    return f"{words:,} of {goal:,} words ({min(999, round(100 * words / goal))}%)" if goal > 0 else ""


class WordGoal(QLabel):
    """The draft's word goal (``word_goal:`` in its front matter) and how far along it is."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.words, self.goal = 0, 0
        self.setToolTip("The draft's word goal (set it in the SEO panel)")
        self.hide()

    def set_words(self, words: int) -> None:
        self.words = words
        self._show()

    def set_goal(self, goal: int) -> None:
        self.goal = goal
        self._show()

    def _show(self) -> None:
        self.setText(goal_text(self.words, self.goal))
        self.setVisible(self.goal > 0)


def apply_editor_prefs(editor: MarkdownEditor, settings: WindowSettings) -> None:
    """The font and line width chosen in Preferences (the defaults when unset)."""
    font = QFont()
    spec = str(settings.value("editor_font", "") or "")
    if spec and font.fromString(spec):
        editor.setFont(font)
        editor.setTabStopDistance(editor.fontMetrics().horizontalAdvance(" ") * 4)
    editor.set_line_chars(settings.int("line_chars", 0))


def apply_theme_now(theme: str) -> None:
    app = QApplication.instance()
    if theme in ("light", "dark"):
        apply_theme(app, theme)
    else:  # back to the platform's palette
        app.setPalette(app.style().standardPalette())


class WriterTools(QObject):
    message = Signal(str, int)

    def __init__(self, store, settings: WindowSettings, session, editor: MarkdownEditor, seo: SeoPanel,
                 status: StatusBar, colors: Callable[[], Colors], on_dictionary: Callable[[], None],
                 parent: QWidget) -> None:
        super().__init__(parent)
        self.store, self.settings, self.session, self.editor, self.seo = store, settings, session, editor, seo
        self.on_dictionary = on_dictionary
        self.marks = SeoMarks(editor, seo.checks, colors, self)
        self.goal = WordGoal()
        status.addPermanentWidget(self.goal)
        session.wordsCounted.connect(self.goal.set_words)
        seo.goalChanged.connect(self.goal.set_goal)
        session.draftOpened.connect(lambda _d: self.refresh_known())
        self.images = ImageInsert(editor, store, lambda: session.draft.id if session.draft else None, self)
        self.images.message.connect(self.message)
        apply_editor_prefs(editor, settings)

    def refresh_known(self) -> None:
        """Offer the tags and categories of every draft."""
        try:
            categories, tags = self.store.drafts.labels()  # not the bodies: one can be 25 MB
        except (DeskeditorError, sqlite3.Error):
            return
        self.seo.set_known(categories, tags)

    def preferences(self):
        from ..dialogs.preferences import PreferencesDialog

        dialog = PreferencesDialog(self.store, self.settings, self.editor.font(), self.parent())
        dialog.finished.connect(lambda _r: self._preferences_done(dialog))
        dialog.open()
        return dialog

    def _preferences_done(self, dialog) -> None:
        dialog.deleteLater()
        before, after = dialog.before, dialog.after
        if after is not None:
            if after.theme != before.theme:
                apply_theme_now(after.theme)
            apply_editor_prefs(self.editor, self.settings)
            grammar = (after.language, after.server_url, after.picky) != (before.language, before.server_url,
                                                                         before.picky)
            if grammar and self.session.started:
                self.session.grammar.restart()
            if after.site_url != before.site_url or grammar:
                self.session.lint.base_fields["site_url_setting"] = after.site_url
                self.session.lint_now()
            self.message.emit("Preferences saved.", 4000)
        if dialog.wants_dictionary:
            self.on_dictionary()
