"""The citations lint engine, each rule against a real SQLite store."""

from __future__ import annotations

import pytest

from deskeditor.core.citations.lint import lint
from deskeditor.core.lint.runner import LintRunner

REUTERS = {"type": "article-newspaper", "title": "Putin says ceasefire must bring lasting peace",
           "container-title": "Reuters", "URL": "https://www.reuters.com/world/putin-ceasefire/",
           "issued": {"date-parts": [[2025, 3, 13]]}, "accessed": {"date-parts": [[2025, 3, 20]]}}
BOOK = {"type": "book", "title": "Die Ukraine und Europa", "author": [{"family": "Müller", "given": "Jörg"}],
        "publisher": "Suhrkamp", "issued": {"date-parts": [[2022]]}}
NO_ACCESSED = {"type": "webpage", "title": "Kursk Offensive", "container-title": "Wikipedia",
               "URL": "https://en.wikipedia.org/wiki/Kursk_offensive"}
TWIN = dict(REUTERS, title="The same story saved twice", URL="http://reuters.com/world/putin-ceasefire?utm_source=x")


@pytest.fixture
def library(store):
    store.sources.put("reuters", REUTERS)
    store.sources.put("mueller2022", BOOK)
    store.sources.put("wiki-kursk", NO_ACCESSED)
    return store


def rules(findings, rule):
    return [f for f in findings if f.rule == rule]


def test_a_clean_draft_has_no_findings(library):
    text = "---\ntitle: Clean\n---\n\nPutin spoke [@reuters].\n"
    assert lint(text, library.sources) == []


def test_unresolved_key(library):
    text = "Putin spoke [@reuters; @nobody].\n"
    found = rules(lint(text, library.sources), "unresolved-key")
    assert len(found) == 1
    f = found[0]
    assert (f.severity, f.extra["key"]) == ("error", "nobody")
    assert text[f.start:f.end] == "[@reuters; @nobody]"


def test_unresolved_key_needs_a_library():
    assert rules(lint("Putin spoke [@nobody].\n", None), "unresolved-key") == []


def test_front_matter_references_resolve_keys_without_a_store():
    text = ("---\nreferences:\n  - id: inline\n    type: webpage\n    title: T\n    URL: https://e.org/t\n"
            "    accessed: 2025-03-01\n---\n\nSee [@inline] and [@missing].\n")
    found = lint(text, None)
    assert [f.extra["key"] for f in rules(found, "unresolved-key")] == ["missing"]
    assert rules(found, "source-missing-accessed") == []


def test_unlinked_attribution_offers_the_matching_source(library):
    text = "Putin cautiously responded (Reuters). Trump was optimistic (Reuters).\n"
    found = rules(lint(text, library.sources), "unlinked-attribution")
    assert [text[f.start:f.end] for f in found] == ["(Reuters)", "(Reuters)"]
    assert all(f.replacements == ("[@reuters]",) for f in found)
    assert found[0].extra["count"] == 2


def test_unlinked_attribution_without_a_library_source_offers_nothing(library):
    found = rules(lint("A claim (NY Post).\n", library.sources), "unlinked-attribution")
    assert len(found) == 1 and found[0].replacements == ()


def test_unlinked_anchor():
    text = "Viewers can explore this discussion on the conflict.\n"
    found = rules(lint(text), "unlinked-anchor")
    assert [text[f.start:f.end] for f in found] == ["this discussion"]


def test_source_without_url(library):
    text = "As argued at length [@mueller2022, p. 12].\n"
    found = rules(lint(text, library.sources), "source-missing-url")
    assert len(found) == 1 and found[0].extra["key"] == "mueller2022"
    assert text[found[0].start:found[0].end] == "[@mueller2022, p. 12]"


def test_a_doi_is_as_good_as_a_url(library):
    library.sources.put("mueller2022", dict(BOOK, DOI="10.1000/xyz"))
    assert rules(lint("See [@mueller2022].\n", library.sources), "source-missing-url") == []


def test_web_source_without_accessed_date(library):
    text = "The offensive began in August [@wiki-kursk].\n"
    found = rules(lint(text, library.sources), "source-missing-accessed")
    assert [f.extra["key"] for f in found] == ["wiki-kursk"]


def test_a_link_to_a_library_source_counts_as_using_it(library):
    text = "The [offensive](https://en.wikipedia.org/wiki/Kursk_offensive/) began.\n"
    found = rules(lint(text, library.sources), "source-missing-accessed")
    assert len(found) == 1 and text[found[0].start:found[0].end].startswith("[offensive]")


def test_duplicate_sources_same_url(library):
    library.sources.put("reuters-copy", TWIN)
    text = "Putin spoke [@reuters].\n"
    found = rules(lint(text, library.sources), "duplicate-source")
    assert len(found) == 1
    assert found[0].extra["same_as"] == ("reuters-copy",)
    assert text[found[0].start:found[0].end] == "[@reuters]"


def test_attached_source_cited_nowhere(library):
    text = "---\ntitle: T\nsources: [reuters, mueller2022]\n---\n\nPutin spoke [@reuters].\n"
    found = rules(lint(text, library.sources), "uncited-source")
    assert [f.extra["key"] for f in found] == ["mueller2022"]
    assert text[found[0].start:found[0].end] == "mueller2022"  # its place in the front matter


def test_nocite_sources_are_not_uncited(library):
    text = "---\nsources: [mueller2022]\nnocite: '@mueller2022'\n---\n\nText.\n"
    assert rules(lint(text, library.sources), "uncited-source") == []


def test_attached_unknown_key_is_unresolved(library):
    text = "---\nsources: [ghost]\n---\n\nText.\n"
    found = rules(lint(text, library.sources), "unresolved-key")
    assert [text[f.start:f.end] for f in found] == ["ghost"]


def test_findings_are_located_in_the_full_source_and_sorted_by_the_runner(library, sample_markdown):
    runner = LintRunner(sources=library.sources, engines=("citations",))
    report = runner.run(sample_markdown, {})
    citations = [f for f in report.findings if f.engine == "citations"]
    assert len(citations) == 14  # 12 attributions and 2 anchor phrases
    assert [f.start for f in citations] == sorted(f.start for f in citations)
    reuters = [f for f in citations if f.text(sample_markdown) == "(Reuters)"]
    assert [f.replacements for f in reuters] == [("[@reuters]",), ("[@reuters]",)]
