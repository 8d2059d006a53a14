"""The WordPress WXR file: well-formed XML in WordPress's own layout, holding the post as a draft."""

from __future__ import annotations

import re

import pytest
from xml.etree import ElementTree as ET

from deskeditor.core.export import wxr
from deskeditor.core.export.service import Options, export_draft

NS = {k: v for k, v in wxr.NAMESPACES.items()}


def _item(path):
    root = ET.parse(path).getroot()  # raises on a malformed file
    assert root.tag == "rss" and root.get("version") == "2.0"
    channel = root.find("channel")
    items = channel.findall("item")
    assert len(items) == 1
    return channel, items[0]


def test_wxr_is_well_formed_and_holds_the_post(store, draft, out_dir, post_dir):
    result = export_draft(store, draft.id, "wxr", out_dir,
                          options=Options(base_dir=post_dir, site_url="https://news.example.com"))
    assert result.target == out_dir / "ceasefire-talks.wxr.xml"
    channel, item = _item(result.target)
    assert channel.findtext("wp:wxr_version", namespaces=NS) == "1.2"
    assert channel.findtext("wp:base_site_url", namespaces=NS) == "https://news.example.com"
    author = channel.find("wp:author", NS)
    assert author.findtext("wp:author_login", namespaces=NS) == "janedoe"
    assert author.findtext("wp:author_display_name", namespaces=NS) == "Jane Doe"
    assert [c.findtext("wp:cat_name", namespaces=NS) for c in channel.findall("wp:category", NS)] == ["World"]
    assert [t.findtext("wp:tag_name", namespaces=NS) for t in channel.findall("wp:tag", NS)] == [
        "ukraine", "diplomacy"]
    assert item.findtext("title") == "Ceasefire talks: what we know"
    assert item.findtext("dc:creator", namespaces=NS) == "janedoe"
    assert item.findtext("wp:status", namespaces=NS) == "draft"
    assert item.findtext("wp:post_type", namespaces=NS) == "post"
    assert item.findtext("wp:post_name", namespaces=NS) == "ceasefire-talks"
    assert item.findtext("wp:post_date", namespaces=NS) == "2025-03-14 00:00:00"
    assert item.findtext("excerpt:encoded", namespaces=NS).startswith("What the ceasefire")
    content = item.findtext("content:encoded", namespaces=NS)
    assert "<h2 id=\"what-it-says\">What it says</h2>" in content
    assert "<strong>Thursday</strong>" in content and "<h1" not in content
    terms = [(c.get("domain"), c.get("nicename"), c.text) for c in item.findall("category")]
    assert terms == [("category", "world", "World"), ("post_tag", "ukraine", "ukraine"),
                     ("post_tag", "diplomacy", "diplomacy")]
    assert any("local picture" in n for n in result.notes)


def test_cdata_is_split_on_its_terminator():
    text = "a ]]> b ]]]]> c"
    xml = f"<x>{wxr.cdata(text)}</x>"
    assert ET.fromstring(xml).text == text


def test_hostile_draft_gives_well_formed_clean_wxr(store, hostile, out_dir):
    result = export_draft(store, hostile.id, "wxr", out_dir)
    _channel, item = _item(result.target)
    content = item.findtext("content:encoded", namespaces=NS)
    assert "<script" not in content.lower() and "onerror" not in content and "onload" not in content
    assert not re.search(r"""(href|src)\s*=\s*["']?\s*javascript:""", content, re.I)
    assert "[also](javascript:alert(3))" in content  # refused as a link: left as plain text
    assert "]]&gt;" in content  # the draft's ]]> survived as text
    assert "\x00" not in result.target.read_text(encoding="utf-8")
    # a tag name that is nothing but markup is dropped: metadata reaches WordPress as plain text
    assert [c.text for c in item.findall("category") if c.get("domain") == "post_tag"] == []


# What WordPress's importer plugin (WXR_Parser_SimpleXML) does with the file, in PHP itself.
IMPORTER_PARSE = r'''
$xml = simplexml_load_file($argv[1]);
if (!$xml) { fwrite(STDERR, "not XML\n"); exit(1); }
$version = $xml->xpath('/rss/channel/wp:wxr_version');
if (!$version || !preg_match('/^\d+\.\d+$/', trim((string) $version[0]))) { fwrite(STDERR, "no WXR version\n"); exit(1); }
$ns = $xml->getDocNamespaces();
$base = $xml->xpath('/rss/channel/wp:base_site_url');
$out = ['version' => trim((string) $version[0]), 'base_url' => (string) trim($base[0]), 'authors' => [], 'posts' => []];
foreach ($xml->xpath('/rss/channel/wp:author') as $a) {
    $a = $a->children($ns['wp']);
    $out['authors'][] = ['login' => (string) $a->author_login, 'display_name' => (string) $a->author_display_name];
}
foreach ($xml->channel->item as $item) {
    $dc = $item->children('http://purl.org/dc/elements/1.1/');
    $content = $item->children('http://purl.org/rss/1.0/modules/content/');
    $excerpt = $item->children($ns['excerpt']);
    $wp = $item->children($ns['wp']);
    $terms = [];
    foreach ($item->category as $c) {
        $att = $c->attributes();
        if (isset($att['nicename'])) $terms[] = [(string) $att['domain'], (string) $att['nicename'], (string) $c];
    }
    $out['posts'][] = ['title' => (string) $item->title, 'author' => (string) $dc->creator,
        'content' => (string) $content->encoded, 'excerpt' => (string) $excerpt->encoded,
        'status' => (string) $wp->status, 'type' => (string) $wp->post_type, 'name' => (string) $wp->post_name,
        'date' => (string) $wp->post_date, 'terms' => $terms];
}
echo json_encode($out);
'''


def test_wordpress_importers_parser_reads_the_post(store, draft, out_dir, post_dir):
    import json
    import shutil
    import subprocess

    php = shutil.which("php")
    if php is None:
        pytest.skip("php is not installed (scripts/wordpress-test-server installs it)")
    if subprocess.run([php, "-r", "exit(function_exists('simplexml_load_file') ? 0 : 1);"]).returncode:
        pytest.skip("PHP has no SimpleXML (Debian: php-xml; scripts/wordpress-test-server installs it)")
    result = export_draft(store, draft.id, "wxr", out_dir, options=Options(base_dir=post_dir))
    run = subprocess.run([php, "-r", IMPORTER_PARSE, str(result.target)], capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr
    data = json.loads(run.stdout)
    assert data["version"] == "1.2" and data["authors"] == [{"login": "janedoe", "display_name": "Jane Doe"}]
    post, = data["posts"]
    assert (post["title"], post["author"], post["status"], post["type"], post["name"]) == (
        "Ceasefire talks: what we know", "janedoe", "draft", "post", "ceasefire-talks")
    assert post["date"] == "2025-03-14 00:00:00"
    assert "<strong>Thursday</strong>" in post["content"] and post["excerpt"].startswith("What the")
    assert post["terms"] == [["category", "world", "World"], ["post_tag", "ukraine", "ukraine"],
                             ["post_tag", "diplomacy", "diplomacy"]]
