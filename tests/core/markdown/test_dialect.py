"""The blog dialect, construct by construct: how it parses, what the prose map
reads, how the preview and HTML export show it."""

from __future__ import annotations

import pytest
from dialect_spans import dialect_spans, kinds
from test_render import check_incremental
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from deskeditor.core.citations.render import PLUGINS as CITATION_PLUGINS
from deskeditor.core.markdown.parser import make_parser
from deskeditor.core.markdown.prose import PLACEHOLDER_CODE, extract_prose
from deskeditor.core.markdown.render import BlockRenderer, render_blocks, render_html

C = PLACEHOLDER_CODE


def prose(src: str) -> list[str]:
    return [s.text for s in extract_prose(src)]


def html(src: str, **env) -> str:
    if env:
        return make_parser(plugins=CITATION_PLUGINS).render(src, env)
    return render_html(src, source_lines=False)


@pytest.mark.parametrize("src,expected", [
    ("Let $x^2$ be big.", ["math_inline"]),
    ("Inline $$\\sigma(x)$$ in kramdown.", ["math_inline_double"]),
    ("Brackets \\(a+b\\) here.", ["math_inline"]),
    ("Doubled \\\\(a+b\\\\) here.", ["math_inline"]),
    ("$$\n\\frac{a}{b}\n$$", ["math_block"]),
    ("\\[\nE = mc^2\n\\]", ["math_block"]),
    ("\\\\[\nE = mc^2\n\\\\]", ["math_block"]),
    ("It costs $5 and $10.", []),
    ("It costs $5 of compute or 3.3$ then.", []),
    ("A literal \\$x$ here.", []),
    ("{{< youtube gSGYYdrTFUk >}}", ["shortcode_block"]),
    ("{{< figure src=\"a.png\"\n    caption=\"Two lines.\" >}}", ["shortcode_block"]),
    ("{{% note %}}\nText.\n{{% /note %}}", ["shortcode_open", "shortcode_close"]),
    ("{{< highlight go >}}\nx := 1\n{{< /highlight >}}", ["dialect_code"]),
    ("{{</* figure src=\"x\" */>}}", ["shortcode_block"]),
    ("Sup {{< sup 1 >}} inline.", ["shortcode"]),
    ("{% highlight python %}\nx = 1\n{% endhighlight %}", ["dialect_code"]),
    ("{% raw %}\n{{ x }}\n{% endraw %}", ["dialect_code"]),
    ("{% comment %}\nhidden\n{% endcomment %}", ["liquid_comment"]),
    ("{% include image.html %}", ["liquid_block"]),
    ("{% if page.x %}\nShown.\n{% endif %}", ["liquid_open", "liquid_close"]),
    ("Title {{ page.title }} and {% link a.md %}.", ["liquid_output", "liquid_tag"]),
    ("Done :heavy_check_mark: and :x:!", ["emoji", "emoji"]),
    ("At 10:30:00 and std::vector and :notanemoji:.", []),
    ("[a](http://x.com){:target=\"_blank\"}", ["ial"]),
    ("A paragraph.\n{: .lead #intro}", ["ial_block"]),
    ("Intro.\n\n<!--more-->\n\nRest.", ["excerpt_separator"]),
    ("`{{< not >}}` and `$x$` in code", []),
    ("```\n{{< not >}}\n$$\n```", []),
])
def test_token_kinds(src, expected):
    assert kinds(src) == expected


def test_inline_dialect_reads_as_a_placeholder_word():
    assert prose("Let $x^2$ be big, see {{< sup 1 >}} and {{ site.title }} :smile: now.") == \
        [f"Let {C} be big, see {C} and {C} {C} now."]
    assert prose('[a](http://x.com){:target="_blank"} ends.') == ["a ends."]


def test_block_dialect_is_not_prose_but_paired_markdown_inside_is():
    src = ("$$\n\\nabla f\n$$\n\n{{< youtube id >}}\n\n{% highlight py %}\nfrac nabla\n{% endhighlight %}\n\n"
           "{{% note %}}\nRead this note.\n{{% /note %}}\n\n{% comment %}\nhidden text\n{% endcomment %}\n")
    assert prose(src) == ["Read this note."]


def test_a_paragraph_going_on_after_display_math_starts_with_the_equation():
    assert prose("The sum is\n\n$$\na+b\n$$\n\nwhere a is one.\n\nNew one.") == \
        ["The sum is", f"{C} where a is one.", "New one."]


