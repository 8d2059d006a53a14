"""Importing Markdown, HTML and pasted text, and refusing bad input clearly."""

from __future__ import annotations

import re

import pytest

from deskeditor.core.errors import InputError
from deskeditor.core.importers import read_document, read_text
from deskeditor.core.importers.text import is_title_like
from deskeditor.core.markdown import frontmatter

SECTIONS = [
    "Understanding Putin’s Conditions for the Russia-Ukraine Ceasefire",
    "U.S. Diplomatic Efforts for Conflict Resolution",
    "Europe’s Skepticism of Putin’s Intentions",
    "Challenges in Implementing a Russia-Ukraine Ceasefire",
    "Historical Context and Recent Escalations",
    "International Mediation and Reactions",
    "Prospects for Achieving Long-Term Peace",
    "Conclusion",
]


def test_sample_imports_with_title_byline_and_headings(sample_path):
    md = read_document(sample_path).markdown
    fields = frontmatter.fields_from(frontmatter.split(md))
    assert fields["title"] == "Putin Demands Russia-Ukraine Ceasefire to Guarantee Lasting Peace"
    assert fields["author"] == "Adarsha"
    assert re.findall(r"^## (.+)$", md, re.M) == SECTIONS
    # captions stay paragraphs; the comment form's debris is gone
    assert "\nPutin speaking in Russia-Ukraine Ceasefire in front of media\n" in md
    assert "\nPutin ceasefire discussion on press\n" in md
    for debris in ("Leave a Comment", "Your email address", "Scroll to Top"):
        assert debris not in md
    assert md.rstrip().endswith("regional stability be realized.")


@pytest.mark.parametrize("line,expected", [
    ("Conclusion", True),
    ("Europe’s Skepticism of Putin’s Intentions", True),
    ("Putin ceasefire discussion on press", False),
    ("Putin speaking in Russia-Ukraine Ceasefire in front of media", False),
    ("This is a sentence.", False),
])
def test_title_like(line, expected):
    assert is_title_like(line) is expected


def test_markdown_with_front_matter_is_kept_as_is(tmp_path):
    f = tmp_path / "post.md"
    text = "---\ntitle: T\n---\n\n# T\n\n* a\n"
    f.write_text(text)
    assert read_document(f).markdown == text


def test_html_import(tmp_path):
    f = tmp_path / "page.html"
    f.write_text("""<html><head><title>My Post</title><meta name="description" content="About things.">
    <script>alert(1)</script></head><body><nav>menu</nav><h1>My Post</h1><h2>Part</h2>
    <p>Some <em>emph</em> and <a href="https://x.org">a link</a>.</p><ul><li>one</li><li>two</li></ul>
    <img src="a.png" alt="An owl"><table><tr><th>h</th></tr><tr><td>c</td></tr></table></body></html>""")
    md = read_document(f).markdown
    fields = frontmatter.fields_from(frontmatter.split(md))
    assert fields["title"] == "My Post" and fields["meta_description"] == "About things."
    assert "## Part" in md and "*emph*" in md and "[a link](https://x.org)" in md
    assert "- one" in md and "![An owl](a.png)" in md and "| h |" in md
    assert "alert" not in md and "menu" not in md


@pytest.mark.parametrize("content,message", [
    (b"abc\x00def", "binary file (NUL byte at offset 3)"),
    (b"caf\xc3\xa9 ok \xff", "not valid UTF-8 (byte 0xff at offset 9)"),
])
def test_bad_bytes(tmp_path, content, message):
    f = tmp_path / "bad.txt"
    f.write_bytes(content)
    with pytest.raises(InputError, match=re.escape(message)):
        read_text(f)


def test_missing_folder_too_big_bad_front_matter(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        read_text(tmp_path / "nope.md")
    with pytest.raises(InputError, match="is a folder"):
        read_text(tmp_path)
    big = tmp_path / "big.md"
    big.write_bytes(b"a" * 2048)
    with pytest.raises(InputError, match="over the import limit"):
        read_text(big, max_bytes=1024)
    bad = tmp_path / "bad.md"
    bad.write_text("---\ntitle: ok\ntags: [a, b\n---\nbody\n")
    with pytest.raises(InputError, match="malformed front matter at line 4"):
        read_document(bad)
    unclosed = tmp_path / "unclosed.md"
    unclosed.write_text("---\ntitle: x\nbody\n")
    with pytest.raises(InputError, match="never closed"):
        read_document(unclosed)


def test_html_img_without_src_stays_an_image():
    # Yoast counts an <img> with an empty src as an image; so must the draft
    from deskeditor.core.importers.html import fragment_to_markdown
    from deskeditor.core.lint.analysis import analyze

    md = fragment_to_markdown('<p>Text here.</p><img src="" alt="a map"><img alt=""><img src="a b.png" alt="x">')
    assert "![a map]()" in md and "![](<a b.png>)" not in md and "![x](<a b.png>)" in md
    assert analyze(md, {}).stats["images"] == 3
