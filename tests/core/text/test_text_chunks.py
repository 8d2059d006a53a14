"""core.text.chunks: pieces that add up to the text and never cut a word."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from deskeditor.core.store.drafts import count_words
from deskeditor.core.text.chunks import blanked, pieces

WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")


@settings(max_examples=300)
@given(st.text(alphabet=st.sampled_from("ab’' \n\t.é\u00a0"), max_size=400), st.integers(1, 40))
def test_pieces_add_up_to_the_text_and_cut_only_after_whitespace(text, size):
    got = list(pieces(text, size))
    assert "".join(got) == text
    for piece in got[:-1]:
        assert piece[-1].isspace() and len(piece) > size
    assert sum(len(WORD.findall(p)) for p in got) == len(WORD.findall(text))


def test_a_text_without_whitespace_is_one_piece():
    assert list(pieces("x" * 1000, 10)) == ["x" * 1000]
    assert list(pieces("")) == [""]


def test_count_words_in_pieces_counts_a_large_draft_exactly():
    text = "---\ntitle: T\n---\n" + "Ceasefire talks, it’s said, resumed. " * 20_000
    assert count_words(text) == 5 * 20_000


@settings(max_examples=300)
@given(st.text(alphabet=st.sampled_from("ab \n\r\t.é\x00\u2028"), max_size=400), st.integers(1, 40))
def test_blanked_keeps_every_newline_and_blanks_everything_else(text, size):
    assert blanked(text, size) == re.sub(r"[^\n]", " ", text)


def test_an_edit_changes_only_its_own_piece_so_counts_per_piece_are_remembered():
    """Pieces end at paragraph breaks: after a keystroke in one paragraph every
    other piece is the same string as before (the word count's cache hits)."""
    paragraphs = [f"Paragraph {i} says something about the ceasefire talks. " * 12 for i in range(400)]
    before = "\n\n".join(paragraphs)
    after = before.replace("Paragraph 200 says", "Paragraph 200 now says", 1)
    old, new = list(pieces(before)), list(pieces(after))
    assert len(old) == len(new) > 10
    assert sum(a != b for a, b in zip(old, new)) == 1
    assert count_words(after) == count_words(before) + 1 == len(WORD.findall(after))
