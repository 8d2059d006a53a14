"""The status bar: save state, words and reading time, lint and grammar state,
and a long grammar check's progress with its Cancel button.

Word counting runs off the keystroke: a short timer after typing stops, on a
worker thread for a long draft.
"""

from __future__ import annotations

import re

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QStatusBar, QToolButton

from ..session.autosave import SaveState
from .theme import Colors

WORDS_PER_MINUTE = 238
WORDS_COUNTED = ("Words as the SEO and readability checks count them (Yoast): the title and the prose; "
                 "front matter, code, URLs and Markdown are not counted")
LINT_COUNTED = "Findings to look at, as the Lint tab counts them (checks rated good and dismissed ones left out)"
_RAW_COUNT = re.compile(r"^Grammar: [\d,]+ findings? \(")


def reading_time(words: int) -> str:
    minutes = words / WORDS_PER_MINUTE
    if words == 0:
        return "0 min read"
    return "under 1 min read" if minutes < 1 else f"{round(minutes)} min read"


def words_label(words: int) -> str:
    return f"{words:,} word{'s' if words != 1 else ''} · {reading_time(words)}"


def check_progress_text(done: int, total: int) -> str:
    return f"Checking grammar… {min(done, total):,} of {total:,} blocks"


class StatusBar(QStatusBar):
    cancelCheck = Signal()  # the long grammar check's Cancel was clicked

    def __init__(self, colors: Colors, parent=None) -> None:
        super().__init__(parent)
        self.colors = colors
        self.check_label = QLabel("")
        self.check_cancel = QToolButton()
        self.check_cancel.setText("Cancel")
        self.check_cancel.setToolTip("Stop this grammar check (Tools › Check Now checks again)")
        self.check_cancel.setAutoRaise(True)
        self.check_cancel.clicked.connect(self.cancelCheck)
        for w in (self.check_label, self.check_cancel):
            self.addPermanentWidget(w)
            w.hide()
        self.save_label = QLabel("Saved")
        self.words_label = QLabel("")
        self.lint_label = QLabel("")
        self.grammar_label = QLabel("")
        self.grammar_label.setTextInteractionFlags(Qt.TextSelectableByMouse)
        for w in (self.grammar_label, self.lint_label, self.words_label, self.save_label):
            w.setContentsMargins(8, 0, 8, 0)
            self.addPermanentWidget(w)
        self.setSizeGripEnabled(False)

    def set_colors(self, colors: Colors) -> None:
        self.colors = colors

    def set_save_state(self, state: SaveState, message: str) -> None:
        self.save_label.setText(message)
        bad = state.is_problem
        self.save_label.setStyleSheet(f"color: {self.colors.error.name()}; font-weight: bold;" if bad else "")
        self.save_label.setToolTip(message)

    def set_words(self, words: int) -> None:
        self.words_label.setText(words_label(words))
        self.words_label.setToolTip(WORDS_COUNTED)

    def set_lint(self, text: str) -> None:
        self.lint_label.setText(text)
        self.lint_label.setToolTip(LINT_COUNTED)

    def set_grammar(self, line: str, ok: bool) -> None:
        line = _RAW_COUNT.sub("Grammar checked (", line)  # the count is the Lint tab's (after dismissals)
        self.grammar_label.setText(line)
        self.grammar_label.setToolTip(line)
        self.grammar_label.setStyleSheet("" if ok else f"color: {self.colors.muted.name()};")

    def show_check(self, done: int, total: int) -> None:
        self.check_label.setText(check_progress_text(done, total))
        self.check_label.show()
        self.check_cancel.show()

    def hide_check(self) -> None:
        self.check_label.hide()
        self.check_cancel.hide()
