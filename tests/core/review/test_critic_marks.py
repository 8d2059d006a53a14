"""CriticMarkup marks: the specification's examples, exact ranges, accept and reject of every kind."""

from __future__ import annotations

import pytest

from deskeditor.core.markdown.render import render_html
from deskeditor.core.review import marks as critic

# The examples of criticmarkup.com's specification ("The Basic Syntax") and the
# HTML it recommends for each (pymdownx.critic gives the same, with class="critic").
SPEC = [
    ("Lorem ipsum dolor{++ sit++} amet.",
     '<p>Lorem ipsum dolor<ins class="critic"> sit</ins> amet.</p>'),
    ("Lorem{-- ipsum--} dolor sit amet.",
     '<p>Lorem<del class="critic"> ipsum</del> dolor sit amet.</p>'),
    ("Lorem {~~hipsum~>ipsum~~} dolor sit amet.",
     '<p>Lorem <del class="critic">hipsum</del><ins class="critic">ipsum</ins> dolor sit amet.</p>'),
    ("Lorem ipsum dolor sit amet.{>>This is a comment<<}",
     '<p>Lorem ipsum dolor sit amet.<span class="critic comment">This is a comment</span></p>'),
    ("Lorem ipsum. {==Vestibulum at orci magna.==}{>>confusing<<} Mauris.",
     '<p>Lorem ipsum. <mark class="critic">Vestibulum at orci magna.</mark>'
     '<span class="critic comment">confusing</span> Mauris.</p>'),
]


@pytest.mark.parametrize("source,html", SPEC)
def test_spec_examples_render_as_specified(source, html):
    assert render_html(source, source_lines=False).strip() == html


def test_marks_inside_and_around_inline_markup():
    html = render_html("*a {++b++} c* and [x {--y--}](https://z.example) {++**new**++}", source_lines=False)
    assert '<em>a <ins class="critic">b</ins> c</em>' in html
    assert '<a href="https://z.example">x <del class="critic">y</del></a>' in html
    assert '<ins class="critic"><strong>new</strong></ins>' in html


def test_substitution_is_not_strikethrough():
    assert "<s>" not in render_html("a {~~b~>c~~} d", source_lines=False)


SOURCE = ("Hello {++big ++}world{-- bad--}. {~~old~>new~~} {==hl==}{>>@ana why?<<}{>>@bob because<<} "
          "{>>bare<<}end\n\n{++Two\n\nparagraphs++}")


def test_marks_have_exact_ranges():
    found = critic.find_marks(SOURCE)
    assert [m.kind for m in found] == ["insert", "delete", "substitute", "highlight", "comment", "insert"]
    for m in found:
        assert SOURCE[m.start] == "{" and SOURCE[m.end - 1] == "}"
    hl = found[3]
    assert SOURCE[hl.start:hl.end] == "{==hl==}{>>@ana why?<<}{>>@bob because<<}"
    assert (hl.text, hl.author, hl.comment) == ("hl", "ana", "why?")
    assert [(c.author, c.text) for c in hl.replies] == [("bob", "because")]
    assert found[2].text == "old" and found[2].replacement == "new"
    assert found[5].text == "Two\n\nparagraphs"  # across a paragraph break, as CriticMarkup is a text layer


@pytest.mark.parametrize("index,accepted,rejected", [
    (0, "Hello big world{--", "Hello world{--"),
    (1, "++}world. {~~", "++}world bad. {~~"),
    (2, "--}. new {==", "--}. old {=="),
    (3, "~~} hl {>>bare", "~~} hl {>>bare"),  # a comment thread resolves either way
    (4, "because<<} end", "because<<} end"),
    (5, "end\n\nTwo\n\nparagraphs", "<<}end\n\n"),
])
def test_accept_and_reject_each_kind(index, accepted, rejected):
    assert accepted in critic.accept(SOURCE, index)
    assert rejected in critic.reject(SOURCE, index)
    assert len(critic.find_marks(critic.accept(SOURCE, index))) == 5


def test_accept_and_reject_all():
    assert critic.accept(SOURCE) == "Hello big world. new hl end\n\nTwo\n\nparagraphs"
    assert critic.reject(SOURCE) == "Hello world bad. old hl end\n\n"
    assert critic.accepted_text(SOURCE) == critic.accept(SOURCE)


def test_no_such_mark():
    with pytest.raises(IndexError):
        critic.accept(SOURCE, 6)


def test_accepted_view_maps_every_character_back():
    view = critic.accepted_view(SOURCE)
    for i, ch in enumerate(view.text):
        assert SOURCE[view.to_source(i)] == ch
    assert critic.accepted_view("no marks here") is None


@pytest.mark.parametrize("source,html", [
    ("One.{++\n\n++}Two.\n\nThree.",
     '<p data-source-line="0">One.<ins class="critic break">&nbsp;</ins>Two.</p>\n<p data-source-line="4">Three.</p>'),
    ("One.{--\n\n--}Two.", '<p data-source-line="0">One.<del class="critic break">&nbsp;</del>Two.</p>'),
    ("One.{~~\n\n~> ~~}Two.",
     '<p data-source-line="0">One.<del class="critic break">&nbsp;</del><ins class="critic"> </ins>Two.</p>'),
])
def test_paragraph_breaks_added_or_removed(source, html):
    assert render_html(source).strip() == html


def test_paragraph_break_marks_accept_and_reject():
    assert critic.accept("One.{++\n\n++}Two.") == "One.\n\nTwo."
    assert critic.reject("One.{++\n\n++}Two.") == "One.Two."
    assert critic.accept("One.{~~\n\n~> ~~}Two.") == "One. Two."
    assert critic.reject("One.{~~\n\n~> ~~}Two.") == "One.\n\nTwo."
