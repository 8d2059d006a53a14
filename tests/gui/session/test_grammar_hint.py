"""The window tells how to install LanguageTool in its own terms (Tools ›
Install Grammar Checker…), not with the CLI's command (issue 20, item 7)."""

from deskeditor.core.lint.grammar.base import FIX_INSTALL
from deskeditor.gui.session.grammar_control import in_window


def test_the_install_hint_names_the_menu_item():
    line = in_window(f"LanguageTool 6.6 is not installed; {FIX_INSTALL}")
    assert "deskeditor languagetool install" not in line
    assert line.endswith("Tools › Install Grammar Checker…")
