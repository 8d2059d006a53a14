"""Exports compared with reference files in tests/data/export/ (as novelWriter's tests do).

Each format is built from tests/data/export/post.md with fixed dates and a
fixed stylesheet, so the output is byte-for-byte stable. After an intended
change, regenerate the references with DESKEDITOR_UPDATE_REFERENCE=1 and
review the diff before keeping it.
"""

from __future__ import annotations

import datetime as dt
import difflib
import os

from pathlib import Path

import pytest

from deskeditor.core.export import html, staticsite, wxr
from deskeditor.core.export.post import post_from_source

REFERENCE = Path(__file__).resolve().parents[2] / "data" / "export"
CSS = "/* the article stylesheet */\n.de-article { max-width: 40em; }"
NOW = dt.datetime(2025, 3, 20, 9, 30, tzinfo=dt.timezone.utc)


@pytest.fixture
def post(post_dir):
    source = (REFERENCE / "post.md").read_text(encoding="utf-8")
    p = post_from_source(source, base_dir=post_dir)
    p.updated = "2025-03-15T10:20:30+00:00"
    p.created = "2025-03-10T08:00:00+00:00"
    p.draft_id = 7
    return p


def compare(name: str, text: str) -> None:
    ref = REFERENCE / name
    if os.environ.get("DESKEDITOR_UPDATE_REFERENCE") == "1":
        ref.write_text(text, encoding="utf-8")
    expected = ref.read_text(encoding="utf-8")
    if text != expected:
        diff = "".join(difflib.unified_diff(expected.splitlines(True), text.splitlines(True),
                                            f"reference/{name}", f"export/{name}"))
        pytest.fail(f"{name} differs from its reference:\n{diff}")


def test_standalone_html(post, tmp_path):
    out = html.build_standalone(post, tmp_path / "post.html", css=CSS, site_url="https://news.example.com")
    compare("post.html", out.text)
    assert sorted(f.path.name for f in out.files) == ["cover.png", "map.png", "post.html"]


def test_fragment(post, tmp_path):
    compare("post.fragment.html", html.build_fragment(post, tmp_path / "post.fragment.html").text)


def test_hugo(post, tmp_path):
    compare("hugo-index.md", staticsite.build_hugo(post, tmp_path).text)


def test_jekyll(post, tmp_path):
    compare("jekyll-post.md", staticsite.build_jekyll(post, tmp_path).text)


def test_wxr(post, tmp_path):
    out = wxr.build_wxr(post, tmp_path / "post.xml", site_url="https://news.example.com", now=NOW)
    compare("post.wxr.xml", out.text)
