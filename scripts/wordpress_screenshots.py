#!/usr/bin/env python3
"""Screenshots of WordPress both ways for the README, against a real WordPress
(run by ``scripts/wordpress-screenshots``, which starts the test site and stops
it again if it was not running):

    python scripts/wordpress_screenshots.py OUTDIR    (DESKEDITOR_WORDPRESS_URL, _USER, _PASSWORD set)

- ``wordpress-pull.png``: Site → Pull a hundred-odd posts in, caught after the
  first page of posts (the pull waits there until the picture is taken);
- ``wordpress-publish.png``: the Publish dialog on a pulled post, scheduled,
  a category chosen from the site's own as it completed while typed;
- ``wordpress-conflict.png``: the same sentence changed in the draft and on the
  site, pulled again: the conflict side by side;
- ``wordpress-pull-deleted.png``: a post deleted on the site, pulled again: told,
  its draft kept.

The posts it makes on the site are deleted at the end.
"""

from __future__ import annotations

import base64
import datetime as _dt
import json
import os
import sys
import tempfile
import threading
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))
from screenshots import _pause, _shoot, _wait  # noqa: E402  (the window screenshots' helpers)

TITLES = ["Council approves the tram extension", "What the new budget means for schools",
          "Heatwave: how the hospitals coped", "Five questions about the harbour plan",
          "The bakery that survived three recessions", "Election night, street by street"]


class Site:
    """The site through its own REST API, as another user of it would edit it."""

    def __init__(self, url: str, user: str, password: str) -> None:
        self.url = url.rstrip("/")
        self.auth = "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()
        self.made: list[int] = []

    def call(self, method: str, route: str, body=None, **params):
        query = urllib.parse.urlencode(params)
        data = json.dumps(body).encode() if body is not None else None
        req = urllib.request.Request(f"{self.url}/?rest_route={route}&{query}", data=data, method=method,
                                     headers={"Authorization": self.auth, "Content-Type": "application/json"})
        with urllib.request.urlopen(req, timeout=60) as resp:
            return json.loads(resp.read()), resp.headers

    def create(self, **fields) -> dict:
        post, _ = self.call("POST", "/wp/v2/posts", fields)
        self.made.append(post["id"])
        return post

    def term(self, taxonomy: str, name: str) -> None:
        try:
            self.call("POST", f"/wp/v2/{taxonomy}", {"name": name})
        except urllib.error.HTTPError:
            pass  # already there

    def total(self) -> int:
        _, headers = self.call("GET", "/wp/v2/posts", per_page=1, status="draft,pending,future,publish,private",
                               _fields="id")
        return int(headers.get("X-WP-Total") or 0)

    def clean_up(self) -> None:
        for post_id in self.made:
            try:
                self.call("DELETE", f"/wp/v2/posts/{post_id}", force="true")
            except Exception as exc:  # a picture script: say so and go on
                print(f"could not delete post {post_id}: {exc}", file=sys.stderr)


def _para(*texts: str) -> str:
    return "\n\n".join(f"<!-- wp:paragraph -->\n<p>{t}</p>\n<!-- /wp:paragraph -->" for t in texts)


def _held_pull(release: threading.Event, reached: threading.Event):
    """The pull stops before asking for its second page until ``release``: the
    picture is of a pull in progress, not of one that happened to be fast.
    Returns what puts the pull back as it was."""
    from deskeditor.core.wordpress import pull as pull_mod

    pages = pull_mod.rm.pages

    def held(client, route, params, cancelled=lambda: False):
        for k, batch in enumerate(pages(client, route, params, cancelled)):
            yield batch
            if route == "/wp/v2/posts" and k == 0:
                reached.set()
                release.wait(60)
        reached.set()

    pull_mod.rm.pages = held
    return lambda: setattr(pull_mod.rm, "pages", pages)


def shoot_pull(app, store, out: Path) -> None:
    from deskeditor.gui.dialogs.wordpress import PullDialog

    release, reached = threading.Event(), threading.Event()
    restore = _held_pull(release, reached)
    dialog = PullDialog(store)
    dialog.resize(560, 200)
    dialog.show()
    dialog.go.click()
    if not _wait(app, lambda: reached.is_set() and "posts" in dialog.message.text(), 120):
        print("the pull did not get to its first page", file=sys.stderr)
    _pause(app, 0.8)
    _shoot(app, dialog, out / "wordpress-pull.png")
    release.set()
    _wait(app, lambda: dialog.result_value is not None, 300)
    restore()
    dialog.close()


def shoot_pull_again(app, store, out: Path) -> None:
    """Pull again after a post was deleted on the site: only what changed, and the deletion told."""
    from deskeditor.gui.dialogs.wordpress import PullDialog

    dialog = PullDialog(store)
    dialog.resize(560, 200)
    dialog.show()
    dialog.go.click()
    if not _wait(app, lambda: dialog.result_value is not None, 120):
        print("the second pull did not finish", file=sys.stderr)
    _pause(app, 0.8)
    _shoot(app, dialog, out / "wordpress-pull-deleted.png")
    dialog.close()


