"""The grammar engine's pure parts: UTF-16 mapping, match filtering, answer
validation, settings, install bookkeeping. No server needed."""

from __future__ import annotations

import json

import pytest

from deskeditor.core.lint.grammar import install as lt_install
from deskeditor.core.lint.grammar.checker import (
    MatchCache,
    SegMatch,
    segment_findings,
    to_segment_matches,
    utf16_span_to_cp,
    utf16_starts,
)
from deskeditor.core.lint.grammar.client import CheckFailed, RawMatch, parse_matches
from deskeditor.core.lint.grammar.service import (
    ABSENT,
    Backoff,
    DownloadServer,
    LocalServer,
    RemoteServer,
    base_url,
    server_for,
)
from deskeditor.core.lint.grammar.settings import PUBLIC_API_URL, GrammarSettings
from deskeditor.core.markdown.prose import extract_prose


def raw(offset: int, length: int, rule: str = "R", category: str = "GRAMMAR", issue: str = "grammar") -> RawMatch:
    return RawMatch(offset, length, rule, category, category.title(), issue, "msg", "", ("x",))


def utf16_find(text: str, needle: str) -> tuple[int, int]:
    """Where LanguageTool (UTF-16) would say ``needle`` is in ``text``."""
    i = text.index(needle)
    return len(text[:i].encode("utf-16-le")) // 2, len(needle.encode("utf-16-le")) // 2


@pytest.mark.parametrize(
    "text",
    [
        "plain ascii recieve here",
        "😀 emoji then recieve here",
        "中文短语 then recieve here",
        "😀😀 two emoji 𝒳 and 中文 then recieve",
        "recieve",
    ],
)
def test_utf16_offsets_map_to_code_points(text):
    off, length = utf16_find(text, "recieve")
    i, j = utf16_span_to_cp(utf16_starts(text), off, length, len(text))
    assert text[i:j] == "recieve"


def test_bmp_only_text_needs_no_table():
    assert utf16_starts("中文 and ascii") is None
    assert utf16_starts("😀") == [0, 2]


def test_a_match_on_an_astral_character_covers_all_of_it():
    text = "a 😀 b"
    i, j = utf16_span_to_cp(utf16_starts(text), 2, 2, len(text))
    assert text[i:j] == "😀"
    # a span that ends inside the surrogate pair widens to the whole character
    i, j = utf16_span_to_cp(utf16_starts(text), 2, 1, len(text))
    assert text[i:j] == "😀"


def _seg(source: str, kind: str | None = None):
    segs = extract_prose(source)
    return next(s for s in segs if kind is None or s.kind == kind)


def test_findings_map_to_source_after_emoji_and_cjk():
    source = "- 😀 中文 I **recieve** mail\n"
    seg = _seg(source, "list_item")
    off, length = utf16_find(seg.text, "recieve")
    [f] = segment_findings(seg, to_segment_matches(seg.text, [raw(off, length, "MORFOLOGIK_RULE_EN_US", "TYPOS", "misspelling")]), frozenset())
    assert source[f.start : f.end] == "recieve"
    assert f.engine == "grammar" and f.rule == "MORFOLOGIK_RULE_EN_US" and f.category == "TYPOS"
    assert f.severity == "error" and f.replacements == ("x",)


def test_matches_on_placeholders_and_synthetic_space_are_dropped():
    source = "Run `make all` now and\nthen a https://example.org/x page.\n"
    seg = _seg(source)
    assert "code" in seg.text and "example.com" in seg.text
    code_at = seg.text.index("code")
    url_at = seg.text.index("example.com")
    space_at = seg.text.index(" then")  # the synthetic space of the line break
    matches = to_segment_matches(
        seg.text,
        [
            raw(code_at, 4),  # inside the code placeholder
            raw(url_at - 1, 3),  # overlaps the URL placeholder
            raw(space_at, 1, "WHITESPACE_RULE", "TYPOGRAPHY", "whitespace"),  # our line break
            raw(url_at - 2, 1, "EN_A_VS_AN", "MISC", "misspelling"),  # "a example.com"
            raw(0, 3),  # "Run": real text, kept
        ],
    )
    found = segment_findings(seg, matches, frozenset())
    assert [source[f.start : f.end] for f in found] == ["Run"]


def test_personal_dictionary_filters_spelling_only_case_insensitively():
    source = "Zelenskyy said a apple.\n"
    seg = _seg(source)
    spell = raw(0, 9, "MORFOLOGIK_RULE_EN_US", "TYPOS", "misspelling")
    article = raw(seg.text.index("a apple"), 1, "EN_A_VS_AN", "MISC", "misspelling")
    matches = to_segment_matches(seg.text, [spell, article])
    assert len(segment_findings(seg, matches, frozenset())) == 2
    kept = segment_findings(seg, matches, GrammarSettings(dictionary=("ZELENSKYY",)).dictionary_set())
    assert [f.rule for f in kept] == ["EN_A_VS_AN"]
    # the dictionary never filters a grammar rule, even if the word is listed
    kept = segment_findings(seg, matches, frozenset({"a"}))
    assert len(kept) == 2


