"""The relative-date resolver: date words normalised against a reference date.

:func:`normalise` turns the words of a date expression into an ISO value and a
precision; it is a pure function of the words and the reference (publication)
date, cached on both. The time stage runs it on spaCy's DATE entities; question
answering resolves a question's date words with :func:`resolve`, which gives the
days a value covers.

News conventions it follows:

- a bare weekday ("on Friday") is the most recent such day on or before the
  publication date; "last Friday"/"this past Friday" the most recent one before
  it; "next Friday" the first one after. The tense of the verb is not looked at
  yet, so "will meet on Friday" also gets the past Friday.
- "last/this/next week|month|year" are the calendar (ISO) week, month or year
  before, of, or after publication; "earlier this month" is this month.
- "N days/weeks/months/years ago" counts back from publication and keeps the
  unit as precision ("three weeks ago" is an ISO week).
- a day and month without a year ("6 December") is in the publication year,
  or the year before when that would put it more than ``FUTURE_DAYS`` ahead.
- durations, ages, vague or recurring times ("14-year-long", "for over 50
  years", "decades", "recent days", "every Friday") and ranges ("2015-16",
  "Friday and Saturday") are not points in time: None.

Without a publication date only absolute dates ("2016", "December 2024",
"Dec. 6, 2024") are normalised.

Our own rules handle the common forms (fast); what is left goes to dateparser,
but only the entity's words, cleaned, and only when they hold a month name or a
numeric date: dateparser never sees a sentence (its ``search_dates`` finds dates
in ordinary words).
"""

from __future__ import annotations

import calendar
import functools
import re
from datetime import date, datetime, timedelta
from typing import Any, Literal

from .. import lexicons

Precision = Literal["day", "week", "month", "year"]
Result = tuple[str, Precision]

_WORDS = lexicons.default().words  # words.yaml: month, weekday and number words

#: A day-and-month without a year further than this ahead of publication is last year's.
FUTURE_DAYS = 92


def _names(full: list[str], abbreviations: dict[str, int], first: int) -> dict[str, int]:
    """Each full name, then its abbreviations: "january", "jan", "february", "feb" ..."""
    out: dict[str, int] = {}
    for i, name in enumerate(full, start=first):
        out[str(name)] = i
        out.update({str(k): i for k, v in abbreviations.items() if int(v) == i})
    return out


MONTHS = _names(_WORDS["months"], _WORDS["month_abbreviations"], 1)
WEEKDAYS = _names(_WORDS["weekdays"], _WORDS["weekday_abbreviations"], 0)
NUMBERS: dict[str, int] = {str(k): int(v) for k, v in _WORDS["date_numbers"].items()}
_ORDINAL_WORDS = [str(w) for w in _WORDS["date_ordinals"]]
ORDINALS: dict[str, int] = {w: i for i, w in enumerate(_ORDINAL_WORDS, start=1)}
ORDINALS["twentieth"] = 20
ORDINALS["thirtieth"] = 30
ORDINALS.update({f"twenty-{w}": 20 + i for w, i in list(ORDINALS.items()) if i < 10})
ORDINALS.update({f"twenty {w}": 20 + i for w, i in list(ORDINALS.items()) if i < 10})
ORDINALS["thirty-first"] = ORDINALS["thirty first"] = 31

#: Fixed-date days news names without a date: pattern (after cleaning) -> (month, day).
HOLIDAYS: dict[str, tuple[int, int]] = {
    str(k): (int(v[0]), int(v[1])) for k, v in _WORDS["date_holidays"].items()
}
PARTS_OF_DAY = tuple(str(w) for w in _WORDS["parts_of_day"])

_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_WEEKDAY = r"(?:" + "|".join(sorted(WEEKDAYS, key=len, reverse=True)) + r")\.?"
_NUM = r"(?P<n>\d{1,3}|" + "|".join(sorted(NUMBERS, key=len, reverse=True)) + ")"
_UNIT = r"(?P<unit>minute|hour|day|fortnight|week|month|year)s?"
POD = r"(?:" + "|".join(PARTS_OF_DAY) + ")"
_ORD = (
    r"(?P<day>\d{1,2}(?=st|nd|rd|th|\b)(?:st|nd|rd|th)?|"
    + "|".join(sorted(ORDINALS, key=len, reverse=True))
    + ")"
)
_YEAR = r"(?P<year>[12]\d{3})"

