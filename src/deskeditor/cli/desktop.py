"""``deskeditor install-desktop-files [--uninstall] [--data-dir DIR]``: put the
desktop entry, the icon and the AppStream metainfo where the desktop finds them
(see deskeditor.desktop_files), or take them away again."""

from __future__ import annotations

import argparse
from pathlib import Path

from .. import desktop_files

EXIT_OK = 0


def run(args: argparse.Namespace) -> int:
    data_home = Path(args.data_dir).expanduser() if args.data_dir else desktop_files.default_data_home()
    if args.uninstall:
        removed = desktop_files.uninstall(data_home)
        print(f"removed {len(removed)} files from {data_home}" if removed else f"nothing to remove in {data_home}")
        return EXIT_OK
    argv = desktop_files.launcher()
    written = desktop_files.install(data_home, argv)
    entry = data_home / "applications" / f"{desktop_files.APP_ID}.desktop"
    print(f"installed {len(written)} files under {data_home}: the menu entry {entry} "
          f"(runs {' '.join(argv)}), the icon in {len(written) - 2} sizes, the AppStream metainfo")
    return EXIT_OK


def register(subparsers, add) -> None:
    help_text = "add deskeditor to the desktop's application menu (entry, icon, AppStream metainfo)"
    p = add("install-desktop-files", run, help_text)
    p.add_argument("--data-dir", metavar="DIR",
                   help="install under DIR instead of $XDG_DATA_HOME or ~/.local/share")
    p.add_argument("--uninstall", action="store_true", help="remove the files installed before")
