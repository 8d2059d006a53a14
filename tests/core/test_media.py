"""Where pasted and dropped images are kept (``core.media``): beside a Hugo
page bundle, in a site's static folder, or in the draft's own media folder;
never over an existing file. Real SQLite files, real folders."""

from __future__ import annotations

import pytest

from deskeditor.core import media
from deskeditor.core.errors import InputError
from deskeditor.core.store import Store

PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 32


def _site_draft(store, root, kind: str, path: str, settings: dict) -> int:
    draft = store.drafts.create("# Post\n\nText.\n")
    site = store.sites.add_root(str(root), kind, settings)
    store.sites.link(site.id, path, draft.id, "base", 1, 0, 0)
    return draft.id


def test_a_plain_draft_gets_a_media_folder_beside_the_database(tmp_path):
    with Store.open(tmp_path / "d.db") as store:
        draft = store.drafts.create("# Post\n")
        place = media.placement(store, draft.id)
    assert place.folder == (tmp_path / "media" / f"draft-{draft.id}").resolve()
    path, link = media.save_image(place, PNG, "card", ".png")
    again, link2 = media.save_image(place, PNG, "card", ".png")
    assert path.read_bytes() == PNG and again.name == "card-2.png" and path.exists()
    assert link == f"{place.folder}/card.png" and link2.endswith("card-2.png")


def test_a_hugo_page_bundle_keeps_its_images_beside_the_post(tmp_path):
    with Store.open(tmp_path / "d.db") as store:
        draft_id = _site_draft(store, tmp_path / "site", "hugo", "content/posts/trip/index.md",
                               {"static_dirs": ["static", "assets"]})
        place = media.placement(store, draft_id)
    assert place.folder == tmp_path / "site" / "content" / "posts" / "trip" and place.link_prefix == ""


@pytest.mark.parametrize("kind,statics,folder,prefix", [
    ("hugo", ["static", "assets"], "static/images", "/images/"),
    ("jekyll", ["assets", "images"], "assets/images", "/assets/images/"),
])
def test_a_site_post_keeps_its_images_where_the_site_serves_them(tmp_path, kind, statics, folder, prefix):
    with Store.open(tmp_path / "d.db") as store:
        draft_id = _site_draft(store, tmp_path / "site", kind, "content/posts/trip.md", {"static_dirs": statics})
        place = media.placement(store, draft_id)
    assert place.folder == tmp_path / "site" / folder and place.link_prefix == prefix


def test_markdown_names_and_limits():
    assert media.image_markdown("A [big] cat\n", "/x/cat.png") == "![A (big) cat](/x/cat.png)"
    assert media.image_markdown("cat", "/my pics/cat.png") == "![cat](</my pics/cat.png>)"
    assert media.file_stem("Holiday Photo (1)") == "holiday-photo-1"
    assert media.file_stem("!!!", "pasted") == "pasted"
    with pytest.raises(InputError, match="at most"):
        media.save_image(media.Placement(__import__("pathlib").Path("/nonexistent"), ""),
                         b"x" * (media.MAX_IMAGE_BYTES + 1), "big", ".png")
