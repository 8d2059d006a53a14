"""Starting the window: ``run(args)`` is what ``deskeditor gui`` calls.

Creates the QApplication (QtWebEngine's environment first), opens the store
(an integrity problem opens it read-only and the window offers the latest
backup), shows the main window and runs the event loop. Restoring a backup
closes the window and the store, replaces the file and opens both again.
"""

from __future__ import annotations

import gc
import os
import sys
import time
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from .. import resources
from ..core.errors import DeskeditorError
from ..desktop_files import APP_ID, ICON_SVG, ICONS
from ..core.store import Store, database
from .preview.host import configure_env
from .window.settings import WindowSettings, database_key, default_settings_file
from .window.theme import apply_theme

EXIT_OK, EXIT_FAILED = 0, 2


CHROMIUM_FLAGS = "QTWEBENGINE_CHROMIUM_FLAGS"


def preview_flags(current: str, gpu: bool) -> str:
    """Chromium flags for the preview: no GPU unless asked for. A document
    preview gains nothing from GPU compositing, and it costs some 60 MiB."""
    flags = current.split()
    if not gpu and "--disable-gpu" not in flags and "--enable-gpu" not in flags:
        flags.append("--disable-gpu")
    return " ".join(flags)


def make_application(argv: list[str] | None = None) -> QApplication:
    """The QApplication, created once, with QtWebEngine's prerequisites set
    (``DESKEDITOR_PREVIEW_GPU=1`` lets the preview use the GPU)."""
    app = QApplication.instance()
    if app is not None:
        return app
    os.environ[CHROMIUM_FLAGS] = preview_flags(os.environ.get(CHROMIUM_FLAGS, ""),
                                               os.environ.get("DESKEDITOR_PREVIEW_GPU") == "1")
    configure_env()
    QCoreApplication.setAttribute(Qt.AA_ShareOpenGLContexts, True)
    app = QApplication(argv or [sys.argv[0]])
    app.setApplicationName("deskeditor")
    app.setOrganizationName("deskeditor")
    app.setApplicationDisplayName("deskeditor")
    app.setDesktopFileName(APP_ID)  # Wayland matches the window to the menu entry by this name
    app.setWindowIcon(application_icon())
    return app


def application_icon() -> QIcon:
    """The shipped icon (its PNGs and SVG), whether or not the desktop files are installed."""
    icon = QIcon()
    for png in sorted(resources.path(ICONS).glob(f"*/apps/{APP_ID}.png")):
        icon.addFile(str(png))
    icon.addFile(str(resources.path(ICON_SVG)))
    return icon


class _FirstPaint(QObject):
    """Prints the time of the window's first paint and quits (bench/window.py)."""

    def __init__(self, widget, started: float) -> None:
        super().__init__(widget)
        self.started = started
        self.done = False
        widget.installEventFilter(self)

    def eventFilter(self, obj, event) -> bool:  # noqa: N802
        if event.type() == QEvent.Paint and not self.done:
            self.done = True
            self.painted = time.monotonic()
            self.cpu = time.process_time()
            QTimer.singleShot(0, self._report)
        return False

    def _report(self) -> None:
        print(f"first-paint {self.painted:.6f} {self.painted - self.started:.6f} {self.cpu:.6f}", flush=True)
        if os.environ.get("DESKEDITOR_EXIT_AFTER_PAINT") == "1":
            QApplication.instance().closeAllWindows()


class Session:
    """One database and its window; can reopen both (after a backup restore)."""

    def __init__(self, app: QApplication, db_path: Path, settings: WindowSettings, grammar: bool) -> None:
        self.app, self.db_path, self.settings, self.grammar = app, db_path, settings, grammar
        self.store: Store | None = None
        self.window = None

    def open(self) -> bool:
        from .window.main_window import MainWindow

        try:
            self.store = Store.open(self.db_path)
        except DeskeditorError as exc:
            offer_backup = bool(database.list_backups(self.db_path)) if self.db_path.exists() else False
            return self._cannot_open(str(exc), offer_backup)
        self.store.start_daily_backup()  # at most one a day, in the background; none for a damaged file
        self.window = MainWindow(self.store, self.settings, grammar=self.grammar)
        self.window.restoreBackupRequested.connect(self.restore_backup)
        self.window.destroyed.connect(lambda *_: None)
        self.window.show()
        return True

    def _cannot_open(self, message: str, offer_backup: bool) -> bool:
        box = QMessageBox(QMessageBox.Critical, "deskeditor", f"Cannot open the database:\n{message}")
        restore = box.addButton("Restore Latest Backup", QMessageBox.AcceptRole) if offer_backup else None
        box.addButton(QMessageBox.Close)
        box.exec()
        if restore is not None and box.clickedButton() is restore:
            try:
                database.restore_backup(self.db_path, database.list_backups(self.db_path)[0])
            except DeskeditorError as exc:
                QMessageBox.critical(None, "deskeditor", f"The backup could not be restored: {exc}")
                return False
            return self.open()
        return False

    def restore_backup(self, backup: Path) -> None:
        window, store = self.window, self.store
        self.app.setQuitOnLastWindowClosed(False)
        try:
            window.close()
        finally:
            QTimer.singleShot(0, lambda: self.app.setQuitOnLastWindowClosed(True))
        if window.isVisible():  # the user kept it open (unsaved text)
            return
        store.close()
        try:
            database.restore_backup(self.db_path, backup)
        except DeskeditorError as exc:
            QMessageBox.critical(None, "deskeditor", f"The backup could not be restored: {exc}")
        window.deleteLater()
        self.open()

    def close(self) -> None:
        if self.window is not None:
            self.window.shutdown()
        if self.store is not None:
            self.store.close()


def tune_interpreter() -> None:
    """The objects made so far (modules, Qt wrappers) are left out of full
    garbage collections, which then take far less time. Call once the window
    is up. (Parsing and rendering run in worker processes: nothing in this
    process holds the GIL for long, so the switch interval stays Python's.)"""
    gc.freeze()


def run(args) -> int:
    started = time.monotonic()
    db_path = Path(args.db).expanduser() if getattr(args, "db", None) else database.default_db_path()
    app = make_application()
    settings = WindowSettings(default_settings_file(), database_key(db_path))
    apply_theme(app, os.environ.get("DESKEDITOR_THEME") or str(settings.value("theme", "system")))
    grammar = os.environ.get("DESKEDITOR_GRAMMAR", "1") != "0"
    session = Session(app, db_path, settings, grammar)
    if not session.open():
        return EXIT_FAILED
    tune_interpreter()
    if os.environ.get("DESKEDITOR_REPORT_PAINT") == "1" or os.environ.get("DESKEDITOR_EXIT_AFTER_PAINT") == "1":
        _FirstPaint(session.window.editor.viewport(), started)
    app.setQuitOnLastWindowClosed(True)
    try:
        code = app.exec()
    finally:
        session.close()
    return EXIT_OK if code == 0 else code
