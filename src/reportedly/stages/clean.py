"""The clean stage: set page chrome apart and cut the rest of the text into blocks.

Every line of ``article.text`` is looked at on its own. Lines that are page
furniture (glyphs like "×", photo captions and credits, bylines, share and
read-more lines, advertisements, datelines; see ``lexicons/chrome.yaml``)
become :class:`~reportedly.records.Chrome` records and never yield claims. The
other lines become :class:`~reportedly.nlp.doc.Block` s, one per line (or per
paragraph when the text is hard-wrapped), of kind headline, standfirst or body.

Invariants: ``text[c.start:c.end] == c.text`` for every chrome record; block
offsets are trimmed of whitespace; blocks are in order, never empty, and never
overlap each other or the chrome.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from .. import errors, lexicons, settings
from ..lexicons.chrome import ChromeRules
from ..nlp.doc import Block, Document
from ..records import Chrome, ChromeKind
from .base import Resources, StageConfig, StageFunc, stage

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


def chrome_rules(lex: lexicons.Lexicons | None = None) -> ChromeRules:
    """The compiled chrome.yaml of ``lex`` (default: the bundle the environment names)."""
    return (lex or lexicons.default()).chrome_rules


def classify_line(
    line: str, rules: ChromeRules | None = None
) -> tuple[ChromeKind, str | None] | None:
    """(chrome kind, credit) when a trimmed line is page chrome, else None."""
    rules = rules or chrome_rules()
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


def clean_text(
    text: str, title: str | None = None, rules: ChromeRules | None = None
) -> tuple[list[Block], list[Chrome]]:
    """Split ``text`` into blocks and chrome (the work of the clean stage, on a string)."""
    rules = rules or chrome_rules()
    title_norm = _norm(title) if title and title.strip() else None
    lines = list(_lines(text))
    chrome: list[Chrome] = []
    kept: list[_Line] = []
    for line in lines:
        line_text = text[line.start : line.end]
        found = None if title_norm == _norm(line_text) else classify_line(line_text, rules)
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


_PIECE_END = re.compile(r"[.!?][\"'”’)\]]*\s+|\n")


def _without_long_words(doc: Document, blocks: list[Block]) -> list[Block]:
    """Blocks with every run of more than MAX_WORD_CHARS non-space characters left out
    (W007): no word or URL is that long, and spaCy's tokenizer slows with its square."""
    limit = settings.MAX_WORD_CHARS
    long_run = re.compile(r"\S{" + str(limit + 1) + ",}")
    text = doc.article.text
    out: list[Block] = []
    for block in blocks:
        start = block.start
        for m in long_run.finditer(text, block.start, block.end):
            if m.start() > start:
                out.append(Block(start, m.start(), block.kind))
            start = m.end()
            doc.notice(
                errors.W_WORD,
                f"{m.end() - m.start():,} characters without a space at character {m.start()} "
                f"were left out (settings.MAX_WORD_CHARS is {limit:,})",
            )
        if start < block.end:
            out.append(Block(start, block.end, block.kind))
    return out


def _letter_share(text: str) -> float:
    """The share of letters among the non-space characters of ``text`` (1.0 when none)."""
    chars = len(text) - sum(map(text.count, " \n\t\r"))
    return sum(c.isalpha() for c in text) / chars if chars > 0 else 1.0


def _without_non_prose(doc: Document, blocks: list[Block]) -> list[Block]:
    """Blocks of at least MIN_PROSE_CHARS that are mostly not letters left out (W003)."""
    text = doc.article.text
    out: list[Block] = []
    for block in blocks:
        size = block.end - block.start
        share = (
            _letter_share(text[block.start : block.end]) if size >= settings.MIN_PROSE_CHARS else 1
        )
        if share >= settings.MIN_LETTER_SHARE:
            out.append(block)
            continue
        doc.notice(
            errors.W_NOT_PROSE,
            f"a paragraph of {size:,} characters at character {block.start} is {share:.0%} "
            f"letters and was left out (settings.MIN_LETTER_SHARE is "
            f"{settings.MIN_LETTER_SHARE:.0%})",
        )
    return out


def split_long_blocks(doc: Document, blocks: list[Block]) -> list[Block]:
    """Blocks over MAX_BLOCK_CHARS cut into pieces at the last sentence end (else the
    last space) before the limit, with a W002 notice; the pieces keep the block's kind.
    Runs of more than MAX_WORD_CHARS non-space characters are left out first, and the
    pieces that are mostly not letters after (MIN_LETTER_SHARE)."""
    limit = settings.MAX_BLOCK_CHARS
    text = doc.article.text
    out: list[Block] = []
    for block in _without_long_words(doc, blocks):
        start = block.start
        while block.end - start > limit:
            window = text[start : start + limit]
            cut = max((m.end() for m in _PIECE_END.finditer(window)), default=0)
            if cut < limit // 4:  # no sentence end in the window: the last space, else hard
                cut = max(window.rfind(" ") + 1, limit // 4) if " " in window else limit
            out.append(Block(start, start + cut, block.kind))
            start += cut
        out.append(Block(start, block.end, block.kind))
        if start != block.start:
            doc.notice(
                errors.W_SPLIT,
                f"a paragraph of {block.end - block.start:,} characters at character "
                f"{block.start} was parsed in pieces of at most {limit:,} "
                "(settings.MAX_BLOCK_CHARS)",
            )
    return _without_non_prose(doc, out)


@stage("clean.v1", alias="clean", requires=["article"], assigns=["blocks", "chrome"])
def make_clean(config: StageConfig, res: Resources) -> StageFunc:
    """Set page chrome (glyphs, captions, bylines, share lines, datelines) apart and
    cut the rest of the article text into headline, standfirst and body blocks."""
    rules = res.lexicons.chrome_rules

    def clean_stage(doc: Document) -> None:
        blocks, doc.chrome = clean_text(doc.article.text, doc.article.title, rules)
        doc.blocks = split_long_blocks(doc, blocks)

    return clean_stage
