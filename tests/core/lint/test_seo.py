"""SEO checks (core.lint.seo via core.lint.analysis.analyze), hand-checked."""

import json
import re
from pathlib import Path

import pytest

from deskeditor.core.lint import seo
from deskeditor.core.lint.analysis import Analysis, analyze, field_range
from deskeditor.core.model import Finding

DATA = Path(__file__).resolve().parents[2] / "data"
SAMPLE = DATA / "russia-ukraine-ceasefire.txt"
TITLE = "Putin Demands Russia-Ukraine Ceasefire to Guarantee Lasting Peace"
SECTIONS = {
    "Understanding Putin’s Conditions for the Russia-Ukraine Ceasefire",
    "U.S. Diplomatic Efforts for Conflict Resolution",
    "Europe’s Skepticism of Putin’s Intentions",
    "Challenges in Implementing a Russia-Ukraine Ceasefire",
    "Historical Context and Recent Escalations",
    "International Mediation and Reactions",
    "Prospects for Achieving Long-Term Peace",
    "Conclusion",
}
# 10 words, no keyphrase, no link, nothing vague
FILLER = "Officials met in the capital to discuss the next steps."
KP = "Russia-Ukraine ceasefire"


def h1_markdown() -> str:
    """The sample post as Markdown: its title as H1, section titles as H2, the
    other lines (byline, captions, the comment form's debris) as paragraphs."""
    out = []
    for line in SAMPLE.read_text(encoding="utf-8").splitlines():
        s = line.strip()
        if not s:
            continue
        out.append("# " + s if s == TITLE else "## " + s if s in SECTIONS else s)
    return "\n\n".join(out) + "\n"


def filler(n: int) -> str:
    return " ".join([FILLER] * n)


def one(a: Analysis, rule: str) -> Finding:
    found = [f for f in a.findings if f.rule == rule]
    assert len(found) == 1, (rule, found)
    return found[0]


def rules(a: Analysis) -> set[str]:
    return {f.rule for f in a.findings}


# --------------------------------------------------------------------------- the sample post


def test_sample_exact_count_is_8_and_density_below_half_a_percent():
    src = h1_markdown()
    a = analyze(src, {"keyphrase": "Russia-Ukraine Ceasefire"})
    # title, 2 captions, 2 H2s, 3 paragraphs: hyphen, case and possessive variants
    assert a.keyphrase["exact_count"] == 8
    assert a.keyphrase["phrase_count"] == 8
    # + the title, 5 more sentences with all three words ("a ceasefire ... Ukraine's ... Russia's")
    assert a.keyphrase["sentence_count"] == 12
    # Yoast's count: the sentences of the body (not the title) that hold all
    # three content words, in any order and form; density over the body's words
    assert a.keyphrase["count"] == 11
    words = a.keyphrase["words"]
    assert words == a.stats["words"] - 8  # the 8 words of the title are not the body
    assert a.keyphrase["density"] == round(11 / words * 100, 2) == 0.57
    d = one(a, "keyphrase-density")
    # weighted by the keyphrase length (0.7 + 3/3): 0.97%, within 0.5-3.5%
    assert d.rating == "good" and d.extra["score"] == 9 and "11 times" in d.message
    for start, end in a.keyphrase["occurrences"]:
        assert re.fullmatch(r"Russia-Ukraine [Cc]easefire", src[start:end])


def test_sample_word_count_matches_an_independent_count():
    src = h1_markdown()
    a = analyze(src, {})
    # whitespace-separated tokens with a letter or digit, plus one for each
    # dash-joined pair ("sovereignty—particularly"); "#" markers are not words
    body = src.replace("# ", " ")
    tokens = body.split()
    expected = sum(1 for t in tokens if re.search(r"\w", t)) + sum(
        len(re.findall(r"\w[\u2013\u2014]\w", t)) for t in tokens)
    assert a.stats["words"] == expected == 1931


def test_sample_after_import_counts_the_front_matter_title(sample_markdown):
    # the importer puts the title in the front matter only and drops the byline and the debris
    src = sample_markdown
    a = analyze(src, {"keyphrase": "Russia-Ukraine Ceasefire"})
    assert a.keyphrase["exact_count"] == 8
    assert a.keyphrase["count"] == 11 and a.keyphrase["density"] == 0.58
    assert one(a, "keyphrase-density").rating == "good"


