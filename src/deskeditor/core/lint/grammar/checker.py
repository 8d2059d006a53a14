"""Markdown-aware, incremental grammar and spelling checks.

``GrammarEngine(settings, server).check(source, is_stale)`` takes the prose
segments of a Markdown draft (``core.markdown.prose.extract_prose``), sends
each heading, paragraph, list item, table cell, ... to LanguageTool as a unit
of its own, and maps every match back to the exact range of the Markdown
source. Many blocks go in one request (LanguageTool's annotated text, see
``client.Client.check_many``), so a long draft costs about what one request of
its prose costs; answers are still cached per block, by (block text, request
settings), so a check of an unchanged draft sends nothing and a one-word edit
sends one block in one request. ``is_stale()`` is asked between requests; a
stale check stops early and its result is marked stale for the caller to drop.
Spelling findings on probable names are ``info`` (``names``); severities
follow ``severity``. Nothing raises into the caller: a
missing, dead, hanging or babbling server gives ``status`` =
"grammar unavailable: <reason>; fix: <one line>".
"""

from __future__ import annotations

import threading
from bisect import bisect_left, bisect_right
from collections import OrderedDict
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from typing import Callable, Iterable

from ...markdown.prose import Segment, extract_prose
from ...kinds import Engine, Severity
from ...model import Finding, sort_findings
from .client import CheckFailed, Client, RawMatch, utf16_len
from .names import DraftWords, at_sentence_start, code_word_in, name_reason, spelling_variant
from .service import READY, ServerBase, server_for
from .settings import GrammarSettings
from .severity import severity

ENGINE = Engine.GRAMMAR
SPELLING_CATEGORIES = {"TYPOS"}
SPELLER_RULES = ("MORFOLOGIK_RULE", "HUNSPELL_RULE")  # the dictionary speller (not a phrase rule)
ARTICLE_RULES = {"EN_A_VS_AN"}
CACHE_SIZE = 20000
BATCH_UNITS = 20000  # UTF-16 units of prose in one request at most
MIN_BATCH_UNITS = 2000  # a short draft is not split to keep every worker busy
# Table cells, list items and alt texts are often fragments, not sentences:
# "lowercase start" is noise there.
FRAGMENT_KINDS = {"table_cell", "list_item", "image_alt"}
FRAGMENT_RULES = {"UPPERCASE_SENTENCE_START"}


# -- UTF-16 <-> code points ------------------------------------------------------
def utf16_starts(text: str) -> list[int] | None:
    """UTF-16 offset of each code point of ``text`` plus the end, or None when
    every character is in the BMP (then both units agree)."""
    if all(ord(ch) < 0x10000 for ch in text):
        return None
    starts, pos = [], 0
    for ch in text:
        starts.append(pos)
        pos += 2 if ord(ch) >= 0x10000 else 1
    starts.append(pos)
    return starts


def utf16_span_to_cp(starts: list[int] | None, offset: int, length: int, size: int) -> tuple[int, int]:
    """A UTF-16 (offset, length) as a code-point [i, j) range of a text of
    ``size`` code points; a half surrogate pair widens to the whole character."""
    if starts is None:
        i, j = offset, offset + length
    else:
        i = bisect_right(starts, offset) - 1
        j = bisect_left(starts, offset + length)
    i = max(0, min(i, size))
    return i, max(i, min(j, size))


# -- matches in segment coordinates ----------------------------------------------
@dataclass(frozen=True)
class SegMatch:
    """A LanguageTool match mapped to code points of one segment's text."""

    start: int
    end: int
    raw: RawMatch


def to_segment_matches(text: str, raws: Iterable[RawMatch]) -> tuple[SegMatch, ...]:
    starts = utf16_starts(text)
    out = []
    for r in raws:
        i, j = utf16_span_to_cp(starts, r.offset, r.length, len(text))
        out.append(SegMatch(i, j, r))
    return tuple(out)


def _next_word_is_placeholder(seg: Segment, j: int) -> bool:
    k = j
    while k < len(seg.text) and seg.text[k].isspace():
        k += 1
    return any(a == k for a, _b in seg.placeholders)


def _synthetic_whitespace_only(seg: Segment, i: int, j: int) -> bool:
    """The match touches our synthetic characters and covers no real text but
    whitespace (e.g. a double space made by a line break)."""
    real = [seg.text[k] for k in range(i, j) if seg.offsets[k] >= 0]
    touched = any(seg.offsets[k] < 0 for k in range(max(0, i - 1), min(len(seg.text), j + 1)))
    return touched and all(ch.isspace() for ch in real)


WHITESPACE_ISSUES = {"whitespace", "typographical"}
_INLINE_MARKUP = " \t\n*_~"