# words around the date that do not change it
_LEAD = re.compile(
    r"^(?:(?:on|in|at|by|for|since|from|during|around|about|circa|ca|as of|of|the|"
    r"early|earlier|late|later|mid|middle of|the middle of|end of|the end of|beginning of|"
    r"start of|the start of|the beginning of|turn of|over|more than|less than|nearly|almost|"
    r"roughly|some|just|only|exactly|until|till|up to|at least)(?:\s+|-(?=\w)))+"
)
_CLOCK = re.compile(
    r"\b(?:at\s+)?(?:\d{1,2}(?:[:.]\d{2})?\s*(?:a\.?m\.?|p\.?m\.?)|\d{1,2}:\d{2}(?:\s*(?:hrs|h))?)"
    r"(?:\s+(?:local time|gmt|utc|[a-z]{1,2}t))?(?=\W|$)"
)
_POSSESSIVE = re.compile(r"(?<=[a-z])'s\b")
_PUNCT = re.compile(r"[,;:()\"!?]")
_POD_TAIL = re.compile(
    r"(?:\s+(?:(?:at|in|on|in the|on the|by)\s+)?" + POD + r")+$"
)  # "friday morning"
_POD_HEAD = re.compile(r"^(?:the\s+)?" + POD + r"\s+of\s+")  # "the morning of december 6"

_ISO_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[t ][\d:.+z-]*)?$")
_SLASH_YMD = re.compile(r"^(\d{4})/(\d{1,2})/(\d{1,2})$")
_YEAR_ONLY = re.compile(r"^(?:the year |fiscal |fy ?|calendar )?" + _YEAR + "$")
_YEAR_PART = re.compile(
    r"^(?:q[1-4]|h[12]|(?:first|second|third|fourth|last|final) (?:quarter|half)|"
    r"spring|summer|autumn|fall|winter)(?: of)? " + _YEAR + "$"
)
_DAY_MONTH = re.compile(
    r"^(?:" + _WEEKDAY + r" )?(?:the )?" + _ORD + r" (?:of )?" + _MONTH + r"(?: " + _YEAR + ")?$"
)
_MONTH_DAY = re.compile(
    r"^(?:" + _WEEKDAY + r" )?" + _MONTH + r" (?:the )?" + _ORD + r"(?: " + _YEAR + ")?$"
)
_MONTH_YEAR = re.compile(r"^" + _MONTH + r"(?: of)? " + _YEAR + "$")
_MONTH_ONLY = re.compile(r"^" + _MONTH + "$")
_HOLIDAYS = [(re.compile("^(?:" + h + r")(?: " + _YEAR + ")?$"), md) for h, md in HOLIDAYS.items()]
_NUMERIC = re.compile(r"^(\d{1,2})[/.](\d{1,2})[/.](\d{4})$")
_WEEKDAY_REL = re.compile(
    r"^(?:(?P<rel>last|this past|past|previous|this|next|this coming|coming) )?"
    r"(?P<weekday>" + "|".join(sorted(WEEKDAYS, key=len, reverse=True)) + r")\.?$"
)
_PERIOD_REL = re.compile(r"^(?P<rel>last|this|next|current|past) (?P<unit>week|month|year)$")
_WEEKEND = re.compile(r"^(?:(?P<rel>last|this|next|past) )?weekend$")
_AGO = re.compile(r"^" + _NUM + r" " + _UNIT + r" (?P<dir>ago|from now|hence)$")

# not a point in time
_DURATION_ADJ = re.compile(
    r"\b(?:minute|hour|day|week|fortnight|month|year|decade|century)s?-(?:long|old)\b|"
    r"-(?:minute|hour|day|week|fortnight|month|year|decade|century)s?\b|\byears? old\b|\bage\b"
)
_COUNT = re.compile(
    r"^(?:(?:\d[\d,.]*|" + "|".join(NUMBERS) + r"|few|a few|several|many|some|dozens of|"
    r"hundreds of|thousands of|the|the last|the past|the next|the first|the coming)\s+)*"
    r"(?:\d+\s+)?(?:seconds?|minutes?|hours?|days?|nights?|weeks?|fortnights?|months?|years?|"
    r"decades?|centuries|century|generations?|ages|millennia|millennium)$"
)
_VAGUE = re.compile(
    r"\b(?:recent|recently|coming|upcoming|several|few|many|decades?|centuries|century|"
    r"generations?|era|once|daily|weekly|monthly|annual|annually|yearly|every|each|per|"
    r"whole|entire|previous|following|past|before|after|earlier|later|prior|season|"
    r"seasons|times|period)\b|\d0'?s\b"
)
_RANGE = re.compile(r"\b(?:and|to|through|thru|or|between|until|till)\b|\d\s*[-/]\s*\d|\w-\w")
_HAS_DATE_WORD = re.compile(r"\b(?:" + "|".join(MONTHS) + r")\b|\d{1,4}[/.]\d{1,2}[/.]\d{2,4}")
_VALUE = re.compile(r"^(?!0000)\d{4}(?:-W\d{2}|-\d{2}(?:-\d{2})?)?$")
_ANY_YEAR = re.compile(r"\b" + _YEAR + r"\b")


