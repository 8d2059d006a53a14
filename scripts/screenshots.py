"""Screenshots of the window for the README (run by ``scripts/screenshot``).

    python scripts/screenshots.py OUTDIR [--dark]

Opens the window on a fresh database holding the sample post (and a few
other drafts, so the library looks used), waits until the preview and the
first lint run are done, and writes PNGs of the whole screen (an X server,
Xvfb under the script, so tooltips and the web preview are in the picture):
main window, a lint hover, the history diff, focus mode, the window at
1280×720, the welcome page (an empty database), the SEO panel with one check's
sentences marked, Preferences, a pasted image (``screenshots_writer``), a
Hugo site's conflict, its post's Related posts and site images
(``screenshots_site``), the grammar checker's install
in progress (a real install into a scratch folder, cancelled once shot; only
with Maven and Java); with ``--dark``, the window in the dark palette.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

SIZE = (1440, 900)
SAMPLE = Path(__file__).resolve().parents[1] / "tests" / "data" / "russia-ukraine-ceasefire.txt"


def _sample_text() -> str:
    from deskeditor.core.importers import read_document

    if not SAMPLE.exists():
        raise SystemExit(f"the sample post is not there: {SAMPLE}")
    return read_document(SAMPLE).markdown


def _populate(db: Path) -> int:
    """The sample with a keyphrase and three revisions, plus a few other drafts."""
    from deskeditor.core.markdown import frontmatter
    from deskeditor.core.store import Store

    with Store.open(db) as store:
        store.drafts.create("# Notes for the Kyiv interview\n\nQuestions about the grain corridor.\n",
                            status="draft")
        store.drafts.create("# Energy prices this winter\n\nWhat the ceasefire means for gas.\n", status="review")
        store.drafts.create("# A reading list on the war\n\nBooks and long reads.\n", status="published")
        text = _sample_text()
        draft = store.drafts.create(text)
        first = frontmatter.with_fields(text, keyphrase="Russia-Ukraine ceasefire", status="review")
        draft = store.drafts.save(draft.id, first, note="keyphrase")
        edited = first.replace("Putin cautiously responded", "Putin responded cautiously", 1)
        edited = edited.replace("short-lived", "brief and fragile", 1)
        draft = store.drafts.save(draft.id, edited, note="saved")
        return draft.id


def _grammar_installed() -> bool:
    try:
        from deskeditor.core.lint.grammar import install

        return install.find_installation() is not None
    except Exception:
        return False


def _wait(app, cond, timeout: float) -> bool:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        app.processEvents()
        if cond():
            return True
        time.sleep(0.02)
    return cond()


def _pause(app, seconds: float) -> None:
    _wait(app, lambda: False, seconds)


def _shoot(app, window, path: Path) -> None:
    screen = window.screen() or app.primaryScreen()
    geo = window.frameGeometry()
    pixmap = screen.grabWindow(0, geo.x(), geo.y(), geo.width(), geo.height())
    if pixmap.isNull() or pixmap.width() < 10:
        pixmap = window.grab()
    pixmap.save(str(path))
    print(f"wrote {path}")


def _hover_a_finding(app, w) -> bool:
    """Show the tooltip of a finding, as the mouse would: a grammar finding with
    a suggestion if there is one (scrolled into view), else any in view."""
    from PySide6.QtCore import QPoint, QRect
    from PySide6.QtGui import QCursor, QTextCursor
    from PySide6.QtWidgets import QToolTip

    e = w.editor
    items = [m for m in e.underlines.items if 0 < m.end - m.start < 40 and e.underlines.at(m.start)]
    items.sort(key=lambda m: (m.finding.engine != "grammar", not m.finding.replacements, m.start))
    if not items:
        return False
    m = items[0]
    c = QTextCursor(e.document())
    c.setPosition(m.start)
    e.setTextCursor(c)
    e.centerCursor()
    _pause(app, 0.5)
    c.setPosition(m.start + 1)
    rect = e.cursorRect(c)
    local = QPoint(rect.center().x() + 4, rect.bottom() - 2)
    QCursor.setPos(e.viewport().mapToGlobal(local))
    _pause(app, 0.3)
    tip = w.lint_view.tooltip_at(m.start + 1)
    QToolTip.showText(e.viewport().mapToGlobal(local + QPoint(0, 12)), tip, e.viewport(), QRect(), 60000)
    _pause(app, 0.8)
    return QToolTip.isVisible()


def _shoot_install(app, w, out: Path, tmp: Path) -> None:
    """Tools › Install Grammar Checker… a few seconds into a real install."""
    import shutil

    if not (shutil.which("mvn") and shutil.which("java")):
        print("no Maven or Java: no install-progress picture", file=sys.stderr)
        return
    from deskeditor.gui.dialogs.install import InstallGrammarDialog

    dialog = InstallGrammarDialog(w, root=tmp / "languagetool")
    dialog.resize(640, 420)
    dialog.show()
    dialog.move(w.frameGeometry().center() - dialog.rect().center())
    dialog.start()
    _wait(app, lambda: dialog.log.toPlainText().count("downloaded") >= 8 or not dialog.running, 120)
    _pause(app, 0.5)
    _shoot(app, dialog, out / "install-progress.png")
    dialog.cancel()
    _wait(app, lambda: not dialog.running, 60)
    dialog.close()


def _shoot_site(app, w, out: Path, tmp: Path) -> None:
    """A Hugo site open (its posts in the library), one post edited here and on
    disk in the same line: the conflict dialog, both versions side by side."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "core" / "site"))
    from sitegen import hugo_site

    site = hugo_site(tmp / "my-blog")
    dialog = w.site.open_site(str(site))
    _wait(app, lambda: not dialog.running, 60)
    dialog.accept()
    post = "content/posts/post-0.md"
    link = next(f for f in w.store.sites.files(w.store.sites.roots()[0].id) if f.path == post)
    w.session.open_draft(link.draft_id)
    path = site / post
    path.write_text(path.read_text().replace("More soon.", "More soon, once the editor has read it."))
    w.editor.replace_text(w.editor.toPlainText().replace("More soon.", "More next week, with photos."))
    w.session.save_revision()
    if not _wait(app, lambda: w.site.dialog is not None and w.site.dialog.windowTitle().startswith("Resolve"), 30):
        print("no conflict dialog to shoot", file=sys.stderr)
        return
    _pause(app, 1.0)
    _shoot(app, w, out / "site-conflict.png")
    w.site.dialog.reject()


