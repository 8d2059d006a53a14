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
    from deskeditor.gui.settings import WindowSettings

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
