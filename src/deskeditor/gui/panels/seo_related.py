"""The SEO panel's "Related posts": internal links a site's post could make.

Shown only for a post of an opened Hugo or Jekyll site or a draft linked to a
WordPress post: the site's posts most related to the draft (shared title,
heading and keyphrase words), each with Insert Link, which puts the link in
the generator's syntax at the editor's cursor (``insertRequested``; the window
makes it one undoable edit).
"""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ..window.theme import Colors

EMPTY = "No related post yet: set a focus keyphrase, or give the post headings that name its topic."
HINT = "Linking to your related posts helps readers and search engines find them."


class RelatedLinks(QWidget):
    insertRequested = Signal(str)  # the link's Markdown

    def __init__(self, colors: Colors, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.colors = colors
        self.posts: list[Any] | None = None  # None: the draft is no site's post
        self.buttons: list[QPushButton] = []
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        self.heading = QLabel("Related posts (internal links)")
        f = self.heading.font()
        f.setBold(True)
        self.heading.setFont(f)
        self.heading.setContentsMargins(0, 8, 0, 0)
        self.hint = QLabel(HINT)
        self.hint.setWordWrap(True)
        self.rows = QGridLayout()
        self.rows.setColumnStretch(0, 1)
        lay.addWidget(self.heading)
        lay.addWidget(self.hint)
        lay.addLayout(self.rows)
        self.hide()

    def set_posts(self, posts: list[Any] | None) -> None:
        """The related posts (``session.related_posts.Related``), or None: hide the section."""
        self._clear()
        self.posts = None if posts is None else list(posts)
        if posts is None:
            self.hide()
            return
        muted = self.colors.muted.name()
        self.hint.setText(HINT if posts else EMPTY)
        for row, post in enumerate(posts):
            label = QLabel(f'{html.escape(post.title or post.url)}<br><span style="color:{muted}; font-size:small">'
                           f"{html.escape(post.url)}</span>")
            label.setTextFormat(Qt.RichText)
            label.setWordWrap(True)
            label.setToolTip(post.path or post.url)
            button = QPushButton("Insert Link")
            button.setToolTip(f"Insert {post.markdown} at the cursor")
            button.clicked.connect(lambda _checked=False, md=post.markdown: self.insertRequested.emit(md))
            self.rows.addWidget(label, row, 0)
            self.rows.addWidget(button, row, 1, Qt.AlignTop)
            self.buttons.append(button)
        self.show()

    def _clear(self) -> None:
        while self.rows.count():
            item = self.rows.takeAt(0)
            if item.widget() is not None:  # hidden now: deleteLater waits for the event loop
                item.widget().hide()
                item.widget().deleteLater()
        self.buttons = []

    def set_colors(self, colors: Colors) -> None:
        self.colors = colors
        self.set_posts(self.posts)