def test_raw_html_text_nodes_with_exact_offsets():
    src = ('<div class="imgcap">\n<img src="a.png">\n<div class="thecap">A caption\n  sentence.</div>\n'
           "<script>var no = 1;</script><span>Two <em>words</em></span>\n</div>\n")
    segs = extract_prose(src)
    assert [s.text for s in segs] == ["A caption sentence.", "Two words"]
    for s in segs:
        for ch, off in zip(s.text, s.offsets):
            assert off < 0 or src[off] == ch
    # inside a block quote the HTML lines lose their prefix: offsets still point at the source
    quoted = '> <div class="thecap">Quoted caption here.</div>\n'
    [seg] = extract_prose(quoted)
    a, b = seg.source_range(0, len(seg.text))
    assert quoted[a:b] == "Quoted caption here."


def test_a_figure_shortcode_is_no_prose_not_even_its_caption():
    """Nothing inside a shortcode is read: the site renders it, and no finding
    may fall inside one (a caption in raw HTML is read, as tested above)."""
    src = '{{< figure src="a.png" alt="A cat" caption="The cat sat." >}}\n\n![A dog](d.png)\n'
    segs = extract_prose(src)
    assert [(s.kind, s.text) for s in segs] == [("image_alt", "A dog")]  # the figure's alt is not the dog's


def test_math_renders_as_mathml_without_script():
    out = html("Let $x^2$ be.\n\n$$\n\\frac{a}{b}\n$$\n")
    assert out.count("<math") == 2 and "<mfrac>" in out and "<msup>" in out
    assert "<script" not in out and "\ue001" not in out
    assert "<math" not in html("---\nmath: false\n---\n\nLet $x^2$ be.\n")  # the site will not render it
    assert '<code class="math-error"' in html("$$\n\\frac{a}{b\n$$\n") or "<math" in html("$$\n\\frac{a}{b\n$$\n")


def test_emoji_render_as_characters_in_a_table():
    out = html("| a | b |\n|---|---|\n| :heavy_check_mark: | :x: |\n")
    assert "<td>✔️</td>" in out and "<td>❌</td>" in out


def test_shortcodes_render_as_what_they_mean():
    out = html('{{< figure src="/img/a.png" title="Fig. 1" caption="A cat." >}}\n')
    assert '<img src="/img/a.png" alt="A cat.">' in out
    assert "<figcaption><strong>Fig. 1</strong> A cat.</figcaption>" in out
    out = html("{{< vimeo 146022717 >}}\n")
    assert 'href="https://vimeo.com/146022717"' in out and "<img" not in out
    assert '<img src="https://i.ytimg.com/vi/abc/hqdefault.jpg"' in html("{{< youtube abc >}}\n", remote_media=True)
    assert '<div class="de-placeholder"' in html("{{< tweet user=\"x\" id=\"1\" >}}\n")
    assert "<code>tweet" in html("{{< tweet user=\"x\" id=\"1\" >}}\n")
    assert "<details" in html('{{< details "More" >}}\nHidden.\n{{< /details >}}\n')


def test_links_to_other_posts_resolve_when_known_else_show_a_placeholder():
    src = ('See [the post]({{< ref "posts/2020-01-01-sampling.md" >}}) and '
           "[old]({% post_url 2011-04-27-name %}).\n\n[home]: {{< baseurl >}}about/\n\nGo [home].\n")
    out = html(src)
    assert out.count('class="de-unresolved"') == 2 and '<a href="/about/">home</a>' in out
    linked = html(src, site_links={"sampling": "/s/", "name": "/n/"})
    assert '<a href="/s/">the post</a>' in linked and '<a href="/n/">old</a>' in linked
    assert 'src="/a.png"' in html("![x]({{ site.baseurl }}/a.png)")
    assert 'src="/b.png"' in html('<img src="{{ site.baseurl }}/b.png">')


def test_mermaid_is_a_labelled_code_block():
    out = html("```mermaid\ngraph TD; A-->B\n```\n")
    assert '<figure class="de-diagram"><figcaption>Mermaid diagram' in out and "language-mermaid" in out


def test_kramdown_ial_classes_land_on_the_element():
    out = html('A lead.\n{: .lead #intro}\n\n![x](a.png){: .center}\n')
    assert '<p id="intro" class="lead">' in out and 'class="center"' in out and "{:" not in out


