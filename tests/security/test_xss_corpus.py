"""Issue 13, High 2 and Medium 8: a corpus of XSS vectors through every export format.

Each output is rendered the way its consumer renders it: HTML as it is, the
Hugo/Jekyll Markdown by a CommonMark renderer with raw HTML on and every link
scheme allowed (Goldmark ``unsafe``, kramdown), WXR's ``content:encoded`` and
the WordPress REST payload as the HTML WordPress stores; metadata must carry
no markup at all."""

from __future__ import annotations

import re
from xml.etree import ElementTree

import pytest
import yaml

from deskeditor.core.export import service, wordpress
from deskeditor.core.export.post import post_from_draft
from xsscheck import consumer_markdown, dangers, loose_tags

VECTORS = [
    "<script>alert(1)</script>",
    "<scr<script>ipt>alert(1)</scr<script>ipt>",
    "<div>`<script>alert(1)</script>`</div>",
    '<a href="jav&#x09;ascript:alert(1)">tab</a>',
    '<a href="&#106;avascript:alert(1)">dec</a>',
    '<a href="javascript&colon;alert(1)">colon</a>',
    "<svg><a><animate attributeName=href values=javascript:alert(1) /><text y=20>x</text></a></svg>",
    "<link rel=stylesheet href=//evil.example/x.css>",
    "<img src=x onerror=alert(1)>",
    '<IMG SRC="javascript:alert(1)">',
    "[md link](javascript:alert(1))",
    "[md tab](jav&#x09;ascript:alert(1))",
    "![md img](javascript:alert(1))",
    "[ref link][evil]\n\n[evil]: javascript:alert(1)",
    "<javascript:alert(1)>",
    '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
    '<object data="javascript:alert(1)"></object>',
    '<embed src="javascript:alert(1)">',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    '<form action="javascript:alert(1)"><input type=submit></form>',
    '<button formaction="javascript:alert(1)">go</button>',
    "<svg onload=alert(1)>",
    "<body onload=alert(1)>",
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">data</a>',
    '<a href="vbscript:msgbox(1)">vb</a>',
    '<svg><set attributeName="xlink:href" to="javascript:alert(1)"/></svg>',
    '<math><a xlink:href="javascript:alert(1)">m</a></math>',
    "<style>@import 'https://evil.example/x.css';</style>",
    '<div style="background:url(javascript:alert(1))">bg</div>',
    '<div style="width: expression(alert(1))">ex</div>',
    '<base href="javascript:alert(1)//">',
    "<details open ontoggle=alert(1)><summary>s</summary></details>",
    '<a href="  javascript:alert(1)">lead</a>',
    "Hello <b onmouseover=\"alert(1)\">inline</b> there.",
    "<!--><script>alert(1)</script>-->",
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>',
    "\\`<img src=x onerror=alert(1)>\\`",
    '<a href="x"onclick="alert(1)">glued</a>',
    '## Heading {onclick="alert(1)"}',
    'A paragraph\n{: onmouseover="alert(1)"}',
    "<video><source onerror=alert(1)></video>",
    '<a href="file:///etc/passwd">file</a>',
    '<img src="file:///etc/passwd">',
    '<a href="JaVaScRiPt:alert(1)">case</a>',
    "<textarea><script>alert(1)</script></textarea>",
    "- item <img src=x onerror=alert(1)>\n- [x](javascript:alert(1))",
    "> quoted <script>alert(1)</script>",
    "| a | b |\n|---|---|\n| <img src=x onerror=alert(1)> | [x](javascript:alert(1)) |",
    '<div title="\n\n<img src=x onerror=alert(1)>\n\n">split across blocks</div>',
    "<!--\n\n<script>alert(1)</script>\n\n-->",
    "<style>\n\n</style><script>alert(1)</script>",
    "<details open ontoggle=alert(1)>\n\n*markdown inside*\n\n</details>",
    "<div>\n<a href='javascript:alert(1)'>\n\n[md](javascript:alert(2))\n\n</a>\n</div>",
]
assert len(VECTORS) >= 30

SAFE = "SAFE-MARKER keeps its words."
FORMATS = ["html", "fragment", "hugo", "jekyll", "wxr"]