def test_json_shape_and_finding_texts_match_the_source():
    src = "---\ntitle: Russia-Ukraine ceasefire\n---\n\n" + filler(3) + "\n"
    a = analyze(src, {"keyphrase": KP})
    d = json.loads(json.dumps(a.to_dict(src)))
    assert set(d) == {"stats", "keyphrase", "scores", "findings"}
    assert {"words", "sentences", "paragraphs", "reading_time_minutes"} <= set(d["stats"])
    assert {"phrase", "exact_count", "sentence_count", "density"} <= set(d["keyphrase"])
    assert {"seo", "readability", "flesch_reading_ease", "flesch_kincaid_grade"} <= set(d["scores"])
    for f in d["findings"]:
        assert f["engine"] in ("seo", "readability")
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", f["rule"])
        assert f["severity"] in ("error", "warning", "info") and f["rating"] in ("good", "ok", "poor")
        assert f["text"] == src[f["start"] : f["end"]]


# --------------------------------------------------------------------------- counting


def test_code_urls_and_alt_text_never_count():
    src = ("# Ceasefire\n\nThe ceasefire `ceasefire` holds, see https://ceasefire.example.com now.\n\n"
           "```\nceasefire ceasefire\n```\n\n    ceasefire indented\n\n![ceasefire ceasefire](a.png)\n")
    a = analyze(src, {"keyphrase": "ceasefire"})
    # seen: "Ceasefire" (title) + "The ceasefire holds see now" = 1 + 5 words
    assert a.stats["words"] == 6
    assert a.keyphrase["exact_count"] == 2
    # Yoast's count reads the body only: one sentence, 5 words
    assert a.keyphrase["count"] == 1 and a.keyphrase["density"] == 20.0


def test_density_formula_is_occurrences_over_words():
    # 100 words with 2 occurrences of a 3-word keyphrase -> 2%, not 6%
    text = "The Russia-Ukraine ceasefire holds. " + filler(9) + " Still the Russia Ukraine ceasefire holds."
    a = analyze(text, {"keyphrase": KP})
    assert a.stats["words"] == 100
    assert a.keyphrase["density"] == 2.0
    assert one(a, "keyphrase-density").rating == "good"


def test_density_too_high_and_plural_forms_count():
    text = "Russia-Ukraine ceasefires hold. " + filler(2) + " A Russia–Ukraine ceasefire’s end."
    a = analyze(text, {"keyphrase": KP})
    assert a.keyphrase["exact_count"] == 1  # only "Russia–Ukraine ceasefire’s" is the exact phrase
    assert a.keyphrase["phrase_count"] == 2  # "ceasefires" is a form of it
    assert a.keyphrase["count"] == 2
    assert "keyphrase-density" not in rules(a)  # Yoast: under 100 words, not assessed
    many = analyze("Russia-Ukraine ceasefires hold. " * 5 + filler(9), {"keyphrase": KP})
    d = one(many, "keyphrase-density")
    assert d.rating == "poor" and d.extra["score"] == -50
    assert "more than the recommended maximum" in d.message


def test_no_keyphrase():
    a = analyze(filler(3), {})
    f = one(a, "keyphrase-missing")
    assert f.rating == "poor"
    assert a.keyphrase["exact_count"] == 0 and a.keyphrase["density"] == 0
    assert "keyphrase-density" not in rules(a)


def test_keyphrase_length():
    assert one(analyze("x", {"keyphrase": "how to bake bread"}), "keyphrase-length").rating == "good"
    # Yoast's English function words leave "best" and "new" out of a keyphrase's content words
    best = one(analyze("x", {"keyphrase": "best new coffee beans for a home espresso machine"}), "keyphrase-length")
    assert best.extra["content_words"] == 5 and best.rating == "ok"
    five = "alpha beta gamma delta epsilon"
    assert one(analyze("x", {"keyphrase": five}), "keyphrase-length").rating == "ok"
    nine = "a1 b1 c1 d1 e1 f1 g1 h1 i1"
    assert one(analyze("x", {"keyphrase": nine}), "keyphrase-length").rating == "poor"


def test_related_keyphrases_are_counted_and_act_as_synonyms():
    src = "# Peace talks\n\nThe truce held in May.\n"
    a = analyze(src, {"keyphrase": "peace talks", "related_keyphrases": ["truce"]})
    assert a.keyphrase["related"][0]["phrase"] == "truce"
    assert a.keyphrase["related"][0]["exact_count"] == 1
    assert one(a, "keyphrase-in-introduction").rating == "good"  # via the synonym