def shoot_publish(app, store, draft_id: int, out: Path) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    from deskeditor.gui.dialogs.publishing import PublishDialog

    dialog = PublishDialog(store, draft_id)
    dialog.status.setCurrentIndex(dialog.status.findData("future"))
    dialog.at.setText("2031-05-04 09:30")
    dialog.fields.tags.setText("trams, city council")
    if dialog.fields.image.count():  # one of the site's own media, when the pull brought any
        dialog.fields.image.setCurrentIndex(0)
    dialog.resize(640, 250)
    dialog.show()
    dialog.fields.categories.setFocus()
    dialog.fields.categories.setText("Local news, ")
    _pause(app, 0.3)
    QTest.keyClicks(dialog.fields.categories, "Tr", Qt.NoModifier, 60)  # the site's own names complete
    completer = dialog.fields.categories.completer()
    if _wait(app, completer.popup().isVisible, 10):  # take the first name offered, as Return would
        dialog.fields.categories.setText(completer.pathFromIndex(completer.completionModel().index(0, 0)))
        completer.popup().hide()
    else:
        print("no completion of the site's categories", file=sys.stderr)
    _pause(app, 0.8)
    _shoot(app, dialog, out / "wordpress-publish.png")
    dialog.close()


def shoot_conflict(app, store, draft_id: int, out: Path) -> None:
    from deskeditor.gui.dialogs.wordpress import ConflictDialog

    dialog = ConflictDialog(store, draft_id, "newsroom")
    dialog.resize(820, 330)
    dialog.show()
    _pause(app, 0.8)
    _shoot(app, dialog, out / "wordpress-conflict.png")
    dialog.close()


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    out = Path(argv[0] if argv else ROOT / "screenshots")
    out.mkdir(parents=True, exist_ok=True)
    url, user = os.environ["DESKEDITOR_WORDPRESS_URL"], os.environ["DESKEDITOR_WORDPRESS_USER"]
    password = os.environ["DESKEDITOR_WORDPRESS_PASSWORD"]
    os.environ["DESKEDITOR_WP_PASSWORD"] = password  # instead of the keyring, which Xvfb has none of
    tmp = Path(tempfile.mkdtemp(prefix="deskeditor-wp-shots-"))
    os.environ["DESKEDITOR_CONFIG_DIR"] = str(tmp / "config")

    from deskeditor.core.export.sites import Sites
    from deskeditor.core.store import Store
    from deskeditor.core.wordpress.links import WordPressLinks
    from deskeditor.core.wordpress.pull import pull
    from deskeditor.gui.app import make_application
    from deskeditor.gui.window.theme import apply_theme

    site = Site(url, user, password)
    try:
        for name in ("Local news", "Transport", "Travel", "Schools"):
            site.term("categories", name)
        for k in range(max(0, 140 - site.total())):  # more than one page of posts to pull
            site.create(title=f"{TITLES[k % len(TITLES)]} ({k + 1})", status=("publish", "draft")[k % 2],
                        content=_para("A paragraph of the archive."))
        post = site.create(title="Council approves the tram extension", status="draft", content=_para(
            "The council voted 31 to 12 on Tuesday to extend the tram line to the harbour.",
            "Work starts in March and should take two years.",
            "The extension costs 84 million euros, most of it from the regional fund."))
        gone = site.create(title="Road closures for the marathon", status="publish",
                           content=_para("Roads in the centre are closed from 6 to 14 on Sunday."))
        store = Store.open(tmp / "drafts.db")
        Sites(store.settings).add("newsroom", url, user)
        app = make_application()
        apply_theme(app, "light")
        shoot_pull(app, store, out)
        link = WordPressLinks(store.conn).by_remote("newsroom", post["id"])
        shoot_publish(app, store, link.draft_id, out)
        # the writer and an editor on the site change the same sentence
        body = store.drafts.get(link.draft_id).body
        store.drafts.save(link.draft_id, body.replace("should take two years.",
                                                      "should take two years, the mayor said on Tuesday."))
        site.call("POST", f"/wp/v2/posts/{post['id']}", {"content": post["content"]["raw"].replace(
            "should take two years.", "is due to finish in spring 2028.")})
        since = (_dt.datetime.fromisoformat(post["modified"]) - _dt.timedelta(seconds=2)).isoformat()
        result = pull(store, Sites(store.settings).get("newsroom"), password, since=since)
        if not result.conflicts:
            print("no conflict to shoot", file=sys.stderr)
        shoot_conflict(app, store, link.draft_id, out)
        site.call("DELETE", f"/wp/v2/posts/{gone['id']}", force="true")
        site.made.remove(gone["id"])
        shoot_pull_again(app, store, out)
        store.close()
    finally:
        site.clean_up()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