def _draft(store, vector: str):
    meta = vector.replace("\n", " ")
    fm = yaml.safe_dump({"title": f"T {meta}", "slug": "xss", "date": "2025-03-14", "description": f"D {meta}",
                         "tags": [f"t {meta}"], "categories": [f"c {meta}"], "author": f"A {meta}"})
    body = f"---\n{fm}---\n\n{SAFE}\n\n{vector}\n\n```\n<script>in code stays code</script>\n```\n"
    return store.drafts.create(body)


def _front_matter_markup(text: str) -> list[str]:
    fm = text.split("---\n", 2)[1]
    return re.findall(r"<[A-Za-z!/?][^\n]{0,30}", fm)


def _export(store, draft, fmt, tmp_path):
    out = tmp_path / fmt
    out.mkdir()
    res = service.export_draft(store, draft.id, fmt, out, options=service.Options(force=True))
    return res.target.read_text(encoding="utf-8")


@pytest.mark.parametrize("vector", VECTORS, ids=range(len(VECTORS)))
def test_vector_through_every_format(store, tmp_path, vector):
    draft = _draft(store, vector)
    for fmt in FORMATS:
        text = _export(store, draft, fmt, tmp_path)
        if fmt == "html":
            found = dangers(text, allow={"script", "meta", "link"})  # the page's own head
            found += [f"head: {m}" for m in re.findall(r'<(?:link|meta)\b[^>]*(?:http-equiv|stylesheet)[^>]*>', text)]
            found += [f"script: {s[:40]}" for s in re.findall(r"<script(?![^>]*ld\+json)[^>]*>", text)]
        elif fmt == "fragment":
            found = dangers(text)
        elif fmt in ("hugo", "jekyll"):
            body = text.split("---\n", 2)[2]
            found = dangers(consumer_markdown().render(body)) + loose_tags(body)
            found += [f"front matter: {m}" for m in _front_matter_markup(text)]
        else:
            root = ElementTree.fromstring(text.encode("utf-8"))
            ns = {"content": "http://purl.org/rss/1.0/modules/content/",
                  "excerpt": "http://wordpress.org/export/1.2/excerpt/"}
            item = root.find("channel/item")
            found = dangers(item.find("content:encoded", ns).text or "")
            for el in [item.find("title"), item.find("excerpt:encoded", ns), *item.findall("category")]:
                found += [f"metadata: {m}" for m in re.findall(r"<[A-Za-z!/?]", el.text or "")]
        assert found == [], (fmt, found, text[-800:])
        assert "SAFE-MARKER keeps its words" in text, fmt


@pytest.mark.parametrize("vector", VECTORS, ids=range(len(VECTORS)))
def test_vector_in_the_wordpress_payload(store, vector):
    draft = _draft(store, vector)
    post = post_from_draft(service.with_citations(store, draft))
    payload = wordpress.post_payload(post, {})
    assert dangers(payload["content"]) == []
    for key in ("title", "excerpt"):
        assert not re.search(r"<[A-Za-z!/?]", payload[key]), (key, payload[key])
    for name in post.tags + post.categories:  # term names are created from these
        assert not re.search(r"<[A-Za-z!/?]", name)


def test_safe_author_html_survives_the_markdown_exports(store, tmp_path):
    body = ("---\ntitle: Safe\nslug: safe\ndate: 2025-03-14\n---\n\n"
            '<figure class="wide">\n<img src="https://example.org/a.png" alt="A map" title="The map" '
            'width="300" height="200">\n<figcaption>The <em>front</em> line</figcaption>\n</figure>\n\n'
            "<style>\n.wide { max-width: 100%; }\n</style>\n\n"
            'Plain text with <span class="kbd">Ctrl</span> and <b>bold</b> between <i>unrelated</i> tags.\n\n'
            '<div class="note">\n<p class="tip">A tip.</p>\n</div>\n\n'
            '{{< figure src="/images/map.png" caption="The map" >}}\n\n'
            '<details><summary>More</summary>\n\nHidden *text*.\n\n</details>\n')
    d = store.drafts.create(body)
    for fmt in ("hugo", "jekyll"):
        text = _export(store, d, fmt, tmp_path)
        for kept in ('<figure class="wide">', "<figcaption>The <em>front</em> line</figcaption>",
                     'alt="A map"', 'title="The map"', 'width="300"', ".wide { max-width: 100%; }",
                     'Plain text with <span class="kbd">Ctrl</span> and <b>bold</b> between <i>unrelated</i> tags.',
                     '<p class="tip">A tip.</p>', '{{< figure src="/images/map.png" caption="The map" >}}',
                     "<details><summary>More</summary>\n\nHidden *text*.\n\n</details>\n"):
            assert kept in text, (fmt, kept, text)