# --------------------------------------------------------------------------- title, slug, meta


def test_keyphrase_in_seo_title():
    def rating(seo_title):
        return one(analyze("x", {"keyphrase": KP, "seo_title": seo_title}), "keyphrase-in-seo-title").rating

    assert rating("Russia–Ukraine Ceasefire: what Putin wants") == "good"
    assert rating("What Putin wants from the Russia Ukraine ceasefire") == "ok"
    assert rating("Ceasefire between Russia and Ukraine") == "ok"
    assert rating("What Putin wants") == "poor"


def test_seo_title_falls_back_to_the_title_and_points_at_it():
    src = "---\ntitle: Russia-Ukraine ceasefire news\n---\nText.\n"
    f = one(analyze(src, {"keyphrase": KP}), "keyphrase-in-seo-title")
    assert f.rating == "good"
    assert f.text(src) == "Russia-Ukraine ceasefire news"


def test_seo_title_width_uses_arial_metrics():
    # Arial advance widths (units of 2048 per em), typed from Arial's metrics
    arial = {"P": 1366, "u": 1139, "t": 569, "i": 455, "n": 1139, " ": 569, "D": 1479, "e": 1139, "m": 1706,
             "a": 1139, "d": 1139, "s": 1024, "R": 1479, "-": 682, "U": 1479, "k": 1024, "r": 682,
             "C": 1479, "f": 569, "o": 1139, "G": 1593, "L": 1139, "g": 1139, "c": 1024, "W": 1933}
    assert seo.seo_title_width_px("Wi") == pytest.approx((1933 + 455) * 20 / 2048)
    expected = sum(arial[c] for c in TITLE) * 20 / 2048
    assert seo.seo_title_width_px(TITLE) == pytest.approx(expected)
    assert 600 < expected < 630
    assert seo.seo_title_width_px("") == 0
    assert seo.seo_title_width_px("e\u0301") == pytest.approx(1139 * 20 / 2048)  # combining mark: zero
    assert seo.seo_title_width_px("中") == pytest.approx(20.0)  # wide: one em


def test_seo_title_width_ratings():
    def f(title):
        return one(analyze("x", {"seo_title": title}), "seo-title-width")

    assert f(TITLE).rating == "poor" and "625 px" in f(TITLE).message
    assert f("Putin Demands a Russia-Ukraine Ceasefire for Peace").rating == "good"  # 470 px
    assert f("Ceasefire").rating == "good"  # short is fine in Yoast's SEO analysis
    assert f("").rating == "poor" and f("").extra["score"] == 1


def test_keyphrase_in_slug():
    def f(slug, title=""):
        return one(analyze("x", {"keyphrase": KP, "slug": slug, "title": title}), "keyphrase-in-slug")

    assert f("russia-ukraine-ceasefire-news").rating == "good"
    assert f("russia-ukraine-cease-fire").rating == "good"
    assert f("ukraine-ceasefire").rating == "good"  # 2 of 3 content words: more than half
    assert f("ukraine-talks").rating == "ok"
    assert f("peace-talks").rating == "ok" and f("peace-talks").extra["score"] == 6
    derived = f("", title="The Russia–Ukraine Ceasefire")
    assert derived.rating == "good" and "the-russia-ukraine-ceasefire" in derived.message


def test_slug_and_meta_findings_point_into_the_front_matter():
    meta = "The Russia-Ukraine ceasefire: " + "x" * 100
    src = f"---\nslug: peace-talks\ndescription: \"{meta}\"\n---\nBody.\n"
    a = analyze(src, {"keyphrase": KP})
    assert one(a, "keyphrase-in-slug").text(src) == "peace-talks"
    assert one(a, "meta-description-length").text(src) == meta
    assert one(a, "keyphrase-in-meta-description").rating == "good"
    assert field_range(src, src.index("Body"), "title", "x") is None


def test_meta_description_length_boundaries():
    def rating(n):
        return one(analyze("x", {"meta_description": "a" * n}), "meta-description-length").rating

    assert rating(0) == "poor"
    assert rating(119) == "ok"
    assert rating(120) == "ok"
    assert rating(121) == "good"
    assert rating(156) == "good"
    assert rating(157) == "ok"


