"""The live preview of a site's post in the window, on the real QtWebEngine
page: its images come from the site's folders (Hugo ``static/``, Jekyll's
``assets/``, a page bundle's own files) and nothing outside the site's folder
loads; video cards show a thumbnail only after the writer allowed remote
images, and name no remote image before."""

from __future__ import annotations

import json
import os
import shutil
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QImage

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "core" / "site"))
from sitegen import hugo_site, jekyll_site  # noqa: E402
from sitegen import open_post_in_window as _open_post  # noqa: E402

from deskeditor.core.store import Store  # noqa: E402

needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed (apt-get install git)")
TIMEOUT = 30_000
IMAGES = """JSON.stringify(Array.from(document.images).map(i => ({
    alt: i.alt, src: i.getAttribute('src'), complete: i.complete, width: i.naturalWidth})))"""


def picture(path: Path, width: int) -> None:
    """A real image (PNG bytes; the browser reads them whatever the name says)."""
    image = QImage(width, 10, QImage.Format_RGB32)
    image.fill(QColor("#3366cc"))
    assert image.save(str(path), "PNG")


def _settled_images(qtbot, run_js, page, count: int) -> dict:
    """alt -> the image's state once the page holds ``count`` images and all have loaded or failed."""
    box: dict = {}

    def settled():
        found = json.loads(run_js(page, IMAGES))
        box.clear()
        box.update({i["alt"]: i for i in found})
        return len(found) == count and all(i["complete"] for i in found)

    qtbot.waitUntil(settled, timeout=TIMEOUT)
    return box


@needs_git
def test_a_hugo_posts_static_and_bundle_images_load_and_nothing_outside_does(
        open_window, db_path, qtbot, run_js, tmp_path):
    site = hugo_site(tmp_path / "blog")
    picture(site / "static/images/desk.jpg", 31)  # the figure shortcode's /images/desk.jpg
    picture(site / "content/posts/bundle-1/photo.png", 23)
    outside = tmp_path / "outside"
    outside.mkdir()
    picture(outside / "secret.png", 17)
    os.symlink(outside / "secret.png", site / "static/images/linked.png")
    w = open_window(db_path)
    _open_post(qtbot, w, db_path, site, "content/posts/bundle-1/index.md")
    text = w.editor.text().replace("## Next", "![bundle](photo.png)\n\n![dotdot](../../../../outside/secret.png)\n\n"
                                   "![symlink](/images/linked.png)\n\n"
                                   f"![absolute]({outside}/secret.png)\n\n## Next")
    w.editor.replace_text(text)
    shown = _settled_images(qtbot, run_js, w.preview.web_page(), 5)
    assert shown["My desk, mid-refactor"]["width"] == 31
    assert shown["My desk, mid-refactor"]["src"] == (site / "static/images/desk.jpg").resolve().as_uri()
    assert shown["bundle"]["width"] == 23
    for alt in ("dotdot", "symlink", "absolute"):
        assert shown[alt]["width"] == 0 and shown[alt]["src"] is None, shown[alt]


@needs_git
def test_a_jekyll_posts_assets_image_loads(open_window, db_path, qtbot, run_js, tmp_path):
    site = jekyll_site(tmp_path / "notes")
    picture(site / "assets/desk.jpg", 29)  # the post's ![My desk]({{ site.baseurl }}/assets/desk.jpg)
    w = open_window(db_path)
    _open_post(qtbot, w, db_path, site, "_posts/2023-01-10-post-0.md")
    text = w.editor.text().replace("## Next", "![plain](/assets/desk.jpg)\n\n## Next")
    w.editor.replace_text(text)
    shown = _settled_images(qtbot, run_js, w.preview.web_page(), 2)
    assert shown["My desk"]["width"] == 29 and shown["plain"]["width"] == 29


def test_video_cards_show_a_thumbnail_only_after_remote_images_are_allowed(open_window, db_path, qtbot, run_js):
    with Store.open(db_path) as store:
        store.drafts.create("---\ntitle: Clips\n---\n\nWatch this:\n\n{{< youtube gSGYYdrTFUk >}}\n\n"
                            "And this:\n\n{{< vimeo 146022717 >}}\n", title="Clips")
    w = open_window(db_path)
    sync = w.session.preview_sync
    html = lambda: "".join(b.html or "" for b in sync.blocks)  # noqa: E731
    qtbot.waitUntil(lambda: "youtube.com/watch?v=gSGYYdrTFUk" in html(), timeout=TIMEOUT)
    assert "<img" not in html() and "ytimg" not in html()
    page = w.preview.web_page()
    qtbot.waitUntil(lambda: "youtube.com/watch" in run_js(page, "document.body.innerHTML"), timeout=TIMEOUT)
    assert run_js(page, "document.images.length") == 0
    w.actions_by_name["remote_images"].setChecked(True)  # View › Load Remote Images in Preview
    # the interceptor under the page still refuses the fetch: the test reaches no network
    page.guard.allow_remote_images = False
    thumb = "https://i.ytimg.com/vi/gSGYYdrTFUk/hqdefault.jpg"
    with qtbot.waitSignal(page.guard.blocked, timeout=TIMEOUT,
                          check_params_cb=lambda url: url.toString() == thumb):
        qtbot.waitUntil(lambda: thumb in html(), timeout=TIMEOUT)
    assert html().count("<img") == 1  # Vimeo's card stays without one (no address without an API call)
    assert json.loads(run_js(page, IMAGES))[0]["src"] == thumb
    w.actions_by_name["remote_images"].setChecked(False)
    qtbot.waitUntil(lambda: "<img" not in html(), timeout=TIMEOUT)
