"""Process-wide QtWebEngine set-up that must happen before the QApplication exists."""

from __future__ import annotations

import importlib
import os

FLAGS = "QTWEBENGINE_CHROMIUM_FLAGS"
DISABLE = "DESKEDITOR_NO_WEBENGINE"


def webengine_disabled() -> bool:
    """True when the user asked for the plain preview (DESKEDITOR_NO_WEBENGINE=1)."""
    return os.environ.get(DISABLE, "").strip().lower() not in ("", "0", "false", "no")


def chromium_flags(current: str, *, root: bool) -> str:
    """``current`` plus ``--no-sandbox`` when running as root (Chromium refuses otherwise)."""
    flags = current.split()
    if root and "--no-sandbox" not in flags:
        flags.append("--no-sandbox")
    return " ".join(flags)


def configure_webengine_env(load: bool = True) -> None:
    """Prepare QtWebEngine; call before creating the QApplication.

    As root, Chromium's sandbox cannot start, so ``--no-sandbox`` is added; normal
    users keep the sandbox. QtWebEngine shares OpenGL contexts with the
    application, so ``AA_ShareOpenGLContexts`` is set now. With ``load`` the
    QtWebEngineWidgets module is imported now as well; the window passes
    ``load=False`` and imports it only when it creates the preview, after its
    first paint (some 60 ms sooner on screen). Failure to import is not an
    error here: the preview pane falls back to a plain view.
    """
    is_root = hasattr(os, "geteuid") and os.geteuid() == 0
    flags = chromium_flags(os.environ.get(FLAGS, ""), root=is_root)
    if flags:
        os.environ[FLAGS] = flags
    if webengine_disabled():
        return
    try:
        from PySide6.QtCore import QCoreApplication, Qt

        if QCoreApplication.instance() is None:
            QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)
        if load:
            importlib.import_module("PySide6.QtWebEngineWidgets")  # registers itself with Qt
    except Exception:  # noqa: BLE001 - any failure means "no QtWebEngine", handled by the pane
        pass
