"""The XSS corpus built by the real Hugo (Goldmark, unsafe) and the real Jekyll
(kramdown, Liquid first), each page checked by the same oracle: what the site
generators really make of the exported Markdown, beyond the CommonMark model."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from deskeditor.core.export import service
from test_xss_corpus import VECTORS, _draft
from xsscheck import dangers

pytestmark = pytest.mark.slow


def _build(cmd, cwd, timeout=600):
    r = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, timeout=timeout)
    assert r.returncode == 0, r.stderr[-2000:]


def _export_all(store, site, fmt):
    slugs = []
    for n, vector in enumerate(VECTORS):
        d = _draft(store, vector)
        store.drafts.set_fields(d.id, slug=f"xss-{n}")
        service.export_draft(store, d.id, fmt, site, options=service.Options(force=True))
        slugs.append(f"xss-{n}")
    return slugs


def _article(html: str) -> str:
    start, end = html.find("<article>"), html.rfind("</article>")
    assert start >= 0 and end > start, html[:500]
    return html[start:end]


@pytest.mark.skipif(not shutil.which("hugo"), reason="hugo is not installed")
def test_hugo_builds_the_corpus_without_script(store, tmp_path):
    site = tmp_path / "hugo"
    (site / "layouts" / "_default").mkdir(parents=True)
    (site / "config.toml").write_text('baseURL = "https://example.org/"\ntitle = "t"\n'
                                      "[markup.goldmark.renderer]\nunsafe = true\n")
    (site / "layouts" / "_default" / "single.html").write_text("<article>{{ .Content }}</article>\n")
    (site / "layouts" / "_default" / "list.html").write_text("list\n")
    slugs = _export_all(store, site, "hugo")
    _build(["hugo", "--quiet", "-D"], site)
    for n, slug in enumerate(slugs):
        page = (site / "public" / "posts" / slug / "index.html").read_text()
        assert dangers(_article(page)) == [], (VECTORS[n], _article(page))


@pytest.mark.skipif(not shutil.which("jekyll"), reason="jekyll is not installed")
def test_jekyll_builds_the_corpus_without_script(store, tmp_path):
    site = tmp_path / "jekyll"
    (site / "_layouts").mkdir(parents=True)
    (site / "_config.yml").write_text("title: t\nmarkdown: kramdown\nshow_drafts: true\n"
                                      "permalink: /:title/\nexclude: [vendor]\n")
    (site / "_layouts" / "post.html").write_text("<article>{{ content }}</article>\n")
    slugs = _export_all(store, site, "jekyll")
    _build(["jekyll", "build", "--quiet", "--unpublished", "--future"], site)
    for n, slug in enumerate(slugs):
        page = (site / "_site" / slug / "index.html").read_text()
        assert dangers(_article(page)) == [], (VECTORS[n], _article(page))
