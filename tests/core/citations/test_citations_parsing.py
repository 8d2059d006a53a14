"""Finding citations in Markdown: pandoc keys, footnotes that link, plain links."""

from __future__ import annotations

from deskeditor.core.citations.parsing import parse_items, parse_locator, scan_citations

DOC = """---
title: Sources test
sources: [reuters, extra]
nocite: "@background"
references:
  - id: inline-ref
    type: webpage
    title: Inline reference
    URL: https://example.org/inline
---

Putin said so [@reuters]. See [see @kofman2023, para. 4; @wiki, pp. 33-35] and [-@smith].
Write to [me@example.com], not a citation. `[@in-code]` is code.
A [text link](https://example.org/story "Title") and <https://auto.example.net/y> and www.bare-example.com.
A reference [link][r1], a shortcut [r1] and ![an image](https://img.example.com/x.png).
A footnote here[^1] and one that links nothing[^2], and <a href="https://html.example.com/a">an anchor</a>.

```
[@fenced] https://fenced.example.com
```

[r1]: https://ref.example.org/z

[^1]: Reuters, [the story](https://www.reuters.com/a).
[^2]: Just text.
"""


def by_kind(scan, kind):
    return [c for c in scan.citations if c.kind == kind]


def test_pandoc_citations_are_found_at_their_exact_ranges():
    scan, _mask, _spans = scan_citations(DOC)
    keyed = by_kind(scan, "key")
    assert [DOC[c.start:c.end] for c in keyed] == [
        "[@reuters]", "[see @kofman2023, para. 4; @wiki, pp. 33-35]", "[-@smith]"]
    assert [c.keys for c in keyed] == [("reuters",), ("kofman2023", "wiki"), ("smith",)]
    second = keyed[1].items
    assert (second[0].prefix, second[0].label, second[0].locator) == ("see", "paragraph", "4")
    assert (second[1].label, second[1].locator) == ("page", "33-35")
    assert keyed[2].items[0].suppress_author


def test_email_in_brackets_and_code_are_not_citations():
    scan, _mask, _spans = scan_citations(DOC)
    texts = [c.text for c in scan.citations]
    assert not any("me@example.com" in t for t in texts)
    assert not any("in-code" in t or "fenced" in t for t in texts)


def test_links_of_every_kind_with_their_urls():
    scan, _mask, _spans = scan_citations(DOC)
    links = {c.text: c.urls[0] for c in by_kind(scan, "link")}
    assert links['[text link](https://example.org/story "Title")'] == "https://example.org/story"
    assert links["<https://auto.example.net/y>"] == "https://auto.example.net/y"
    assert links["www.bare-example.com"] == "http://www.bare-example.com"
    assert links["[link][r1]"] == "https://ref.example.org/z"
    assert links["[r1]"] == "https://ref.example.org/z"
    assert links['<a href="https://html.example.com/a">an anchor</a>'] == "https://html.example.com/a"
    assert links["[the story](https://www.reuters.com/a)"] == "https://www.reuters.com/a"
    # an image is no citation; a fenced URL is code; the definition itself is not a link
    assert not any("img.example.com" in u or "fenced" in u for u in links.values())
    assert sum(1 for c in by_kind(scan, "link") if c.urls[0] == "https://ref.example.org/z") == 2


def test_a_footnote_that_links_is_a_citation_and_one_that_does_not_is_not():
    scan, _mask, _spans = scan_citations(DOC)
    notes = by_kind(scan, "footnote")
    assert [(DOC[c.start:c.end], c.urls) for c in notes] == [("[^1]", ("https://www.reuters.com/a",))]
    assert scan.footnotes["2"].urls == ()


def test_front_matter_sources_nocite_and_references():
    scan, _mask, _spans = scan_citations(DOC)
    assert scan.attached == ["reuters", "extra"]
    assert scan.nocite == ["background"]
    assert scan.references["inline-ref"]["title"] == "Inline reference"
    assert DOC[scan.front_matter_end:].startswith("\nPutin")


def test_malformed_front_matter_reads_as_none():
    scan, _mask, _spans = scan_citations("---\ntitle: [unclosed\n---\n\nText [@a].\n")
    assert scan.attached == [] and scan.front_matter_end == 0
    assert [c.keys for c in scan.citations] == [("a",)]


def test_parse_items_rejects_brackets_that_are_not_citations():
    assert parse_items("see me@example.com") is None
    assert parse_items("@a; not a key") is None
    assert parse_items("@{key with spaces}")[0].key == "key with spaces"


def test_locators():
    assert parse_locator(", p. 33") == ("page", "33", "")
    assert parse_locator(", chap. 2, and elsewhere") == ("chapter", "2", "and elsewhere")
    assert parse_locator(", 12-14") == ("page", "12-14", "")
    assert parse_locator(", pp. 33, 35-37") == ("page", "33, 35-37", "")
    assert parse_locator(" and more") == ("", "", "and more")


# -- masking by slices equals masking character by character ----------------------------

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from deskeditor.core.citations import parsing  # noqa: E402


def _blank_chars(text, spans):
    chars = list(text)
    for a, b in spans:
        for k in range(max(0, a), min(b, len(chars))):
            if chars[k] != "\n":
                chars[k] = " "
    return "".join(chars)


def _code_spans_oracle(text):
    """The character-by-character scan for opening runs that the slice
    version replaced (the closing-run search is shared: it did not change)."""
    out, i, n = [], 0, len(text)
    while i < n:
        ch = text[i]
        if ch == "\\":
            i += 2
            continue
        if ch != "`":
            i += 1
            continue
        j = i
        while j < n and text[j] == "`":
            j += 1
        m = parsing._BLANK_LINE.search(text, j)
        close = parsing._closing_run(text, j, m.start() if m else n, j - i)  # (unchanged by the rewrite)
        if close < 0:
            i = j
            continue
        out.append((i, close))
        i = close
    return out


TEXT = st.text(alphabet=st.sampled_from(list("ab`\\ \n[@]()é")), max_size=120)


@settings(max_examples=300)
@given(TEXT, st.lists(st.tuples(st.integers(-5, 130), st.integers(-5, 130)), max_size=6))
def test_blank_spans_equals_blanking_character_by_character(text, spans):
    assert parsing.blank_spans(text, spans) == _blank_chars(text, spans)


@settings(max_examples=300)
@given(TEXT)
def test_code_spans_equal_the_character_scan(text):
    assert parsing._code_spans(text) == _code_spans_oracle(text)
