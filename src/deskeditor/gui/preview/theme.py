"""Light or dark: the preview follows the widget palette unless told otherwise."""

from __future__ import annotations

from PySide6.QtGui import QPalette


def palette_is_dark(palette: QPalette) -> bool:
    """A palette is dark when its window colour is darker than its text."""
    window = palette.color(QPalette.ColorRole.Window).lightness()
    text = palette.color(QPalette.ColorRole.WindowText).lightness()
    return window < text