# --- small helpers ---------------------------------------------------------------------


def _day(d: date) -> Result:
    return d.isoformat(), "day"


def _week(d: date) -> Result:
    year, week, _ = d.isocalendar()
    return f"{year}-W{week:02d}", "week"


def _month(year: int, month: int) -> Result:
    return f"{year:04d}-{month:02d}", "month"


def _year(year: int) -> Result:
    if not 1 <= year <= 9999:
        raise ValueError(f"year {year} is out of range")
    return f"{year:04d}", "year"


def _add_months(year: int, month: int, k: int) -> tuple[int, int]:
    n = year * 12 + (month - 1) + k
    if not 1 <= n // 12 <= 9999:
        raise ValueError("month out of range")
    return n // 12, n % 12 + 1


def _number(word: str) -> int | None:
    if word.isdigit():
        return int(word)
    return NUMBERS.get(word)


def _day_number(word: str) -> int:
    return ORDINALS[word] if word in ORDINALS else int(word.rstrip("stndrh"))


def _date_in_context(month: int, day: int, published: date) -> date | None:
    """A day and month without a year: the publication year, or the year before."""
    for year in (published.year, published.year - 1):
        try:
            d = date(year, month, day)
        except ValueError:
            continue
        if (d - published).days <= FUTURE_DAYS:
            return d
    return None


def _explicit_date(year: int | None, month: int, day: int, published: date | None) -> Result | None:
    if year is None:
        if published is None:
            return None
        d = _date_in_context(month, day, published)
        return _day(d) if d else None
    try:
        return _day(date(year, month, day))
    except ValueError:
        return None


def _clean(text: str) -> str:
    """Lower case, possessives, punctuation, clock times and words that do not matter gone."""
    s = text.casefold().replace("’", "'").replace("‘", "'").replace("–", "-").replace("—", "-")
    s = _POSSESSIVE.sub("", s)
    s = _CLOCK.sub(" ", s)
    s = _PUNCT.sub(" ", s)
    s = " ".join(s.split()).strip(" .-")
    prev = None
    while prev != s:
        prev = s
        s = _LEAD.sub("", s).strip(" .-")
        s = _POD_HEAD.sub("", s)
    base = _POD_TAIL.sub("", s)
    if base not in ("", "this", "last", "early", "late"):
        s = base  # "friday morning" is friday; "this morning" and "last night" stay
    return s


# --- the rules -------------------------------------------------------------------------


def _relative_day(s: str, published: date) -> Result | None:
    """today, yesterday, tomorrow, tonight, this morning, last night ..."""
    if s in ("today", "tonight") or (s.startswith("this ") and s[5:] in PARTS_OF_DAY):
        return _day(published)
    if s in ("last night", "last evening", "overnight"):
        return _day(published - timedelta(days=1))
    shifts = {
        "today": 0,
        "yesterday": -1,
        "tomorrow": 1,
        "day before yesterday": -2,
        "day after tomorrow": 2,
    }
    if s in shifts:
        return _day(published + timedelta(days=shifts[s]))
    return None


def _weekday(s: str, published: date) -> Result | None:
    m = _WEEKDAY_REL.match(s)
    if not m:
        return None
    wd = WEEKDAYS[m["weekday"]]
    rel = m["rel"] or ""
    back = (published.weekday() - wd) % 7  # days back to the most recent one (0 = today)
    if rel in ("last", "this past", "past", "previous"):
        return _day(published - timedelta(days=back or 7))
    if rel in ("next", "this coming", "coming"):
        return _day(published + timedelta(days=(wd - published.weekday()) % 7 or 7))
    if rel == "this":  # the one in the week of publication
        return _day(published + timedelta(days=wd - published.weekday()))
    return _day(published - timedelta(days=back))


