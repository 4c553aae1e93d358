"""Checks every input goes through before it is read: size, binary, encoding, language.

Each check raises one of the coded :mod:`reportedly.errors` with a one-line,
actionable message that names the item (a file name, ``file.jsonl:12`` or
``input``).
"""

from __future__ import annotations

import codecs
import functools
import re
import unicodedata
from typing import Any

from .. import lexicons, settings
from ..errors import BinaryInput, EmptyInput, InputTooLarge, NotEnglish, UndecodableInput

#: Leading bytes of binary formats people paste or point at by mistake.
#: (name, magic, offset of the magic, advice)
MAGIC: tuple[tuple[str, bytes, int, str], ...] = (
    ("a PDF document", b"%PDF-", 0, "extract its text first (e.g. with pdftotext)"),
    ("a ZIP archive (or a DOCX/EPUB/XLSX file)", b"PK\x03\x04", 0, "unpack it or save as text"),
    ("a gzip-compressed file", b"\x1f\x8b", 0, "decompress it or give it a .gz file name"),
    ("a bzip2-compressed file", b"BZh", 0, "decompress it first"),
    ("an xz-compressed file", b"\xfd7zXZ\x00", 0, "decompress it first"),
    ("a zstd-compressed file", b"\x28\xb5\x2f\xfd", 0, "decompress it first"),
    ("a 7-Zip archive", b"7z\xbc\xaf\x27\x1c", 0, "unpack it first"),
    ("a PNG image", b"\x89PNG\r\n\x1a\n", 0, "reportedly reads text, not images"),
    ("a JPEG image", b"\xff\xd8\xff", 0, "reportedly reads text, not images"),
    ("a GIF image", b"GIF87a", 0, "reportedly reads text, not images"),
    ("a GIF image", b"GIF89a", 0, "reportedly reads text, not images"),
    ("a WebP/RIFF media file", b"RIFF", 0, "reportedly reads text, not media"),
    ("an MP4/MOV media file", b"ftyp", 4, "reportedly reads text, not media"),
    ("a Word/Excel (OLE) document", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", 0, "save it as text"),
    ("an executable (ELF)", b"\x7fELF", 0, "give reportedly a text, HTML or JSON file"),
    ("an SQLite database", b"SQLite format 3\x00", 0, "give reportedly a text, HTML or JSON file"),
)

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

#: Share of control characters (other than tab, newline, carriage return, form feed)
#: above which decoded text is taken for binary data.
MAX_CONTROL_SHARE = 0.02
#: A legacy single-byte decoding (cp1252) is trusted when at most this share of its
#: non-space characters is outside ASCII; above it, charset_normalizer decides.
MAX_NON_ASCII_SHARE = 0.3
#: charset_normalizer results with a higher mess ratio are not trusted.
MAX_CHAOS = 0.2

#: check_english judges texts with at least this many word tokens (shorter ones pass).
MIN_WORDS = 20
#: ... and needs at least this share of them to be common English function words.
#: (Whole English news articles score about 0.3-0.45, name-heavy English paragraphs
#: about 0.1; French, German, Spanish, Italian and Dutch news under 0.05.)
MIN_FUNCTION_SHARE = 0.08
#: Texts whose letters are mostly outside the Latin script are not English.
MAX_NON_LATIN_SHARE = 0.5
#: Only this many leading characters are looked at (enough to judge, and fast).
ENGLISH_SAMPLE_CHARS = 20_000
#: The language identifier (py3langid) judges texts of at least this many words: a shorter
#: text (a headline, a name-heavy line) is too little to tell languages apart reliably.
LANGID_MIN_WORDS = 12
#: ... and reads only this many leading characters (a few sentences tell the language).
LANGID_SAMPLE_CHARS = 1_500
#: ... and refuses a text only when it is this sure the language is another one.
LANGID_MIN_CONFIDENCE = 0.95
#: A long text with at least this share of English function words is English without asking
#: the identifier (English news scores 0.15-0.45; news in other languages the identifier
#: has to catch scores under 0.08-0.15), so clear English never loads its model.
CLEAR_ENGLISH_SHARE = 0.2

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")


def check_size(data: str | bytes, *, item: str = "input") -> None:
    """Raise InputTooLarge when ``data`` is over ``settings.MAX_INPUT_BYTES`` bytes."""
    limit = settings.MAX_INPUT_BYTES
    if isinstance(data, bytes):
        size = len(data)
    elif len(data) * 4 <= limit:  # cannot be over the limit in UTF-8
        return
    elif len(data) > limit:
        size = len(data)
    else:
        size = len(data.encode("utf-8", "surrogatepass"))
    if size > limit:
        raise InputTooLarge(too_large_message(item, size))


def too_large_message(item: str, size: int | None = None) -> str:
    limit = settings.MAX_INPUT_BYTES
    what = f"{size:,} bytes" if size is not None else "more bytes"
    return (
        f"{item}: {what} is over the limit of {limit:,} bytes per article; "
        "split the input or raise reportedly.settings.MAX_INPUT_BYTES"
    )


def binary_magic(data: bytes) -> tuple[str, str] | None:
    """(what it is, advice) when ``data`` starts like a known binary format."""
    for name, magic, offset, advice in MAGIC:
        if data[offset : offset + len(magic)] == magic:
            if magic == b"BZh" and data[4:10] != b"1AY&SY":
                continue
            if magic == b"RIFF" and data[8:12] not in (b"WEBP", b"WAVE", b"AVI "):
                continue
            return name, advice
    return None


def check_binary_bytes(data: bytes, *, item: str = "input") -> None:
    """Raise BinaryInput for known binary magic, or NUL bytes in non-UTF-16/32 data."""
    magic = binary_magic(data)
    if magic is not None:
        name, advice = magic
        raise BinaryInput(f"{item}: this is {name}, not text, HTML or JSON; {advice}")
    if _bom_encoding(data) is None and b"\x00" in data[:1_000_000]:
        raise BinaryInput(
            f"{item}: the data holds NUL bytes, so it is binary, not text; "
            "give reportedly a text, HTML or JSON file"
        )


def check_control_chars(text: str, *, item: str = "input") -> None:
    """Raise BinaryInput when decoded text is full of control characters."""
    sample = text[:200_000]
    if not sample:
        return
    if "\x00" in sample:
        raise BinaryInput(f"{item}: the text holds NUL characters, so it is binary data")
    controls = len(_CONTROL.findall(sample))
    if controls and controls / len(sample) > MAX_CONTROL_SHARE:
        raise BinaryInput(
            f"{item}: {controls / len(sample):.0%} of the characters are control codes, "
            "so this is binary data, not text; give reportedly a text, HTML or JSON file"
        )


#: The control characters (Unicode category Cc) but tab, newline, CR, form feed and VT.
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")
_ASCII_LETTER = re.compile("[A-Za-z]")
_NON_ASCII = re.compile("[^\x00-\x7f]")


def _bom_encoding(data: bytes) -> str | None:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding
    return None


def decode(data: bytes, *, item: str = "input") -> str:
    """Decode the bytes of one input to text.

    UTF-8 (with or without a BOM) and UTF-16/32 with a BOM are decoded as such;
    other bytes as Windows-1252 when that gives plausible Western text, else as
    charset_normalizer's confident guess. Raises BinaryInput for binary data and
    UndecodableInput when no decoding is trustworthy. A leading BOM is dropped.
    """
    check_binary_bytes(data, item=item)
    encoding = _bom_encoding(data)
    if encoding is not None:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError as exc:
            raise UndecodableInput(
                f"{item}: the data starts with a {encoding.upper()} byte-order mark but is "
                f"not valid {encoding.upper()} ({exc.reason} at byte {exc.start}); "
                "re-save it as UTF-8"
            ) from exc
        text = text.removeprefix("\ufeff")
    else:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = _decode_legacy(data, item=item)
    check_control_chars(text, item=item)
    return text


_DECLARED = re.compile(
    rb"""(?:charset|encoding)\s*=\s*["']?([A-Za-z0-9_.:-]{2,40})""", re.IGNORECASE
)


def _declared_encoding(data: bytes) -> str | None:
    """The encoding a page or XML prolog declares (<meta charset=...>), if Python knows it."""
    match = _DECLARED.search(data[:4096])
    if match is None:
        return None
    try:
        name = codecs.lookup(match.group(1).decode("ascii")).name
    except LookupError:
        return None
    # as browsers do, read pages declared Latin-1 or ASCII as Windows-1252
    return "cp1252" if name in ("iso8859-1", "ascii") else name


def _decode_legacy(data: bytes, *, item: str) -> str:
    declared = _declared_encoding(data)
    if declared is not None and not declared.startswith("utf"):
        try:
            return data.decode(declared)
        except UnicodeDecodeError:
            pass
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        pass
    else:
        if _plausible_western(text):
            return text
    return _decode_guess(data, item=item)


def _plausible_western(text: str) -> bool:
    chars = [ch for ch in text[:200_000] if not ch.isspace()]
    if not chars:
        return True
    non_ascii = sum(1 for ch in chars if ord(ch) > 127)
    return non_ascii / len(chars) <= MAX_NON_ASCII_SHARE


def _decode_guess(data: bytes, *, item: str) -> str:
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is not None and best.chaos <= MAX_CHAOS and best.coherence > 0:
        return str(best)
    raise UndecodableInput(
        f"{item}: the bytes are not UTF-8 and their encoding cannot be guessed with "
        "confidence; re-save the input as UTF-8"
    )


def check_not_empty(text: str, *, item: str = "input", what: str = "the input") -> None:
    if not text.strip():
        raise EmptyInput(f"{item}: {what} is empty (no text to analyse)")


def english_function_words() -> frozenset[str]:
    """The words of lexicons/english_function_words.txt."""
    return lexicons.default().function_words


def english_score(text: str) -> tuple[float, int] | None:
    """(share of common English function words, number of words), or None if too short.

    A text whose letters are mostly not Latin scores 0.0 whatever its length
    (Chinese or Japanese have no spaces between words).
    """
    sample = text[:ENGLISH_SAMPLE_CHARS]
    # ASCII letters are Latin: only the other letters are looked up one by one
    others = [ch for ch in _NON_ASCII.findall(sample) if ch.isalpha()]
    letters = len(_ASCII_LETTER.findall(sample)) + len(others)
    if letters >= MIN_WORDS:
        non_latin = sum(1 for ch in others if not _is_latin(ch))
        if non_latin / letters > MAX_NON_LATIN_SHARE:
            return 0.0, len(_WORD.findall(sample))
    words = _WORD.findall(sample.lower())
    if len(words) < MIN_WORDS:
        return None
    function_words = english_function_words()
    hits = sum(1 for w in words if w.replace("’", "'") in function_words)
    return hits / len(words), len(words)


def _is_latin(ch: str) -> bool:
    if ord(ch) < 0x250:
        return True
    return unicodedata.name(ch, "").startswith("LATIN")


@functools.cache
def _identifier() -> Any:
    """The py3langid identifier (its model is read on first use, about a second)."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def identify_language(text: str) -> tuple[str, float] | None:
    """(ISO 639-1 code, probability) of the language of ``text``'s first
    LANGID_SAMPLE_CHARS characters, or None for fewer than LANGID_MIN_WORDS words."""
    sample = text[:LANGID_SAMPLE_CHARS]
    if len(_WORD.findall(sample)) < LANGID_MIN_WORDS:
        return None
    lang, prob = _identifier().classify(sample)
    return str(lang), float(prob)


def check_english(text: str, *, item: str = "input") -> None:
    """Raise NotEnglish unless ``text`` reads as English.

    Texts of fewer than MIN_WORDS words are not judged by their words. Longer texts need
    at least MIN_FUNCTION_SHARE of their words to be very common English function words
    (the, of, and, to, is, that, ...; see lexicons/english_function_words.txt). A text of
    at least LANGID_MIN_WORDS words that is not clearly English by that share (under
    CLEAR_ENGLISH_SHARE) is then given to the language identifier, which refuses it when
    it is at least LANGID_MIN_CONFIDENCE sure of another language.
    """
    score = english_score(text)
    if score is not None:
        share, n_words = score
        if share < MIN_FUNCTION_SHARE:
            raise NotEnglish(
                f"{item}: the text does not look like English (only {share:.0%} of its "
                f"{n_words} words are common English words, at least {MIN_FUNCTION_SHARE:.0%} "
                "expected); reportedly analyses English news only"
            )
        if share >= CLEAR_ENGLISH_SHARE:
            return
    found = identify_language(text)
    if found is not None and found[0] != "en" and found[1] >= LANGID_MIN_CONFIDENCE:
        raise NotEnglish(
            f"{item}: the text does not look like English (the language identifier reads "
            f"it as ISO 639-1 '{found[0]}', {found[1]:.0%} sure); "
            "reportedly analyses English news only"
        )