def _crosses_removed_content(seg: Segment, i: int, j: int, source: str) -> bool:
    """Between two neighbouring prose characters of text[i:j] the source holds
    more than emphasis markup: an image, HTML, a footnote marker, a citation."""
    real = [seg.offsets[k] for k in range(i, j) if seg.offsets[k] >= 0]
    for a, b in zip(real, real[1:]):
        if b - a > 1 and source[a + 1 : b].strip(_INLINE_MARKUP):
            return True
    return False


def keep_match(seg: Segment, m: SegMatch, source: str = "") -> bool:
    """False for matches our Markdown-to-prose mapping caused, or that point
    at no source text."""
    if not (0 <= m.start < m.end <= len(seg.text)):
        return False
    if seg.in_placeholder(m.start, m.end):
        return False
    if _synthetic_whitespace_only(seg, m.start, m.end):
        return False
    if seg.kind in FRAGMENT_KINDS and m.raw.rule in FRAGMENT_RULES:
        return False
    if m.raw.rule in ARTICLE_RULES and _next_word_is_placeholder(seg, m.end):
        return False  # "an `API`" reads "an code" to LanguageTool
    if source and m.raw.issue_type in WHITESPACE_ISSUES and _crosses_removed_content(seg, m.start, m.end, source):
        return False  # "see ![photo](x)." reads "see ." to LanguageTool
    return seg.source_range(m.start, m.end) is not None


def is_spelling(raw: RawMatch) -> bool:
    return raw.category in SPELLING_CATEGORIES or raw.rule.startswith("MORFOLOGIK_RULE")


def finding_for(seg: Segment, m: SegMatch, words: DraftWords | None = None) -> Finding:
    start, end = seg.source_range(m.start, m.end)  # type: ignore[misc]
    r = m.raw
    flagged = seg.text[m.start : m.end]
    data = [("issue_type", r.issue_type), ("flagged", flagged), ("block_kind", seg.kind)]
    if r.category_name:
        data.append(("category_name", r.category_name))
    if r.short_message:
        data.append(("short_message", r.short_message))
    level, message = severity(r, seg.kind), r.message
    speller = r.rule.startswith(SPELLER_RULES)
    reason = name_reason(flagged, at_sentence_start(seg.text, m.start), words, r.replacements) if (
        words is not None and speller) else ""
    if speller and not reason and spelling_variant(flagged, r.replacements):
        level = "warning"
        message = f"{r.message} “{flagged}” is the other English spelling of a suggestion."
        data.append(("spelling_variant", True))
    code_word = code_word_in(flagged, words) if words is not None and not speller and level != "info" else ""
    if code_word:  # "the if" where the draft writes `if` as code: a misreading, not an error
        level = "info"
        data.append(("code_word", code_word))
    if reason:
        level = "info"
        message = (f"Unknown word “{flagged}”: probably a name or a term ({reason}). "
                   "Add it to the dictionary or ignore it in this draft.")
        data += [("unknown_word", flagged), ("name_reason", reason)]
    return Finding(
        engine=ENGINE,
        rule=r.rule,
        severity=level,
        message=message,
        start=start,
        end=end,
        replacements=r.replacements,
        category=r.category,
        data=tuple(data),
    )


def segment_findings(
    seg: Segment, matches: Iterable[SegMatch], dictionary: frozenset[str], source: str = "",
    words: DraftWords | None = None,
) -> list[Finding]:
    """Findings for one segment's matches; ``source`` is the Markdown the
    segment came from (used to spot matches caused by removed markup);
    ``words`` tells probable names from misspellings."""
    out = []
    for m in matches:
        if not keep_match(seg, m, source):
            continue
        if dictionary and is_spelling(m.raw) and seg.text[m.start : m.end].strip().casefold() in dictionary:
            continue
        out.append(finding_for(seg, m, words))
    return out


def drop_words(findings: list[Finding], source: str, words: Iterable[str]) -> list[Finding]:
    """``findings`` less the spelling ones on ``words`` (a draft's own
    dictionary, applied where the draft is known: the window's lint)."""
    folded = {w.casefold() for w in words}
    if not folded:
        return findings
    return [f for f in findings if not (
        f.engine == ENGINE and (f.category in SPELLING_CATEGORIES or f.rule.startswith(SPELLER_RULES))
        and f.text(source).strip().casefold() in folded)]


