"""A message strip above the editor, for what the user must know and may act
on: a damaged database, a draft changed elsewhere, a preview that fell back."""

from __future__ import annotations

from typing import Callable

from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton

from .theme import Colors


class Banner(QFrame):
    def __init__(self, colors: Colors, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("banner")
        self.label = QLabel()
        self.label.setWordWrap(True)
        self._lay = QHBoxLayout(self)
        self._lay.setContentsMargins(12, 8, 12, 8)
        self._lay.addWidget(self.label, 1)
        self._buttons: list[QPushButton] = []
        self.kind = ""
        self.set_colors(colors)
        self.hide()

    def set_colors(self, colors: Colors) -> None:
        self.setStyleSheet(f"QFrame#banner {{ background: {colors.banner_bg.name()}; "
                           f"border-bottom: 1px solid {colors.warning.name()}; }}"
                           f"QFrame#banner QLabel {{ color: {colors.banner_fg.name()}; }}")

    def show_message(self, kind: str, text: str, actions: list[tuple[str, Callable[[], None]]] = ()) -> None:
        for b in self._buttons:
            b.deleteLater()
        self._buttons = []
        for label, fn in actions:
            b = QPushButton(label)
            b.clicked.connect(fn)
            self._lay.addWidget(b)
            self._buttons.append(b)
        self.kind = kind
        self.label.setText(text)
        self.show()

    def button(self, label: str) -> QPushButton | None:
        return next((b for b in self._buttons if b.text() == label), None)

    def clear(self, kind: str | None = None) -> None:
        if kind is None or kind == self.kind:
            self.kind = ""
            self.hide()
