"""Screenshots of the writer's tools (called by ``screenshots.py``): the SEO
panel with one check's sentences marked in the editor, Preferences, and an
image pasted from the clipboard (the alt-text prompt, then the preview)."""

from __future__ import annotations

import sys
from pathlib import Path


def shoot_seo_marks(app, w, out: Path, shoot, wait, pause) -> None:
    """The SEO tab wide, the first check with marks (a problem or an improvement if any) clicked."""
    w.view.show_seo()
    sizes = w.splitter.sizes()
    total = sum(sizes)
    w.splitter.setSizes([0, 520, 300, total - 820])
    tree = w.seo_panel.checks.tree
    if not wait(app, lambda: tree.topLevelItemCount() > 0, 60):
        print("no SEO checks to shoot", file=sys.stderr)
        return
    rows = []
    for g in range(tree.topLevelItemCount()):
        group = tree.topLevelItem(g)
        rows += [(group, group.child(i)) for i in range(group.childCount())]
    wanted = ("Sentence length", "Passive voice", "Transition", "Keyphrase density")
    from deskeditor.gui.panels.seo_checks import MARKS_ROLE

    rows.sort(key=lambda r: (not r[1].data(0, MARKS_ROLE), not r[1].text(0).startswith(wanted)))
    group, item = rows[0]
    group.setExpanded(True)
    scroll = w.seo_panel.layout().itemAt(0).widget()
    scroll.ensureWidgetVisible(w.seo_panel.checks.tree)
    tree.scrollToItem(item)
    tree.setCurrentItem(item)
    tree.itemClicked.emit(item, 0)
    pause(app, 1.5)
    shoot(app, w, out / "seo-marks.png")
    w.seo_panel.checks.clear_marks()


def shoot_preferences(app, w, out: Path, shoot, pause) -> None:
    dialog = w.writer.preferences()
    dialog.site_url.setText("https://news.example.org")
    dialog.move(w.frameGeometry().center() - dialog.rect().center())
    pause(app, 0.8)
    shoot(app, dialog, out / "preferences.png")
    dialog.reject()


def shoot_pasted_image(app, w, out: Path, shoot, wait, pause) -> None:
    """A picture pasted after the first paragraph: the alt-text prompt, then the preview showing it."""
    from PySide6.QtCore import QPointF
    from PySide6.QtGui import QColor, QImage, QLinearGradient, QPainter, QTextCursor
    from PySide6.QtWidgets import QApplication

    image = QImage(640, 300, QImage.Format_RGB32)
    p = QPainter(image)
    grad = QLinearGradient(QPointF(0, 0), QPointF(640, 300))
    grad.setColorAt(0, QColor("#1a4f9c"))
    grad.setColorAt(1, QColor("#f5c542"))
    p.fillRect(image.rect(), grad)
    p.setPen(QColor("white"))
    f = p.font()
    f.setPixelSize(36)
    p.setFont(f)
    p.drawText(image.rect(), 0x84, "Map of the front line")  # AlignCenter
    p.end()
    QApplication.clipboard().setImage(image)
    total = sum(w.splitter.sizes())
    w.splitter.setSizes([0, 560, 480, total - 1040])
    e = w.editor
    text = e.text()
    body = text.find("\n\n", text.find("\n## ")) if "\n## " in text else len(text)
    c = QTextCursor(e.document())
    c.setPosition(body + 1 if body >= 0 else 0)
    e.setTextCursor(c)
    w.writer.images.paste()
    if not wait(app, lambda: w.writer.images.dialog is not None, 10):
        print("no alt-text prompt to shoot", file=sys.stderr)
        return
    ask = w.writer.images.dialog
    ask.setTextValue("Map of the front line at the ceasefire")
    pause(app, 0.6)
    shoot(app, w, out / "paste-image-alt.png")
    ask.accept()
    wait(app, lambda: "![Map of the front line" in e.text(), 10)
    e.centerCursor()
    pause(app, 3.0)
    shoot(app, w, out / "pasted-image.png")
