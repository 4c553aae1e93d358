"""The clean stage: set page chrome apart and cut the rest of the text into blocks.

Every line of ``article.text`` is looked at on its own. Lines that are page
furniture (glyphs like "×", photo captions and credits, bylines, share and
read-more lines, advertisements, datelines; see ``lexicons/chrome.yaml``)
become :class:`~reportedly.records.Chrome` records and never yield claims. The
other lines become :class:`~reportedly.pipeline.Block` s, one per line (or per
paragraph when the text is hard-wrapped), of kind headline, standfirst or body.

Invariants: ``text[c.start:c.end] == c.text`` for every chrome record; block
offsets are trimmed of whitespace; blocks are in order, never empty, and never
overlap each other or the chrome.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from ..lexicons import load_yaml
from ..pipeline import Block, State, stage
from ..records import Chrome, ChromeKind

#: A block after the headline shorter than this may be the standfirst.
MAX_STANDFIRST_CHARS = 350
#: A first block shorter than this is the headline when the article has no title.
MAX_HEADLINE_CHARS = 300
#: The headline is looked for among this many first blocks.
HEADLINE_WINDOW = 3

_SENTENCE_END = re.compile(r"[.!?…][\"”’')\]]*$")
_INNER_SENTENCE_END = re.compile(r"[.!?…][\"”’')\]]*\s+[\"“‘(]?[A-Z]")
#: "WASHINGTON (AP) —", "HAYWARD, Calif. (AP) —", "(CNN)": a wire lede, not a standfirst.
_WIRE_LEDE = re.compile(
    r"[A-Z]{2,}[A-Z.'’\- ]*(?:,\s*[A-Z][A-Za-z.'’\- ]{1,40})?\s*(?:\([^)]{1,30}\))?\s*[—–-]"
    r"|[A-Z][a-zA-Z ]{1,40}\s*\([A-Z][A-Za-z ]{1,30}\)"
    r"|\([A-Za-z ]{2,30}\)"
)
_EDGE_JUNK = re.compile(r"^[\W_]+|[\W_]+$")
_LEADING_JUNK = re.compile(r"^[^\w\"“‘']+")
_SPACES = re.compile(r"\s+")


def _alternation(phrases: Iterable[str]) -> str:
    """A regex alternation of phrases, longest first, spaces matching any whitespace."""
    unique = sorted({p.strip() for p in phrases if p.strip()}, key=lambda p: (-len(p), p))
    return "|".join(r"\s+".join(re.escape(w) for w in p.split()) for p in unique)


def _strs(data: dict[str, Any], key: str) -> list[str]:
    return [str(x) for x in data.get(key) or []]


@dataclass(frozen=True)
class ChromeRules:
    """The compiled contents of lexicons/chrome.yaml."""

    agencies: frozenset[str]
    pipe_agency: re.Pattern[str]
    photo_credit: re.Pattern[str]
    upper_agency_tail: re.Pattern[str]
    paren_credit: re.Pattern[str]
    label_start: re.Pattern[str]
    label_end: re.Pattern[str]
    credit_words: frozenset[str]
    max_credit_words: int
    max_pipe_credit_words: int
    max_caption_chars: int
    caption_patterns: tuple[re.Pattern[str], ...]
    byline_prefix: re.Pattern[str]
    name_particles: frozenset[str]
    byline_roles: frozenset[str]
    byline_max_words: int
    byline_patterns: tuple[re.Pattern[str], ...]
    share_exact: frozenset[str]
    share_label: re.Pattern[str] | None
    share_start: re.Pattern[str] | None
    share_row_words: frozenset[str]
    boiler_exact: frozenset[str]
    boiler_label: re.Pattern[str] | None
    boiler_start: re.Pattern[str] | None
    boiler_patterns: tuple[re.Pattern[str], ...]
    boiler_max_chars: int
    nav_split: re.Pattern[str]
    nav_min_parts: int
    nav_max_part_words: int
    date_label: re.Pattern[str]
    date_words: frozenset[str]
    months: frozenset[str]
    weekdays: frozenset[str]
    date_max_chars: int


def _label_re(phrases: Sequence[str]) -> re.Pattern[str] | None:
    """The line starts with a phrase followed by a separator, or is just the phrase."""
    if not phrases:
        return None
    return re.compile(rf"(?:{_alternation(phrases)})(?:\s*[:|»›>]|\s+[-–—]|\s*$)", re.IGNORECASE)


def _start_re(phrases: Sequence[str]) -> re.Pattern[str] | None:
    if not phrases:
        return None
    return re.compile(rf"(?:{_alternation(phrases)})\b", re.IGNORECASE)


def _patterns(data: dict[str, Any]) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p, re.IGNORECASE) for p in _strs(data, "patterns"))


@functools.cache
def chrome_rules() -> ChromeRules:
    """Load and compile lexicons/chrome.yaml (once)."""
    d = load_yaml("chrome.yaml")
    cap: dict[str, Any] = d.get("captions") or {}
    byl: dict[str, Any] = d.get("bylines") or {}
    shr: dict[str, Any] = d.get("share") or {}
    boi: dict[str, Any] = d.get("boilerplate") or {}
    nav: dict[str, Any] = d.get("navigation") or {}
    dat: dict[str, Any] = d.get("datelines") or {}

    agencies = _strs(d, "agencies") + _strs(d, "photo_credits")
    photo_alt = _alternation(_strs(d, "photo_credits"))
    agency_alt = _alternation(agencies + [a.upper() for a in agencies])
    upper_alt = _alternation(a.upper() for a in agencies if len(a) > 1)
    labels = _strs(cap, "credit_labels")
    by_labels = [lb for lb in labels if lb.lower().endswith((" by", "courtesy"))]
    colon_labels = [lb for lb in labels if lb not in by_labels]
    credit_sep = r"\s*[:：,|]\s*"
    label_alt = _alternation(colon_labels)
    by_alt = _alternation(by_labels)
    label_start = re.compile(
        rf"(?i:(?:{label_alt})){credit_sep}(?P<credit>.+)|(?i:(?:{by_alt}))\s+(?P<credit2>.+)"
    )
    label_end = re.compile(
        rf"(?P<cap>.+?)[\s.;,|–—-]+[(\[]?(?:(?i:(?:{label_alt})){credit_sep}|(?i:(?:{by_alt}))\s+)"
        r"(?P<credit>[^()\[\]]+?)[)\]]?\.?"
    )
    months = frozenset(x.lower() for x in _strs(dat, "months"))
    weekdays = frozenset(x.lower() for x in _strs(dat, "weekdays"))
    date_words = (
        months
        | weekdays
        | frozenset(
            x.lower()
            for key in ("relative", "times", "zones", "labels")
            for phrase in _strs(dat, key)
            for x in phrase.split()
        )
    )
    separators = "".join(re.escape(s) for s in _strs(nav, "separators")) or r"|"
    return ChromeRules(
        agencies=frozenset(agencies) | frozenset(a.upper() for a in agencies),
        pipe_agency=re.compile(rf"(?:{agency_alt})(?:\s*/\s*[^/|]{{1,60}}){{0,3}}"),
        photo_credit=re.compile(rf"(?i:{photo_alt})(?:\s*/\s*[^/|]{{1,60}}){{0,3}}"),
        upper_agency_tail=re.compile(
            rf"(?P<cap>.*?)\s*\b(?P<credit>(?:{upper_alt})(?:\s*/\s*[^/]{{1,60}}?){{1,3}})\s*\.?"
        ),
        paren_credit=re.compile(r"(?P<cap>.*?)\s*[(\[](?P<credit>[^()\[\]]{1,100})[)\]]\s*\.?"),
        label_start=label_start,
        label_end=label_end,
        credit_words=frozenset(x.lower() for x in _strs(cap, "credit_words")),
        max_credit_words=int(cap.get("max_credit_words", 8)),
        max_pipe_credit_words=int(cap.get("max_pipe_credit_words", 4)),
        max_caption_chars=int(cap.get("max_caption_chars", 400)),
        caption_patterns=_patterns(cap),
        byline_prefix=re.compile(
            rf"(?i:{_alternation(_strs(byl, 'prefixes'))})(?:\s*:\s*|\s+)(?P<rest>.+)"
        ),
        name_particles=frozenset(x.lower() for x in _strs(byl, "name_particles")),
        byline_roles=frozenset(" ".join(x.lower().split()) for x in _strs(byl, "roles")),
        byline_max_words=int(byl.get("max_words", 16)),
        byline_patterns=_patterns(byl),
        share_exact=frozenset(x.lower() for x in _strs(shr, "exact")),
        share_label=_label_re(_strs(shr, "labels")),
        share_start=_start_re(_strs(shr, "starts")),
        share_row_words=frozenset(x.lower() for x in _strs(shr, "row_words")),
        boiler_exact=frozenset(x.lower() for x in _strs(boi, "exact")),
        boiler_label=_label_re(_strs(boi, "labels")),
        boiler_start=_start_re(_strs(boi, "starts")),
        boiler_patterns=_patterns(boi),
        boiler_max_chars=int(boi.get("max_chars", 300)),
        nav_split=re.compile(rf"\s*[{separators}]\s*"),
        nav_min_parts=int(nav.get("min_parts", 3)),
        nav_max_part_words=int(nav.get("max_part_words", 3)),
        date_label=re.compile(
            rf"(?i:{_alternation(_strs(dat, 'labels'))})\b\s*(?:on|at)?\s*[:|\-–—]?\s*(?P<rest>.*)"
        ),
        date_words=date_words,
        months=months,
        weekdays=weekdays,
        date_max_chars=int(dat.get("max_chars", 80)),
    )


# --- line classification -------------------------------------------------------------


def _norm(text: str) -> str:
    return _SPACES.sub(" ", text).strip().casefold()


def _has_letters(text: str) -> bool:
    return any(ch.isalpha() for ch in text)


def _is_glyph(line: str) -> bool:
    return not any(ch.isalnum() for ch in line)


def _capitalised(word: str) -> bool:
    return word[:1].isupper() or (word[:1] in "“\"'(" and word[1:2].isupper())


def _is_credit(credit: str, rules: ChromeRules, *, max_words: int) -> bool:
    """A photo credit: short, and made of capitalised words, agency names and a few
    lower-case credit words ("Jane Doe/Getty Images", "AFP", "Courtesy of the family")."""
    credit = credit.strip().rstrip(".")
    if not credit or not _has_letters(credit):
        return False
    if rules.pipe_agency.fullmatch(credit):
        return True
    words = [w for w in re.split(r"[\s/]+", credit) if w]
    if not words or len(words) > max_words or not _capitalised(words[0]):
        return False
    for word in words:
        bare = word.strip(",;:()[]")
        if not bare:
            continue
        if any(ch.isdigit() for ch in bare):
            return False
        if not (
            _capitalised(bare)
            or bare.lower() in rules.credit_words
            or bare in rules.agencies
            or bare.lower() in rules.name_particles
            or bare in ("&", "-", "–")
        ):
            return False
    return True


def _caption(line: str, rules: ChromeRules) -> tuple[bool, str | None]:
    """(is a caption, its credit)."""
    if len(line) > rules.max_caption_chars + 120:
        return False, None
    # "Syrian President Bashar al-Assad (R) with Russian President Vladimir Putin | AFP"
    if line.count("|") == 1:
        cap, credit = (part.strip() for part in line.split("|"))
        labelled = rules.label_start.fullmatch(credit)
        if labelled:
            credit = (labelled.group("credit") or labelled.group("credit2") or "").strip()
        if (
            cap
            and _has_letters(cap)
            and len(cap) <= rules.max_caption_chars
            and (
                rules.pipe_agency.fullmatch(credit.rstrip("."))
                or _is_credit(credit, rules, max_words=rules.max_pipe_credit_words)
            )
        ):
            return True, credit.rstrip(".")
    # "Photo: Reuters", "Image source, Getty Images", "Photo by Jane Doe"
    m = rules.label_start.fullmatch(line)
    if m:
        credit = (m.group("credit") or m.group("credit2") or "").strip()
        if _is_credit(credit, rules, max_words=rules.max_credit_words):
            return True, credit.rstrip(".")
    # "Protesters march on Monday. Photograph: Jane Doe/Getty Images"
    m = rules.label_end.fullmatch(line)
    if m and len(m.group("cap")) <= rules.max_caption_chars:
        credit = m.group("credit").strip()
        if _is_credit(credit, rules, max_words=rules.max_credit_words):
            return True, credit.rstrip(".")
    # "A man walks past the port. (AP Photo/Jane Doe)", "(Getty Images)"
    m = rules.paren_credit.fullmatch(line)
    if m and len(m.group("cap")) <= rules.max_caption_chars:
        credit = m.group("credit").strip()
        if _paren_credit(credit, rules):
            return True, credit
    # "A view of the port in Tartus. REUTERS/Jane Doe/File Photo"
    m = rules.upper_agency_tail.fullmatch(line)
    if m and len(m.group("cap")) <= rules.max_caption_chars:
        return True, m.group("credit").strip()
    for pattern in rules.caption_patterns:
        if pattern.fullmatch(line):
            return True, None
    return False, None


def _paren_credit(credit: str, rules: ChromeRules) -> bool:
    """A credit in brackets: a photo agency, an agency with a photographer
    ("AP Photo/Jane Doe") or a labelled credit; a bare "[Reuters]" is a source tag."""
    if rules.photo_credit.fullmatch(credit):
        return True
    m = rules.label_start.fullmatch(credit)
    if m:
        inner = (m.group("credit") or m.group("credit2") or "").strip()
        return _is_credit(inner, rules, max_words=rules.max_credit_words)
    if "/" in credit:
        parts = [p.strip() for p in credit.split("/")]
        return any(p in rules.agencies for p in parts) and _is_credit(
            credit, rules, max_words=rules.max_credit_words
        )
    return False


def _is_name(segment: str, rules: ChromeRules) -> bool:
    words = segment.split()
    if not 1 <= len(words) <= 5:
        return False
    first = words[0].lower().strip(".")
    if first in rules.months or first in rules.weekdays:
        return False
    capitals = 0
    for word in words:
        if word.lower() in rules.name_particles:
            continue
        if re.fullmatch(r"(?:[a-z]{1,3}-)?[A-Z][\w'’.\-]*", word) and not any(
            ch.isdigit() for ch in word
        ):
            capitals += 1
            continue
        return False
    return capitals > 0


def _is_outlet(segment: str, rules: ChromeRules) -> bool:
    if segment in rules.agencies or " ".join(segment.lower().split()) in rules.byline_roles:
        return True
    words = segment.split()
    return 1 <= len(words) <= 5 and all(
        _capitalised(w) or w.lower() in rules.credit_words or w.lower() in ("in", "at")
        for w in words
    )


_BYLINE_SPLIT = re.compile(r"\s*(,|;|\||•|·|—|–|\s-\s|\band\b|&)\s*")


def _byline(line: str, rules: ChromeRules) -> tuple[bool, str | None]:
    """(is a byline, the outlet or agency credited in it: "By Jane Doe, Reuters")."""
    for pattern in rules.byline_patterns:
        if pattern.fullmatch(line):
            return True, None
    m = rules.byline_prefix.fullmatch(line)
    if not m:
        return False, None
    rest = m.group("rest").strip().rstrip(".")
    for sep in ("|", "•", "·", " — ", " – "):  # "By Jane Doe | Updated: Dec 8, 2024"
        head, _, tail = rest.partition(sep)
        if tail and _dateline(tail.strip(), rules):
            rest = head.strip()
    if len(rest.split()) > rules.byline_max_words:
        return False, None
    pieces = _BYLINE_SPLIT.split(rest)
    segments = [p.strip() for p in pieces[::2]]
    separators = [p.strip().lower() for p in pieces[1::2]]
    if any(not seg for seg in segments) or not _is_name(segments[0], rules):
        return False, None
    for segment in segments[1:]:
        if not (
            _is_name(segment, rules) or _is_outlet(segment, rules) or _dateline(segment, rules)
        ):
            return False, None
    credit: str | None = None
    if len(segments) > 1 and separators[-1] not in ("and", "&"):
        last = segments[-1]
        role = " ".join(last.lower().split()) in rules.byline_roles
        closed = any(sep in ("and", "&") for sep in separators[:-1])
        if (
            not role
            and not _dateline(last, rules)
            and (last in rules.agencies or closed or separators[-1] != ",")
        ):
            credit = last
    return True, credit


def _date_tokens(text: str) -> list[str]:
    return re.findall(r"[^\W\d_]+\.?|\d+", text)


def _datelike(text: str, rules: ChromeRules, *, bare: bool) -> bool:
    tokens = _date_tokens(text)
    if not tokens:
        return False
    anchor = False
    for token in tokens:
        if token.isdigit():
            anchor = anchor or not bare
            continue
        low = token.lower().rstrip(".")
        if low in ("ago", "today", "yesterday") or (not bare and low == "now"):
            anchor = True
        if low in rules.months:
            anchor = True
        if low in rules.date_words or re.fullmatch(r"[A-Z]{1,4}T", token):
            continue
        return False
    if bare and not anchor:
        # a bare time ("10:00") or numeric date ("08/12/2024") counts too
        anchor = bool(re.search(r"\b\d{1,2}[:.]\d{2}\b|\b\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}\b", text))
    return anchor


def _dateline(line: str, rules: ChromeRules) -> bool:
    if len(line) > rules.date_max_chars:
        return False
    m = rules.date_label.fullmatch(line)
    if m and m.group("rest").strip():
        return _datelike(m.group("rest"), rules, bare=False)
    return _datelike(line, rules, bare=True)


def _share_or_boilerplate(line: str, rules: ChromeRules) -> ChromeKind | None:
    if len(line) > rules.boiler_max_chars:
        return None
    key = _SPACES.sub(" ", _EDGE_JUNK.sub("", line)).lower()
    start = _LEADING_JUNK.sub("", line)
    if key in rules.share_exact:
        return "share"
    if key in rules.boiler_exact:
        return "boilerplate"
    words = re.findall(r"[^\W\d_]+", line.lower())
    if len(words) >= 2 and all(w in rules.share_row_words for w in words):
        return "share"
    for regex, kind in (
        (rules.share_label, "share"),
        (rules.share_start, "share"),
        (rules.boiler_label, "boilerplate"),
        (rules.boiler_start, "boilerplate"),
    ):
        if regex is not None and regex.match(start):
            return "share" if kind == "share" else "boilerplate"
    for pattern in rules.boiler_patterns:
        if pattern.fullmatch(line):
            return "boilerplate"
    return None


def _navigation(line: str, rules: ChromeRules) -> bool:
    parts = [p for p in rules.nav_split.split(line) if p.strip()]
    if len(parts) < rules.nav_min_parts:
        return False
    return all(len(p.split()) <= rules.nav_max_part_words for p in parts)


def classify_line(line: str) -> tuple[ChromeKind, str | None] | None:
    """(chrome kind, credit) when a trimmed line is page chrome, else None."""
    rules = chrome_rules()
    line = line.strip()
    if not line:
        return None
    if _is_glyph(line):
        return "glyph", None
    is_caption, credit = _caption(line, rules)
    if is_caption:
        return "caption", credit
    is_byline, credit = _byline(line, rules)
    if is_byline:
        return "byline", credit
    if _dateline(line, rules):
        return "dateline", None
    kind = _share_or_boilerplate(line, rules)
    if kind is not None:
        return kind, None
    if _navigation(line, rules):
        return "boilerplate", None
    return None


# --- blocks --------------------------------------------------------------------------


@dataclass
class _Line:
    start: int  # trimmed
    end: int
    paragraph: int  # index of the blank-line separated paragraph


def _lines(text: str) -> Iterator[_Line]:
    paragraph = 0
    pos = 0
    for raw in text.splitlines(keepends=True):
        body = raw.rstrip("\r\n")
        stripped = body.strip()
        if not stripped:
            paragraph += 1
        else:
            lead = len(body) - len(body.lstrip())
            start = pos + lead
            yield _Line(start, start + len(stripped), paragraph)
        pos += len(raw)


def _hard_wrapped(lines: Sequence[_Line]) -> bool:
    """True for text wrapped at a fixed width (paragraphs spread over short lines)."""
    if len(lines) < 5:
        return False
    if max(ln.end - ln.start for ln in lines) > 100:
        return False
    continued = sum(1 for a, b in itertools.pairwise(lines) if a.paragraph == b.paragraph)
    return continued >= 3


def _headline_index(text: str, blocks: Sequence[Block], title: str | None) -> int | None:
    if not blocks:
        return None
    if title and title.strip():
        want = _norm(title)
        for i, block in enumerate(blocks[:HEADLINE_WINDOW]):
            if _norm(text[block.start : block.end]) == want:
                return i
        return None
    first = text[blocks[0].start : blocks[0].end]
    if len(blocks) > 1 and len(first) < MAX_HEADLINE_CHARS and not first.endswith("."):
        return 0
    return None


def _is_standfirst(block_text: str) -> bool:
    if len(block_text) >= MAX_STANDFIRST_CHARS or _WIRE_LEDE.match(block_text):
        return False
    if not _SENTENCE_END.search(block_text):
        return True
    return _INNER_SENTENCE_END.search(block_text) is None


def clean_text(text: str, title: str | None = None) -> tuple[list[Block], list[Chrome]]:
    """Split ``text`` into blocks and chrome (the work of the clean stage, without State)."""
    title_norm = _norm(title) if title and title.strip() else None
    lines = list(_lines(text))
    chrome: list[Chrome] = []
    kept: list[_Line] = []
    for line in lines:
        line_text = text[line.start : line.end]
        found = None if title_norm == _norm(line_text) else classify_line(line_text)
        if found is None:
            kept.append(line)
        else:
            kind, credit = found
            chrome.append(Chrome(kind, line_text, line.start, line.end, credit))
    blocks: list[Block] = []
    if _hard_wrapped(lines):
        # join the lines of a paragraph; chrome lines and the title line stand apart
        chrome_starts = {c.start for c in chrome}
        previous: _Line | None = None
        for line in lines:
            if line.start in chrome_starts:
                previous = None
                continue
            is_title = title_norm == _norm(text[line.start : line.end])
            if previous is not None and previous.paragraph == line.paragraph and not is_title:
                blocks[-1].end = line.end
            else:
                blocks.append(Block(line.start, line.end))
            previous = None if is_title else line
    else:
        blocks = [Block(line.start, line.end) for line in kept]
    head = _headline_index(text, blocks, title)
    if head is not None:
        blocks[head].kind = "headline"
        nxt = head + 1
        if nxt + 1 < len(blocks) and _is_standfirst(text[blocks[nxt].start : blocks[nxt].end]):
            blocks[nxt].kind = "standfirst"
    return blocks, chrome


@stage("clean", requires=["article"], assigns=["blocks", "chrome"])
def clean_stage(state: State) -> None:
    """Set page chrome (glyphs, captions, bylines, share lines, datelines) apart and
    cut the rest of the article text into headline, standfirst and body blocks."""
    blocks, chrome = clean_text(state.article.text, state.article.title)
    state.blocks = blocks
    state.article.chrome = chrome