def _period(s: str, published: date) -> Result | None:
    m = _PERIOD_REL.match(s)
    if m:
        rel, unit = m["rel"], m["unit"]
        if rel == "past":
            return None  # "the past week": the seven days before, a duration
        k = {"last": -1, "this": 0, "current": 0, "next": 1}[rel]
        if unit == "week":
            return _week(published + timedelta(weeks=k))
        if unit == "month":
            return _month(*_add_months(published.year, published.month, k))
        return _year(published.year + k)
    m = _WEEKEND.match(s)
    if m:
        rel = m["rel"] or ""
        wd = published.weekday()
        if rel == "this":
            return _week(published)
        if rel == "next":
            return _week(published + timedelta(weeks=1))
        if rel in ("last", "past"):  # the weekend that ended before publication
            return _week(published - timedelta(days=(wd - 6) % 7 or 7))
        # "the weekend": the one that has begun by publication
        return _week(published - timedelta(days=(wd - 5) % 7))
    return None


def _ago(s: str, published: date) -> Result | None:
    m = _AGO.match(s)
    if not m:
        return None
    n = _number(m["n"])
    if n is None:
        return None
    sign = -1 if m["dir"] == "ago" else 1
    unit = m["unit"]
    if unit in ("minute", "hour"):
        return _day(published)
    if unit == "day":
        return _day(published + timedelta(days=sign * n))
    if unit in ("week", "fortnight"):
        return _week(published + timedelta(weeks=sign * n * (2 if unit == "fortnight" else 1)))
    if unit == "month":
        return _month(*_add_months(published.year, published.month, sign * n))
    return _year(published.year + sign * n)


def _absolute(s: str, published: date | None) -> Result | None:
    m = _ISO_DAY.match(s) or _SLASH_YMD.match(s)
    if m:
        y, mo, d = (int(g) for g in m.groups()[:3])
        return _explicit_date(y, mo, d, None)
    m = _YEAR_ONLY.match(s) or _YEAR_PART.match(s)
    if m:
        return _year(int(m["year"]))
    m = _DAY_MONTH.match(s) or _MONTH_DAY.match(s)
    if m:
        year = int(m["year"]) if m["year"] else None
        return _explicit_date(year, MONTHS[m["month"]], _day_number(m["day"]), published)
    m = _MONTH_YEAR.match(s)
    if m:
        return _month(int(m["year"]), MONTHS[m["month"]])
    m = _MONTH_ONLY.match(s)
    if m:
        if published is None:
            return None
        month = MONTHS[m["month"]]
        first = _date_in_context(month, 1, published)
        return _month(first.year, month) if first else None
    m = _NUMERIC.match(s)
    if m:
        a, b, y = (int(g) for g in m.groups())
        if a != b and a <= 12 and b <= 12:
            return None  # 06/12/2024: June or December? Not guessed.
        month, day = (b, a) if a > 12 else (a, b)
        return _explicit_date(y, month, day, None)
    for pattern, (month, day) in _HOLIDAYS:
        m = pattern.match(s)
        if m:
            year = int(m["year"]) if m["year"] else None
            return _explicit_date(year, month, day, published)
    return None


def _not_a_point(s: str) -> bool:
    return bool(_DURATION_ADJ.search(s) or _COUNT.match(s) or _VAGUE.search(s) or _RANGE.search(s))


# --- dateparser, guarded ---------------------------------------------------------------

_PERIODS: dict[str, Precision] = {
    "time": "day",
    "day": "day",
    "week": "week",
    "month": "month",
    "year": "year",
    "quarter": "year",
}


@functools.lru_cache(maxsize=64)
def _dateparser(base: date) -> Any:
    from dateparser.date import DateDataParser  # type: ignore[import-untyped]

    settings = {
        "RELATIVE_BASE": datetime(base.year, base.month, base.day),
        "PREFER_DATES_FROM": "past",
        "RETURN_AS_TIMEZONE_AWARE": False,
        "PREFER_DAY_OF_MONTH": "first",
    }
    return DateDataParser(languages=["en"], settings=settings)


