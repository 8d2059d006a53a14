"""Starting the app: ``deskeditor gui`` end to end, and restoring a backup from
a damaged database's window."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from deskeditor.core.store import Store

ROOT = Path(__file__).resolve().parents[2]


def test_deskeditor_gui_starts_paints_and_quits(tmp_path):
    db = tmp_path / "drafts.db"
    with Store.open(db) as s:
        s.drafts.create("# Hello\n\nFirst draft.\n")
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"), QT_QPA_PLATFORM="offscreen", DESKEDITOR_GRAMMAR="0",
               DESKEDITOR_CONFIG_DIR=str(tmp_path / "config"), DESKEDITOR_EXIT_AFTER_PAINT="1")
    done = subprocess.run([sys.executable, "-m", "deskeditor", "gui", "--db", str(db)], env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    assert any(line.startswith("first-paint ") for line in done.stdout.splitlines())
    assert (tmp_path / "config" / "window.ini").exists()  # the layout was remembered on close


def test_restoring_the_latest_backup_reopens_a_writable_window(tmp_path, qtbot):
    from deskeditor.gui.app import Session
    from deskeditor.gui.window.settings import WindowSettings

    db = tmp_path / "damaged.db"
    with Store.open(db) as store:
        for i in range(30):
            store.drafts.create(f"# Draft {i}\n\n" + "text " * 2000)
        backup = store.backup("manual")
    with open(db, "r+b") as fh:
        fh.seek(4096 * 3)
        fh.write(os.urandom(4096 * 4))
    app = __import__("PySide6.QtWidgets", fromlist=["QApplication"]).QApplication.instance()
    session = Session(app, db, WindowSettings(tmp_path / "w.ini", "x"), grammar=False)
    assert session.open()
    try:
        assert session.store.read_only
        session.restore_backup(backup)
        assert not session.store.read_only
        assert session.window.isVisible() and not session.window.editor.isReadOnly()
        assert len(session.store.drafts.list()) == 30
    finally:
        session.close()
        if session.window is not None:
            session.window.close()


FIRST_PAINT_PROBE = r'''
import json, sys, time
from pathlib import Path
from PySide6.QtCore import QEvent, QObject
from deskeditor.gui.app import make_application
from deskeditor.core.store import Store
from deskeditor.gui.window.main_window import MainWindow
from deskeditor.gui.window.settings import WindowSettings

app = make_application()
out = {"webengine_before_window": "PySide6.QtWebEngineWidgets" in sys.modules}
store = Store.open(Path(sys.argv[1]))
w = MainWindow(store, WindowSettings(Path(sys.argv[2]), "probe"), grammar=False)

class AtFirstPaint(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Paint and "paint" not in out:
            out["paint"] = {"text": w.editor.text(), "cursor": w.editor.cursor_offset(),
                            "preview": type(w.preview).__name__,
                            "webengine": "PySide6.QtWebEngineWidgets" in sys.modules}
        return False

probe = AtFirstPaint()
w.editor.viewport().installEventFilter(probe)
w.show()
end = time.monotonic() + 60
while time.monotonic() < end and not (type(w.preview).__name__ == "PreviewPane" and not w.preview.is_fallback()
                                      and w.session.preview_sync.shown_version >= 0):
    app.processEvents()
    time.sleep(0.01)
out["after"] = {"preview": type(w.preview).__name__, "fallback": w.preview.is_fallback(),
                "shown": w.session.preview_sync.shown_version >= 0, "text": w.editor.text()}
print(json.dumps(out))
w.close()
store.close()
'''


def test_the_window_paints_with_the_last_draft_before_the_web_preview_loads(tmp_path):
    """What launch speed rests on: QtWebEngine is loaded after the first paint,
    yet that paint already shows the last draft with the cursor where it was,
    and the real web preview follows."""
    import json

    from deskeditor.gui.window.settings import WindowSettings

    db = tmp_path / "drafts.db"
    with Store.open(db) as s:
        s.drafts.create("# First\n\nAlpha.\n")
        second = s.drafts.create("# Second\n\nBeta gamma delta.\n").id
        s.drafts.set_cursor(second, 12)
    ini = tmp_path / "window.ini"
    settings = WindowSettings(ini, "probe")
    settings.set_value("last_draft", second)
    settings.sync()
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"), QT_QPA_PLATFORM="offscreen")
    done = subprocess.run([sys.executable, "-c", FIRST_PAINT_PROBE, str(db), str(ini)], env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    out = json.loads(done.stdout.strip().splitlines()[-1])
    assert not out["webengine_before_window"]
    paint = out["paint"]
    assert paint["text"] == "# Second\n\nBeta gamma delta.\n" and paint["cursor"] == 12
    assert paint["preview"] == "LoadingPreview" and not paint["webengine"]
    assert out["after"] == {"preview": "PreviewPane", "fallback": False, "shown": True,
                            "text": paint["text"]}
