"""Light and dark: reading the system palette, and the few colours we add.

The window follows the system palette (and the preview follows the window),
or the theme chosen in Edit › Preferences (kept in the window settings);
``DESKEDITOR_THEME=dark|light`` overrides both, which the screenshots use.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette


def is_dark(palette: QPalette | None = None) -> bool:
    """True when the window background is darker than its text."""
    pal = palette or QGuiApplication.palette()
    return pal.color(QPalette.Window).lightness() < pal.color(QPalette.WindowText).lightness()


def apply_theme(app, theme: str) -> None:
    """``theme``: system, dark or light. Dark and light set a Fusion palette."""
    theme = (theme or "system").lower()
    if theme not in ("dark", "light"):
        return
    app.setStyle("Fusion")
    hints = app.styleHints()
    if hasattr(hints, "setColorScheme"):
        hints.setColorScheme(Qt.ColorScheme.Dark if theme == "dark" else Qt.ColorScheme.Light)
    app.setPalette(dark_palette() if theme == "dark" else app.style().standardPalette())


def dark_palette() -> QPalette:
    pal = QPalette()
    base, window, text = QColor("#1e1f22"), QColor("#2b2d30"), QColor("#dfe1e5")
    for role, color in (
        (QPalette.Window, window), (QPalette.WindowText, text), (QPalette.Base, base),
        (QPalette.AlternateBase, QColor("#26282b")), (QPalette.Text, text),
        (QPalette.Button, window), (QPalette.ButtonText, text), (QPalette.ToolTipBase, QColor("#3c3f41")),
        (QPalette.ToolTipText, text), (QPalette.Highlight, QColor("#2f65ca")),
        (QPalette.HighlightedText, QColor("#ffffff")), (QPalette.Link, QColor("#7aa7ff")),
        (QPalette.PlaceholderText, QColor("#8c8f94")), (QPalette.Mid, QColor("#45484c")),
        (QPalette.Dark, QColor("#151618")), (QPalette.Light, QColor("#3a3d41")),
    ):
        pal.setColor(role, color)
    for role in (QPalette.Text, QPalette.WindowText, QPalette.ButtonText):
        pal.setColor(QPalette.Disabled, role, QColor("#74777c"))
    return pal


@dataclass(frozen=True)
class Colors:
    """Colours the editor and panels draw with, for one palette."""

    dark: bool
    heading: QColor
    emphasis: QColor
    link: QColor
    url: QColor
    code: QColor
    code_bg: QColor
    quote: QColor
    marker: QColor
    muted: QColor
    error: QColor
    warning: QColor
    info: QColor
    banner_bg: QColor
    banner_fg: QColor
    added_bg: QColor
    removed_bg: QColor

    def severity(self, severity: str) -> QColor:
        return {"error": self.error, "warning": self.warning}.get(severity, self.info)


def colors(palette: QPalette | None = None) -> Colors:
    if is_dark(palette):
        return Colors(True, QColor("#8ab4f8"), QColor("#e6e6e6"), QColor("#7aa7ff"), QColor("#8c8f94"),
                      QColor("#ce9178"), QColor("#2a2c30"), QColor("#a0a4aa"), QColor("#c586c0"),
                      QColor("#8c8f94"), QColor("#f28b82"), QColor("#fdd663"), QColor("#81c995"),
                      QColor("#4a3b1c"), QColor("#f5e6c4"), QColor("#1f3d2a"), QColor("#4a2326"))
    return Colors(False, QColor("#1a4f9c"), QColor("#202124"), QColor("#1558d6"), QColor("#70757a"),
                  QColor("#a3360f"), QColor("#f3f3f3"), QColor("#5f6368"), QColor("#8e24aa"),
                  QColor("#80868b"), QColor("#d93025"), QColor("#e37400"), QColor("#188038"),
                  QColor("#fef7e0"), QColor("#3c2f00"), QColor("#e6f4ea"), QColor("#fce8e6"))
