"""The SEO panel's Related posts section on its own: hidden for a draft that
is no site's post, one row per post, and a new list replaces the old one on
screen at once (in a script or a test, before any event loop ran)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QLabel

from deskeditor.gui.panels.seo_related import EMPTY, RelatedLinks
from deskeditor.gui.session.related_posts import Related
from deskeditor.gui.window.theme import colors as palette_colors


def _post(n: int) -> Related:
    return Related(f"Post {n}", f"content/posts/p{n}.md", f"/p{n}/", f'[Post {n}]({{{{< relref "p{n}.md" >}}}})', 1.0)


def _rows(panel: RelatedLinks) -> list[str]:
    return [w.text().split("<br>")[0] for w in panel.findChildren(QLabel)
            if w.isVisibleTo(panel) and "<br>" in w.text()]


def test_rows_follow_the_list_and_insert_emits_the_link(qtbot):
    panel = RelatedLinks(palette_colors(QPalette()))
    qtbot.addWidget(panel)
    panel.show()
    panel.set_posts(None)
    assert panel.isHidden()
    panel.set_posts([_post(1), _post(2), _post(3)])
    assert panel.isVisible() and _rows(panel) == ["Post 1", "Post 2", "Post 3"]
    panel.set_posts([_post(4)])
    QCoreApplication.processEvents()  # the new row shows (queued by its layout); deletions wait for a loop
    assert _rows(panel) == ["Post 4"]  # the old rows are gone from the screen already
    with qtbot.waitSignal(panel.insertRequested) as sent:
        panel.buttons[0].click()
    assert sent.args == ['[Post 4]({{< relref "p4.md" >}})']
    panel.set_posts([])
    QCoreApplication.processEvents()
    assert panel.isVisible() and _rows(panel) == [] and panel.hint.text() == EMPTY
