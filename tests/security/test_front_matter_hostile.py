"""Issue 13, Medium 3 (YAML alias bombs) and Low (dates that do not exist)."""

from __future__ import annotations

import resource

import pytest

from securitykit import one_line, within


def alias_bomb() -> str:
    lines = ["---", "a: &a [x, x, x, x, x, x, x, x, x]"]
    prev = "a"
    for c in "bcdefghi":
        lines.append(f"{c}: &{c} [" + ", ".join([f"*{prev}"] * 9) + "]")
        prev = c
    return "\n".join(lines + ["title: *i", "---", "", "Body"]) + "\n"


@pytest.fixture
def memory_cap():
    """Cap the address space so a bomb that expands fails fast instead of eating the machine."""
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    resource.setrlimit(resource.RLIMIT_AS, (4 << 30, hard))
    yield
    resource.setrlimit(resource.RLIMIT_AS, (soft, hard))



def test_import_refuses_aliases_with_one_line(run, tmp_path, store, memory_cap):
    bomb = tmp_path / "bomb.md"
    bomb.write_text(alias_bomb())
    code, out, err = within(20, lambda: run("import", str(bomb)))
    assert code == 2 and out == ""
    assert "anchors and aliases" in one_line(err)
    assert store.drafts.list() == []


def test_save_path_does_not_expand_a_bomb(store, memory_cap):
    d = store.drafts.create("Hello\n")
    saved = within(20, lambda: store.drafts.save(d.id, alias_bomb(), expected_version=d.version))
    assert saved.body == alias_bomb()  # the text is kept; its fields are not read from a bomb


def test_export_of_a_bomb_is_one_line(run, store, tmp_path, memory_cap):
    d = store.drafts.create("Hello\n")
    store.drafts.save(d.id, alias_bomb())
    code, _out, err = within(20, lambda: run("export", str(d.id), "-f", "html", "-o", str(tmp_path),
                                              "--no-grammar", "-q"))
    assert code == 2
    assert "anchors and aliases" in one_line(err)


def test_a_date_that_does_not_exist_is_one_line_and_the_draft_saves(run, store, tmp_path):
    f = tmp_path / "post.md"
    f.write_text("---\ntitle: Leap\ndate: 2025-02-30\n---\n\nBody.\n")
    code, out, err = run("import", str(f))
    assert code == 0, err
    draft = store.drafts.get(int(out.split()[0]))
    assert draft.date == "2025-02-30"
    # the window's autosave path: a save with the bad date goes through
    saved = store.drafts.save(draft.id, draft.body + "More.\n", expected_version=draft.version, note="autosave")
    assert saved.version == draft.version + 1
    code, _out, err = run("export", str(draft.id), "-f", "jekyll", "-o", str(tmp_path), "--no-grammar", "-q")
    assert code == 2
    assert "'2025-02-30' is not a date" in one_line(err)
    code, _out, err = run("lint", str(draft.id), "--skip", "grammar")
    assert "Traceback" not in err
