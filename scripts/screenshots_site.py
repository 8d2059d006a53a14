"""Screenshots of a Hugo site's post (called by ``screenshots.py``, or on its own:
``python scripts/screenshots_site.py OUTDIR`` under an X server): the SEO
panel's Related posts with the link to insert (``seo-related.png``), and the
preview showing the post's pictures from the site's folders, a ``static/``
image through the figure shortcode and a page-bundle file
(``site-preview-images.png``)."""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

SIZE = (1440, 900)


def _picture(path: Path, label: str, color: str) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QColor, QFont, QImage, QPainter

    image = QImage(640, 200, QImage.Format_RGB32)
    image.fill(QColor(color))
    p = QPainter(image)
    p.setPen(QColor("white"))
    font = QFont()
    font.setPixelSize(30)
    p.setFont(font)
    p.drawText(image.rect(), Qt.AlignCenter, label)
    p.end()
    image.save(str(path), "PNG")  # the browser reads PNG bytes whatever the name says


def _site(tmp: Path) -> Path:
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "core" / "site"))
    from sitegen import hugo_site

    site = hugo_site(tmp / "desk-blog")
    _picture(site / "static/images/desk.jpg", "static/images/desk.jpg", "#2f6f8f")
    _picture(site / "content/posts/bundle-1/photo.png", "content/posts/bundle-1/photo.png", "#7a4f9a")
    bundle4 = site / "content/posts/bundle-4/index.md"
    bundle4.write_text(bundle4.read_text().replace("\ntitle: 'Bundle 4'", "\nfocus_keyphrase: standing desk\n"
                                                   "title: 'My standing desk, a year on'", 1))
    return site


def shoot(app, w, out: Path, tmp: Path, shoot_png, wait, pause) -> None:
    from PySide6.QtCore import Qt

    site = _site(tmp)
    dialog = w.site.open_site(str(site))
    wait(app, lambda: not dialog.running, 60)
    dialog.accept()
    root = next(r for r in w.store.sites.roots() if r.root == str(site.resolve()))
    link = next(f for f in w.store.sites.files(root.id) if f.path == "content/posts/bundle-1/index.md")
    w.session.open_draft(link.draft_id)
    for name in ("show_library", "show_preview", "show_panels"):
        w.actions_by_name[name].setChecked(True)
    w.editor.replace_text(w.editor.text().replace("## Next", "![The bundle's own photo](photo.png)\n\n## Next"))
    w.view.show_seo()
    sizes = w.splitter.sizes()
    total = sum(sizes)
    w.splitter.setSizes([220, 480, 360, total - 1060])
    field = w.seo_panel.edits["keyphrase"]
    field.setFocus()
    field.setText("standing desk")
    field.textEdited.emit("standing desk")
    w.seo_panel.apply_pending()
    related = w.seo_panel.related
    if not wait(app, lambda: bool(related.posts) and "relref" in related.posts[0].markdown
                and "standing" in related.posts[0].title, 60):
        print("no related posts to shoot", file=sys.stderr)
    scroll = w.seo_panel.layout().itemAt(0).widget()
    scroll.ensureWidgetVisible(related, 0, 200)
    w.editor.setFocus()
    pause(app, 2.0)
    shoot_png(app, w, out / "seo-related.png")
    # the preview scrolled to the pictures
    w.splitter.setSizes([0, 560, total - 560 - 360, 360])
    pause(app, 1.0)
    w.preview.scroll_to_line(next(i for i, ln in enumerate(w.editor.text().split("\n")) if "Finally" in ln))
    pause(app, 2.0)
    shoot_png(app, w, out / "site-preview-images.png")
    w.editor.setFocus(Qt.OtherFocusReason)


def main(argv: list[str]) -> int:
    out = Path(argv[0] if argv else "screenshots")
    out.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix="deskeditor-site-shots-"))
    import os

    os.environ["DESKEDITOR_CONFIG_DIR"] = str(tmp / "config")
    from PySide6.QtCore import QPoint

    from deskeditor.core.store import Store
    from deskeditor.gui.app import make_application
    from deskeditor.gui.window.main_window import MainWindow
    from deskeditor.gui.window.settings import WindowSettings
    from deskeditor.gui.window.theme import apply_theme

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from screenshots import _pause, _shoot, _wait

    app = make_application()
    apply_theme(app, "light")
    store = Store.open(tmp / "drafts.db")
    w = MainWindow(store, WindowSettings(tmp / "config" / "window.ini", "site-shots"), grammar=False)
    w.start_background()
    w.resize(*SIZE)
    w.move(QPoint(0, 0))
    w.show()
    _pause(app, 1.0)
    shoot(app, w, out, tmp, _shoot, _wait, _pause)
    w.close()
    store.close()
    return 0


if __name__ == "__main__":
    start = time.monotonic()
    raise SystemExit(main(sys.argv[1:]))
