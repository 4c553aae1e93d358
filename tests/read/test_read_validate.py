"""Input validation: every bad input gets a coded, one-line error naming the item."""

from __future__ import annotations

import codecs
import gzip
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reportedly import settings
from reportedly.errors import (
    BinaryInput,
    EmptyInput,
    InputError,
    InputTooLarge,
    MalformedInput,
    NotEnglish,
    UndecodableInput,
)
from reportedly.read import check_english, decode, english_score, load_article, validate
from reportedly.read.validate import identify_language

ENGLISH = (
    "The harbour bridge in Port Ellis was closed to traffic on Tuesday after engineers "
    "found cracks in two of its supporting piers, the city council said. Council engineer "
    "Marta Silva told reporters that the damage was caused by the storm that struck the "
    "coast on Sunday night."
)

FOREIGN = {
    "fr": (
        "Le gouvernement a annoncé mardi que le pont du port serait fermé à la circulation "
        "pendant au moins une semaine, après que des ingénieurs ont découvert des fissures "
        "dans deux de ses piliers. Selon le conseil municipal, les dégâts ont été causés par "
        "la tempête qui a frappé la côte dimanche soir."
    ),
    "de": (
        "Die Regierung teilte am Dienstag mit, dass die Hafenbrücke mindestens eine Woche "
        "lang für den Verkehr gesperrt bleibt, nachdem Ingenieure Risse in zwei ihrer Pfeiler "
        "entdeckt hatten. Nach Angaben des Stadtrats wurden die Schäden durch den Sturm "
        "verursacht, der am Sonntagabend die Küste traf."
    ),
    "es": (
        "El gobierno anunció el martes que el puente del puerto permanecerá cerrado al "
        "tráfico durante al menos una semana, después de que los ingenieros descubrieran "
        "grietas en dos de sus pilares. Según el ayuntamiento, los daños fueron causados por "
        "la tormenta que azotó la costa el domingo por la noche."
    ),
    "ru": (
        "Правительство объявило во вторник, что мост в порту будет закрыт для движения как "
        "минимум на неделю после того, как инженеры обнаружили трещины в двух его опорах. "
        "По словам городского совета, ущерб нанес шторм, обрушившийся на побережье."
    ),
    "ar": (
        "أعلنت الحكومة يوم الثلاثاء أن جسر الميناء سيبقى مغلقا أمام حركة المرور لمدة أسبوع "
        "على الأقل بعد أن اكتشف المهندسون شقوقا في اثنتين من دعاماته، وقال المجلس البلدي إن "
        "الأضرار نجمت عن العاصفة التي ضربت الساحل مساء الأحد."
    ),
    "zh": (
        "政府周二宣布，港口大桥将至少封闭一周，因为工程师在其两个桥墩中发现了裂缝。"
        "市议会表示，损坏是由周日晚上袭击海岸的风暴造成的。渡轮将每十五分钟运行一次。"
    ),
}


def _one_line(exc: InputError) -> str:
    text = str(exc)
    assert "\n" not in text
    assert text.startswith(f"[{exc.code}] ")
    return text


@pytest.mark.parametrize("data", [b"", "", b"   \n\t\n", "  \r\n  "])
def test_empty_input(data: str | bytes) -> None:
    with pytest.raises(EmptyInput) as info:
        load_article(data)
    assert "input" in _one_line(info.value)


def test_nul_bytes_are_binary() -> None:
    with pytest.raises(BinaryInput) as info:
        load_article(b"\x00\x01\x02\x03 some text \x00\x00")
    assert "binary" in _one_line(info.value)


def test_control_characters_are_binary() -> None:
    noise = "".join(chr(c) for c in range(1, 9)) * 20
    with pytest.raises(BinaryInput):
        load_article("Some words here. " + noise)


