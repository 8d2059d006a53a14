"""The Linux desktop's conventions for an application installed with pip or pipx.

A wheel cannot put files in ``~/.local/share``, so the desktop entry, the icon
(hicolor sizes and the SVG) and the AppStream metainfo ship inside the package
(``resources/desktop``, ``resources/icons``) and ``deskeditor
install-desktop-files`` copies them into the user's data folder
(``$XDG_DATA_HOME``, else ``~/.local/share``), where launchers and software
centres look. The entry's ``Exec`` names this installation's own launcher by its
absolute path: pipx's ``~/.local/bin`` is often not on a desktop session's PATH.

Every file is written beside its target and renamed onto it, so a launcher never
reads half a file; installing again replaces the same files, ``uninstall``
removes exactly them.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

from . import resources
from .core.errors import DeskeditorError

APP_ID = "io.github.deskeditor.Deskeditor"
DESKTOP = f"desktop/{APP_ID}.desktop"
METAINFO = f"desktop/{APP_ID}.metainfo.xml"
ICONS = "icons/hicolor"
ICON_SVG = f"{ICONS}/scalable/apps/{APP_ID}.svg"

# The desktop entry spec: an Exec argument with one of these must be quoted.
_RESERVED = re.compile(r"[\s\"'\\><~|&;$*?#()`]")


def default_data_home() -> Path:
    return Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")


def launcher() -> list[str]:
    """The command that opens this installation's window: its own ``deskeditor``
    script beside the interpreter (a venv's or pipx's ``bin``), else the
    interpreter running the package."""
    script = Path(sys.executable).parent / "deskeditor"
    if script.is_file() and os.access(script, os.X_OK):
        return [str(script.absolute()), "gui"]
    return [str(Path(sys.executable).absolute()), "-m", "deskeditor", "gui"]


def exec_value(argv: list[str]) -> str:
    """``argv`` as a desktop entry's ``Exec`` value: arguments quoted as the spec
    asks, ``%`` doubled, then backslashes escaped for the key file's string type."""
    def quote(arg: str) -> str:
        arg = arg.replace("%", "%%")
        if not _RESERVED.search(arg):
            return arg
        return '"' + re.sub(r'(["`$\\])', r"\\\1", arg) + '"'

    return " ".join(quote(a) for a in argv).replace("\\", "\\\\")


def desktop_entry(argv: list[str]) -> str:
    """The shipped entry with ``Exec`` and ``TryExec`` pointing at ``argv``."""
    lines = []
    for line in resources.read_text(DESKTOP).splitlines():
        if line.startswith("Exec="):
            line = "Exec=" + exec_value(argv)
        elif line.startswith("TryExec="):
            line = "TryExec=" + argv[0].replace("\\", "\\\\")
        lines.append(line)
    return "\n".join(lines) + "\n"


def targets() -> dict[str, str]:
    """Shipped resource -> path under the data folder, for every installed file."""
    icons = resources.path(ICONS)
    planned = {str(p.relative_to(resources.root())): f"icons/hicolor/{p.relative_to(icons)}"
               for p in sorted(icons.rglob(f"{APP_ID}.*")) if p.is_file()}
    planned[DESKTOP] = f"applications/{APP_ID}.desktop"
    planned[METAINFO] = f"metainfo/{APP_ID}.metainfo.xml"
    return planned


def install(data_home: Path, argv: list[str]) -> list[Path]:
    """Copy the desktop entry (run by ``argv``), icons and metainfo under ``data_home``."""
    written = []
    for source, relative in targets().items():
        target = data_home / relative
        data = desktop_entry(argv).encode() if source == DESKTOP else resources.path(source).read_bytes()
        _write(target, data)
        written.append(target)
    _refresh_icon_cache(data_home / "icons" / "hicolor")
    return written


def uninstall(data_home: Path) -> list[Path]:
    removed = []
    for relative in targets().values():
        target = data_home / relative
        try:
            target.unlink()
        except FileNotFoundError:
            continue
        except OSError as exc:
            raise DeskeditorError(f"cannot remove {target}: {exc.strerror or exc}") from None
        removed.append(target)
    _refresh_icon_cache(data_home / "icons" / "hicolor")
    return removed


def _write(target: Path, data: bytes) -> None:
    tmp = None
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except OSError as exc:
        if tmp is not None and os.path.exists(tmp):
            os.unlink(tmp)
        raise DeskeditorError(f"cannot write {target}: {exc.strerror or exc}") from None


def _refresh_icon_cache(theme: Path) -> None:
    """A user's hicolor folder usually has no icon cache (then none is needed);
    one that exists would hide new icons until it is rebuilt."""
    if (theme / "icon-theme.cache").exists():
        try:
            subprocess.run(["gtk-update-icon-cache", "-q", "-f", "-t", str(theme)],
                           check=False, capture_output=True, timeout=60)
        except (OSError, subprocess.TimeoutExpired):
            pass