def test_match_past_the_text_maps_to_nothing():
    seg = _seg("Short.\n")
    assert segment_findings(seg, (SegMatch(50, 60, raw(50, 10)),), frozenset()) == []


@pytest.mark.parametrize(
    "data",
    [None, [], {"foo": 1}, {"matches": "x"}, {"matches": [{"offset": "x"}]}, {"matches": [{"offset": 1, "length": 2}]},
     {"matches": [{"offset": -1, "length": 2, "rule": {"id": "X"}}]}],
)
def test_garbage_answers_are_rejected(data):
    with pytest.raises(CheckFailed) as info:
        parse_matches(data)
    assert info.value.kind == "garbage"


def test_a_real_shaped_answer_parses():
    data = {"matches": [{"message": "m", "shortMessage": "s", "offset": 3, "length": 4,
                         "replacements": [{"value": v} for v in "abcdefg"],
                         "rule": {"id": "R1", "issueType": "grammar", "category": {"id": "C", "name": "Cat"}}}]}
    [m] = parse_matches(data)
    assert (m.offset, m.length, m.rule, m.category, m.category_name) == (3, 4, "R1", "C", "Cat")
    assert m.replacements == tuple("abcde")


def test_cache_is_bounded_lru():
    c = MatchCache(size=2)
    c.put(("a",), ())
    c.put(("b",), ())
    c.get(("a",))
    c.put(("c",), ())
    assert c.get(("b",)) is None and c.get(("a",)) == () and len(c) == 2


def test_request_key_ignores_dictionary_and_rule_order():
    a = GrammarSettings(disabled_rules=("B", "A"), dictionary=("x",))
    b = GrammarSettings(disabled_rules=("A", "B"), dictionary=("y", "z"))
    assert a.request_key() == b.request_key()
    assert GrammarSettings(picky=True).request_key() != GrammarSettings().request_key()
    assert GrammarSettings(language="en-GB").request_key() != GrammarSettings().request_key()


@pytest.mark.parametrize(
    "given,expected",
    [
        ("localhost:8081", "http://localhost:8081/"),
        ("http://h:1/v2", "http://h:1/"),
        ("http://h:1/v2/", "http://h:1/"),
        ("https://api.languagetool.org", "https://api.languagetool.org/"),
        ("https://h/lt/", "https://h/lt/"),
    ],
)
def test_base_url(given, expected):
    assert base_url(given) == expected


def test_backoff_grows_and_resets():
    now = [100.0]
    b = Backoff((0.0, 2.0, 5.0), clock=lambda: now[0])
    b.failed()
    assert b.ready()
    b.failed()
    assert not b.ready() and b.wait_left() == 2.0
    now[0] += 2.0
    assert b.ready()
    b.failed()
    b.failed()
    assert b.wait_left() == 5.0  # capped at the last delay
    b.succeeded()
    assert b.ready() and b.failures == 0


def test_server_order_follows_the_settings(tmp_path):
    empty = tmp_path / "none"
    s = server_for(GrammarSettings(server_url="http://team:8081", allow_download=True, use_public_api=True), root=empty)
    assert isinstance(s, RemoteServer) and s.kind == "configured" and s.url == "http://team:8081/"
    s = server_for(GrammarSettings(allow_download=True, use_public_api=True), root=empty)
    assert isinstance(s, DownloadServer)  # nothing downloads until it is used
    s = server_for(GrammarSettings(use_public_api=True), root=empty)
    assert isinstance(s, RemoteServer) and s.kind == "public" and s.url == PUBLIC_API_URL
    s = server_for(GrammarSettings(), root=empty)
    assert isinstance(s, LocalServer) and s.state == ABSENT  # never the cloud by default


def test_installed_local_server_wins_over_download_and_cloud(tmp_path):
    (tmp_path / "6.8" / "lib").mkdir(parents=True)
    (tmp_path / "6.8" / lt_install.MARKER).write_text(json.dumps({"version": "6.8", "jars": 1, "size": 1}))
    s = server_for(GrammarSettings(version="6.8", allow_download=True, use_public_api=True), root=tmp_path)
    assert isinstance(s, LocalServer)


def test_unfinished_install_is_not_an_install(tmp_path):
    (tmp_path / "6.8" / "lib").mkdir(parents=True)
    assert lt_install.find_installation("6.8", tmp_path) is None
    (tmp_path / "6.8" / lt_install.MARKER).write_text("{broken")
    assert lt_install.find_installation("6.8", tmp_path) is None
    (tmp_path / "6.8" / lt_install.MARKER).write_text(json.dumps({"version": "6.8", "jars": 3, "size": 10}))
    found = lt_install.find_installation("6.8", tmp_path)
    assert found and found.jars == 3 and found.classpath.endswith("lib/*")


