"""The three-way merge and the line-by-line front-matter edit."""

from __future__ import annotations

import shutil

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from deskeditor.core.markdown import frontmatter
from deskeditor.core.site import merge as merge_mod
from deskeditor.core.site.merge import merge3

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed (apt-get install git)")

BASE = "".join(f"line {i}\n" for i in range(12))


def test_edits_far_apart_merge_and_overlapping_ones_conflict():
    mine = BASE.replace("line 1\n", "line one\n")
    theirs = BASE.replace("line 10\n", "line ten\n")
    m = merge3(BASE, mine, theirs)
    assert m.clean and "line one\n" in m.text and "line ten\n" in m.text
    m = merge3(BASE, BASE.replace("line 5\n", "mine 5\n"), BASE.replace("line 5\n", "theirs 5\n"))
    assert not m.clean and len(m.conflicts) == 1
    assert m.resolve(["mine"]) == BASE.replace("line 5\n", "mine 5\n")
    assert m.resolve(["theirs"]) == BASE.replace("line 5\n", "theirs 5\n")
    assert m.resolve(["both"]) == BASE.replace("line 5\n", "mine 5\ntheirs 5\n")


def test_text_with_form_feeds_and_separators_is_merged_as_lines_of_newlines():
    base = "a\x0cb\nc\x1ed\nend\n"
    m = merge3(base, base.replace("end", "END"), base.replace("a\x0cb", "A\x0cB"))
    assert m.clean and m.text == "A\x0cB\nc\x1ed\nEND\n"


def test_without_git_a_coarse_merge_still_keeps_both_sides(monkeypatch):
    # in addition to the real git: a machine without it (FileNotFoundError)
    def no_git(*a, **k):
        raise FileNotFoundError("git")

    monkeypatch.setattr(merge_mod.subprocess, "run", no_git)
    m = merge3(BASE, BASE.replace("line 1\n", "one\n"), BASE.replace("line 9\n", "nine\n"))
    assert m.clean and "one\n" in m.text and "nine\n" in m.text
    m = merge3(BASE, BASE.replace("line 1\n", "mine\n"), BASE.replace("line 1\n", "theirs\n"))
    assert not m.clean and m.resolve(["theirs"]) == BASE.replace("line 1\n", "theirs\n")


lines = st.lists(st.sampled_from(["alpha", "beta", "gamma", "", "## Head", "- item"]), min_size=6, max_size=30)


@settings(max_examples=60, deadline=None)
@given(base=lines, data=st.data())
def test_a_merge_never_loses_an_edit_of_either_side(base, data):
    n = len(base)
    i = data.draw(st.integers(0, n // 2 - 1))
    j = data.draw(st.integers(n // 2 + 1, n - 1))
    mine, theirs = list(base), list(base)
    mine[i] = "MINE EDIT"
    theirs[j] = "THEIRS EDIT"
    text = lambda ls: "\n".join(ls) + "\n"
    m = merge3(text(base), text(mine), text(theirs))
    if m.clean:
        assert "MINE EDIT" in m.text and "THEIRS EDIT" in m.text
    else:  # git may see adjacent edits as one hunk: each side is still whole in it
        assert m.resolve(["mine"] * len(m.conflicts)).count("MINE EDIT") == 1
        assert "THEIRS EDIT" in m.resolve(["theirs"] * len(m.conflicts))


FM = """---
# written by hand
title: 'My "quoted" title'   # a comment after it
date: 2024-05-01
tags:
  - one
  - two
custom: {deep: [1, 2]}
description: >-
  Folded
  text.
---

Body.
"""

field_values = st.one_of(st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=30),
                         st.lists(st.text("abcdef ", min_size=1, max_size=8), min_size=1, max_size=3))


@settings(max_examples=80, deadline=None)
@given(key=st.sampled_from(["title", "slug", "keyphrase", "tags", "meta_description"]), value=field_values)
def test_changing_one_field_changes_only_that_keys_lines(key, value):
    if key != "tags" and isinstance(value, list):
        value = " ".join(value)
    if key != "tags" and not str(value).strip():
        return
    out = frontmatter.with_fields(FM, **{key: value})
    data = frontmatter.split(out).data
    name = frontmatter.FIELD_KEYS[key]
    expected = [v for v in value if v.strip()] if key == "tags" else value
    assert frontmatter.fields_from(frontmatter.split(out))[key] == expected
    others = {k: v for k, v in yaml.safe_load(FM.split("---\n")[1]).items() if k != name}
    assert {k: v for k, v in data.items() if k != name} == others
    own, kept = False, []
    for ln in FM.splitlines():  # the key's own lines: its line and its indented continuation
        own = ln.startswith(name + ":") or (own and ln.startswith(" "))
        if not own:
            kept.append(ln)
    out_lines = out.splitlines()
    for ln in kept:  # every other line, comments included, is still there as it was
        assert ln in out_lines


def test_toml_front_matter_is_read_and_edited_line_by_line():
    text = '+++\n# Hugo\ntitle = "Old"\ndate = 2024-01-02T10:00:00Z\n[params]\n  toc = true\n+++\n\nBody.\n'
    fm = frontmatter.split(text)
    assert fm.toml and frontmatter.fields_from(fm)["title"] == "Old"
    out = frontmatter.with_fields(text, title="New", keyphrase="kp")
    assert out == '+++\n# Hugo\ntitle = "New"\ndate = 2024-01-02T10:00:00Z\nfocus_keyphrase = "kp"\n[params]\n  toc = true\n+++\n\nBody.\n'


def test_malformed_toml_front_matter_names_its_line():
    from deskeditor.core.errors import InputError

    with pytest.raises(InputError, match="malformed front matter at line"):
        frontmatter.split('+++\ntitle = "x"\nbroken = \n+++\n')
