"""The Lint panel lists at most RULE_SHOWN findings of a rule and counts the rest."""

from __future__ import annotations

from PySide6.QtGui import QTextCursor, QTextDocument

from deskeditor.core.model import Finding
from deskeditor.gui.editor.underlines import Marked
from deskeditor.gui.panels import lint as lint_panel
from deskeditor.gui.theme import colors as palette_colors


def leaves(item):
    out = []
    for i in range(item.childCount()):
        child = item.child(i)
        out += [child] if child.childCount() == 0 else leaves(child)
    return out


def test_thousands_of_findings_of_one_rule_list_the_first_and_count_the_rest(qtbot):
    panel = lint_panel.LintPanel(palette_colors(qtbot_palette()))
    qtbot.addWidget(panel)
    doc = QTextDocument("bad " * 2000)
    items = [Marked(Finding("readability", "passive-voice", "warning", "Passive voice", 4 * i, 4 * i + 3),
                    QTextCursor(doc), i) for i in range(1000)]
    items.append(Marked(Finding("seo", "title-missing", "error", "No title"), QTextCursor(doc), 1000))
    panel.set_report(items, [], [], lambda m: "bad")
    shown = leaves(panel.tree.invisibleRootItem())
    assert len(shown) == lint_panel.RULE_SHOWN + 2  # the shown leaves, the count line, the SEO one
    assert any(leaf.text(0) == f"… and {1000 - lint_panel.RULE_SHOWN:,} more, underlined in the text" for leaf in shown)
    assert panel.item_for(0) is not None and panel.item_for(999) is None and panel.item_for(1000) is not None


def qtbot_palette():
    from PySide6.QtWidgets import QApplication

    return QApplication.instance().palette()
