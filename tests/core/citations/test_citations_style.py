"""Formatting with citeproc-py in APA and Chicago author-date, the markdown-it
plugin that renders [@key] as a linked attribution, and the Sources list."""

from __future__ import annotations

from pathlib import Path

import pytest
from markdown_it import MarkdownIt
from mdit_py_plugins.footnote import footnote_plugin
from mdit_py_plugins.front_matter import front_matter_plugin

from deskeditor.core.citations.importers import import_file
from deskeditor.core.citations.model import CiteItem
from deskeditor.core.citations.render import (
    append_sources, bibliography, citations_plugin, resolve_markdown, sources_section)
from deskeditor.core.citations.style import Formatter, canonical_style, html_to_markdown
from deskeditor.core.errors import InputError
from deskeditor.core.markdown.sanitize import sanitize

DATA = Path(__file__).parents[2] / "data" / "citations"


@pytest.fixture(scope="module")
def entries():
    out = {}
    for name in ("sources.bib", "sources.json"):
        out.update(dict(import_file(DATA / name).entries))
    return out


def cite(entries, style, *items):
    f = Formatter(entries, style)
    for group in items:
        f.register(group)
    return [f.cite(group) for group in items], f


def test_apa_in_text(entries):
    texts, _f = cite(entries, "apa",
                     [CiteItem("reuters-putin-ceasefire")],
                     [CiteItem("kofman2023", prefix="see", locator="4", label="paragraph")],
                     [CiteItem("wikipedia-kursk"), CiteItem("nypost-europe-skeptical")])
    assert texts == ["(Osborn &amp; Soldatkin, 2025)",
                     "(see Kofman et al., 2023, para. 4)",
                     "(Wikipedia, 2024; Fredericks, 2025)"]


def test_chicago_in_text(entries):
    texts, _f = cite(entries, "chicago",
                     [CiteItem("reuters-putin-ceasefire")],
                     [CiteItem("kofman2023", locator="7", label="page")],
                     [CiteItem("youtube-analysis")])
    assert texts == ["(Osborn and Soldatkin 2025)", "(Kofman et al. 2023, 7)", "(YouTube 2025)"]


def test_apa_bibliography(entries):
    _texts, f = cite(entries, "apa", [CiteItem("kofman2023", locator="4", label="paragraph")],
                     [CiteItem("reuters-putin-ceasefire")])
    ordered = f.bibliography()
    assert [k for k, _ in ordered] == ["kofman2023", "reuters-putin-ceasefire"]
    bib = dict(ordered)
    assert bib["kofman2023"] == (
        "Kofman, M., Lee, R., &amp; Institute for the Study of War. (2023). Assessing the Russian Military's "
        "Performance. <i>Survival</i>, <i>65</i>(2), 7–28. "
        '<a href="https://doi.org/10.1080/00396338.2023.2193092">https://doi.org/10.1080/00396338.2023.2193092</a>')
    assert bib["reuters-putin-ceasefire"].startswith(
        "Osborn, A., &amp; Soldatkin, V. (2025, March 13). <i>Putin says Russia agrees")


def test_chicago_bibliography_has_no_stray_labels(entries):
    _texts, f = cite(entries, "chicago", [CiteItem("nypost-europe-skeptical")], [CiteItem("kofman2023")])
    bib = dict(f.bibliography())
    assert bib["nypost-europe-skeptical"] == (
        "Fredericks, B. 2025. “European Leaders Skeptical of Putin's Ceasefire Talk”. <i>New York Post</i>, "
        'March 14. <a href="https://nypost.com/2025/03/14/world-news/europe-skeptical-putin-ceasefire/">'
        "https://nypost.com/2025/03/14/world-news/europe-skeptical-putin-ceasefire/</a>.")
    assert "Edition" not in bib["nypost-europe-skeptical"]
    assert "<i>Survival</i> 65 (2): 7–28." in bib["kofman2023"]


def test_the_two_styles_differ_and_unknown_styles_are_refused(entries):
    apa, _ = cite(entries, "apa", [CiteItem("mueller2022")])
    chicago, _ = cite(entries, "chicago-author-date", [CiteItem("mueller2022")])
    assert apa == ["(Müller, 2022)"] and chicago == ["(Müller 2022)"]
    with pytest.raises(InputError, match="unknown citation style"):
        canonical_style("mla")


