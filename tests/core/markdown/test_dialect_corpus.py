"""Posts written the way bloggers write them (tests/data/dialect): a Jekyll
post with Liquid, kramdown IALs, math, emoji and an imgcap caption in raw
HTML; a Hugo post with shortcodes, a page-bundle image, math and footnotes.
Each has its expected dialect tokens, prose and summary in ``*.expected.json``
(the grammar findings are checked against the real LanguageTool in
tests/core/lint/grammar/test_dialect_grammar.py)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from dialect_spans import dialect_spans, kinds

from deskeditor.core.citations.render import PLUGINS as CITATION_PLUGINS
from deskeditor.core.export.post import post_from_source
from deskeditor.core.export.staticsite import build_hugo, build_jekyll
from deskeditor.core.lint.analysis import analyze
from deskeditor.core.markdown.prose import extract_prose
from deskeditor.core.markdown.render import render_html

DATA = Path(__file__).parents[2] / "data" / "dialect"
POSTS = sorted(p.stem for p in DATA.glob("*.md"))


def load(name: str) -> tuple[str, dict]:
    return (DATA / f"{name}.md").read_text(), json.loads((DATA / f"{name}.expected.json").read_text())


@pytest.mark.parametrize("name", POSTS)
def test_token_kinds_and_prose_as_expected(name):
    src, exp = load(name)
    assert kinds(src) == exp["kinds"]
    segs = extract_prose(src)
    assert [[s.kind, s.text] for s in segs] == exp["prose"]
    for s in segs:
        for ch, off in zip(s.text, s.offsets):
            assert off < 0 or src[off] == ch


@pytest.mark.parametrize("name", POSTS)
def test_no_prose_character_inside_a_dialect_token(name):
    src, _ = load(name)
    spans = dialect_spans(src)
    for s in extract_prose(src):
        for off in s.offsets:
            assert not any(a <= off < b for a, b, _k in spans), (off, src[off - 20 : off + 20])


@pytest.mark.parametrize("name", POSTS)
def test_seo_and_readability_findings_stay_outside_the_dialect(name):
    src, _ = load(name)
    spans = dialect_spans(src)
    a = analyze(src, {})
    for f in a.findings:
        if f.start is None or f.end is None or f.start == f.end:
            continue
        inside = [k for x, y, k in spans if x <= f.start and f.end <= y]
        assert not inside, (f.rule, f.text(src), inside)


@pytest.mark.parametrize("name", POSTS)
def test_summary_feeds_the_meta_description(name):
    src, exp = load(name)
    assert post_from_source(src).description == exp["description"]
    notes = [f.message for f in analyze(src, {}).findings if f.rule.startswith("meta-description")]
    assert not any("no meta description" in m.lower() for m in notes), notes


def test_jekyll_post_renders_math_emoji_caption_and_placeholders():
    src, _ = load("jekyll-backprop")
    html = render_html(src, source_lines=False)
    assert html.count("<math") == 5 and "\\frac" not in html and "$$" not in html
    assert "✔️" in html and "❌" in html and ":x:" not in html
    assert '<div class="thecap">The real-valued circuit' in html
    assert 'src="/assets/backprop/circuit.png"' in html and "site.baseurl" not in html
    assert '<p class="note">' in html and "{:" not in html
    assert '<p class="further-reading">Read ' in html  # an IAL above its block (under an ALD, which sets nothing)
    assert 'class="center-image"' in html
    assert '<a class="de-unresolved" title="{% post_url 2015-05-21-rnn-effectiveness %}">' in html
    assert "<code>include image.html" in html
    assert '<code class="language-python">def forward_multiply_gate' in html
    assert "<code>{{ page.title }}</code>" in html  # {% raw %} shows its text as written
    assert "costs $5 of compute" in html  # prices are not math


def test_hugo_post_renders_figure_video_notice_code_and_links():
    src, _ = load("hugo-fourier")
    env_links = {"sampling": "/posts/sampling/"}
    html = render_html(src, source_lines=False)
    assert ('<figure class="de-figure"><img src="spectrum.png" alt="A bar chart of frequencies">'
            "<figcaption>The spectrum of a short piano chord.</figcaption></figure>") in html
    assert '<a href="https://www.youtube.com/watch?v=gSGYYdrTFUk">' in html and "i.ytimg.com" not in html
    assert '<div class="de-notice de-notice-note"><p class="de-notice-label">Note</p>' in html
    assert '<code class="language-go">func main()' in html and "hello {{ . }}" in html
    assert '<figure class="de-diagram"><figcaption>Mermaid diagram' in html
    assert '<a href="/notes/fourier/">notes</a>' in html
    assert "<code>gist spf13 7896402</code>" in html and "<code>sup \"1\"</code>" in html
    assert html.count("<math") == 4 and "\\hat" not in html
    assert "de-unresolved" in html
    from deskeditor.core.markdown.parser import make_parser

    md = make_parser(plugins=CITATION_PLUGINS)
    linked = md.render(src, {"site_links": env_links})
    assert '<a href="/posts/sampling/">the earlier post</a>' in linked


@pytest.mark.parametrize("name", POSTS)
def test_static_site_exports_keep_the_dialect_as_written(name, tmp_path):
    src, _ = load(name)
    body = post_from_source(src, base_dir=DATA).body
    for build in (build_hugo, build_jekyll):
        out = build(post_from_source(src, base_dir=DATA), tmp_path / build.__name__)
        assert out.text.endswith(body.lstrip("\n")), build.__name__


def test_wxr_carries_the_summary_as_excerpt_and_the_dialect_rendered():
    from deskeditor.core.export.wxr import wxr_document

    src, exp = load("hugo-fourier")
    doc = wxr_document(post_from_source(src, base_dir=DATA))
    assert f"<excerpt:encoded><![CDATA[{exp['description']}]]></excerpt:encoded>" in doc
    assert "<math" in doc and "youtube gSGYYdrTFUk" not in doc and "\\frac" not in doc
    assert '<a href="https://www.youtube.com/watch?v=gSGYYdrTFUk">' in doc