def _shoot_writer(app, w, out: Path, tmp: Path) -> None:
    """Focus mode; 1280×720 with every pane asked for (the preview steps aside
    for the editor); the welcome page of a window on an empty database."""
    from PySide6.QtCore import QPoint

    from deskeditor.core.store import Store
    from deskeditor.gui.window.main_window import MainWindow
    from deskeditor.gui.window.settings import WindowSettings

    w.actions_by_name["focus_mode"].setChecked(True)
    _pause(app, 1.5)
    _shoot(app, w, out / "focus-mode.png")
    w.actions_by_name["focus_mode"].setChecked(False)
    _pause(app, 1.0)
    for name in ("show_library", "show_preview", "show_panels"):
        w.actions_by_name[name].setChecked(True)
    w.tabs.setCurrentWidget(w.lint_panel)
    w.resize(1280, 720)
    _pause(app, 1.5)
    _shoot(app, w, out / "window-1280x720.png")
    w.resize(*SIZE)
    _pause(app, 0.5)
    empty = Store.open(tmp / "empty.db")
    first = MainWindow(empty, WindowSettings(tmp / "config" / "first.ini", "first"), grammar=False)
    first.start_background()
    first.resize(*SIZE)
    first.move(QPoint(0, 0))
    first.show()
    first.raise_()
    _wait(app, lambda: first.session.preview_sync.shown_version >= 0, 60)
    _pause(app, 2.5)
    _shoot(app, first, out / "welcome.png")
    first.close()
    empty.close()


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    dark = "--dark" in argv
    argv = [a for a in argv if a != "--dark"]
    out = Path(argv[0] if argv else "screenshots")
    out.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix="deskeditor-shots-"))
    os.environ["DESKEDITOR_CONFIG_DIR"] = str(tmp / "config")

    from PySide6.QtCore import QPoint
    from PySide6.QtGui import QTextCursor

    from deskeditor.core.store import Store
    from deskeditor.gui.app import make_application
    from deskeditor.gui.window.main_window import MainWindow
    from deskeditor.gui.window.settings import WindowSettings
    from deskeditor.gui.window.theme import apply_theme

    draft_id = _populate(tmp / "drafts.db")
    app = make_application()
    apply_theme(app, "dark" if dark else "light")
    store = Store.open(tmp / "drafts.db")
    settings = WindowSettings(tmp / "config" / "window.ini", "shots")
    settings.set_value("last_draft", draft_id)
    grammar = _grammar_installed()
    w = MainWindow(store, settings, grammar=grammar)
    w.start_background()  # the preview and lint at once, not after the first paint
    w.resize(*SIZE)
    w.move(QPoint(0, 0))
    w.show()
    w.tabs.setCurrentWidget(w.lint_panel)
    ok = _wait(app, lambda: w.session.lint.report is not None and w.session.preview_sync.shown_version >= 0, 120)
    if grammar:  # LanguageTool loads for a while; the check after it is ready has grammar
        ready = _wait(app, lambda: getattr(w.session.grammar.handle.server, "state", "") == "ready", 180) if w.session.grammar.handle else False
        if ready:
            _pause(app, 2.0)
            w.session.lint.run_now()
            _wait(app, lambda: not w.session.lint.worker.busy and any(
                m.finding.engine == "grammar" for m in w.editor.underlines.items), 120)
    if not ok:
        print("the window did not settle (lint or preview)", file=sys.stderr)
    _pause(app, 2.5)  # the web preview paints
    # a quiet starting point: the cursor after the first heading, scrolled to the top
    e = w.editor
    c = e.textCursor()
    c.setPosition(0)
    e.setTextCursor(c)
    e.verticalScrollBar().setValue(0)
    e.go_to_line(next((i for i, ln in enumerate(e.text().split("\n")) if ln.startswith("## ")), 0))
    c = e.textCursor()
    c.movePosition(QTextCursor.Down)
    c.movePosition(QTextCursor.Down)
    c.movePosition(QTextCursor.Down)
    e.setTextCursor(c)
    _pause(app, 1.5)
    suffix = "-dark" if dark else ""
    _shoot(app, w, out / f"main-window{suffix}.png")
    if not dark:
        if _hover_a_finding(app, w):
            _shoot(app, w, out / "lint-hover.png")
        else:
            print("no finding in view to hover", file=sys.stderr)
        from PySide6.QtWidgets import QToolTip

        QToolTip.hideText()
        w.view.show_history()
        w.history_panel.select(2)
        _wait(app, lambda: "fragile" in w.history_panel.diff.toPlainText(), 20)
        sizes = w.splitter.sizes()
        w.splitter.setSizes([sizes[0], sizes[1], max(200, sizes[2] - 320), sizes[3] + 320])
        _pause(app, 1.0)
        _shoot(app, w, out / "history-diff.png")
        _shoot_writer(app, w, out, tmp)
        import screenshots_writer as writer

        writer.shoot_seo_marks(app, w, out, _shoot, _wait, _pause)
        writer.shoot_preferences(app, w, out, _shoot, _pause)
        writer.shoot_pasted_image(app, w, out, _shoot, _wait, _pause)
        _shoot_install(app, w, out, tmp)
        _shoot_site(app, w, out, tmp)
        import screenshots_site

        screenshots_site.shoot(app, w, out, tmp, _shoot, _wait, _pause)
    w.close()
    store.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
