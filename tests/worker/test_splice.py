"""The edit sent instead of the whole text: exact, and as small as the texts allow."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from deskeditor.worker import splice
from deskeditor.worker.splice import apply_splice, splice_of

TEXT = st.text(alphabet=st.sampled_from("ab\n é𝄞"), max_size=300)


@settings(max_examples=400, deadline=None)
@given(TEXT, TEXT, TEXT, TEXT)
def test_the_splice_rebuilds_the_new_text_and_keeps_the_common_head_and_tail(head, old_mid, new_mid, tail):
    old, new = head + old_mid + tail, head + new_mid + tail
    start, end, replacement = splice_of(old, new)
    assert apply_splice(old, (start, end, replacement)) == new
    assert end - start <= len(old_mid) and len(replacement) <= len(new_mid)  # head and tail were not sent


def test_long_texts_are_compared_chunk_by_chunk(monkeypatch):
    monkeypatch.setattr(splice, "CHUNK", 7)
    old = "lorem ipsum " * 500
    new = old[:3001] + "X" + old[3001:]
    assert splice_of(old, new) == (3001, 3001, "X")
    assert splice_of(new, old) == (3001, 3002, "")
    assert splice_of(old, old) == (len(old), len(old), "")
