"""A site post's images shown from the site's folders (``core.site.images``):
what the dialect renderer makes of the post's image forms, rewritten to the
site's files, and nothing outside the site's folder ever named."""

from __future__ import annotations

import os
import re
import shutil

import pytest
from sitegen import hugo_site, jekyll_site

from deskeditor.core.markdown.render import render_html
from deskeditor.core.site.images import SiteFiles, local_images
from deskeditor.core.site.links import build_index
from deskeditor.core.site.workspace import Workspace

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed (apt-get install git)")


def _shown(markdown: str, env: dict) -> list[str]:
    """The src of each image the post's HTML shows (None where it shows none)."""
    html = local_images(render_html(markdown, env=env), SiteFiles.from_env(env))
    return [(m.group(1) if m else None) for m in
            (re.search(r'\ssrc="([^"]*)"', tag) for tag in re.findall(r"<img\b[^>]*>", html))]


def _env(ws, path: str) -> dict:
    index = build_index(ws)
    return {**index.link_env(), **index.files_env(path)}


def test_hugo_static_bundle_and_baseurl_images_are_the_sites_files(store, tmp_path):
    site = hugo_site(tmp_path / "h")
    ws, _ = Workspace.open(store, site)
    env = _env(ws, "content/posts/bundle-1/index.md")
    static = (site / "static/images/desk.jpg").resolve().as_uri()
    photo = (site / "content/posts/bundle-1/photo.png").resolve().as_uri()
    md = ("![a](/images/desk.jpg)\n\n![b](photo.png)\n\n![c]({{< baseurl >}}images/desk.jpg)\n\n"
          "![d](https://blog.example.org/images/desk.jpg)\n\n"
          '{{< figure src="/images/desk.jpg" caption="My desk" >}}\n')
    assert _shown(md, env) == [static, photo, static, static, static]


def test_jekyll_assets_and_liquid_forms_are_the_sites_files(store, tmp_path):
    site = jekyll_site(tmp_path / "j")
    (site / "_config.yml").write_text((site / "_config.yml").read_text().replace('baseurl: ""', "baseurl: /notes"))
    ws, _ = Workspace.open(store, site)
    env = _env(ws, "_posts/2023-01-10-post-0.md")
    desk = (site / "assets/desk.jpg").resolve().as_uri()
    md = ("![a](/assets/desk.jpg)\n\n![b]({{ site.baseurl }}/assets/desk.jpg)\n\n"
          '![c]({{ "/assets/desk.jpg" | relative_url }})\n\n![d](/notes/assets/desk.jpg)\n')
    assert _shown(md, env) == [desk, desk, desk, desk]


def test_nothing_outside_the_site_is_named_and_other_hosts_are_left_alone(store, tmp_path):
    site = hugo_site(tmp_path / "h")
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    os.symlink(outside / "secret.png", site / "static/images/link.png")  # a file symlinked out
    os.symlink(outside, site / "static/out")  # a folder symlinked out
    (site / ".git/logo.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    ws, _ = Workspace.open(store, site)
    env = _env(ws, "content/posts/bundle-1/index.md")
    md = ("![a](../../../../outside/secret.png)\n\n![b](/images/link.png)\n\n![c](/out/secret.png)\n\n"
          "![d](/../outside/secret.png)\n\n![e](/images/none.png)\n\n![f](/.git/logo.png)\n\n"
          f"![g]({outside}/secret.png)\n\n![h](https://other.example.com/x.png)\n\n"
          '<div class="imgcap"><img src="../../../../outside/secret.png" alt="raw"></div>\n\n'
          '{{< figure src="/out/secret.png" caption="A figure" >}}\n')
    shown = _shown(md, env)
    assert shown == [None] * 7 + ["https://other.example.com/x.png", None, None]
    html = local_images(render_html(md, env=env), SiteFiles.from_env(env))
    assert "file:" not in html and html.count("data-de-missing=") == 9


def test_a_draft_that_is_no_sites_post_is_left_as_it_was():
    html = render_html("![a](/images/desk.jpg)\n")
    assert local_images(html, SiteFiles.from_env({})) == html
