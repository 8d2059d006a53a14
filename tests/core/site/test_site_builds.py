"""The real generators (Debian's ``hugo`` and ``jekyll``) build the sites
before and after deskeditor's edits, and every URL is still there."""

from __future__ import annotations

import shutil

import pytest
from sitegen import build, hugo_site, jekyll_site

from deskeditor.core.site.workspace import Workspace, save_draft_text


@pytest.mark.slow
@pytest.mark.parametrize("kind", ["hugo", "jekyll"])
def test_the_site_builds_with_the_same_urls_after_deskeditor_edits(store, tmp_path, kind):
    if shutil.which(kind) is None:
        pytest.skip(f"{kind} is not installed (apt-get install {kind})")
    site = (hugo_site if kind == "hugo" else jekyll_site)(tmp_path / kind)
    before = build(kind, site, tmp_path / "before")
    assert len(before) >= 5
    ws, _ = Workspace.open(store, site)
    for f in store.sites.files(ws.site.id):  # edit every post's text and one field
        body = store.drafts.get(f.draft_id).body
        save_draft_text(store, f.draft_id, body.replace("More soon.", "More soon (edited)."))
        store.drafts.set_fields(f.draft_id, keyphrase="desk notes")
        ws.save_through(f.draft_id)
    after = build(kind, site, tmp_path / "after")
    assert after == before
    page = next(p for p in (tmp_path / "after").rglob("*.html") if "post-0" in str(p) or "post-0" in p.read_text())
    assert page.exists()
    assert any("More soon (edited)." in p.read_text() for p in (tmp_path / "after").rglob("*.html"))


@pytest.mark.slow
@pytest.mark.parametrize("kind", ["hugo", "jekyll"])
def test_every_computed_post_url_is_where_the_real_generator_published_it(store, tmp_path, kind):
    from deskeditor.core.site.links import build_index

    if shutil.which(kind) is None:
        pytest.skip(f"{kind} is not installed (apt-get install {kind})")
    site = (hugo_site if kind == "hugo" else jekyll_site)(tmp_path / kind)
    out = tmp_path / "out"
    build(kind, site, out)
    ws, _ = Workspace.open(store, site)
    index = build_index(ws)
    published = [p for p in index.posts if p.url]
    assert len(published) >= 6
    for p in published:
        page = out / p.url.strip("/")
        page = page if p.url.endswith(".html") else page / "index.html"
        assert page.is_file(), f"{p.path}: {p.url} not in the build"
    assert not [p for p in index.posts if p.path.startswith("_drafts/") and p.url]
