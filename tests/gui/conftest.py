"""Qt set-up shared by the GUI tests: real Qt, offscreen, QtWebEngine ready.

QtWebEngine has to be configured (``--no-sandbox`` as root, the module loaded)
before pytest-qt creates the QApplication, so it happens here, at import time.
"""

from __future__ import annotations

import os

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from deskeditor.gui.preview import configure_webengine_env  # noqa: E402

configure_webengine_env()


def pytest_collection_modifyitems(items):
    for item in items:
        if "/tests/gui/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.gui)


@pytest.fixture
def run_js(qtbot):
    """``run_js(page, code, world=0)``: run JavaScript in a QWebEnginePage and return its result."""

    def run(page, code: str, world: int = 0, timeout: int = 10_000):
        box: list = []
        page.runJavaScript(code, world, box.append)
        qtbot.waitUntil(lambda: bool(box), timeout=timeout)
        return box[0]

    return run


@pytest.fixture(scope="module")
def languagetool(lt_server):
    """The real local LanguageTool server's URL: the suite's one server
    (``tests/fixtures/grammar.py``; skipped, or failed under scripts/test, if
    not installed)."""
    return lt_server.url


# ---- the main window's fixtures (the window, session and dialog tests) ----------

@pytest.fixture
def db_path(tmp_path):
    return tmp_path / "drafts.db"


@pytest.fixture
def open_window(qtbot, tmp_path):
    """``open_window(db_path, **options)``: a real MainWindow on a real SQLite file.

    Grammar is off (no LanguageTool in these tests) unless ``grammar=True``;
    the preview is the real one. Each window gets its own store connection; all
    windows are closed (saving, like the user closing them) at the end.
    """
    from deskeditor.core.store import Store
    from deskeditor.gui.window.main_window import MainWindow
    from deskeditor.gui.window.settings import WindowSettings, database_key

    made = []

    def make(path, *, settings_file=None, grammar=False, **options):
        store = Store.open(path)
        settings = WindowSettings(settings_file or tmp_path / "window.ini", database_key(path))
        window = MainWindow(store, settings, grammar=grammar, **options)
        window.start_background()  # the preview and lint at once, not after the first paint
        window.resize(1400, 900)
        window.show()
        qtbot.waitExposed(window)
        made.append((window, store))
        return window

    yield make
    for window, store in made:
        if not window._closing:
            window.close()
        store.close()


@pytest.fixture
def answer_dialog(qtbot):
    """``answer_dialog(button_text)``: click that button (None: the Cancel one)
    in the next modal message box, as the user would; returns a list that
    gets the box's text."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    def arm(button_text):
        seen: list = []

        def click():
            box = QApplication.activeModalWidget()
            if not isinstance(box, QMessageBox):
                QTimer.singleShot(20, click)
                return
            seen.append(box.text())
            for b in box.buttons():
                if b.text() == button_text or (button_text is None and box.buttonRole(b) == QMessageBox.RejectRole):
                    b.click()
                    return

        QTimer.singleShot(0, click)
        return seen

    return arm
