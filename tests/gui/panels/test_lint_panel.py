"""The Lint panel lists at most RULE_SHOWN findings of a rule and counts the rest;
its excerpts read only the head of what a finding flags."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from PySide6.QtGui import QTextCursor, QTextDocument

from deskeditor.core.model import Finding
from deskeditor.gui.editor.underlines import Marked
from deskeditor.gui.panels import lint as lint_panel
from deskeditor.gui.window.theme import colors as palette_colors


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


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from("ab \n\t\u00a0\u2029."), max_size=700), st.integers(2, 80))
def test_an_excerpt_reads_the_head_only_and_says_what_the_whole_text_would(text, limit):
    whole = " ".join(text.split())
    expected = whole if len(whole) <= limit else whole[: limit - 1] + "…"
    assert lint_panel.excerpt(text, limit) == expected


def test_a_finding_over_a_huge_paragraph_is_listed_by_its_head(qtbot):
    from deskeditor.gui.panels.lint_view import flagged_head

    doc = QTextDocument("word " * 1_000_000)
    c = QTextCursor(doc)
    c.setPosition(5)
    c.setPosition(doc.characterCount() - 1, QTextCursor.KeepAnchor)
    m = Marked(Finding("readability", "paragraph-length", "warning", "Long paragraph", 5, 5_000_000), c, 1)
    head = flagged_head(m)
    assert head == ("word " * 80)[:400]
    assert lint_panel.excerpt(head, 60) == lint_panel.excerpt(c.selectedText(), 60)
