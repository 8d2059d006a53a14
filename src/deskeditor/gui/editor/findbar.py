"""The find and replace bar under the editor (Ctrl+F, Ctrl+H; Esc closes).

Matching is Python's ``re`` on a snapshot of the text (see ``find.py``), so
the find bar, replace-all and the ``\\1`` references agree with each other;
offsets are converted to editor positions through ``Utf16Map``.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (QCheckBox, QGridLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton,
                               QTextEdit, QToolButton, QWidget)

from . import find
from .editor import MarkdownEditor

MAX_HIGHLIGHTS = 2000


class FindBar(QWidget):
    closed = Signal()

    def __init__(self, editor: MarkdownEditor, parent=None) -> None:
        super().__init__(parent)
        self.editor = editor
        self.find_edit = QLineEdit(placeholderText="Find")
        self.replace_edit = QLineEdit(placeholderText="Replace with")
        self.regex = QCheckBox("Regex")
        self.case = QCheckBox("Match case")
        self.word = QCheckBox("Whole words")
        self.info = QLabel()
        self.info.setMinimumWidth(120)
        prev_b, next_b = QPushButton("Previous"), QPushButton("Next")
        rep_b, all_b = QPushButton("Replace"), QPushButton("Replace all")
        close_b = QToolButton(text="✕", autoRaise=True, toolTip="Close (Esc)")
        grid = QGridLayout(self)
        grid.setContentsMargins(8, 4, 8, 4)
        grid.addWidget(self.find_edit, 0, 0)
        grid.addWidget(prev_b, 0, 1)
        grid.addWidget(next_b, 0, 2)
        opts = QHBoxLayout()
        for w in (self.regex, self.case, self.word, self.info):
            opts.addWidget(w)
        opts.addStretch(1)
        opts.addWidget(close_b)
        grid.addLayout(opts, 0, 3)
        grid.addWidget(self.replace_edit, 1, 0)
        grid.addWidget(rep_b, 1, 1)
        grid.addWidget(all_b, 1, 2)
        grid.setColumnStretch(0, 1)
        self.replace_row = (self.replace_edit, rep_b, all_b)
        prev_b.clicked.connect(lambda: self.find(backwards=True))
        next_b.clicked.connect(lambda: self.find())
        rep_b.clicked.connect(self.replace_one)
        all_b.clicked.connect(self.replace_all)
        close_b.clicked.connect(self.close_bar)
        self.find_edit.returnPressed.connect(lambda: self.find())
        self.replace_edit.returnPressed.connect(self.replace_one)
        self.find_edit.textChanged.connect(self._update_matches)
        for box in (self.regex, self.case, self.word):
            box.toggled.connect(self._update_matches)
        QShortcut(QKeySequence(Qt.Key_Escape), self, self.close_bar, context=Qt.WidgetWithChildrenShortcut)
        QShortcut(QKeySequence("Shift+Return"), self.find_edit, lambda: self.find(backwards=True),
                  context=Qt.WidgetShortcut)
        self.hide()

    def query(self) -> find.Query:
        return find.Query(self.find_edit.text(), self.regex.isChecked(), self.case.isChecked(),
                          self.word.isChecked())

    def open_bar(self, replace: bool = False) -> None:
        for w in self.replace_row:
            w.setVisible(replace)
        selected = self.editor.textCursor().selectedText()
        if selected and "\u2029" not in selected:
            self.find_edit.setText(selected)
        self.show()
        self.find_edit.setFocus()
        self.find_edit.selectAll()
        self._update_matches()

    def open_find(self) -> None:
        self.open_bar(replace=False)

    def open_replace(self) -> None:
        self.open_bar(replace=True)

    def close_bar(self) -> None:
        self.editor.set_layer("find", [])
        self.hide()
        self.editor.setFocus()
        self.closed.emit()

    def _error(self, message: str) -> None:
        self.info.setText(message)
        self.find_edit.setStyleSheet("QLineEdit { border: 1px solid #d93025; }")

    def _ok(self, message: str) -> None:
        self.info.setText(message)
        self.find_edit.setStyleSheet("")

    def _update_matches(self) -> None:
        if not self.find_edit.text():
            self._ok("")
            self.editor.set_layer("find", [])
            return
        text = self.editor.text()
        try:
            spans = find.replace_all(text, self.query(), "")
        except ValueError as exc:
            self._error(str(exc))
            self.editor.set_layer("find", [])
            return
        self._ok(self._count_line(spans))
        umap = self.editor.utf16_map()
        fmt = QTextCharFormat()
        fmt.setBackground(self.editor.colors.warning.lighter(170) if not self.editor.colors.dark
                          else self.editor.colors.banner_bg)
        sels = []
        for start, end, _ in spans[:MAX_HIGHLIGHTS]:
            s = QTextEdit.ExtraSelection()
            c = QTextCursor(self.editor.document())
            c.setPosition(umap.to_utf16(start))
            c.setPosition(umap.to_utf16(end), QTextCursor.KeepAnchor)
            s.cursor, s.format = c, fmt
            sels.append(s)
        self.editor.set_layer("find", sels)

    def _count_line(self, spans) -> str:
        """"7 of 32" when the selection is a match, else "32 matches"."""
        c = self.editor.textCursor()
        if c.hasSelection():
            umap = self.editor.utf16_map()
            here = (umap.to_codepoint(c.selectionStart()), umap.to_codepoint(c.selectionEnd()))
            for i, (start, end, _) in enumerate(spans, 1):
                if (start, end) == here:
                    return f"{i:,} of {len(spans):,}"
        return f"{len(spans):,} match{'es' if len(spans) != 1 else ''}"

    def find(self, backwards: bool = False) -> bool:
        text = self.editor.text()
        umap = self.editor.utf16_map()
        c = self.editor.textCursor()
        origin = umap.to_codepoint(c.selectionStart() if backwards else c.selectionEnd())
        try:
            hit = find.find_next(text, self.query(), origin, backwards=backwards)
        except ValueError as exc:
            self._error(str(exc))
            return False
        if hit is None:
            self._ok("no match")
            return False
        self.editor.select_positions(umap.to_utf16(hit[0]), umap.to_utf16(hit[1]))
        self._ok(self._count_line(find.replace_all(text, self.query(), "")))
        return True

    def replace_one(self) -> None:
        text = self.editor.text()
        umap = self.editor.utf16_map()
        c = self.editor.textCursor()
        if c.hasSelection():
            start, end = umap.to_codepoint(c.selectionStart()), umap.to_codepoint(c.selectionEnd())
            try:
                new = find.replacement_for(text, self.query(), start, end, self.replace_edit.text())
            except ValueError as exc:
                self._error(str(exc))
                return
            if new is not None:
                c.insertText(new)
        self.find()
        self._update_matches()

    def replace_all(self) -> None:
        text = self.editor.text()
        try:
            spans = find.replace_all(text, self.query(), self.replace_edit.text())
        except ValueError as exc:
            self._error(str(exc))
            return
        umap = self.editor.utf16_map()
        c = QTextCursor(self.editor.document())
        c.beginEditBlock()
        for start, end, new in reversed(spans):
            c.setPosition(umap.to_utf16(start))
            c.setPosition(umap.to_utf16(end), QTextCursor.KeepAnchor)
            c.insertText(new)
        c.endEditBlock()
        self._update_matches()
        self._ok(f"replaced {len(spans)}")
