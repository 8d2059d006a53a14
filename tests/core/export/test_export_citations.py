"""Exports render citations as linked attributions and append a Sources list."""

from __future__ import annotations

import pytest

from deskeditor.core.export.service import Options, export_draft

BODY = "---\ntitle: Talks resume\n---\n\nTalks resumed on Monday [@reuters-talks].\n"


@pytest.mark.parametrize("style,expected", [
    ("apa", "Reuters. (2025, March 13)."),
    ("chicago", "Reuters. 2025."),
])
def test_html_export_links_the_citation_and_lists_sources(store, tmp_path, style, expected):
    store.sources.put("reuters-talks", {
        "type": "article-newspaper", "title": "Talks resume in Riyadh", "publisher": "Reuters",
        "URL": "https://www.reuters.com/world/talks", "issued": {"date-parts": [[2025, 3, 13]]},
        "accessed": {"date-parts": [[2025, 3, 14]]}})
    store.settings.set("citations.style", style)
    draft = store.drafts.create(BODY)
    result = export_draft(store, draft.id, "html", tmp_path / "post.html", options=Options(force=True))
    html = result.target.read_text()
    assert 'href="https://www.reuters.com/world/talks"' in html
    assert "[@reuters-talks]" not in html
    assert ">Sources</h2>" in html and expected in html


def test_markdown_export_resolves_citations_too(store, tmp_path):
    store.sources.put("k", {"type": "webpage", "title": "A page", "URL": "https://example.org/a",
                            "publisher": "Example", "issued": {"date-parts": [[2024]]}})
    draft = store.drafts.create("---\ntitle: T\n---\n\nAs shown [@k].\n")
    result = export_draft(store, draft.id, "jekyll", tmp_path, options=Options(force=True))
    text = result.target.read_text()
    assert "](https://example.org/a)" in text and "## Sources" in text and "[@k]" not in text
