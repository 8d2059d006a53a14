"""Three-way merge of a post: the text as last synced (base), the draft's
(mine) and the file's (theirs).

Git's own line merge (``git merge-file``, the one ``git pull`` uses) does the
work: edits that do not overlap are all applied; overlapping ones are a
conflict, returned hunk by hunk so the writer can choose per hunk. Nothing is
written anywhere by this module.
"""

from __future__ import annotations

import difflib
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError


@dataclass
class Hunk:
    """A stretch where both sides changed the same lines differently."""
    base: list[str]
    mine: list[str]
    theirs: list[str]


@dataclass
class Merged:
    text: str  # the merged text; with conflicts: mine where they overlap
    conflicts: list[Hunk] = field(default_factory=list)
    pieces: list[str | Hunk] = field(default_factory=list)  # the text, with each conflict as a Hunk

    @property
    def clean(self) -> bool:
        return not self.conflicts

    def resolve(self, choices: list[str]) -> str:
        """The text with each conflict taken from ``choices[i]``: "mine",
        "theirs" or "both" (mine, then theirs)."""
        if len(choices) != len(self.conflicts):
            raise InputError(f"{len(self.conflicts)} conflicting hunks need as many choices, got {len(choices)}")
        out: list[str] = []
        i = 0
        for piece in self.pieces:
            if isinstance(piece, str):
                out.append(piece)
                continue
            choice = choices[i]
            i += 1
            if choice == "mine":
                out += piece.mine
            elif choice == "theirs":
                out += piece.theirs
            elif choice == "both":
                out += piece.mine + piece.theirs
            else:
                raise InputError(f"choose mine, theirs or both, not {choice!r}")
        return "".join(out)


_MARK = "deskeditor-merge-5f0c1e"  # a marker label no post contains


def merge3(base: str, mine: str, theirs: str) -> Merged:
    """Merge ``mine`` and ``theirs``, both descended from ``base``."""
    if mine == theirs:
        return Merged(mine, [], [mine])
    if base == mine:
        return Merged(theirs, [], [theirs])
    if base == theirs:
        return Merged(mine, [], [mine])
    with tempfile.TemporaryDirectory(prefix="deskeditor-merge-") as tmp:
        paths = []
        for name, text in (("mine", mine), ("base", base), ("theirs", theirs)):
            p = Path(tmp) / name
            p.write_bytes(text.encode("utf-8", "surrogatepass"))
            paths.append(str(p))
        try:
            run = subprocess.run(
                ["git", "merge-file", "-p", "--diff3", "--marker-size=20",
                 "-L", _MARK + "-mine", "-L", _MARK + "-base", "-L", _MARK + "-theirs", *paths],
                capture_output=True, timeout=60)
        except FileNotFoundError:
            return _difflib_merge(base, mine, theirs)
        except subprocess.TimeoutExpired:
            raise InputError("merging took longer than a minute; nothing was changed") from None
    if run.returncode < 0 or run.returncode > 127:
        raise InputError(f"git merge-file failed: {run.stderr.decode('utf-8', 'replace').strip()}")
    return _parse(run.stdout.decode("utf-8", "surrogatepass"))


def _parse(out: str) -> Merged:
    pieces: list[str | Hunk] = []
    conflicts: list[Hunk] = []
    plain: list[str] = []
    hunk: Hunk | None = None
    part = ""
    for line in _lines(out):
        if line.startswith("<" * 20 + " " + _MARK):
            if plain:
                pieces.append("".join(plain))
                plain = []
            hunk, part = Hunk([], [], []), "mine"
            continue
        if hunk is not None and line.startswith("|" * 20 + " " + _MARK):
            part = "base"
            continue
        if hunk is not None and line.rstrip("\r\n") == "=" * 20:
            part = "theirs"
            continue
        if hunk is not None and line.startswith(">" * 20 + " " + _MARK):
            pieces.append(hunk)
            conflicts.append(hunk)
            hunk = None
            continue
        if hunk is None:
            plain.append(line)
        else:
            getattr(hunk, part).append(line)
    if plain:
        pieces.append("".join(plain))
    text = "".join(p if isinstance(p, str) else "".join(p.mine) for p in pieces)
    return Merged(text, conflicts, pieces)


def _lines(text: str) -> list[str]:
    """Lines with their "\n" (only "\n" ends a line: ``str.splitlines`` would
    also split at form feeds and other separators a post may hold)."""
    parts = text.split("\n")
    out = [p + "\n" for p in parts[:-1]]
    return out + [parts[-1]] if parts[-1] else out


def _difflib_merge(base: str, mine: str, theirs: str) -> Merged:
    """Without git on the machine: every change of either side is a conflict
    unless the other side left those lines alone (a coarse but safe merge)."""
    b, m, t = (_lines(s) for s in (base, mine, theirs))
    ours = {(i1, i2): m[j1:j2] for tag, i1, i2, j1, j2 in
            difflib.SequenceMatcher(None, b, m, autojunk=False).get_opcodes() if tag != "equal"}
    other = {(i1, i2): t[j1:j2] for tag, i1, i2, j1, j2 in
             difflib.SequenceMatcher(None, b, t, autojunk=False).get_opcodes() if tag != "equal"}
    if not any(a1 < b2 and b1 < a2 or (a1 == a2 == b1 == b2) for a1, a2 in ours for b1, b2 in other):
        edits = sorted([*ours.items(), *other.items()], reverse=True)
        out = list(b)
        for (i1, i2), lines in edits:
            out[i1:i2] = lines
        text = "".join(out)
        return Merged(text, [], [text])
    hunk = Hunk(b, m, t)
    return Merged(mine, [hunk], [hunk])