def test_keyphrase_in_meta_description():
    def rating(meta):
        return one(analyze("x", {"keyphrase": KP, "meta_description": meta}), "keyphrase-in-meta-description").rating

    assert "keyphrase-in-meta-description" not in rules(analyze("x", {"keyphrase": KP}))
    assert rating("Peace is near.") == "poor"
    assert rating("Russia–Ukraine ceasefires explained.") == "good"
    assert rating("Ceasefire: Russia and Ukraine agree, and a ceasefire for Russia and Ukraine.") == "good"  # 2
    stuffed = "Russia-Ukraine ceasefire. Russia-Ukraine ceasefire now. The Russia Ukraine ceasefire."
    assert rating(stuffed) == "poor"  # 3 times: over Yoast's maximum of 2


# --------------------------------------------------------------------------- body structure


def test_keyphrase_in_introduction():
    def rating(first):
        return one(analyze(f"# Title\n\n{first}\n\n{FILLER}\n", {"keyphrase": KP}),
                   "keyphrase-in-introduction")

    good = rating("Putin wants a Russia-Ukraine ceasefire.")
    assert good.rating == "good" and good.text(f"# Title\n\nPutin wants a Russia-Ukraine ceasefire.\n\n") == \
        "Putin wants a Russia-Ukraine ceasefire."
    assert rating("A ceasefire between Ukraine and Russia’s army.").rating == "good"
    assert rating("Russia wants peace. Ukraine wants a ceasefire.").rating == "ok"
    assert rating("Putin wants peace.").rating == "poor"


def test_introduction_is_the_first_paragraph_after_a_body_title():
    src = "Byline Name\n\n# Title\n\nThe Russia-Ukraine ceasefire holds.\n"
    f = one(analyze(src, {"keyphrase": KP}), "keyphrase-in-introduction")
    assert f.rating == "good" and f.text(src) == "The Russia-Ukraine ceasefire holds."


def test_keyphrase_in_subheadings():
    def f(heads):
        src = "# T\n\n" + "".join(f"## {h}\n\nText.\n\n" for h in heads)
        return one(analyze(src, {"keyphrase": KP}), "keyphrase-in-subheadings")

    assert f(["Russia-Ukraine ceasefire"]).rating == "good"  # one of one
    assert f(["Russia-Ukraine ceasefire", "History", "Aftermath"]).rating == "good"  # 33%
    low = f(["Russia-Ukraine ceasefire", "History", "Aftermath", "Sources"])  # 25%
    assert low.rating == "poor" and low.extra["percent"] == 25.0  # 1 < ceil(30% of 4)
    assert f(["Ceasefire talks: Russia and Ukraine", "The Russia-Ukraine ceasefires", "Russia Ukraine ceasefire",
              "History"]).rating == "good"  # 75%, any form and order
    assert f(["Russia-Ukraine ceasefire", "Russia Ukraine ceasefire", "Ceasefire, Russia, Ukraine",
              "Russia–Ukraine ceasefire deal", "Ukraine"]).rating == "poor"  # 80%: over floor(75% of 5)
    # more than half of the content words is enough: 2 of 3
    assert f(["The ceasefire in Ukraine", "History", "Aftermath"]).extra["with_keyphrase"] == 1
    assert f(["Ukraine", "History", "Aftermath"]).extra["with_keyphrase"] == 0


def test_h4_headings_and_no_subheadings():
    src = "# T\n\n#### Russia-Ukraine ceasefire\n\nText.\n"
    assert "keyphrase-in-subheadings" not in rules(analyze(src, {"keyphrase": KP}))


