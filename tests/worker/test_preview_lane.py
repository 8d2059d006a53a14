"""The preview lane's render with what the window sends along: a site post's
links and folder (its images from the site's files), and the writer's consent
to remote images (video thumbnails). Real child processes."""

from __future__ import annotations

import pytest
from laneanswers import Answers

from deskeditor.worker.lane import Lane
from deskeditor.worker.preview import BlockCache, RenderRequest


@pytest.fixture
def preview():
    got, cache = Answers(done_only=True), BlockCache()
    lane = Lane("preview", got)

    def render(text: str, *, generation: int = 1, remote: bool = False, links: dict | None = None) -> str:
        lane.submit(generation, "render", RenderRequest(generation, remote_media=remote), text,
                    {"sources": {}, "links": links or {}})
        return "".join(b.html for b in cache.expand(got.next().value))

    yield render
    lane.close()


def test_links_that_arrive_later_re_render_the_same_text(preview):
    text = 'Intro.\n\nSee [the other post]({{< ref "other.md" >}}).\n'
    assert "de-unresolved" in preview(text)
    shown = preview(text, generation=2, links={"site_links": {"other": "/2024/01/other/"}, "base_url": ""})
    assert 'href="/2024/01/other/"' in shown and "de-unresolved" not in shown


def test_a_site_posts_images_come_from_the_sites_folder_only(preview, tmp_path):
    site = tmp_path / "site"
    (site / "static/images").mkdir(parents=True)
    (site / "static/images/a.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (tmp_path / "secret.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    links = {"site_links": {}, "base_url": "https://blog.example.org/",
             "site_files": {"root": str(site), "static_dirs": ["static"], "post": "content/posts/p.md",
                            "base_url": "https://blog.example.org/"}}
    text = "![a](/images/a.png)\n\n![s](../../../secret.png)\n"
    shown = preview(text, links=links)
    assert f'src="{(site / "static/images/a.png").as_uri()}"' in shown
    assert "secret.png" in shown and shown.count("src=") == 1  # the one outside names no file to load


@pytest.mark.parametrize("remote", [False, True])
def test_video_cards_show_a_thumbnail_only_with_consent(preview, remote):
    shown = preview("{{< youtube gSGYYdrTFUk >}}\n\n{{< vimeo 146022717 >}}\n", remote=remote)
    assert 'href="https://www.youtube.com/watch?v=gSGYYdrTFUk"' in shown and 'href="https://vimeo.com/146022717"' in shown
    if remote:
        assert shown.count("<img") == 1 and 'src="https://i.ytimg.com/vi/gSGYYdrTFUk/hqdefault.jpg"' in shown
    else:
        assert "<img" not in shown and "ytimg" not in shown and "vimeocdn" not in shown


def test_consent_given_later_re_renders_the_cards(preview):
    text = "{{< youtube abc >}}\n"
    assert "<img" not in preview(text)
    assert "i.ytimg.com/vi/abc/" in preview(text, generation=1, remote=True)
    assert "<img" not in preview(text, generation=1, remote=False)
