"""Issue 13, High 1: no export writes outside the folder the user chose.

Slugs, dates and front matter permalinks come from the draft (a pasted post)
and end up in file names; the checks resolve paths, symlinks included."""

from __future__ import annotations

import os
import string
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from deskeditor.core.errors import ExportError
from deskeditor.core.export import paths, service
from deskeditor.core.export.post import post_from_source

from securitykit import one_line


def _draft(store, slug="x", date="2025-03-14", extra=""):
    return store.drafts.create(f"---\ntitle: Escape\nslug: {slug!s}\ndate: {date!s}\n{extra}---\n\nHello.\n")


def _files_under(folder: Path) -> set[Path]:
    return {p for p in folder.rglob("*") if p.is_file()}


@pytest.mark.parametrize("fmt", ["hugo", "html", "fragment", "wxr"])
def test_traversal_slug_stays_inside(store, run, tmp_path, fmt):
    escaped = tmp_path / "escaped"
    site = tmp_path / "a" / "b" / "c" / "site"
    site.mkdir(parents=True)
    d = _draft(store, slug="../../../../../escaped")
    code, out, err = run("export", str(d.id), "-f", fmt, "-o", str(site) + "/", "--no-grammar", "-q")
    assert code == 0, err
    assert not escaped.exists()
    written = _files_under(site)
    assert written and all(site in p.parents for p in written)
    assert Path(out.strip()).resolve().is_relative_to(site.resolve())


def test_absolute_slug_for_html_stays_inside(store, run, tmp_path):
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    target = tmp_path / "victim"
    d = _draft(store, slug=str(target))
    code, out, err = run("export", str(d.id), "-f", "html", "-o", str(out_dir), "--no-grammar", "-q")
    assert code == 0, err
    assert not target.exists() and not Path(str(target) + ".html").exists()
    assert all(out_dir in p.parents for p in _files_under(out_dir))


def test_jekyll_date_traversal_is_refused_with_one_line(store, run, tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    d = _draft(store, slug="x", date="'../../../.'")
    code, _out, err = run("export", str(d.id), "-f", "jekyll", "-o", str(site), "--no-grammar", "-q", "--force")
    assert code == 2
    assert "is not a date" in one_line(err)
    assert _files_under(site) == set()
    assert not [p for p in tmp_path.parent.rglob("*-x.md")]


def test_force_never_replaces_a_file_outside(store, run, tmp_path):
    victim = tmp_path / "victim"
    victim.mkdir()
    (victim / "index.md").write_text("precious")
    site = tmp_path / "site"
    site.mkdir()
    d = _draft(store, slug="../../../victim")
    code, _out, err = run("export", str(d.id), "-f", "hugo", "-o", str(site), "--no-grammar", "-q", "--force")
    assert code == 0, err
    assert (victim / "index.md").read_text() == "precious"


def test_symlinked_folder_inside_the_site_is_refused(store, run, tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    site = tmp_path / "site"
    (site / "content").mkdir(parents=True)
    os.symlink(outside, site / "content" / "posts")
    d = _draft(store, slug="fine")
    code, _out, err = run("export", str(d.id), "-f", "hugo", "-o", str(site), "--no-grammar", "-q")
    assert code == 2
    assert "outside the export folder" in one_line(err)
    assert list(outside.iterdir()) == []


@pytest.mark.parametrize("key,value", [
    ("permalink", "/index.html"), ("url", "/"), ("aliases", "['/ok/', '/../../etc/']"),
    ("url", "/feed.xml"), ("permalink", "../../x"), ("aliases", "['/INDEX.HTML']"),
    ("redirect_from", "/index.html"), ("redirect_to", "'javascript:alert(1)'"),
])
def test_front_matter_site_paths_are_validated(store, run, tmp_path, key, value):
    site = tmp_path / "site"
    site.mkdir()
    d = _draft(store, slug="fine", extra=f"{key}: {value}\n")
    for fmt in ("hugo", "jekyll"):
        code, _out, err = run("export", str(d.id), "-f", fmt, "-o", str(site), "--no-grammar", "-q")
        assert code == 2
        assert f"front matter {key}" in one_line(err)
    assert _files_under(site) == set()


def test_plain_permalinks_still_export(store, run, tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    d = _draft(store, slug="fine", extra="permalink: /2025/fine.html\naliases: [/old-fine/]\n")
    code, _out, err = run("export", str(d.id), "-f", "jekyll", "-o", str(site), "--no-grammar", "-q")
    assert code == 0, err
    assert "permalink: /2025/fine.html" in (site / "_posts" / "2025-03-14-fine.md").read_text()


# -- property: whatever the draft says, every planned file resolves inside the target ---
_nasty = st.text(alphabet=string.ascii_letters + string.digits + "./\\-_~:%$ \u2215\u2044\uff0f\x00",
                 max_size=40)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(slug=_nasty, date=_nasty, image=_nasty, permalink=_nasty)
def test_no_name_from_a_draft_resolves_outside(tmp_path_factory, slug, date, image, permalink):
    import yaml

    root = tmp_path_factory.mktemp("site")
    base = tmp_path_factory.mktemp("writing")
    fm = yaml.safe_dump({"title": "T", "slug": slug, "date": date, "permalink": permalink,
                         "featured_image": image}, allow_unicode=True)
    source = f"---\n{fm}---\n\n![x]({image.replace(')', '')})\n"
    post = post_from_source(source, base_dir=base)
    assert "/" not in post.slug and "\\" not in post.slug and post.slug not in ("", ".", "..")
    opts = service.Options()
    for fmt in ("hugo", "jekyll", "html", "fragment", "wxr"):
        target = root if fmt in ("hugo", "jekyll") else root / f"{post.slug}{service.SUFFIX[fmt]}"

        class _Settings(dict):
            def get(self, key, default=None):
                return default

        fake_store = type("S", (), {"settings": _Settings()})()
        try:
            output = service.build(fake_store, fmt, post, target, opts)
        except ExportError:
            continue  # refused with one line: nothing planned
        for planned in output.files:
            real = Path(os.path.realpath(planned.path))
            assert root.resolve() in real.parents, (fmt, planned.path)
            if planned.source is not None:  # an image copy comes from the draft's own folder
                assert base.resolve() in Path(os.path.realpath(planned.source)).parents


def test_check_inside_follows_symlinks(tmp_path):
    (tmp_path / "root").mkdir()
    os.symlink("/tmp", tmp_path / "root" / "link")
    with pytest.raises(ExportError):
        paths.check_inside(tmp_path / "root", [tmp_path / "root" / "link" / "x"])