def test_install_is_a_no_op_when_complete(tmp_path, monkeypatch):
    (tmp_path / "6.8" / "lib").mkdir(parents=True)
    (tmp_path / "6.8" / lt_install.MARKER).write_text(json.dumps({"version": "6.8", "jars": 3, "size": 10}))

    def boom(*a, **k):
        raise AssertionError("Maven must not run for a complete install")

    monkeypatch.setattr(lt_install, "_run_maven", boom)
    said = []
    found = lt_install.install("6.8", root=tmp_path, progress=said.append)
    assert found.jars == 3 and "already installed" in said[0]


def test_pom_excludes_language_all_and_pins_the_version():
    pom = lt_install.pom_xml("6.8")
    assert "<artifactId>language-all</artifactId>" in pom.split("<exclusions>")[1].split("</exclusions>")[0]
    assert pom.count("<version>6.8</version>") == 1 + len(lt_install.LANGUAGES)
    assert "<artifactId>language-en</artifactId>" in pom


@pytest.mark.parametrize(
    "line,major",
    [('openjdk version "17.0.15" 2025-04-15', 17), ('java version "1.8.0_392"', 8), ('openjdk version "21" 2023-09-19', 21), ("", 0)],
)
def test_parse_java_major(line, major):
    assert lt_install.parse_java_major(line) == major


def test_missing_java_is_one_line_with_the_fix(monkeypatch):
    from deskeditor.core.errors import InputError

    with pytest.raises(InputError) as info:
        lt_install.require_java("/nonexistent/java")
    assert "Java is not installed" in str(info.value) and "fix:" in str(info.value)
    assert "\n" not in str(info.value)


def _fake_mvn(tmp_path, monkeypatch, script: str) -> None:
    """Put a fake ``mvn`` first on PATH (to provoke install outcomes offline)."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    mvn = bin_dir / "mvn"
    mvn.write_text("#!/bin/sh\n" + script)
    mvn.chmod(0o755)
    monkeypatch.setenv("PATH", f"{bin_dir}:{__import__('os').environ['PATH']}")
    monkeypatch.setattr(lt_install, "require_java", lambda java="java": "java 17")


def test_failed_maven_leaves_no_install_and_says_why(tmp_path, monkeypatch):
    from deskeditor.core.errors import InputError

    _fake_mvn(tmp_path, monkeypatch, 'echo "[ERROR] Could not resolve dependencies: network unreachable"; exit 1\n')
    root = tmp_path / "cache"
    with pytest.raises(InputError) as info:
        lt_install.install("6.8", root=root)
    assert "Could not resolve dependencies" in str(info.value) and "fix:" in str(info.value)
    assert lt_install.find_installation("6.8", root) is None
    assert [p.name for p in root.iterdir() if not p.name.endswith(".lock")] == []  # partial dir removed


def test_successful_install_reports_progress_and_writes_the_marker_last(tmp_path, monkeypatch):
    script = (
        'for a in "$@"; do case "$a" in -DoutputDirectory=*) out="${a#-DoutputDirectory=}";; esac; done\n'
        'mkdir -p "$out"\n'
        'for j in languagetool-server-6.8 language-en-6.8 guava-33; do\n'
        '  echo "[INFO] Downloaded from central: https://repo/x/$j.jar (1 kB at 1 kB/s)"\n'
        '  printf x > "$out/$j.jar"\n'
        "done\n"
    )
    _fake_mvn(tmp_path, monkeypatch, script)
    said = []
    found = lt_install.install("6.8", root=tmp_path / "cache", progress=said.append)
    assert found.jars == 3 and found.size == 3
    assert any("downloaded 2: language-en-6.8.jar" in s for s in said)
    assert lt_install.find_installation("6.8", tmp_path / "cache") == found.__class__(
        "6.8", found.root, 3, 3, round(found.seconds, 1)
    )
    again = []
    lt_install.install("6.8", root=tmp_path / "cache", progress=again.append)
    assert "already installed" in again[0]


def test_a_grammar_match_on_a_word_the_draft_writes_as_code_is_info():
    from deskeditor.core.lint.grammar.checker import SegMatch, finding_for
    from deskeditor.core.lint.grammar.client import RawMatch
    from deskeditor.core.lint.grammar.names import DraftWords
    from deskeditor.core.markdown.prose import extract_prose

    source = "# Code\n\nUse `if` here. Then the if branch runs and the the end comes.\n"
    [_h, seg] = extract_prose(source)
    words = DraftWords(source, [s.text for s in (_h, seg)])

    def match(text: str) -> SegMatch:
        i = seg.text.index(text)
        return SegMatch(i, i + len(text), RawMatch(i, len(text), "DT_PRP", "GRAMMAR", "Grammar", "grammar",
                                                   "m", "", ()))

    assert finding_for(seg, match("the if"), words).severity == "info"
    assert finding_for(seg, match("the the"), words).severity == "error"
