"""Issue 13, Medium 7: only regular files are read, and never past the size limit."""

from __future__ import annotations

import os

import pytest

from securitykit import one_line, within



@pytest.fixture
def zero(tmp_path):
    link = tmp_path / "zero.md"
    os.symlink("/dev/zero", link)
    return link


@pytest.fixture
def fifo(tmp_path):
    p = tmp_path / "pipe.md"
    os.mkfifo(p)
    return p


@pytest.mark.parametrize("command", [["import"], ["render"], ["lint", "--skip", "grammar"], ["citations"],
                                     ["sources", "import"]])
@pytest.mark.parametrize("which", ["zero", "fifo"])
def test_devices_and_pipes_are_one_line(run, request, command, which, tmp_path):
    path = request.getfixturevalue(which)
    if command == ["sources", "import"]:
        target = tmp_path / ("refs.bib")
        os.symlink(path, target)
        path = target
    argv = command[:1] + ([command[1]] if command[0] == "sources" else []) + [str(path)] + \
        (command[1:] if command[0] != "sources" else [])
    code, out, err = within(20, lambda: run(*argv))
    assert code == 2
    assert "not a regular file" in one_line(err)


def test_the_limit_holds_while_reading(run, store, tmp_path):
    f = tmp_path / "big.md"
    f.write_text("word " * 300_000)  # 1.5 MB
    code, _out, err = run("import", str(f), "--max-size", "1")
    assert code == 2 and "over the import limit" in one_line(err)
    assert store.drafts.list() == []