def _with_dateparser(s: str, published: date | None) -> Result | None:
    if not _HAS_DATE_WORD.search(s):
        return None  # dateparser reads too much into other words ("the 8th", "3 p.m.")
    year_m = _ANY_YEAR.search(s)
    if published is None:
        if year_m is None:
            return None
        base = date(int(year_m["year"]), 1, 1)
    else:
        base = published
    data = _dateparser(base).get_date_data(s)
    found = data.date_obj if data is not None else None
    if not isinstance(found, datetime):
        return None
    precision = _PERIODS.get(str(data.period))
    if precision is None:
        return None
    d = found.date()
    if year_m is not None and d.year != int(year_m["year"]):
        return None
    if year_m is None and abs(d.year - base.year) > 1:
        return None  # "20 Dec 24" is not 1924
    if abs(d.year - base.year) > 200:
        return None
    if precision == "day":
        return _day(d)
    if precision == "week":
        return _week(d)
    if precision == "month":
        return _month(d.year, d.month)
    return _year(d.year)


# --- the public function ---------------------------------------------------------------


def normalise(text: str, published: date | None) -> Result | None:
    """The ISO value and precision of a date expression, or None when it is not one.

    ``text`` is the words of one DATE (or part-of-day TIME) entity, never a whole
    sentence; relative expressions are read against ``published``.

    >>> normalise("on Friday", date(2024, 12, 8))
    ('2024-12-06', 'day')
    >>> normalise("last week", date(2024, 12, 8))
    ('2024-W48', 'week')
    >>> normalise("for over 50 years", date(2024, 12, 8)) is None
    True
    """
    return _normalise(text, published)


@functools.lru_cache(maxsize=8192)
def _normalise(text: str, published: date | None) -> Result | None:
    s = _clean(text)
    if not s or len(s) > 60:
        return None
    try:
        found = _rules(s, published)
    except (ValueError, OverflowError):  # counted out of the calendar ("999 years ago")
        return None
    if found is None or not _VALUE.match(found[0]):
        return None
    return found


def _rules(s: str, published: date | None) -> Result | None:
    found = _absolute(s, published)
    if found is not None:
        return found
    if published is not None:
        for rule in (_relative_day, _weekday, _period, _ago):
            found = rule(s, published)
            if found is not None:
                return found
    if _not_a_point(s):
        return None
    return _with_dateparser(s, published)


def published_date(value: str | None) -> date | None:
    """The publication date of an article (ISO date or datetime), or None."""
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        pass
    try:
        return datetime.fromisoformat(value).date()
    except ValueError:
        return None


# --- the stage -------------------------------------------------------------------------


# --- the days date words cover (question answering) ----------------------------------

_PAST = re.compile(r"past (week|month|year)")


def day_of(value: str | None) -> date | None:
    """The day an ISO value starts with ("2024-12-06", "2024-12-06T10:00"), or None."""
    if not value:
        return None
    m = re.match(r"(\d{4})-(\d{2})-(\d{2})", value)
    if not m:
        return None
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def iso_range(value: str | None) -> tuple[date, date] | None:
    """The first and last day an ISO value (day, week, month, year) covers."""
    if not value:
        return None
    d = day_of(value)
    if d:
        return d, d
    m = re.fullmatch(r"(\d{4})-[Ww](\d{2})", value)
    if m:
        start = date.fromisocalendar(int(m.group(1)), int(m.group(2)), 1)
        return start, start + timedelta(days=6)
    m = re.fullmatch(r"(\d{4})-(\d{2})", value)
    if m:
        y, mo = int(m.group(1)), int(m.group(2))
        return date(y, mo, 1), date(y, mo, calendar.monthrange(y, mo)[1])
    m = re.fullmatch(r"(\d{4})", value)
    if m:
        return date(int(value), 1, 1), date(int(value), 12, 31)
    return None


def resolve_date(words: str, ref: date) -> tuple[date, date] | None:
    """The days date words cover, counted from ``ref`` (a question's "last week").

    ISO values cover what they name; "past week" is the seven days up to ``ref`` and
    "past month/year" the calendar month or year before it; anything else is read by
    :func:`normalise` with ``ref`` as the publication date.
    """
    w = words.casefold().strip()
    found = iso_range(w)
    if found:
        return found
    m = _PAST.fullmatch(w)
    if m:
        unit = m.group(1)
        if unit == "week":
            return ref - timedelta(days=7), ref
        if unit == "month":
            y, mo = _add_months(ref.year, ref.month, -1)
            return iso_range(f"{y:04d}-{mo:02d}")
        return iso_range(f"{ref.year - 1:04d}")
    value = normalise(w, ref)
    return iso_range(value[0]) if value else None