def plan_batches(texts: list[str], workers: int) -> list[list[str]]:
    """Texts in document order cut into requests: at most ``BATCH_UNITS``
    UTF-16 units each, and about one per worker for a draft of medium size
    (so the server's threads all work), never below ``MIN_BATCH_UNITS``."""
    units_of = [utf16_len(t) + 2 for t in texts]  # a text and its separator
    total = sum(units_of)
    size = max(MIN_BATCH_UNITS, min(BATCH_UNITS, -(-total // max(1, workers))))
    batches: list[list[str]] = []
    current: list[str] = []
    units = 0
    for text, n in zip(texts, units_of):
        if current and units + n > size:
            batches.append(current)
            current, units = [], 0
        current.append(text)
        units += n
    if current:
        batches.append(current)
    return batches


# -- the cache -----------------------------------------------------------------------
class MatchCache:
    """LRU of segment text + request settings -> its matches (thread-safe)."""

    def __init__(self, size: int = CACHE_SIZE) -> None:
        self.size = size
        self._data: OrderedDict[tuple, tuple[SegMatch, ...]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: tuple) -> tuple[SegMatch, ...] | None:
        with self._lock:
            found = self._data.get(key)
            if found is not None:
                self._data.move_to_end(key)
            return found

    def put(self, key: tuple, value: tuple[SegMatch, ...]) -> None:
        with self._lock:
            self._data[key] = value
            self._data.move_to_end(key)
            while len(self._data) > self.size:
                self._data.popitem(last=False)

    def __len__(self) -> int:
        return len(self._data)

    def clear(self) -> None:
        with self._lock:
            self._data.clear()


# -- the engine ------------------------------------------------------------------------
@dataclass
class GrammarResult:
    """What one check produced.

    ``available`` is False when the server could not be used (``status`` then
    says why and how to fix it); ``complete`` is False when some blocks went
    unchecked (server failure or a stale check); ``stale`` says the caller
    should drop this result."""

    findings: list[Finding] = field(default_factory=list)
    status: str = ""
    available: bool = True
    complete: bool = True
    stale: bool = False
    sent_segments: int = 0
    cached_segments: int = 0
    total_segments: int = 0
    requests: int = 0  # /v2/check requests this check made


def unavailable(reason: str, fix: str) -> str:
    return f"grammar unavailable: {reason}; fix: {fix}"


class GrammarEngine:
    """Checks drafts with LanguageTool; one per window or lint run.

    ``server`` defaults to ``server_for(settings)``; the engine owns neither
    (the caller stops a ``LocalServer`` it created, or lets ``atexit`` do it).
    Safe to call from a worker thread; concurrent checks share the cache.
    """

    def __init__(self, settings: GrammarSettings, server: ServerBase | None = None, workers: int = 2,
                 cache: MatchCache | None = None) -> None:
        self.settings = settings
        self.server = server if server is not None else server_for(settings)
        self.workers = max(1, workers)
        self.cache = cache if cache is not None else MatchCache()  # disk_cache.cache_for: kept across launches
        self._client: Client | None = None
        self._client_key: tuple | None = None
        self._client_lock = threading.Lock()
        self._last_status = ""

    # -- public -----------------------------------------------------------------
    def set_settings(self, settings: GrammarSettings) -> None:
        """New settings; cached answers for other settings stay (keyed apart)."""
        self.settings = settings

    def status(self) -> str:
        """One line for a status bar."""
        s = self.server
        if s.state == READY:
            return self._last_status or f"grammar ready ({s.kind} LanguageTool)"
        if s.state == "starting":
            return "grammar starting: LanguageTool is loading"
        if s.state == "absent" and s.reason in ("", "stopped"):
            return "grammar idle: the server starts on the first check"
        return unavailable(s.reason or "the grammar server is not running", s.fix or "check again later")

    def check(
        self,
        source: str,
        is_stale: Callable[[], bool] | None = None,
        wait: bool = True,
        segments: list[Segment] | None = None,
    ) -> GrammarResult:
        """Check a whole Markdown draft; never raises for server trouble.

        ``is_stale()`` is asked before each block is sent; once it says True the
        check stops and the result is marked stale. ``wait=False`` does not
        block while a local server starts (status "grammar starting"; check
        again later). ``segments`` may pass ``extract_prose(source)`` when the
        caller has it already.
        """
        settings = self.settings
        stale = is_stale or (lambda: False)
        if segments is None:
            segments = extract_prose(source)
        segments = [s for s in segments if s.text.strip()]
        rkey = settings.request_key()
        todo: list[str] = []
        seen: set[str] = set()
        cached = 0
        for seg in segments:
            if self.cache.get((seg.text, rkey)) is not None:
                cached += 1
            elif seg.text not in seen:
                seen.add(seg.text)
                todo.append(seg.text)
        result = GrammarResult(total_segments=len(segments), cached_segments=cached)
        if todo:
            self._send(todo, rkey, settings, stale, wait, result)
        if not result.stale and stale():
            result.stale = True
        result.findings = self._collect(source, segments, rkey, settings)
        if result.stale:
            result.complete = False
            result.status = "grammar check dropped: the draft changed"
        elif result.available:
            n = len(result.findings)
            result.status = (
                f"grammar: {n} finding{'s' if n != 1 else ''} "
                f"({result.sent_segments} block{'s' if result.sent_segments != 1 else ''} checked"
                f" in {result.requests} request{'s' if result.requests != 1 else ''}, "
                f"{result.cached_segments} unchanged; {self.server.kind} LanguageTool)"
            )
            self._last_status = result.status
        return result

    # -- internals ---------------------------------------------------------------
    def _client_for(self, url: str, settings: GrammarSettings) -> Client:
        key = (url, settings.language, settings.picky, settings.request_key(), settings.timeout)
        with self._client_lock:
            if self._client is None or self._client_key != key:
                self._client = Client(url, settings)
                self._client_key = key
            return self._client

    def _drop_client(self) -> None:
        with self._client_lock:
            self._client = None
            self._client_key = None

    def _fail(self, result: GrammarResult, reason: str, fix: str, report: bool) -> None:
        if report:
            self.server.report_failure(reason)
            if self.server.state != READY:  # it took the blame: say what it says
                fix = self.server.fix or fix
                reason = self.server.reason or reason
        self._drop_client()
        result.available = False
        result.complete = False
        result.status = unavailable(reason, fix)

    def _send(
        self,
        todo: list[str],
        rkey: tuple,
        settings: GrammarSettings,
        stale: Callable[[], bool],
        wait_start: bool,
        result: GrammarResult,
    ) -> None:
        if stale():
            result.stale = True
            return
        try:
            url = self.server.ensure_ready(wait=wait_start)
            if url is None and self.server.state == READY:  # became ready meanwhile
                url = self.server.ensure_ready(wait=wait_start)
        except Exception as exc:  # a bug or an OS error must not reach the caller
            url = None
            self.server.reason, self.server.fix = f"cannot start the server ({exc})", "see the log"
        if not url:
            s = self.server
            if s.state == "starting":
                result.available, result.complete = False, False
                result.status = "grammar starting: LanguageTool is loading"
                return
            self._fail(result, s.reason or "no grammar server", s.fix or "check the settings", report=False)
            return
        try:
            client = self._client_for(url, settings)
        except CheckFailed as exc:
            self._fail(result, f"{self.server.kind} server: {exc}", "check the grammar settings", report=exc.kind != "language")
            return
        failure = self._run_requests(client, todo, rkey, stale, result)
        if failure is not None:
            self._fail(result, f"{self.server.kind} server: {failure}", self.server.default_fix(), report=failure.kind != "language")

    def _run_requests(
        self, client: Client, todo: list[str], rkey: tuple, stale: Callable[[], bool], result: GrammarResult
    ) -> CheckFailed | None:
        """Send the blocks in batched requests, a few at a time, in document
        order; stop at the first failure or when the draft goes stale."""
        failure: CheckFailed | None = None

        def one(texts: list[str]) -> None:
            try:
                answers = client.check_many(texts)
            except CheckFailed as exc:
                if exc.kind != "too-long" or len(texts) < 2:
                    raise
                half = len(texts) // 2  # a server with a text limit: smaller requests
                one(texts[:half])
                one(texts[half:])
                return
            for text, raws in zip(texts, answers):
                self.cache.put((text, rkey), to_segment_matches(text, raws))

        with ThreadPoolExecutor(max_workers=self.workers, thread_name_prefix="grammar-check") as pool:
            pending: set[Future] = set()
            queue = list(reversed(plan_batches(todo, self.workers)))
            while queue or pending:
                while queue and len(pending) < self.workers and failure is None:
                    if stale():
                        result.stale = True
                        queue.clear()
                        break
                    batch = queue.pop()
                    pending.add(pool.submit(one, batch))
                    result.sent_segments += len(batch)
                    result.requests += 1
                if not pending:
                    break
                done, pending = wait(pending, return_when=FIRST_COMPLETED)
                for fut in done:
                    exc = fut.exception()
                    if exc is None:
                        continue
                    if failure is None:
                        failure = exc if isinstance(exc, CheckFailed) else CheckFailed(
                            f"unexpected {type(exc).__name__}: {str(exc)[:100]}"
                        )
                    queue.clear()
        return failure

    def _collect(self, source: str, segments: list[Segment], rkey: tuple, settings: GrammarSettings) -> list[Finding]:
        dictionary = settings.dictionary_set()
        words = DraftWords(source, (s.text for s in segments), settings.known_set())
        findings: list[Finding] = []
        for seg in segments:
            matches = self.cache.get((seg.text, rkey))
            if matches:
                findings.extend(segment_findings(seg, matches, dictionary, source, words))
        return sort_findings(findings)


def check_draft(source: str, settings: GrammarSettings, server: ServerBase | None = None) -> GrammarResult:
    """One-shot check for the lint CLI. A server it had to start itself (the
    local one) is stopped again before it returns."""
    own = server is None
    engine = GrammarEngine(settings, server)
    try:
        return engine.check(source)
    finally:
        if own:
            engine.server.stop()
