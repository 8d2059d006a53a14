"""Regression: footnote definitions belong to no section (issue 14).

A footnote-heavy post made SEO and readability give up with "bad range
15187..15148": the footnote text (printed after the last section, written
anywhere) was counted into the last section, whose range then ended before
it started."""

from deskeditor.core.lint.analysis import analyze

SENTENCE = "The footnote says many words about the source here."  # 9 words


def _post() -> str:
    note = " ".join([SENTENCE] * 40)  # 360 words: the long-section check looks at it
    return (
        "## The first section\n\n"
        "This paragraph cites a source.[^a] It is short.\n\n"
        f"[^a]: {note}\n\n"
        "## The last section\n\n"
        "A short closing paragraph.\n"
    )


def test_a_long_footnote_is_counted_into_no_section():
    src = _post()
    a = analyze(src, {})  # raised ValueError: bad range before the fix
    assert not [f for f in a.findings if f.rule == "long-section"]
    for f in a.findings:
        if f.start is not None and f.end is not None:
            assert 0 <= f.start <= f.end <= len(src)
    dist = [f for f in a.findings if f.rule == "subheading-distribution"]
    assert dist and dist[0].rating == "good"
