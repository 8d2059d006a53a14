"""Where deskeditor's resources (CSS, the preview page, fonts' metrics, CSL
styles, the icon and the desktop files) live.

The repository keeps them in its top-level ``resources/`` folder; the build maps
that folder into the package as ``deskeditor/assets/`` (setup.py), so an
installed wheel finds them through ``importlib.resources`` wherever it is
installed. A checkout, or an editable install of one (what scripts/run and
scripts/test make), has no ``assets`` folder and reads ``resources/`` where it
is. ``DESKEDITOR_RESOURCES`` overrides both.

Callers get real paths (Qt loads the preview page by file URL): a wheel is
always installed unpacked, so the packaged folder is on disk.
"""

from __future__ import annotations

import os
from importlib import resources as _importlib_resources
from pathlib import Path

PACKAGED = "assets"  # the folder inside the package that setup.py fills from resources/
_CHECKOUT = Path(__file__).resolve().parents[2] / "resources"


def root() -> Path:
    env = os.environ.get("DESKEDITOR_RESOURCES")
    if env:
        return Path(env)
    packaged = _importlib_resources.files(__package__) / PACKAGED
    if isinstance(packaged, Path) and packaged.is_dir():
        return packaged
    return _CHECKOUT


def path(relative: str) -> Path:
    return root() / relative


def read_text(relative: str) -> str:
    return path(relative).read_text(encoding="utf-8")