def test_text_length_boundaries():
    def rating(words):
        return one(analyze(filler(words // 10), {}), "text-length").rating

    assert rating(300) == "good"
    assert rating(290) == "ok"
    assert rating(250) == "ok"
    assert rating(240) == "poor"


def test_keyphrase_distribution_finds_the_longest_stretch():
    intro = "The Russia-Ukraine ceasefire holds."  # 4 words
    src = f"{intro}\n\n{filler(5)}\n\n{intro}\n\n{filler(10)}\n\n{intro}\n"
    a = analyze(src, {"keyphrase": KP})
    f = one(a, "keyphrase-distribution")
    # 112 words; the longest stretch is the 10 filler sentences = 100 words (89%)
    assert f.extra["longest_gap_words"] == 100
    assert f.rating == "poor"
    assert f.text(src) == filler(10)


def test_keyphrase_distribution_even_is_good_and_short_texts_skip():
    intro = "The Russia-Ukraine ceasefire holds."
    src = "\n\n".join([intro, filler(2)] * 8) + "\n"
    f = one(analyze(src, {"keyphrase": KP}), "keyphrase-distribution")
    assert f.rating == "good" and f.extra["longest_gap_words"] == 20
    assert "keyphrase-distribution" not in rules(analyze(filler(3), {"keyphrase": KP}))


# --------------------------------------------------------------------------- links and images


def test_links_internal_and_outbound():
    src = ("See [our post](/posts/peace), [a ref](../a.md), [site](https://www.example.org/x), "
           "[Reuters](https://reuters.com/x), <https://apnews.com>, https://bbc.co.uk/news, "
           "[top](#top), [mail](mailto:a@b.c) and <a href=\"https://nyt.com\">NYT</a>.\n\n"
           "```\n[code](https://code.example.com)\n```\n")
    a = analyze(src, {"site_url": "https://example.org"})
    # Yoast compares hosts exactly: www.example.org is another host; #top and mailto: are "other"
    assert a.stats["links_internal"] == 2
    assert a.stats["links_outbound"] == 5
    assert one(a, "internal-links").rating == "good"
    assert one(a, "outbound-links").extra["count"] == 5
    a = analyze(src, {"site_url": "https://www.example.org/"})
    assert a.stats["links_internal"] == 3 and a.stats["links_outbound"] == 4
    # the site's address from the front matter
    a = analyze("---\nsite_url: https://reuters.com\n---\n" + src, {})
    assert a.stats["links_internal"] == 3


def test_no_links_are_warnings():
    a = analyze(filler(2), {})
    for rule in ("internal-links", "outbound-links"):
        f = one(a, rule)
        assert f.rating == "poor" and f.severity == "warning"


def test_classify_link():
    assert seo.classify_link("/a") == "internal"
    assert seo.classify_link("https://x.org/a", "https://x.org") == "internal"
    assert seo.classify_link("https://x.org/a", "x.org") == "internal"
    assert seo.classify_link("https://x.org/a", "https://www.x.org") == "outbound"
    assert seo.classify_link("https://x.org/a") == "outbound"
    assert seo.classify_link("//cdn.org/a") == "outbound"
    assert seo.classify_link("#s") == "other"
    assert seo.classify_link("tel:123") == "other"


def test_images_alt_missing_located():
    src = "Text.\n\n![](one.png)\n\nMore ![A map of the front](two.png \"t\") text.\n\n<img src=\"3.png\">\n"
    a = analyze(src, {})
    missing = [f for f in a.findings if f.rule == "image-alt-missing"]
    assert [f.text(src) for f in missing] == ["![](one.png)", "<img src=\"3.png\">"]
    assert one(a, "images").rating == "good" and a.stats["images"] == 3  # Yoast counts images only


def test_no_images_is_poor():
    assert one(analyze(filler(1), {}), "images").rating == "poor"


def test_image_keyphrase_in_alt_and_stuffing():
    src = ("![A Russia–Ukraine ceasefire map](a.png)\n\n"
           "![Russia-Ukraine ceasefire, Russia Ukraine ceasefire](b.png)\n")
    a = analyze(src, {"keyphrase": KP})
    assert one(a, "image-keyphrase").rating == "good"
    stuffed = one(a, "image-alt-stuffed")
    assert stuffed.text(src) == "Russia-Ukraine ceasefire, Russia Ukraine ceasefire"
    assert one(analyze("![A map](a.png)\n", {"keyphrase": KP}), "image-keyphrase").rating == "ok"


def test_image_keyphrase_with_five_or_more_images():
    def rating(with_kp, total):
        imgs = [f"![Russia-Ukraine ceasefire photo {i}](a{i}.png)" for i in range(with_kp)]
        imgs += [f"![Street photo {i}](b{i}.png)" for i in range(total - with_kp)]
        return one(analyze("\n\n".join(imgs) + "\n", {"keyphrase": KP}), "image-keyphrase").rating

    assert rating(2, 5) == "good"  # 40%
    assert rating(1, 5) == "ok"  # 20%: too few
    assert rating(4, 5) == "good"  # Yoast: with exactly 5 images, 2 to 4
    assert rating(5, 5) == "ok"  # all: too many
    assert rating(7, 10) == "good" and rating(8, 10) == "ok"  # floor(75% of 10) = 7


# --------------------------------------------------------------------------- H1, reuse


def test_single_h1_with_title_field_and_same_h1():
    src = "---\ntitle: Peace talks\n---\n\n# Peace Talks!\n\nText.\n"
    a = analyze(src, {})
    f = one(a, "single-h1")
    assert f.rating == "good"
    assert a.stats["words"] == 3  # the title counted once


def test_single_h1_title_field_plus_other_h1_is_two():
    src = "---\ntitle: Peace talks\n---\n\n# Background\n\nText.\n"
    a = analyze(src, {})
    f = one(a, "single-h1")
    assert f.rating == "poor" and f.text(src) == "Background" and f.extra["h1"] == 2
    assert "score" not in f.extra  # Yoast accepts an H1 that opens the body: deskeditor's finding only
    assert a.stats["words"] == 4  # title + "Background" + "Text"


def test_single_h1_without_title_field():
    assert one(analyze("# Title\n\nText.\n", {}), "single-h1").rating == "good"
    two = analyze("# Title\n\nText.\n\n# Again\n", {})
    assert one(two, "single-h1").rating == "poor" and one(two, "single-h1").extra["score"] == 1
    assert one(analyze("Text.\n", {}), "single-h1").rating == "poor"


def test_fields_override_front_matter():
    src = "---\ntitle: Old title\nfocus_keyphrase: old\n---\nText about ceasefire.\n"
    a = analyze(src, {"keyphrase": "ceasefire"})
    assert a.keyphrase["phrase"] == "ceasefire" and a.keyphrase["exact_count"] == 1
    a = analyze(src, {})
    assert a.keyphrase["phrase"] == "old"
    src = "---\nfocus_keyphrase: peace talks\nrelated_keyphrases: [truce, armistice]\n---\nThe truce held.\n"
    a = analyze(src, {})
    assert [r["phrase"] for r in a.keyphrase["related"]] == ["truce", "armistice"]
    assert a.keyphrase["related"][0]["exact_count"] == 1


def test_keyphrase_previously_used():
    def f(others):
        return one(analyze("x", {"keyphrase": KP}, other_focus_keyphrases=others), "keyphrase-previously-used")

    assert f([]).rating == "good"
    assert f(["peace talks", "Russia-Ukraine war"]).rating == "good"
    assert f(["russia ukraine ceasefires"]).rating == "ok"
    assert f(["Russia–Ukraine Ceasefire", "Russia-Ukraine ceasefire"]).rating == "poor"


# --------------------------------------------------------------------------- score


def test_score_is_yoasts_sum_over_nine_per_check():
    from deskeditor.core.lint import scoring

    fs = [Finding("seo", "text-length", "info", "m", rating="good", data=(("score", 9),)),
          Finding("seo", "images", "info", "m", rating="ok", data=(("score", 6),)),
          Finding("seo", "single-h1", "warning", "m", rating="poor", data=(("score", 1),)),
          Finding("seo", "image-alt-missing", "warning", "m", rating="poor")]  # deskeditor's: unscored
    assert scoring.seo_score(fs) == round(100 * (9 + 6 + 1) / 27)
    assert scoring.overall(71) == "good" and scoring.overall(70) == "ok" and scoring.overall(40) == "poor"
    assert [scoring.rating_of(x) for x in (9, 8, 7, 5, 4, 1, -10, 0)] == \
        ["good", "good", "ok", "ok", "poor", "poor", "poor", ""]


def test_a_well_optimised_post_scores_high():
    body = " ".join(["The Russia-Ukraine ceasefire holds.", filler(6)] * 6)
    meta = "What the Russia-Ukraine ceasefire means for Europe: the terms, the monitors, the " \
           "guarantees and the open questions, explained."
    src = (f"---\ntitle: Russia-Ukraine ceasefire explained, and what Putin and Kyiv want\nslug: russia-ukraine-ceasefire\n"
           f"description: '{meta}'\n---\n\n![A Russia-Ukraine ceasefire map](map.png)\n\n{body}\n\n"
           "## The Russia-Ukraine ceasefire terms\n\n"
           f"{body} See [Reuters](https://reuters.com) and [our explainer](/posts/explainer).\n\n"
           "## Monitors\n\n" + body + "\n")
    a = analyze(src, {"keyphrase": KP})
    bad = [f for f in a.findings if f.engine == "seo" and f.rating != "good"]
    assert bad == []
    assert a.scores["seo"] == 100 and a.scores["seo_rating"] == "good"
