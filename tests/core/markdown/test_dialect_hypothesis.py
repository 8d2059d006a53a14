"""Generated posts mixing the blog dialect with Markdown: every prose
character maps to the same source character, no prose character and no
finding (SEO, readability, citations, and grammar-shaped matches put on every
word and word pair) falls inside a dialect token, and nothing raises."""

from __future__ import annotations

from dialect_spans import dialect_spans
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from deskeditor.core.citations.lint import lint as citations
from deskeditor.core.lint.analysis import analyze
from deskeditor.core.lint.grammar.checker import SegMatch, segment_findings
from deskeditor.core.lint.grammar.client import RawMatch
from deskeditor.core.markdown.prose import extract_prose
from deskeditor.core.markdown.render import render_html

WORDS = ["the", "gradient", "flows", "back", "through", "every", "gate", "and", "we", "recieve", "it", "slowly"]
INLINE = [
    "$x^2$", "$$a+b$$", "\\(c\\)", "\\\\(d\\\\)", "{{< sup 1 >}}", '{{< ref "a.md" >}}', "{{ site.title }}",
    "{% post_url 2020-01-01-x %}", ":smile:", ":x:", ":heavy_check_mark:", "`code`", "[link](http://x.com)",
    '[link](http://x.com){:target="_blank"}', '[post]({{< ref "p.md" >}})', "[home]({{ site.baseurl }}/)",
    "**bold**", "costs $5", "at 10:30:00", "{% raw %}{{ x }}{% endraw %}", "{{% mark %}}hi{{% /mark %}}",
    "\\$3", "[x][ref]", "{::comment}a note to self{:/comment}",
]
BLOCKS = [
    "$$\n\\frac{a}{b}\n$$", "\\[\nE = mc^2\n\\]", "\\\\[\nx\n\\\\]", "{{< youtube abc >}}",
    '{{< figure src="a.png" alt="An alt text" caption="A caption here." >}}',
    "{{% note %}}\nInner words here.\n{{% /note %}}", "{{< details \"More\" >}}\nHidden words.\n{{< /details >}}",
    "{% highlight python %}\nx = {{ y }}\n{% endhighlight %}", "{% raw %}\n{{ page.title }}\n{% endraw %}",
    '<div class="imgcap"><img src="{{ site.baseurl }}/a.png"><div class="thecap">Caption words &amp; more.</div></div>',
    "{: .lead}", '{:ref: .warn title="A few words here"}', "<!--more-->", "{% include x.html %}", "{% comment %}\nnot shown\n{% endcomment %}",
    "```mermaid\ngraph TD; A-->B\n```", "[ref]: {{< baseurl >}}x/", "[^n]: A footnote with $m$ math.",
    "{::comment}\nTODO words here\n{:/comment}", '{::nomarkdown}\n<span class="x">Raw words</span>\n{:/nomarkdown}',
]

IALS = ["{: .note}", "{:#intro .lead}", '{: title="Words in a title" .x}', "{:ref: .warn}"]


def _sentence(draw) -> str:
    parts = draw(st.lists(st.one_of(st.sampled_from(WORDS), st.sampled_from(INLINE)), min_size=1, max_size=12))
    return " ".join(parts) + draw(st.sampled_from([".", "", "!", "?"]))


@st.composite
def posts(draw) -> str:
    blocks = []
    for _ in range(draw(st.integers(1, 7))):
        kind = draw(st.sampled_from(["para", "para", "block", "list", "quote", "table", "heading", "ial"]))
        above = ""
        if kind == "ial":  # a kramdown IAL on the line right above the block it sets attributes of
            above = draw(st.sampled_from(IALS)) + "\n"
            kind = draw(st.sampled_from(["para", "list", "quote", "heading"]))
        if kind == "para":
            blocks.append(_sentence(draw))
        elif kind == "block":
            blocks.append(draw(st.sampled_from(BLOCKS)))
        elif kind == "list":
            blocks.append("- " + _sentence(draw) + "\n- " + _sentence(draw))
        elif kind == "quote":
            blocks.append("> " + _sentence(draw) + "\n> " + _sentence(draw))
        elif kind == "table":
            blocks.append(f"| a | b |\n|---|---|\n| {draw(st.sampled_from(INLINE))} | {_sentence(draw)} |")
        else:
            blocks.append("## " + _sentence(draw))
        blocks[-1] = above + blocks[-1]
    seps = [draw(st.sampled_from(["\n\n", "\n\n", "\n"])) for _ in blocks]
    return "".join(b + s for b, s in zip(blocks, seps))


def _inside(spans, start: int, end: int) -> bool:
    """A range that starts or ends strictly inside a token, or lies in one."""
    return any(a < start < b or a < end < b or (a <= start and end <= b and start < end) for a, b, _k in spans)


def _raw(offset: int, length: int) -> RawMatch:
    return RawMatch(offset, length, "FAKE_RULE", "TYPOS", "Typos", "misspelling", "m", "", ("x",))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(posts())
def test_generated_posts_keep_prose_and_findings_out_of_the_dialect(src):
    spans = dialect_spans(src)
    segs = extract_prose(src)
    for seg in segs:
        for k, off in enumerate(seg.offsets):
            if off >= 0:
                assert src[off] == seg.text[k]
                assert not _inside(spans, off, off + 1) or not any(a <= off < b for a, b, _ in spans), \
                    (off, src[max(0, off - 15) : off + 15])
        words = [(m, m + len(w)) for m, w in _word_positions(seg.text)]
        pairs = [(a, d) for (a, _b), (_c, d) in zip(words, words[1:])]
        matches = [SegMatch(a, b, _raw(a, b - a)) for a, b in words + pairs]  # ASCII: UTF-16 == code points
        for f in segment_findings(seg, matches, frozenset(), src):
            assert 0 <= f.start < f.end <= len(src)
            assert not _inside(spans, f.start, f.end), (f.text(src), spans)
            assert f.text(src) == src[f.start : f.end]
            real = [seg.offsets[k] for k in range(len(seg.text)) if f.start <= seg.offsets[k] < f.end]
            assert real and min(real) == f.start and max(real) == f.end - 1
    for f in analyze(src, {}).findings + list(citations(src)):
        if f.start is not None and f.end is not None and f.start < f.end:
            assert not _inside(spans, f.start, f.end), (f.rule, f.text(src))
    render_html(src)


def _word_positions(text: str):
    k = 0
    for w in text.split(" "):
        if w:
            yield k, w
        k += len(w) + 1
