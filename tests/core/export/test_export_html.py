"""The standalone HTML page and the CMS fragment, exported from real drafts in a real store."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

import pytest

from deskeditor import resources
from deskeditor.core.export import html as html_export
from deskeditor.core.export.service import Options, export_draft

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class Page(HTMLParser):
    """Collects every element (tag, attrs, parents) and checks that elements nest properly."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict, tuple[str, ...]]] = []
        self.stack: list[str] = []
        self.text: dict[str, list[str]] = {}
        self.errors: list[str] = []
        self.scripts: list[tuple[dict, str]] = []
        self._script: dict | None = None

    def handle_starttag(self, tag, attrs):
        d = dict(attrs)
        self.elements.append((tag, d, tuple(self.stack)))
        if tag == "script":
            self._script = d
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.elements.append((tag, dict(attrs), tuple(self.stack)))

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1:] or 'nothing'}")
            if tag in self.stack:
                while self.stack and self.stack.pop() != tag:
                    pass
            return
        self.stack.pop()

    def handle_data(self, data):
        if self._script is not None:
            self.scripts.append((self._script, data))
            self._script = None
        if self.stack:
            self.text.setdefault(self.stack[-1], []).append(data)

    def find(self, tag, **attrs):
        return [a for t, a, _p in self.elements
                if t == tag and all(a.get(k.replace("_", "-")) == v for k, v in attrs.items())]

    def meta(self, key):
        found = [a["content"] for t, a, _p in self.elements
                 if t == "meta" and (a.get("name") == key or a.get("property") == key)]
        assert len(found) == 1, f"{key}: {found}"
        return found[0]


def parse(text: str) -> Page:
    page = Page()
    page.feed(text)
    page.close()
    assert page.errors == []
    assert page.stack == []
    return page


def export(store, draft, out_dir, post_dir, fmt="html", **kw):
    opts = Options(base_dir=post_dir, site_url="https://news.example.com", **kw)
    return export_draft(store, draft.id, fmt, out_dir, options=opts)


def test_standalone_page_carries_every_tag(store, draft, out_dir, post_dir):
    result = export(store, draft, out_dir, post_dir)
    assert result.target == out_dir / "ceasefire-talks.html"
    page = parse(result.target.read_text(encoding="utf-8"))
    canonical = "https://news.example.com/ceasefire-talks/"
    assert page.find("html")[0]["lang"] == "en"
    assert page.text["title"] == ["Ceasefire talks: what we know"]
    assert page.meta("description") == "What the ceasefire proposal says, and what it leaves out."
    assert page.find("link", rel="canonical")[0]["href"] == canonical
    assert page.meta("og:type") == "article"
    assert page.meta("og:title") == "Ceasefire talks: what we know"
    assert page.meta("og:description") == "What the ceasefire proposal says, and what it leaves out."
    assert page.meta("og:url") == canonical
    assert page.meta("og:image") == "https://news.example.com/ceasefire-talks/ceasefire-talks_files/cover.png"
    assert page.meta("article:published_time") == "2025-03-14"
    assert page.meta("twitter:card") == "summary_large_image"
    assert page.meta("twitter:title") == "Ceasefire talks: what we know"
    assert page.meta("twitter:description").startswith("What the ceasefire")
    assert page.meta("twitter:image") == page.meta("og:image")
    # JSON-LD Article
    (attrs, text), = page.scripts
    assert attrs == {"type": "application/ld+json"}
    ld = json.loads(text)
    assert ld["@context"] == "https://schema.org" and ld["@type"] == "Article"
    assert ld["headline"] == "Ceasefire talks: what we know"
    assert ld["author"] == {"@type": "Person", "name": "Jane Doe"}
    assert ld["datePublished"] == "2025-03-14"
    assert ld["dateModified"].startswith(draft.updated[:19])
    assert ld["description"] == "What the ceasefire proposal says, and what it leaves out."
    # semantic body: article > header > h1 and time; the title heading is not repeated
    assert [p for t, _a, p in page.elements if t == "h1"] == [("html", "body", "article", "header")]
    assert page.text["h1"] == ["Ceasefire talks: what we know"]
    time, = page.find("time")
    assert time["datetime"] == "2025-03-14"
    assert page.find("article")[0]["class"] == "de-article"
    assert page.text["h2"] == ["What it says"]


