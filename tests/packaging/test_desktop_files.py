"""The desktop entry, the icon and the AppStream metainfo: valid by the
freedesktop tools themselves (desktop-file-utils and appstream, which
scripts/test installs), and installed and removed by ``deskeditor
install-desktop-files`` as a user would run it."""

from __future__ import annotations

import shutil
import struct
import subprocess

import pytest

from deskeditor import desktop_files, resources
from deskeditor.cli import main
from deskeditor.desktop_files import APP_ID

SIZES = [16, 24, 32, 48, 64, 128, 256]


def _tool(name: str) -> str:
    path = shutil.which(name)
    assert path, f"{name} is missing: apt-get install {'desktop-file-utils' if 'desktop' in name else 'appstream'}"
    return path


def _validate_entry(path) -> None:
    done = subprocess.run([_tool("desktop-file-validate"), str(path)], capture_output=True, text=True)
    assert done.returncode == 0 and not done.stdout.strip(), done.stdout + done.stderr


def test_the_shipped_desktop_entry_is_valid():
    _validate_entry(resources.path(desktop_files.DESKTOP))


def test_the_metainfo_passes_appstream_validation():
    done = subprocess.run([_tool("appstreamcli"), "validate", "--no-net", str(resources.path(desktop_files.METAINFO))],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    problems = [line for line in done.stdout.splitlines() if line.startswith(("E:", "W:"))]
    assert problems == []


def test_the_icon_comes_in_every_hicolor_size_it_claims():
    icons = resources.path(desktop_files.ICONS)
    for size in SIZES:
        png = (icons / f"{size}x{size}" / "apps" / f"{APP_ID}.png").read_bytes()
        assert png[:8] == b"\x89PNG\r\n\x1a\n"
        assert struct.unpack(">II", png[16:24]) == (size, size)
    assert (icons / "scalable" / "apps" / f"{APP_ID}.svg").read_text().lstrip().startswith("<svg")


@pytest.mark.parametrize("argv, expected", [
    (["/usr/bin/deskeditor", "gui"], "/usr/bin/deskeditor gui"),
    (["/home/a b/.venv/bin/deskeditor", "gui"], '"/home/a b/.venv/bin/deskeditor" gui'),
    (["/opt/$x`y/100%/deskeditor", "gui"], r'"/opt/\\$x\\`y/100%%/deskeditor" gui'),
])
def test_exec_quotes_and_escapes_the_launcher_path_as_the_spec_asks(argv, expected, tmp_path):
    assert desktop_files.exec_value(argv) == expected
    entry = tmp_path / f"{APP_ID}.desktop"
    entry.write_text(desktop_files.desktop_entry(argv))
    _validate_entry(entry)


def test_install_writes_valid_files_again_and_uninstall_removes_exactly_them(tmp_path, capsys):
    data = tmp_path / "share"
    other = data / "applications" / "someone-else.desktop"
    other.parent.mkdir(parents=True)
    other.write_text("[Desktop Entry]\n")
    assert main(["install-desktop-files", "--data-dir", str(data)]) == 0
    entry = data / "applications" / f"{APP_ID}.desktop"
    _validate_entry(entry)
    assert "Exec=" + desktop_files.exec_value(desktop_files.launcher()) in entry.read_text()
    for size in SIZES:
        assert (data / "icons" / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png").is_file()
    assert (data / "icons" / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg").is_file()
    assert (data / "metainfo" / f"{APP_ID}.metainfo.xml").read_bytes() == \
        resources.path(desktop_files.METAINFO).read_bytes()
    installed = sorted(p for p in data.rglob("*") if p.is_file())
    assert main(["install-desktop-files", "--data-dir", str(data)]) == 0  # again: the same files
    assert sorted(p for p in data.rglob("*") if p.is_file()) == installed
    assert main(["install-desktop-files", "--data-dir", str(data), "--uninstall"]) == 0
    assert [p for p in data.rglob("*") if p.is_file()] == [other]
    assert "removed 10 files" in capsys.readouterr().out


def test_installing_where_nothing_can_be_written_says_so_in_one_line(tmp_path, capsys):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    assert main(["install-desktop-files", "--data-dir", str(blocker / "share")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("deskeditor: cannot write ") and err.count("\n") == 1
    assert blocker.read_text() == "not a folder"


def test_the_data_folder_defaults_to_xdg_data_home(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert main(["install-desktop-files"]) == 0
    assert (tmp_path / "xdg" / "applications" / f"{APP_ID}.desktop").is_file()
