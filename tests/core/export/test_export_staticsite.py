"""Hugo and Jekyll Markdown: file layout, each generator's field names, images, round trip."""

from __future__ import annotations

import datetime as dt

import pytest
import yaml

from deskeditor.core.export.post import strip_title_heading
from deskeditor.core.export.service import Options, export_draft
from deskeditor.core.importers import read_document
from deskeditor.core.markdown import frontmatter

ROUND_TRIP_FIELDS = ("title", "slug", "author", "date", "tags", "categories", "meta_description",
                     "keyphrase", "related_keyphrases", "seo_title")


def _front(path):
    fm = frontmatter.split(path.read_text(encoding="utf-8"))
    assert fm.present
    return fm.data


def _export(store, draft, site, post_dir, fmt, **kw):
    return export_draft(store, draft.id, fmt, site, options=Options(base_dir=post_dir, **kw))


def test_hugo_page_bundle(store, draft, tmp_path, post_dir):
    site = tmp_path / "site"
    site.mkdir()
    result = _export(store, draft, site, post_dir, "hugo")
    bundle = site / "content" / "posts" / "ceasefire-talks"
    assert result.target == bundle / "index.md"
    assert sorted(p.name for p in bundle.iterdir()) == ["cover.png", "index.md", "map.png"]
    data = _front(result.target)
    assert list(data)[:10] == ["title", "date", "lastmod", "slug", "description", "author", "tags",
                               "categories", "draft", "images"]
    assert data["title"] == "Ceasefire talks: what we know"
    assert data["date"] == dt.date(2025, 3, 14)  # a YAML date, unquoted
    assert isinstance(data["lastmod"], dt.datetime)
    assert data["draft"] is False  # status: ready
    assert data["tags"] == ["ukraine", "diplomacy"] and data["categories"] == ["World"]
    assert data["images"] == ["cover.png"] and data["featured_image"] == "cover.png"
    body = frontmatter.body_of(result.target.read_text(encoding="utf-8"))
    assert "![A map of the front](map.png \"The front line\")" in body
    assert "![Same map, again](<map.png>)" in body
    assert "![not a real image](images/map.png)" in body  # inside a code block: untouched
    assert not body.lstrip().startswith("# Ceasefire")  # the theme prints the title


def test_hugo_single_file_puts_images_in_static(store, draft, tmp_path, post_dir):
    site = tmp_path / "site"
    site.mkdir()
    result = _export(store, draft, site, post_dir, "hugo", hugo_layout="file")
    assert result.target == site / "content" / "posts" / "ceasefire-talks.md"
    assert sorted(p.name for p in (site / "static" / "images" / "ceasefire-talks").iterdir()) == [
        "cover.png", "map.png"]
    assert "](/images/ceasefire-talks/map.png " in result.target.read_text(encoding="utf-8")


def test_jekyll_post(store, draft, tmp_path, post_dir):
    site = tmp_path / "site"
    site.mkdir()
    store.drafts.set_fields(draft.id, status="draft")
    result = _export(store, draft, site, post_dir, "jekyll")
    assert result.target == site / "_posts" / "2025-03-14-ceasefire-talks.md"
    data = _front(result.target)
    assert data["layout"] == "post"
    assert data["published"] is False  # Jekyll's way of not building a draft
    assert "draft" not in data and "status" not in data
    assert data["slug"] == "ceasefire-talks" and data["description"].startswith("What the ceasefire")
    assert isinstance(data["last_modified_at"], dt.datetime)
    assert data["image"] == "/assets/images/ceasefire-talks/cover.png"
    assert (site / "assets" / "images" / "ceasefire-talks" / "map.png").exists()
    assert "](/assets/images/ceasefire-talks/map.png " in result.target.read_text(encoding="utf-8")


def test_jekyll_ready_post_has_no_published_flag_and_keeps_a_permalink(store, draft, tmp_path, post_dir):
    site = tmp_path / "site"
    site.mkdir()
    store.settings.set("export.jekyll.permalink", "/news/{slug}/")
    data = _front(_export(store, draft, site, post_dir, "jekyll").target)
    assert "published" not in data
    assert data["permalink"] == "/news/ceasefire-talks/"


@pytest.mark.parametrize("fmt", ["hugo", "jekyll"])
def test_front_matter_round_trips(store, draft, tmp_path, post_dir, fmt):
    site = tmp_path / fmt
    site.mkdir()
    store.drafts.set_fields(draft.id, related_keyphrases=["truce", "peace deal"], seo_title="Talks | News")
    original = store.drafts.get(draft.id)
    result = _export(store, draft, site, post_dir, fmt)
    imported = read_document(result.target)
    again = store.drafts.create(imported.markdown)
    for field in ROUND_TRIP_FIELDS:
        assert getattr(again, field) == getattr(original, field), field
    exported_body = frontmatter.body_of(imported.markdown).strip()
    prefix = "" if fmt == "hugo" else "/assets/images/ceasefire-talks/"
    expected = strip_title_heading(frontmatter.body_of(original.body), original.title)
    expected = expected.replace("(images/map.png ", f"({prefix}map.png ")
    expected = expected.replace("(<images/map.png>)", f"(<{prefix}map.png>)")
    assert exported_body == expected.strip()


def test_undated_draft_gets_the_creation_date(store, tmp_path):
    d = store.drafts.create("---\ntitle: No date\n---\n\nText.\n")
    site = tmp_path / "site"
    site.mkdir()
    result = export_draft(store, d.id, "jekyll", site)
    day = d.created[:10]
    assert result.target.name == f"{day}-no-date.md"
    assert f"no publication date: used {day}" in result.notes


@pytest.mark.parametrize("fmt", ["hugo", "jekyll"])
def test_hostile_markdown_is_defused(store, hostile, tmp_path, fmt):
    site = tmp_path / "site"
    site.mkdir()
    result = export_draft(store, hostile.id, fmt, site)
    text = result.target.read_text(encoding="utf-8")
    body = frontmatter.body_of(text)
    assert "<script" not in body.lower() and "<iframe" not in body.lower()
    assert "onerror" not in body and "onmouseover" not in body and "onload" not in body
    assert "javascript:" not in body.lower()
    assert "Hello <b>reader</b>." in body
    assert "\x00" not in text
    assert any("could run script" in n for n in result.notes)
    yaml.safe_load(text.split("---\n")[1])  # the front matter is valid YAML


def test_site_folder_must_exist(store, draft, tmp_path):
    from deskeditor.core.errors import ExportError

    with pytest.raises(ExportError, match="does not exist"):
        export_draft(store, draft.id, "hugo", tmp_path / "no-site")
    assert not (tmp_path / "no-site").exists()


@pytest.mark.parametrize("src", [
    "{: .note}\nA paragraph under its attribute list.\n",
    "Intro.\n\n{:#intro .lead}\n## A heading\n\n{: .steps}\n- one\n- two\n",
    '{:aside: .aside title="An aside"}\n{: aside}\nA paragraph that uses a definition.\n',
])
def test_kramdown_attribute_lists_above_blocks_are_kept_as_written(src):
    from deskeditor.core.export.mdsafe import defuse

    assert defuse(src) == (src, 0)


@pytest.mark.parametrize("src", ['{:evil: onclick="steal()"}\nText.\n', '{: evil style="x"}\nText.\n'])
def test_an_unsafe_attribute_list_definition_is_defused(src):
    from deskeditor.core.export.mdsafe import defuse

    out, changed = defuse(src)
    assert changed == 1 and not out.startswith("{:")
