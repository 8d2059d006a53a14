"""All-or-nothing export writes on real folders (and real tiny or read-only tmpfs mounts as root)."""

from __future__ import annotations

import errno
import os

import pytest

from deskeditor.core.errors import ExportError
from deskeditor.core.export import atomic
from deskeditor.core.export.atomic import Planned, write_file, write_files


def _leftovers(folder):
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*"))


def test_writes_files_and_folders(out_dir):
    files = [Planned(out_dir / "a_files" / "x.png", b"png"), Planned(out_dir / "a.html", b"<p>")]
    written = write_files(out_dir, files)
    assert written == [out_dir / "a_files" / "x.png", out_dir / "a.html"]
    assert (out_dir / "a.html").read_bytes() == b"<p>"
    assert _leftovers(out_dir) == ["a.html", "a_files", "a_files/x.png"]
    mode = (out_dir / "a.html").stat().st_mode & 0o777
    assert mode & 0o044 or os.umask(os.umask(0)) & 0o044  # readable like an ordinary file


def test_existing_target_is_not_overwritten_without_force(out_dir):
    target = out_dir / "post.html"
    target.write_text("the writer's own file")
    with pytest.raises(ExportError, match=r"post\.html already exists \(use --force"):
        write_file(target, "new")
    assert target.read_text() == "the writer's own file"
    assert _leftovers(out_dir) == ["post.html"]
    write_file(target, "new", force=True)
    assert target.read_text() == "new"
    assert _leftovers(out_dir) == ["post.html"]


def test_conflict_is_found_before_anything_is_written(out_dir):
    (out_dir / "b.html").write_text("keep")
    files = [Planned(out_dir / "b_files" / "x.png", b"png"), Planned(out_dir / "b.html", b"new")]
    with pytest.raises(ExportError, match="already exists"):
        write_files(out_dir, files)
    assert _leftovers(out_dir) == ["b.html"]


def test_identical_asset_is_kept_and_a_different_one_needs_force(out_dir):
    (out_dir / "img").mkdir()
    (out_dir / "img" / "x.png").write_bytes(b"same")
    write_files(out_dir, [Planned(out_dir / "img" / "x.png", b"same", asset=True), Planned(out_dir / "p.md", b"1")])
    with pytest.raises(ExportError, match="x.png already exists"):
        write_files(out_dir, [Planned(out_dir / "img" / "x.png", b"other", asset=True),
                              Planned(out_dir / "q.md", b"1")])
    assert not (out_dir / "q.md").exists()


def test_missing_folder_is_one_clear_error(tmp_path):
    with pytest.raises(ExportError) as info:
        write_file(tmp_path / "nowhere" / "post.html", "x")
    assert str(info.value) == f"the folder {tmp_path / 'nowhere'} does not exist"
    assert not (tmp_path / "nowhere").exists()


def test_unwritable_folder_gives_one_clear_error_and_leaves_nothing(unwritable_dir):
    with pytest.raises(ExportError) as info:
        write_files(unwritable_dir, [Planned(unwritable_dir / "sub" / "x.png", b"p"),
                                     Planned(unwritable_dir / "post.html", b"x")])
    message = str(info.value)
    assert "\n" not in message
    assert message.startswith(f"cannot write to {unwritable_dir}:")  # the folder that is there
    assert ("read-only" in message) or ("permission denied" in message)
    assert list(unwritable_dir.iterdir()) == []


def test_full_disk_on_a_real_tiny_file_system(tmpfs):
    disk = tmpfs(32)
    (disk / "old.html").write_bytes(b"previous export")
    big = os.urandom(64 * 1024)  # more than the file system holds
    with pytest.raises(ExportError) as info:
        write_files(disk, [Planned(disk / "post_files" / "photo.png", big), Planned(disk / "post.html", b"x")])
    assert str(info.value).startswith("the disk is full: could not write")
    assert _leftovers(disk) == ["old.html"]  # no temp file, no half-written image, no empty folder
    assert (disk / "old.html").read_bytes() == b"previous export"


def test_full_disk_during_the_write_rolls_back(out_dir, monkeypatch):
    """A fault provoked in the middle (second file): the first file's temp copy is removed too."""
    real = atomic._write_temp
    calls = []

    def failing(folder, name, data):
        calls.append(name)
        if len(calls) == 2:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(folder, name, data)

    monkeypatch.setattr(atomic, "_write_temp", failing)
    with pytest.raises(ExportError, match="the disk is full"):
        write_files(out_dir, [Planned(out_dir / "imgs" / "a.png", b"a"), Planned(out_dir / "p.html", b"p")])
    assert _leftovers(out_dir) == []


def test_failure_while_renaming_removes_what_this_call_created(out_dir, monkeypatch):
    real = atomic._place
    done = []

    def failing(tmp, target, force):
        if done:
            raise OSError(errno.EIO, "Input/output error")
        done.append(target)
        return real(tmp, target, force)

    monkeypatch.setattr(atomic, "_place", failing)
    (out_dir / "keep.txt").write_text("k")
    with pytest.raises(ExportError, match="Input/output error"):
        write_files(out_dir, [Planned(out_dir / "a" / "1.png", b"1"), Planned(out_dir / "b.html", b"2")])
    assert _leftovers(out_dir) == ["keep.txt"]


def test_paths_outside_the_root_are_refused(out_dir, tmp_path):
    with pytest.raises(ExportError, match="outside the export folder"):
        write_files(out_dir, [Planned(tmp_path / "elsewhere.html", b"x")])