def test_article_css_is_inlined_as_read_at_export_time(store, draft, out_dir, post_dir):
    page = parse(export(store, draft, out_dir, post_dir).target.read_text(encoding="utf-8"))
    css = resources.read_text(html_export.CSS_RESOURCE)
    style = "".join(page.text.get("style", []))
    assert css.strip() and css.strip() in style.replace("<\\/", "</")


def test_local_images_are_copied_beside_and_links_rewritten(store, draft, out_dir, post_dir):
    result = export(store, draft, out_dir, post_dir)
    files = out_dir / "ceasefire-talks_files"
    assert sorted(p.name for p in files.iterdir()) == ["cover.png", "map.png"]
    assert (files / "map.png").read_bytes() == (post_dir / "images" / "map.png").read_bytes()
    page = parse(result.target.read_text(encoding="utf-8"))
    srcs = [a["src"] for a in page.find("img")]
    assert srcs == ["ceasefire-talks_files/map.png", "ceasefire-talks_files/map.png"]
    # the code block keeps the path as written
    assert "![not a real image](images/map.png)" in "".join(page.text.get("code", []))


def test_export_is_recorded_with_the_revision(store, draft, out_dir, post_dir):
    store.drafts.save(draft.id, draft.body + "\nOne more line.\n")
    result = export(store, draft, out_dir, post_dir)
    rec, = store.exports.for_draft(draft.id)
    assert (rec["format"], rec["target"], rec["revision"]) == ("html", str(result.target.resolve()), 2)


def test_missing_picture_is_a_note_not_a_failure(store, out_dir, tmp_path):
    d = store.drafts.create("---\ntitle: T\n---\n\n![gone](nowhere/pic.png)\n")
    result = export_draft(store, d.id, "html", out_dir, options=Options(base_dir=tmp_path))
    assert "image not found or not an image: nowhere/pic.png" in result.notes
    assert result.target.exists()


def _active_content(page: Page) -> list[str]:
    bad = []
    for tag, attrs, _p in page.elements:
        if tag in ("script", "iframe", "object", "embed") and attrs != {"type": "application/ld+json"}:
            bad.append(tag)
        for k, v in attrs.items():
            if k.startswith("on"):
                bad.append(k)
            if v and "javascript:" in "".join(v.split()).lower():
                bad.append(f"{k}={v}")
    return bad


@pytest.mark.parametrize("fmt", ["html", "fragment"])
def test_hostile_draft_exports_clean(store, hostile, out_dir, tmp_path, fmt):
    result = export_draft(store, hostile.id, fmt, out_dir, options=Options(base_dir=tmp_path, force=True))
    text = result.target.read_text(encoding="utf-8")
    page = parse(text)
    assert _active_content(page) == []
    # draft text that looked like a handler survives only as escaped text
    assert not re.search(r"\son(error|mouseover|load)\s*=", re.sub(r'"[^"]*"', '""', text), re.I)
    assert "<script>" not in text
    assert "\x00" not in text
    assert "reader" in "".join(page.text.get("b", []))  # harmless markup survives
    if fmt == "html":
        (_attrs, ld_text), = page.scripts  # the description's </script> did not break out
        assert json.loads(ld_text)["description"] == "A paste with  in its description."  # metadata is text only
        assert page.meta("description") == "A paste with  in its description."
    else:
        assert page.scripts == []


def test_fragment_is_the_body_only(store, draft, out_dir, post_dir):
    result = export(store, draft, out_dir, post_dir, fmt="fragment")
    text = result.target.read_text(encoding="utf-8")
    page = parse(text)
    assert page.find("h1") == [] and page.find("html") == [] and page.find("style") == []
    assert "data-source-line" not in text
    assert [a["src"] for a in page.find("img")][0] == "ceasefire-talks.fragment_files/map.png"
    assert page.text["h2"] == ["What it says"]


def test_audit_refuses_active_content():
    assert html_export.audit('<p onclick="x()">a</p>') == ["an event handler (onclick)"]
    assert html_export.audit('<a href=" java\nscript:alert(1)">a</a>') == ["a javascript: URL"]
    assert html_export.audit("<script>x()</script>") == ["a <script> element"]
    assert html_export.audit('<script type="application/ld+json">{}</script>') == []


def test_json_ld_cannot_be_closed_early():
    block = html_export.json_ld_script({"headline": "</script><script>alert(1)</script> & <!--"})
    assert block.count("</script>") == 1
    inner = block.split(">", 1)[1].rsplit("</script>", 1)[0]
    assert json.loads(inner)["headline"] == "</script><script>alert(1)</script> & <!--"