def test_unknown_key_in_text(entries):
    texts, _ = cite(entries, "apa", [CiteItem("nobody")])
    assert texts == ["(nobody?)"]


def test_html_to_markdown():
    assert html_to_markdown('A &amp; B. <i>Title</i>. <a href="https://e.org/x">https://e.org/x</a>') == (
        "A & B. *Title*. <https://e.org/x>")


def parser(**kw):
    md = MarkdownIt("commonmark", {"linkify": True}).enable("linkify")
    md.use(front_matter_plugin).use(footnote_plugin).use(citations_plugin, **kw)
    return md


DRAFT = """---
title: T
sources: [mueller2022]
---

Putin spoke [@reuters-putin-ceasefire]. See [see @kofman2023, para. 4; @wikipedia-kursk] and [@nope].
A [link](https://nypost.com/2025/03/14/world-news/europe-skeptical-putin-ceasefire/), `[@code]`,
[me@example.com] and [@kalika-nato-role](https://e.org/x).
"""


def test_plugin_renders_linked_attributions(entries):
    html = sanitize(parser(sources=entries).render(DRAFT, {}))
    assert ('<span class="citation">(<a class="citation-link" '
            'href="https://www.reuters.com/world/europe/putin-ceasefire-2025-03-13/" '
            'title="Reuters – Putin says Russia agrees with ceasefire proposals but questions remain">'
            "Osborn &amp; Soldatkin, 2025</a>)</span>") in html
    assert '<a class="citation-link" href="https://doi.org/10.1080/00396338.2023.2193092"' in html
    assert ">see Kofman et al., 2023, para. 4</a>; <a class=\"citation-link\"" in html
    assert '<span class="citation-unresolved">nope?</span>' in html
    assert "<code>[@code]</code>" in html and "[me@example.com]" in html
    assert '<a href="https://e.org/x">@kalika-nato-role</a>' in html  # a link, not a citation


def test_plugin_takes_library_and_style_from_env(entries):
    env = {"sources": entries, "citation_style": "chicago"}
    html = parser().render("Putin spoke [@reuters-putin-ceasefire].\n", env)
    assert ">Osborn and Soldatkin 2025</a>)" in html
    assert env["citation_keys"] == ["reuters-putin-ceasefire"]


def test_sources_list_holds_cited_linked_and_attached_sources(entries):
    keys = [k for k, _e in bibliography(DRAFT, entries, "apa")]
    # alphabetical, as APA sorts; the link to the NY Post story and the attached book count
    assert keys == ["nypost-europe-skeptical", "kofman2023", "mueller2022", "reuters-putin-ceasefire",
                    "wikipedia-kursk"]
    section = sources_section(DRAFT, entries, "chicago")
    assert section.startswith('<section class="sources"><h2 id="sources">Sources</h2>')
    assert '<li class="csl-entry" id="ref-mueller2022">Müller, J. 2022.' in section
    assert append_sources("<p>x</p>\n", DRAFT, entries, "apa").endswith("</ul></section>\n")
    assert append_sources("<p>x</p>\n", "No sources.\n", entries) == "<p>x</p>\n"


def test_resolve_markdown_for_exports(entries):
    out = resolve_markdown(DRAFT, entries, "apa")
    assert "Putin spoke ([Osborn & Soldatkin, 2025](https://www.reuters.com/world/europe/putin-ceasefire-2025-03-13/))." in out
    assert "and (nope?)." in out
    assert "`[@code]`" in out
    assert out.endswith("- Wikipedia. (2024). *2024 Kursk Offensive*. Wikipedia. "
                        "<https://en.wikipedia.org/wiki/2024_Kursk_offensive>\n")
    assert "\n## Sources\n\n- Fredericks, B. (2025, March 14)." in out


def test_stored_sources_with_text_dates_and_names_format(store):
    store.sources.put("ap", {"type": "article-newspaper", "title": "Talks resume", "container-title": "AP",
                             "author": ["Doe, Jane"], "issued": "2025-03-13", "URL": "https://apnews.com/x"})
    html = parser().render("Talks resumed [@ap].\n", {"sources": store.sources})
    assert ">Doe, 2025</a>)" in html
    assert sources_section("Talks resumed [@ap].\n", store.sources, "chicago").count("Doe, J. 2025.") == 1