@pytest.mark.parametrize(
    ("data", "what"),
    [
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n", "PDF"),
        (b"PK\x03\x04\x14\x00\x06\x00" + b"word/document.xml", "ZIP"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG"),
        (gzip.compress(ENGLISH.encode()), "gzip"),
    ],
)
def test_binary_magic_is_named(data: bytes, what: str) -> None:
    with pytest.raises(BinaryInput) as info:
        load_article(data)
    assert what in _one_line(info.value)


def test_undecodable_bytes() -> None:
    data = bytes(range(0x80, 0x100)) * 8  # high bytes only: no encoding makes text of them
    with pytest.raises(UndecodableInput) as info:
        decode(data)
    assert "UTF-8" in _one_line(info.value)


def test_cp1252_with_curly_quotes_is_decoded() -> None:
    text = (
        "The minister said \u201cwe will not back down\u201d on Tuesday, and the caf\u00e9 "
        "owners\u2019 group agreed \u2014 for now \u2026 according to a statement that was "
        "issued by the office of the mayor."
    )
    data = text.encode("cp1252")
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    assert decode(data) == text
    assert load_article(data).text == text


def test_latin1_declared_in_a_page_is_decoded() -> None:
    page = (
        '<html><head><meta charset="iso-8859-1"><title>Caf\u00e9 owners protest</title></head>'
        "<body><article><p>Caf\u00e9 owners in the old town said on Monday that the new rules "
        "would force several of them to close before the summer season.</p></article></body></html>"
    )
    assert "Caf\u00e9 owners" in decode(page.encode("latin-1"))


@pytest.mark.parametrize(
    ("bom", "encoding"),
    [(codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"), (b"", "utf-8")],
)
def test_utf16_with_bom_and_utf8(bom: bytes, encoding: str) -> None:
    text = "Officials said the bridge \u2014 closed since Tuesday \u2014 would reopen."
    assert decode(bom + text.encode(encoding)) == text


def test_utf8_bom_is_dropped() -> None:
    assert decode(codecs.BOM_UTF8 + b"Hello there") == "Hello there"


def test_too_large_is_refused_before_reading() -> None:
    big = "a" * (settings.MAX_INPUT_BYTES + 1)
    with pytest.raises(InputTooLarge) as info:
        load_article(big)
    assert "MAX_INPUT_BYTES" in _one_line(info.value)
    with pytest.raises(InputTooLarge):
        load_article(big.encode())
    # multi-byte characters count as bytes
    with pytest.raises(InputTooLarge):
        load_article("é" * (settings.MAX_INPUT_BYTES // 2 + 1))


def test_limit_is_read_at_call_time(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(settings, "MAX_INPUT_BYTES", 100)
    with pytest.raises(InputTooLarge):
        load_article(ENGLISH)


@pytest.mark.parametrize("lang", sorted(FOREIGN))
def test_other_languages_are_refused(lang: str) -> None:
    with pytest.raises(NotEnglish) as info:
        load_article(FOREIGN[lang])
    assert "English" in _one_line(info.value)
    with pytest.raises(NotEnglish):
        check_english(FOREIGN[lang], item="x.txt")


def test_english_passes_even_when_short_or_full_of_names() -> None:
    check_english(ENGLISH)
    check_english("Rebels take Damascus")  # too short to judge
    check_english(
        "Lopez will appear in Miami on Saturday to encourage Florida voters to back Clinton. "
        "Bon Jovi will headline a concert in Philadelphia, Katy Perry in Las Vegas and Jay Z "
        "in Cleveland."
    )
    score = english_score(ENGLISH)
    assert score is not None
    assert score[0] > 0.25
    assert english_score("Too short to judge.") is None


def test_malformed_json() -> None:
    with pytest.raises(MalformedInput) as info:
        load_article('{"text": "unterminated')
    assert "JSON" in _one_line(info.value)
    with pytest.raises(MalformedInput):
        load_article('{"title": "no text here"}')
    with pytest.raises(MalformedInput):
        load_article('{"text": 3}')
    with pytest.raises(EmptyInput):
        load_article('{"text": "   "}')


def test_unknown_format() -> None:
    with pytest.raises(MalformedInput):
        load_article(ENGLISH, fmt="pdf")


#: Sentences of 12-19 words (too short for the function-word count) and a paragraph whose
#: Dutch shares enough words with English ("is", "was", "over") to pass that count.
LANGID_FOREIGN = {
    "nl": "Het kabinet heeft dinsdag besloten dat de nieuwe regels voor huurwoningen pas "
    "volgend jaar ingaan.",
    "de": "Die Bundesregierung hat am Mittwoch angekündigt, dass die neuen Regeln erst im "
    "kommenden Jahr gelten.",
    "fr": "Le gouvernement a annoncé mercredi que les nouvelles règles n'entreront en vigueur "
    "que l'année prochaine.",
    "es": "El gobierno anunció el miércoles que las nuevas normas no entrarán en vigor hasta "
    "el próximo año.",
    "nl-paragraph": "Het was in maart, en hij was in Brussel. Hij is over de plannen van het "
    "kabinet begonnen en hij is van mening dat de stad meer geld nodig heeft. Wie in de stad "
    "woont, was het daar over eens: de wachtlijst is te lang.",
}


@pytest.mark.parametrize("lang", sorted(LANGID_FOREIGN))
def test_the_language_identifier_refuses_what_the_word_count_lets_pass(lang: str) -> None:
    """Regression: a Dutch sentence passed as English (too short for the word count)."""
    with pytest.raises(NotEnglish) as info:
        load_article(LANGID_FOREIGN[lang])
    assert "language identifier" in _one_line(info.value)
    assert info.value.code == "E005"
    found = identify_language(LANGID_FOREIGN[lang])
    assert found is not None
    assert found[0] == lang.split("-")[0]
    score = english_score(LANGID_FOREIGN[lang])
    assert score is None or score[0] >= validate.MIN_FUNCTION_SHARE  # the count lets it pass


@pytest.mark.parametrize(
    "text",
    [
        "The mayor told reporters, in German, \u201eWir schaffen das\u201c, before adding that "
        "the city would open two more shelters this winter.",
        "Jean-Luc Mélenchon, Olaf Scholz and Pedro Sánchez met Giorgia Meloni in Brussels on "
        "Thursday to discuss farm subsidies.",
        "Kim Jong Un and Xi Jinping met in Beijing on Tuesday, Xinhua and KCNA reported.",
        "Storm closes schools",
    ],
)
def test_english_with_foreign_names_or_quotes_passes_the_identifier(text: str) -> None:
    check_english(text)
    load_article(text)


def test_clear_english_never_asks_the_identifier(monkeypatch: pytest.MonkeyPatch) -> None:
    """A long text that is plainly English by its function words skips the model (speed)."""

    def refuse(text: str) -> None:
        raise AssertionError("the identifier was asked")

    monkeypatch.setattr(validate, "identify_language", refuse)
    check_english(ENGLISH)


def test_the_identifier_reads_a_bounded_sample() -> None:
    long_dutch = (LANGID_FOREIGN["nl"] + " ") * 2000
    assert identify_language(long_dutch) == identify_language(
        long_dutch[: validate.LANGID_SAMPLE_CHARS]
    )
    english = ENGLISH
    while len(english) < validate.LANGID_SAMPLE_CHARS:
        english += " " + ENGLISH
    found = identify_language(english + " " + long_dutch)  # the Dutch tail is not read
    assert found is not None
    assert found[0] == "en"
    assert identify_language("Too short to judge by its words.") is None


def test_control_pattern_is_category_cc_less_the_whitespace_controls() -> None:
    # the counted characters are exactly Unicode's Cc but tab, newline, CR, FF and VT
    for code in range(0x110000):
        ch = chr(code)
        counted = validate._CONTROL.fullmatch(ch) is not None
        assert counted == (ch not in "\t\n\r\f\v" and unicodedata.category(ch) == "Cc"), hex(code)


@given(st.text(max_size=300))
def test_english_score_counts_letters_as_isalpha_does(text: str) -> None:
    letters = [ch for ch in text if ch.isalpha()]
    others = [ch for ch in validate._NON_ASCII.findall(text) if ch.isalpha()]
    assert len(validate._ASCII_LETTER.findall(text)) + len(others) == len(letters)
    assert [ch for ch in letters if not validate._is_latin(ch)] == [
        ch for ch in others if not validate._is_latin(ch)
    ]
