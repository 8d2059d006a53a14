#!/usr/bin/env python3
"""Screenshots of the review for the README, under Xvfb:

    xvfb-run -a -s "-screen 0 1440x900x24 -dpi 96" .venv/bin/python scripts/review_screenshots.py [OUTDIR]

The sample post with an editor's suggestions and comments, opened "in review"
(so in suggest mode), a few more words typed as suggestions with real key
presses: suggest mode with the marks coloured (review-suggest.png), the Review
panel (review-panel.png) and the preview in track-changes view
(review-preview.png). Two reviewers: Adarsha's suggestions come with the
draft; Maria, who opens it, types inside Adarsha's insertion, which makes a
mark of her own and leaves his text his (review-two-authors.png).
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
try:  # the window screenshots' helpers: scripts/screenshots.py, beside this script
    from screenshots import SIZE, _pause, _sample_text, _shoot, _wait
except ImportError:  # where they were before they left the package
    from deskeditor.gui.screenshots import SIZE, _pause, _sample_text, _shoot, _wait


EDITS = [  # (old, marked): an editor's pass over the sample's opening paragraphs
    ("recently stated", "{~~recently stated~>said on Thursday~~}"),
    ("explicitly stressing", "{--explicitly --}stressing"),
    ("cautiously responded", "{==cautiously responded==}{>>@maria Is “cautiously” ours or Reuters’? "
     "Please quote.<<}{>>@adarsha Reuters’ word: I will quote it.<<}"),
    ("potentially including", "potentially{++, the Kremlin said,++} including"),
    ("deep-rooted geopolitical tensions", "{~~deep-rooted~>long-standing~~} geopolitical tensions"),
    ("signals openness", "signals {==openness==}{>>@maria Source for this reading?<<}"),
    ("short-lived", "short-lived{>>@maria Which ceasefires? Name one or two.<<}"),
]


def _reviewed_text() -> str:
    from deskeditor.core.markdown import frontmatter

    text = frontmatter.with_fields(_sample_text(), keyphrase="Russia-Ukraine ceasefire", status="review")
    for old, new in EDITS:
        text = text.replace(old, new, 1)
    return text


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    out = Path(argv[0] if argv else ROOT / "screenshots")
    out.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix="deskeditor-review-shots-"))
    os.environ["DESKEDITOR_CONFIG_DIR"] = str(tmp / "config")

    from PySide6.QtCore import QPoint, Qt
    from PySide6.QtTest import QTest
    from PySide6.QtGui import QTextCursor

    from deskeditor.core.store import Store
    from deskeditor.gui.app import make_application
    try:  # the window's modules, since the GUI was put in folders
        from deskeditor.gui.window.main_window import MainWindow
        from deskeditor.gui.window.settings import WindowSettings
        from deskeditor.gui.window.theme import apply_theme
    except ImportError:
        from deskeditor.gui.main_window import MainWindow
        from deskeditor.gui.settings import WindowSettings
        from deskeditor.gui.theme import apply_theme

    app = make_application()
    apply_theme(app, "light")
    store = Store.open(tmp / "drafts.db")
    store.settings.set("review.name", "maria")
    draft = store.drafts.create(_reviewed_text())
    from deskeditor.core.review import service
    from deskeditor.core.review.marks import find_marks

    for mark in find_marks(draft.body):  # Adarsha's insertion and replacement; the rest are Maria's
        if mark.is_suggestion:
            who = "adarsha" if mark.text in (", the Kremlin said,", "deep-rooted") else "maria"
            service.record_author(store, draft.id, mark, who)
    settings = WindowSettings(tmp / "config" / "window.ini", "shots")
    settings.set_value("last_draft", draft.id)
    w = MainWindow(store, settings, grammar=False)  # the rest starts at the first paint
    w.resize(*SIZE)
    w.move(QPoint(0, 0))
    w.show()
    session = getattr(w, "session", w)
    _wait(app, lambda: session.preview_sync.shown_version >= 0 and w.review.panel.list.count() > 0, 60)
    _pause(app, 2.0)
    e = w.editor
    text = e.text()
    e.go_to_line(text[:text.index("Russian President")].count("\n"))
    # type a suggestion and delete a word, as a reviewer would
    c = e.textCursor()
    c.setPosition(text.index("sustainable peace") + len("sustainable"))
    e.setTextCursor(c)
    QTest.keyClicks(e, " and verifiable")
    c = e.textCursor()
    at = e.text().index("thorough negotiations")
    c.setPosition(at + len("thorough "))
    e.setTextCursor(c)
    for _ in range(len("thorough ")):
        QTest.keyClick(e, Qt.Key_Backspace)
    c = e.textCursor()  # inside Adarsha's insertion: a mark of Maria's own
    c.setPosition(e.text().index("the Kremlin said") + len("the Kremlin"))
    e.setTextCursor(c)
    QTest.keyClicks(e, " spokesman")
    e.setFocus()
    w.review.show_panel()
    _pause(app, 2.5)
    _shoot(app, w, out / "review-suggest.png")
    sizes = w.splitter.sizes()
    w.splitter.setSizes([0, sizes[1] + sizes[0] - 200, max(200, sizes[2] - 200), sizes[3] + 400])
    w.review.panel.list.setCurrentRow(2)
    _pause(app, 1.5)
    _shoot(app, w, out / "review-panel.png")
    w.splitter.setSizes([0, 640, 0, 800])  # the editor and the panel: whose mark is whose
    row = next(i for i, m in enumerate(w.review.panel.marks) if m.text == " spokesman")
    w.review.panel.list.setCurrentRow(row)
    w.review.panel.list.scrollToItem(w.review.panel.list.item(row))
    c = e.textCursor()
    c.setPosition(e.text().index(" spokesman"))
    e.setTextCursor(c)
    e.centerCursor()
    _pause(app, 1.5)
    _shoot(app, w, out / "review-two-authors.png")
    w.splitter.setSizes([0, 560, 880, 0])
    _pause(app, 2.5)
    _shoot(app, w, out / "review-preview.png")
    w.close()
    store.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
