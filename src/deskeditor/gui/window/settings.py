"""The window's own remembered state: splitter sizes, visible panes, last draft.

Kept with QSettings in one INI file per user (``window.ini`` in the user's
config folder), in a group per database, so two databases keep separate
layouts. The object is created by ``app.run`` and handed to the window;
nothing here is global.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, QSettings


def default_settings_file() -> Path:
    import os

    import platformdirs

    env = os.environ.get("DESKEDITOR_CONFIG_DIR")
    folder = Path(env) if env else Path(platformdirs.user_config_dir("deskeditor", appauthor=False))
    return folder / "window.ini"


def database_key(db_path: Path | str | None) -> str:
    if db_path is None:
        return "default"
    resolved = str(Path(db_path).expanduser().resolve())
    return "db-" + hashlib.sha1(resolved.encode("utf-8", "surrogatepass")).hexdigest()[:12]


class WindowSettings:
    """Typed access to the remembered window state of one database."""

    def __init__(self, file: Path | str, db_key: str = "default") -> None:
        self.file = Path(file)
        self.file.parent.mkdir(parents=True, exist_ok=True)
        self._qs = QSettings(str(self.file), QSettings.IniFormat)
        self.group = db_key

    def _key(self, name: str) -> str:
        return f"{self.group}/{name}"

    def value(self, name: str, default: Any = None) -> Any:
        return self._qs.value(self._key(name), default)

    def set_value(self, name: str, value: Any) -> None:
        self._qs.setValue(self._key(name), value)

    def int_list(self, name: str) -> list[int]:
        raw = self.value(name)
        if raw is None:
            return []
        if isinstance(raw, str):
            raw = [raw]
        try:
            return [int(x) for x in raw]
        except (TypeError, ValueError):
            return []

    def flag(self, name: str, default: bool) -> bool:
        raw = self.value(name)
        if raw is None:
            return default
        if isinstance(raw, str):
            return raw.lower() in ("1", "true", "yes")
        return bool(raw)

    def int(self, name: str, default: int = 0) -> int:
        try:
            return int(self.value(name, default))
        except (TypeError, ValueError):
            return default

    def geometry(self) -> QByteArray | None:
        raw = self.value("geometry")
        return raw if isinstance(raw, QByteArray) else None

    def sync(self) -> None:
        self._qs.sync()
