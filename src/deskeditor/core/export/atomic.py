"""Writing export files safely: all of them or none, never clobbering by accident.

An export is a small set of files (the document and the images beside it).
``write_files`` writes them in two phases:

1. every file's bytes go to a temporary file in its own folder (flushed and
   fsynced): the phase where a full disk or a read-only folder shows up;
2. each temporary file is renamed onto its target (``os.replace`` with
   ``force``, else a hard link that fails if the target appeared meanwhile).

A failure in either phase removes the temporary files, the files this call
created and the folders it made, so nothing half-written is left behind, and
raises one ``ExportError`` whose message says what went wrong and where.
An existing target is never replaced unless ``force`` is given; an asset whose
existing copy has the same bytes is simply kept.
"""

from __future__ import annotations

import errno
import filecmp
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

from ..errors import ExportError
from .paths import check_inside

_FULL = {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC), errno.EFBIG}
_DENIED = {errno.EACCES, errno.EPERM}


@dataclass(frozen=True)
class Planned:
    """One file to write: ``data`` bytes, or a copy of the file at ``source``."""

    path: Path
    data: bytes | None = None
    source: Path | None = None
    asset: bool = False  # an image beside the document: an identical existing copy is kept

    def chunks(self) -> Iterator[bytes]:
        """The bytes to write; a source file is streamed (``images.read_chunks``), never read whole."""
        if self.data is not None:
            yield self.data
            return
        assert self.source is not None
        from .images import read_chunks

        yield from read_chunks(self.source)


def explain(exc: OSError, path: Path) -> ExportError:
    """A one-line ``ExportError`` for an ``OSError`` met while writing ``path``."""
    folder = path.parent
    while not folder.exists() and folder.parent != folder:  # name a folder that is there
        folder = folder.parent
    if exc.errno in _FULL:
        return ExportError(f"the disk is full: could not write {path} (nothing was exported)")
    if exc.errno == errno.EROFS:
        return ExportError(f"cannot write to {folder}: the folder is on a read-only file system")
    if exc.errno in _DENIED:
        return ExportError(f"cannot write to {folder}: permission denied")
    if exc.errno == errno.ENOENT:
        return ExportError(f"cannot write {path}: the folder {path.parent} does not exist")
    if exc.errno == errno.ENOTDIR:
        return ExportError(f"cannot write {path}: {folder} is not a folder")
    if exc.errno == errno.EEXIST:
        return ExportError(f"{path} already exists (use --force to replace it)")
    return ExportError(f"cannot write {path}: {exc.strerror or exc}")


def _check_root(root: Path) -> None:
    if not root.exists():
        raise ExportError(f"the folder {root} does not exist")
    if not root.is_dir():
        raise ExportError(f"{root} is not a folder")


def _same_bytes(path: Path, f: Planned) -> bool:
    try:
        if f.source is not None:
            return filecmp.cmp(path, f.source, shallow=False)
        return path.stat().st_size == len(f.data or b"") and path.read_bytes() == f.data
    except OSError:
        return False


def _write_temp(folder: Path, name: str, chunks: Iterable[bytes]) -> Path:
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            for data in chunks:
                fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    os.chmod(tmp, 0o666 & ~_UMASK)  # mkstemp makes 0600; an export is an ordinary file
    return Path(tmp)


def _read_umask() -> int:
    try:  # Linux tells it without changing it
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


_UMASK = _read_umask()


def _place(tmp: Path, target: Path, force: bool) -> None:
    """Rename ``tmp`` onto ``target``; without ``force`` never replace a file."""
    if force:
        os.replace(tmp, target)
        return
    try:
        os.link(tmp, target)  # atomic, and fails with EEXIST instead of replacing
    except OSError as exc:
        if exc.errno == errno.EEXIST:
            raise
        # hard links not supported here (FAT, some network file systems)
        if target.exists():
            raise OSError(errno.EEXIST, "file exists", str(target)) from None
        os.replace(tmp, target)
        return
    tmp.unlink()


class _Rollback:
    """What one ``write_files`` call created, to undo on failure."""

    def __init__(self) -> None:
        self.temps: list[Path] = []
        self.files: list[Path] = []
        self.dirs: list[Path] = []

    def undo(self) -> None:
        for p in self.temps + self.files:
            try:
                p.unlink(missing_ok=True)
            except OSError:
                pass
        for d in reversed(self.dirs):
            try:
                d.rmdir()
            except OSError:
                pass


def _make_dirs(folder: Path, root: Path, made: list[Path]) -> None:
    missing = []
    p = folder
    while not p.exists() and p != root and root in p.parents:
        missing.append(p)
        p = p.parent
    for d in reversed(missing):
        d.mkdir()
        made.append(d)


def write_files(root: str | Path, files: list[Planned], *, force: bool = False) -> list[Path]:
    """Write ``files`` (all under the existing folder ``root``) all or nothing.

    Returns the paths written (identical existing assets are not rewritten).
    Raises ``ExportError`` when a target exists (without ``force``) before
    anything is written, and on any write failure after undoing this call.
    """
    root = Path(root)
    _check_root(root)
    todo: list[Planned] = []
    exists: list[Path] = []
    check_inside(root, [f.path for f in files])  # resolved, symlinks followed: nothing escapes root
    for f in files:
        if f.path.is_dir():
            raise ExportError(f"{f.path} is a folder; choose another file name")
        if f.path.exists():
            if f.asset and _same_bytes(f.path, f):
                continue
            if not force:
                exists.append(f.path)
                continue
        todo.append(f)
    if exists:
        names = ", ".join(str(p) for p in exists[:3]) + (" ..." if len(exists) > 3 else "")
        raise ExportError(f"{names} already exist{'s' if len(exists) == 1 else ''} "
                          f"(use --force to replace)")
    undo = _Rollback()
    current = root
    try:
        temps = []
        for f in todo:
            current = f.path
            _make_dirs(f.path.parent, root, undo.dirs)
            tmp = _write_temp(f.path.parent, f.path.name, f.chunks())
            undo.temps.append(tmp)
            temps.append((tmp, f.path))
        for tmp, target in temps:
            current = target
            existed = target.exists()
            _place(tmp, target, force)
            undo.temps.remove(tmp)
            if not existed:
                undo.files.append(target)
    except OSError as exc:
        undo.undo()
        raise explain(exc, current) from None
    except BaseException:
        undo.undo()
        raise
    return [target for _tmp, target in temps]


def write_file(path: str | Path, data: bytes | str, *, force: bool = False) -> Path:
    """One file, atomically, into its existing folder."""
    path = Path(path)
    if isinstance(data, str):
        data = data.encode("utf-8", "replace")
    write_files(path.parent, [Planned(path, data)], force=force)
    return path
