"""Prose extraction: what linters read, and the map back to the source."""

from __future__ import annotations

import html as html_lib
import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from deskeditor.core.markdown.prose import PLACEHOLDER_CODE, PLACEHOLDER_URL, extract_prose
from deskeditor.core.markdown.render import render_html


def real_chars(seg):
    return "".join(c for c, o in zip(seg.text, seg.offsets) if o >= 0)


def check_map(source, segments):
    for seg in segments:
        assert len(seg.text) == len(seg.offsets)
        last = -1
        for ch, off in zip(seg.text, seg.offsets):
            if off >= 0:
                assert source[off] == ch, (seg.kind, seg.text)
                assert off > last, "offsets go forward"
                last = off


DOC = """---
title: Front matter is not prose
---
# Hello *world* the the

Para [link **bold**](http://x.com/the-url "title") and `a code` here[^1], see https://ex.com/a ok &amp; done [@reuters, p. 4].
Second line.

> quote
> more \\* star

| a | b `c` |
|---|---|
| x *y* | recieve |

- [ ] a apple
  continued

```python
code block should vanish
```

<div onclick="x()">raw html</div>

[^1]: Foot note text.
"""


def test_kinds_text_and_exclusions():
    segs = extract_prose(DOC)
    check_map(DOC, segs)
    by_kind = [(s.kind, s.text) for s in segs]
    assert ("heading", "Hello world the the") in by_kind
    assert ("blockquote", "quote more * star") in by_kind
    assert ("list_item", "a apple continued") in by_kind
    assert ("table_cell", "recieve") in by_kind
    assert ("table_cell", f"b {PLACEHOLDER_CODE}") in by_kind
    assert ("footnote", "Foot note text.") in by_kind
    assert ("paragraph", "raw html") in by_kind  # text nodes of raw HTML are read (issue 14)
    para = next(s for s in segs if s.kind == "paragraph")
    assert para.text == (f"Para link bold and {PLACEHOLDER_CODE} here, see {PLACEHOLDER_URL} ok & done. "
                         "Second line.")
    everything = " ".join(s.text for s in segs)
    for absent in ("Front matter", "http://x.com", "the-url", "title\"", "code block",
                   "[^1]", "@reuters", "onclick"):
        assert absent not in everything


def test_offsets_point_at_the_source_words():
    segs = extract_prose(DOC)
    heading = segs[0]
    start, end = heading.source_range(12, 19)  # "the the"
    assert DOC[start:end] == "the the"
    cell = next(s for s in segs if s.text == "recieve")
    assert DOC[cell.start:cell.end] == "recieve"
    para = next(s for s in segs if s.kind == "paragraph")
    i = para.text.index("bold")
    assert DOC[slice(*para.source_range(i, i + 4))] == "bold"
    # the placeholder maps to nothing of its own
    a, b = para.placeholders[0]
    assert para.text[a:b] == PLACEHOLDER_CODE and all(o == -1 for o in para.offsets[a:b])


def test_emoji_and_cjk_offsets():
    src = "- 🎉 中文测试 a apple here\n"
    seg = extract_prose(src)[0]
    i = seg.text.index("a apple")
    assert src[slice(*seg.source_range(i, i + 7))] == "a apple"


def test_image_alt_is_its_own_segment():
    src = "Look ![a *red* bird](bird.png) here.\n"
    segs = extract_prose(src)
    assert [(s.kind, s.text) for s in segs] == [("paragraph", "Look  here."), ("image_alt", "a red bird")]
    check_map(src, segs)


def test_sample_prose(sample_markdown):
    segs = extract_prose(sample_markdown)
    check_map(sample_markdown, segs)
    headings = [s.text for s in segs if s.kind == "heading"]
    assert "Conclusion" in headings and len(headings) == 8
    assert not any("title:" in s.text for s in segs)


# --- properties on generated Markdown -------------------------------------------

WORD = st.text(alphabet="abcdefghij xyzÄé中🎉'’-", min_size=1, max_size=8)
INLINE = st.one_of(
    WORD,
    WORD.map(lambda w: f"*{w.strip() or 'a'}*"),
    WORD.map(lambda w: f"**{w.strip() or 'a'}**"),
    WORD.map(lambda w: f"`{w.strip() or 'a'}`"),
    WORD.map(lambda w: f"[{w.strip() or 'a'}](http://e.com/{abs(hash(w)) % 97})"),
    WORD.map(lambda w: f"![{w.strip() or 'a'}](i.png)"),
    st.just("https://example.org/path"),
    st.just("&amp;"),
    st.just("\\*"),
    st.just("w <b>"),  # inline HTML (at a line start it would open an HTML block: not prose)
    st.just("[^1]"),
    st.just("[@key]"),
)
LINE = st.lists(INLINE, min_size=1, max_size=6).map(" ".join)
BLOCK = st.one_of(
    LINE,
    LINE.map(lambda s: "# " + s),
    LINE.map(lambda s: "## " + s),
    LINE.map(lambda s: "> " + s),
    LINE.map(lambda s: "- " + s),
    LINE.map(lambda s: "1. " + s),
    st.tuples(LINE, LINE).map(lambda t: f"{t[0]}\n{t[1]}"),
    st.tuples(WORD, WORD).map(lambda t: f"| {t[0].strip() or 'a'} | {t[1].strip() or 'b'} |\n|---|---|\n| c | d |"),
    LINE.map(lambda s: f"```\n{s}\n```"),
)
DOCS = st.lists(BLOCK, min_size=1, max_size=6).map(lambda bs: "\n\n".join(bs) + "\n\n[^1]: note\n")


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(DOCS)
def test_every_mapped_char_is_the_source_char(source):
    check_map(source, extract_prose(source))


def visible_text(html: str) -> str:
    html = re.sub(r"<pre>.*?</pre>", " ", html, flags=re.S)
    html = re.sub(r"<code>.*?</code>", " ", html, flags=re.S)
    html = re.sub(r"<a href=\"([^\"]*)\">\1</a>", " ", html)  # bare URLs
    html = re.sub(r'<sup class="footnote-ref">.*?</sup>', " ", html, flags=re.S)
    html = re.sub(r'<a href="#fnref[^"]*" class="footnote-backref">.*?</a>', " ", html)
    html = re.sub(r"<img[^>]*>", " ", html)
    html = re.sub(r'<span class="citation">.*?</span>\)</span>', " ", html)  # rendered [@key]
    text = html_lib.unescape(re.sub(r"<[^>]+>", " ", html))
    text = re.sub(r"\s?\[[^\[\]\n]*@[\w:.#$%&\-+?<>~/]+[^\[\]\n]*\]", " ", text)
    return re.sub(r"\W+", "", text)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(DOCS)
def test_prose_holds_exactly_the_visible_words(source):
    """Nothing a reader sees is lost, nothing hidden is added (placeholders aside)."""
    segs = [s for s in extract_prose(source) if s.kind != "image_alt"]
    prose = ""
    for s in segs:
        keep = [c for k, c in enumerate(s.text) if not s.in_placeholder(k, k + 1)]
        prose += "".join(keep)
    assert re.sub(r"\W+", "", prose) == visible_text(render_html(source, source_lines=False, sanitized=False))