def test_bibtex_title_stays_text_in_the_sources_list(store, run, tmp_path):
    bib = tmp_path / "refs.bib"
    bib.write_text("@article{evil2024, title = {<script>alert(1)</script> Study <img src=x onerror=alert(2)>},"
                   " author = {Evil, Eve}, year = {2024}, url = {https://example.org/study}}\n")
    code, _out, err = run("sources", "import", str(bib))
    assert code == 0, err
    d = store.drafts.create("---\ntitle: Cited\nslug: cited\ndate: 2025-03-14\n---\n\nA claim [@evil2024].\n")
    for fmt in ("hugo", "jekyll"):
        text = _export(store, d, fmt, tmp_path)
        body = text.split("---\n", 2)[2]
        assert dangers(consumer_markdown().render(body)) == [] and loose_tags(body) == []
        assert "alert(1)" in consumer_markdown().render(body)  # shown as text, not dropped silently
    code, out, err = run("sources", "bibliography", str(d.id), "--format", "html")
    assert code == 0, err
    assert dangers(out) == [] and "&lt;script&gt;alert(1)&lt;/script&gt;" in out


def test_html_importer_keeps_displayed_tags_as_text(store, run, tmp_path):
    page = tmp_path / "page.html"
    page.write_text("<html><head><title>Page</title><meta name=\"description\" content=\"It's the writer's day\">"
                    "</head><body><p>Show &lt;script&gt;alert(1)&lt;/script&gt; here.</p></body></html>")
    code, out, err = run("import", str(page))
    assert code == 0, err
    draft = store.drafts.get(int(out.split()[0]))
    assert draft.meta_description == "It's the writer's day"
    code, html, _err = run("render", str(draft.id), "--clean")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "<script" not in html


def test_render_drops_file_and_data_urls(run, tmp_path):
    f = tmp_path / "d.md"
    f.write_text('# Local\n\n<img src="file:///etc/passwd"> <a href="file:///home/me/secret.txt">f</a> '
                 '<a href="data:text/html,<script>alert(1)</script>">d</a> ![x](file:///etc/hosts) '
                 '[ok](https://example.org) ![rel](images/pic.png)\n')
    code, out, err = run("render", str(f), "--clean")
    assert code == 0, err
    assert not re.search(r'(?:href|src)="(?:file|data):', out)
    assert 'href="https://example.org"' in out and 'src="images/pic.png"' in out


@pytest.mark.parametrize("liquid,inert", [
    ('{{ "%3Cscript%3Ealert(1)%3C/script%3E" | url_decode }}', False),
    ("{% capture s %}<{% endcapture %}{{ s }}script>alert(1){{ s }}/script>", False),
    ("{{ page.evil }}", False),
    ("```\n{{ '%0A```%0A<script>alert(1)</script>' | url_decode }}\n```", False),
    ("![x]({{ site.baseurl }}/assets/x.png) and {% include note.html %}", True),
    ("{% highlight ruby %}\nputs 1\n{% endhighlight %}", True),
])
def test_jekyll_runs_only_inert_liquid(store, tmp_path, liquid, inert):
    d = store.drafts.create("---\ntitle: Liquid\nslug: liquid\ndate: 2025-03-14\nevil: <script>x</script>\n---\n\n"
                            f"Text.\n\n{liquid}\n")
    text = _export(store, d, "jekyll", tmp_path)
    fm = yaml.safe_load(text.split("---\n", 2)[1])
    assert fm.get("render_with_liquid", True) is inert
    assert "<script" not in str(fm.get("evil"))  # page variables a theme may print carry no markup
    if inert:
        assert liquid.splitlines()[0] in text  # the site's own Liquid survives as written


def test_text_between_unrelated_tags_is_not_deleted(store, tmp_path):
    d = store.drafts.create("---\ntitle: Words\nslug: words\ndate: 2025-03-14\n---\n\n"
                            "An <embed src=a.swf> sentence that must stay, then a <form></form> end.\n")
    for fmt in ("hugo", "jekyll"):
        text = _export(store, d, fmt, tmp_path)
        assert "sentence that must stay, then a" in text and "end." in text, text
