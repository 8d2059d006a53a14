"""The social preview (a link card as Facebook, LinkedIn or X show a shared
post) and the completion of comma-separated tags and categories."""

from __future__ import annotations

import html
from urllib.parse import urlsplit

from PySide6.QtCore import QStringListModel, Qt
from PySide6.QtWidgets import QCompleter, QLineEdit


def social_html(title: str, description: str, image: str, base_url: str, dark: bool) -> str:
    """A link card: the image (named: the card is a sketch, not a fetch), the
    site's domain, the title and the start of the description."""
    host = urlsplit(base_url).netloc or base_url
    frame, text, muted = ("#3c4043", "#e8eaed", "#9aa0a6") if dark else ("#dadce0", "#1c1e21", "#606770")
    picture = (f"🖼 {html.escape(image)}" if image else
               "<i>No image: set a featured or social image, or the card is text only.</i>")
    desc = description if len(description) <= 160 else description[:157].rstrip() + "…"
    return (f'<div style="font-family:Arial">'
            f'<div style="background:{frame}; color:{muted}; font-size:12px; padding:18px">{picture}</div>'
            f'<div style="color:{muted}; font-size:11px">{html.escape(host.upper())}</div>'
            f'<div style="color:{text}; font-size:15px"><b>{html.escape(title or "Untitled")}</b></div>'
            f'<div style="color:{muted}; font-size:13px">{html.escape(desc)}</div></div>')


class ListCompleter(QCompleter):
    """Completes the item being typed in a comma-separated list, keeping the
    items before it."""

    def __init__(self, edit: QLineEdit) -> None:
        super().__init__(QStringListModel([], edit), edit)
        self.setCaseSensitivity(Qt.CaseInsensitive)
        self.setCompletionMode(QCompleter.PopupCompletion)
        edit.setCompleter(self)

    def set_words(self, words: list[str]) -> None:
        self.model().setStringList(sorted(set(words), key=str.lower))

    def splitPath(self, path: str) -> list[str]:  # noqa: N802
        return [path.split(",")[-1].strip()]

    def pathFromIndex(self, index) -> str:  # noqa: N802
        typed = self.widget().text()
        head = typed.rsplit(",", 1)[0] + ", " if "," in typed else ""
        return head + str(index.data())
