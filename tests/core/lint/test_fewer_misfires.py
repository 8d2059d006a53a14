"""Writer-facing misfires that real posts showed: connectives flagged as
adverbs to cut."""

from __future__ import annotations

from deskeditor.core.lint.analysis import analyze

CONNECTIVES = """\
# Notes

Additionally, the model trains fast. Conversely, the old one was slow. Lastly, the data was clean.
The results were extremely good and the team worked quickly.
"""


def test_connectives_are_not_adverbs_to_cut():
    findings = analyze(CONNECTIVES, {"title": "Notes"}).findings
    flagged = {CONNECTIVES[f.start:f.end] for f in findings if f.rule == "adverb"}
    assert flagged == {"quickly"}  # "extremely" is a weasel word, reported once as such


def anchors(text):
    from deskeditor.core.citations.analysis import analyze as citations

    return [text[a.start:a.end] for a in citations(text).attributions if a.kind == "anchor"]


def test_the_post_itself_is_not_an_unlinked_anchor():
    text = ("As explained in this post, the model is small. Read this blog post to the end. "
            "Our article covers the rest. You can watch this video for the details.\n")
    assert anchors(text) == ["this video"]


def test_a_referent_linked_in_the_previous_sentence_is_not_unlinked():
    text = ("The authors published [a paper](https://arxiv.org/abs/1409.4842) in 2014. "
            "As described in this paper, inception modules stack filters.\n\n"
            "Nothing is linked here. As described in this paper, the loss falls. "
            "Two sentences later, see this paper again.\n")
    assert anchors(text) == ["this paper", "this paper"]
    first = text.index("this paper")
    assert all(text.index(a, first + 1) > first for a in anchors(text))