@pytest.mark.parametrize("src,expected", [
    ("{: .note}\nA paragraph here.\n", '<p class="note">A paragraph here.</p>'),
    ("Intro.\n\n{:#intro .lead}\n## Heading\n", '<h2 id="intro" class="lead">Heading</h2>'),
    ("{: .steps}\n- one\n- two\n", '<ul class="steps">\n<li>one</li>'),
    ("{: .pull}\n> Quoted words.\n", '<blockquote class="pull">\n<p>Quoted words.</p>'),
    ("> {: .inner}\n> Quoted words.\n", '<blockquote>\n<p class="inner">Quoted words.</p>'),
    ("{: .a}\n{: #b}\nBoth apply.\n", '<p class="a" id="b">Both apply.</p>'),
    ("Before.\n{: .x}\nAfter.\n", '<p class="x">Before.</p>\n<p>After.</p>'),  # kramdown: "after" wins
    ("Before.\n\n{: .lone}\n\nAfter.\n", "<p>Before.</p>\n<p>After.</p>"),  # between blank lines: nothing
    ("{:ref: .warn #w}\nA paragraph.\n", "<p>A paragraph.</p>"),  # a definition sets nothing by itself
    ('{: .x onclick="alert(1)" style="color:red" href="javascript:x" title="T"}\nSafe.\n',
     '<p title="T" class="x">Safe.</p>'),
])
def test_a_block_ial_on_the_line_above_applies_to_the_block_below(src, expected):
    assert kinds(src).count("ial_block") == src.count("{:")
    out = html(src)
    assert expected in out and "{:" not in out
    assert prose(src) == [ln.lstrip("#>- ").strip() for ln in src.split("\n") if ln.strip() and not
                          ln.lstrip("> ").startswith("{:")]


def test_an_ial_above_its_block_is_one_preview_block_with_it():
    src = "Intro.\n\n{:#intro .lead}\nThe lead paragraph.\n\nRest.\n"
    blocks = render_blocks(src).blocks
    assert [(b.start, b.end, b.kind) for b in blocks] == [(0, 1, "paragraph_open"), (2, 4, "paragraph_open"),
                                                          (5, 6, "paragraph_open")]
    assert '<p id="intro" class="lead"' in blocks[1].html
    check_incremental(src, src.replace("{:#intro .lead}", "{: .note}"))  # editing the IAL re-renders its block
    check_incremental(src, src.replace("{:#intro .lead}\n", "{:#intro .lead}\n\n"))
    check_incremental(src.replace("{:#intro .lead}\n", "{:#intro .lead}\n\n"), src)


_TAGS = {"para": "<p", "heading": "<h2", "list": "<ul", "quote": "<blockquote"}


@st.composite
def blocks_with_ials_above(draw):
    """Blocks between blank lines, some with an IAL right above them: (source, [(class, tag)])."""
    parts, wanted = [], []
    for k in range(draw(st.integers(1, 6))):
        kind = draw(st.sampled_from(sorted(_TAGS)))
        words = " ".join(draw(st.lists(st.sampled_from(["some", "plain", "words", "$x$", ":x:", "{{< sup 1 >}}"]),
                                       min_size=1, max_size=5)))
        body = {"para": words + ".", "heading": "## " + words, "list": f"- {words}\n- more",
                "quote": f"> {words}\n> more"}[kind]
        if draw(st.booleans()):
            ial = draw(st.sampled_from(["{{: .c{k}}}", "{{:#i{k} .c{k}}}", '{{: .c{k} title="Some title words"}}']))
            body = ial.format(k=k) + "\n" + body
            wanted.append((f"c{k}", _TAGS[kind]))
        parts.append(body)
    return "\n\n".join(parts) + "\n", wanted


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(blocks_with_ials_above())
def test_generated_ials_above_blocks_land_on_them_and_are_never_prose(case):
    import re

    src, wanted = case
    out = render_html(src, source_lines=False)
    for cls, tag in wanted:
        assert re.search(tag + r'[^>]*class="' + cls + '"', out), (cls, tag, out)
    assert "{:" not in out
    spans = [(a, b) for a, b, k in dialect_spans(src) if k == "ial_block"]
    assert len(spans) == src.count("{:")
    for seg in extract_prose(src):
        assert not any(a <= off < b for off in seg.offsets if off >= 0 for a, b in spans)
    preview = "".join(b.html for b in render_blocks(src).blocks)
    for cls, tag in wanted:
        assert f'class="{cls}"' in preview


DIALECT_LINES = st.sampled_from([
    "", "", "plain words here", "## Sub", "$$", "\\frac{a}{b}", "\\[", "\\]", "{{% note %}}", "{{% /note %}}",
    "{{< youtube x >}}", "{% highlight py %}", "{% endhighlight %}", "{: .lead}", "{:#intro .note}",
    "{:ref: .warn}", "<!--more-->",
    "words $x$ and :x:", "[r]: {{< baseurl >}}x", "see [r]", "- item {{< sup 1 >}}", "> quote $y$",
])


@st.composite
def doc_and_edit(draw):
    lines = draw(st.lists(DIALECT_LINES, min_size=1, max_size=20))
    i = draw(st.integers(0, len(lines)))
    j = draw(st.integers(i, min(len(lines), i + 3)))
    new = draw(st.lists(DIALECT_LINES, max_size=3))
    return "\n".join(lines), "\n".join(lines[:i] + new + lines[j:])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(doc_and_edit())
@example(("\\[\n## Sub\nplain words here", "\\[\n## Sub\nplain words here\n\\]"))  # a closer typed far below
@example(("\n- item {{< sup 1 >}}\n$$\nplain words here\n$$", "\n- item {{< sup 1 >}}\n$$\n$$"))  # math emptied
def test_incremental_preview_equals_full_render_with_dialect(pair):
    check_incremental(*pair)


def test_large_drafts_are_never_cut_inside_a_code_pair():
    from deskeditor.core.markdown.ranges import block_ranges

    src = ("Para one.\n\n{% highlight py %}\nx = 1\n\ny = 2\n{% endhighlight %}\n\n"
           "{{< highlight go >}}\na := 1\n\nb := 2\n{{< /highlight >}}\n\nAfter.\n")
    cuts = [r.start for r in block_ranges(src, size=1)]
    assert [src[c:c + 6] for c in cuts] == ["Para o", "{% hig", "{{< hi", "After."]


def test_math_off_holds_for_blocks_the_preview_re_renders():
    before = "---\nmath: false\n---\n\nA $x$ here.\n\nSome words.\n\nMore words.\n"
    after = before.replace("Some words.", "Some $y$ words.")
    r = BlockRenderer()
    r.reset(before)
    result = r.update(after)
    assert not result.full
    assert [b.html for b in result.blocks] == [b.html for b in render_blocks(after).blocks]
    assert "<math" not in "".join(b.html for b in result.blocks)


@pytest.mark.parametrize("src", [
    "{{ a " * 20_000, "{{< a " * 20_000, "{% a " * 20_000, "\\( a " * 20_000, "$a $b " * 20_000,
    "".join(f"{{{{% n{i} %}}}}\n\n" for i in range(3000)), "{{% note %}}\n\n" * 3000, "\\[ a\n\n" * 5000,
    ":x::smile:" * 20_000, '{:"a ' * 20_000, "{" * 100_000, "[a]({{< ref " * 5000,
], ids=["output", "shortcode", "tag", "bracket", "dollar", "names", "pairs", "blocks", "emoji", "ial", "braces",
        "destinations"])
def test_hostile_dialect_drafts_parse(src):
    """Unclosed tags by the thousand (each scan is remembered, so this is linear)."""
    html = render_html(src)
    segs = extract_prose(src)
    assert "<script" not in html
    for s in segs:
        assert all(o < 0 or src[o] == ch for ch, o in zip(s.text, s.offsets))


def test_kramdown_comments_and_nomarkdown_are_markup_never_prose():
    src = ("Intro.\n\n{::comment}\nTODO: ask the wordpres admin\n{:/comment}\n\n"
           "Before {::comment}a note to self{:/comment} after.\n\n"
           "{::nomarkdown}\n<span class=\"x\">Raw text</span>\n{:/nomarkdown}\n\n"
           "{::comment}\nnever closed\n")
    texts = [s.text for s in extract_prose(src)]
    assert texts[:2] == ["Intro.", "Before  after."]
    assert not any("TODO" in t or "note to self" in t or "Raw text" in t for t in texts)
    out = html(src)
    assert "TODO" not in out and "note to self" not in out  # a comment is never shown
    assert '<span class="x">Raw text</span>' in out  # nomarkdown goes out as written (sanitized)
    assert "never closed" in out  # an extension never closed is left to the other rules
