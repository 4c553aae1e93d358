"""Score event coding (who did what to whom) against PLOVER and PETRARCH gold records.

Each gold sentence is analysed on its own with ``analyze(text, published=date)``
and scored from ``analysis.events``. Two gold formats, one JSON object per line:

PLOVER gold standard records (``plover_gsr.jsonl``, PLOVER 0.5b1 names)::

    {"id": "...", "text": "...", "date": null, "date_in_source": "2000-01-01",
     "event": "DEMAND", "mode": null, "context": "...",
     "expected": [{"source": "USA", "source_sector": "GOV", "target": "IRQ",
                   "target_sector": null, "code": "DEMAND", ...}]}

PETRARCH-2 validation records (``petrarch2_gsr.jsonl``, CAMEO + Phoenix actor codes)::

    {"id": "...", "text": "...", "date": "2008-08-06", "category": "AFP",
     "no_events_expected": false,
     "expected": [{"source": "GUYJUD", "target": "BRAPPL", "code": "173"}]}

**PLOVER scores** (:func:`evaluate_plover`). Event types are compared after
:data:`PLOVER_RENAMED` maps the 0.5b1 names to today's on both sides
(``DEMAND`` is ``REQUEST``; ``DISAPPROVE`` and ``INVESTIGATE`` are ``ACCUSE``;
``FIGHT`` is ``ASSAULT``).

- *type accuracy*, over sentences whose gold events share one type: the type of
  the first predicted root event (``Event.root``, else the first event) that has a PLOVER
  type against it;
  a sentence without such an event counts as wrong (``no_prediction``);
- *type P/R/F1* per type, micro and macro: each sentence is a set of gold types
  against the set of predicted types;
- *actor country match*, over gold events with a source country: the share
  where some predicted event of the same type has an actor of that country
  (``..._any``: a predicted event of any type); *recipient country match*
  likewise for gold targets and predicted targets;
- *mode accuracy*, over sentences whose gold has a mode: some predicted event of
  the gold type has that mode (``..._when_typed``: only sentences where an event
  of the gold type was predicted at all).

**PETRARCH scores** (:func:`evaluate_petrarch`), each over gold events:

- *root match*: some predicted event has the same CAMEO root (first two
  digits); *code match*: the same full CAMEO code;
- *dyad match*: some predicted event has actor and target of the gold countries
  (the first three letters of a Phoenix code, ``SYRGOV`` -> ``SYR``);
  *dyad code match* compares full codes (``SYRGOV``) on each side where both
  gold and prediction have sectors, countries elsewhere;
- *record match*: root and dyad on the same predicted event (``record_code``:
  root and dyad code); *record P/R/F1* pairs predicted coded events one-to-one
  with gold events by record match, so every predicted event in a sentence
  marked ``no_events_expected`` is a false positive;
- *root P/R/F1* per root: each sentence is a set of gold roots against the set
  of predicted roots (``no_events_expected`` sentences have an empty gold set);
- *empty correct*: the share of ``no_events_expected`` sentences with no
  predicted CAMEO-coded event.

Countries are compared as codes: :data:`COUNTRY_ALIASES` maps the legacy CAMEO
codes these files use (``JAP``, ``ITL``, ``VTN``...) to ISO 3166-1 alpha-3. A
predicted actor's countries are its ``code[:3]``, its ``country``, and its
``sector`` when that names a transnational kind (``IGO``, ``NGO``, ``IMG``...),
so ``Actor(country="UNO", sector="IGO")`` matches gold ``IGOUNO`` at the
country level. The Phoenix "unknown country" ``---`` matches a predicted actor
with no country.

A share over nothing (no gold item to score) is 1.0, as for :class:`~.spans.PRF`.
A sentence on which ``analyze`` raises a :class:`~reportedly.errors.ReportedlyError`
is counted as skipped with no predicted events (so its gold events are missed).
"""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import partial
from typing import TYPE_CHECKING, Any, ClassVar, Protocol

from ..errors import MalformedInput
from .metrics import prf_metrics
from .report import Report
from .scorer import Scorer
from .shares import Share
from .spans import PRF, gold_text, greedy_align
from .status import slug
from .tables import count_cells, prf_table, share_table

if TYPE_CHECKING:
    from rich.console import Console

    from ..records import Actor, Analysis, Event

__all__ = [
    "COUNTRY_ALIASES",
    "PLOVER_RENAMED",
    "TRANSNATIONAL_CODES",
    "EventAnalyze",
    "EventReport",
    "GoldEvent",
    "PetrarchReport",
    "PloverReport",
    "cameo_root",
    "code_matches",
    "country_matches",
    "evaluate_petrarch",
    "evaluate_plover",
    "normalize_cameo",
    "normalize_country",
    "normalize_mode",
    "normalize_plover",
]


class EventAnalyze(Protocol):
    """What the scorers call: ``analyze(text, published=...)`` -> :class:`Analysis`."""

    def __call__(self, text: str, *, published: str | None = ...) -> Analysis: ...


#: PLOVER 0.5b1 event types renamed or merged since (the gold uses the old names).
PLOVER_RENAMED: dict[str, str] = {
    "DEMAND": "REQUEST",
    "DISAPPROVE": "ACCUSE",
    "INVESTIGATE": "ACCUSE",
    "FIGHT": "ASSAULT",
}
#: Legacy CAMEO / former ISO country codes found in event gold -> ISO 3166-1 alpha-3.
COUNTRY_ALIASES: dict[str, str] = {
    "JAP": "JPN",  # CAMEO's Japan
    "ITL": "ITA",  # CAMEO's Italy
    "VTN": "VNM",  # Vietnam in the PLOVER gold
    "ROM": "ROU",  # Romania before 2002
    "ZAR": "COD",  # Zaire / DR Congo before 1997
    "TMP": "TLS",  # East Timor before 2002
}
#: Top-level Phoenix/CAMEO codes that name a kind of actor rather than a country.
TRANSNATIONAL_CODES: frozenset[str] = frozenset({"IGO", "NGO", "IMG", "MNC", "UIS", "ISM"})
#: The Phoenix code for "country unknown".
UNKNOWN_COUNTRY = "---"
#: How many failed items and mistakes the report keeps as examples.
MAX_MISS_EXAMPLES = 20
NONE_LABEL = "(none)"


# --------------------------------------------------------------------------- normalising


def normalize_plover(name: str | None) -> str | None:
    """Today's PLOVER name for an event type, any case (``"demand"`` -> ``"REQUEST"``)."""
    if name is None or not name.strip():
        return None
    upper = name.strip().upper()
    return PLOVER_RENAMED.get(upper, upper)


def normalize_mode(mode: str | None) -> str | None:
    """A mode compared loosely: lower case, ``_`` and spaces as ``-``."""
    if mode is None or not mode.strip():
        return None
    return "-".join(mode.strip().lower().replace("_", " ").replace("-", " ").split())


def normalize_cameo(code: str | None) -> str | None:
    """The digits of a CAMEO code, or None when there are fewer than two."""
    if code is None:
        return None
    digits = "".join(ch for ch in code if ch.isdigit())
    return digits if len(digits) >= 2 else None


def cameo_root(code: str | None) -> str | None:
    """The two-digit CAMEO root (cue category): ``"0874"`` -> ``"08"``."""
    norm = normalize_cameo(code)
    return norm[:2] if norm else None


def normalize_country(code: str | None) -> str | None:
    """Upper-case three-letter country part, legacy codes mapped (``"jap"`` -> ``"JPN"``)."""
    if code is None or not code.strip():
        return None
    head = code.strip().upper()[:3]
    return COUNTRY_ALIASES.get(head, head)


def _normalize_code(code: str) -> str:
    """A full Phoenix code with its country part normalised (``"JAPGOV"`` -> ``"JPNGOV"``)."""
    upper = code.strip().upper()
    country = normalize_country(upper) or ""
    return country + upper[3:]


def _actor_countries(actor: Actor) -> set[str]:
    keys: set[str] = set()
    for value in (actor.code, actor.country):
        norm = normalize_country(value)
        if norm:
            keys.add(norm)
    if actor.sector and actor.sector.strip().upper()[:3] in TRANSNATIONAL_CODES:
        keys.add(actor.sector.strip().upper()[:3])
    return keys


def _actor_full_codes(actor: Actor) -> set[str]:
    """The actor's full codes (country + sector), in the spellings a coder may use."""
    out: set[str] = set()
    if actor.code and len(actor.code.strip()) > 3:
        out.add(_normalize_code(actor.code))
    country = normalize_country(actor.country)
    sector = actor.sector.strip().upper() if actor.sector else None
    if sector:
        if country:
            out.add(country + sector)
            if sector[:3] in TRANSNATIONAL_CODES:  # IGO + UNO -> IGOUNO
                out.add(sector + country)
        elif actor.code and len(actor.code.strip()) <= 3:
            out.add(_normalize_code(actor.code) + sector)
    return out


def country_matches(gold: str | None, actor: Actor | None) -> bool:
    """Does a predicted actor have the country of a gold Phoenix code (its first 3 letters)?"""
    if gold is None or actor is None:
        return False
    want = normalize_country(gold)
    keys = _actor_countries(actor)
    if want == UNKNOWN_COUNTRY:
        return not keys or UNKNOWN_COUNTRY in keys
    if want in TRANSNATIONAL_CODES and want not in keys:
        # gold codes an organisation by its kind alone ("IGO"): any organisation code that
        # is not a country stands for it
        return any(k not in _iso_countries() and k != UNKNOWN_COUNTRY for k in keys)
    return want in keys


@functools.cache
def _iso_countries() -> frozenset[str]:
    from ..events.actors import countries

    return frozenset(c.iso3 for c in countries())


def code_matches(gold: str | None, actor: Actor | None) -> bool:
    """Full-code match where gold and prediction both have a sector, else country match."""
    if gold is None or actor is None:
        return False
    full = _actor_full_codes(actor)
    if len(gold.strip()) > 3 and full:
        return _normalize_code(gold) in full
    return country_matches(gold, actor)


# --------------------------------------------------------------------------- gold


@dataclass(frozen=True)
class GoldEvent:
    """One gold event: a type (PLOVER) or code (CAMEO), with source and target codes."""

    code: str
    source: str | None = None
    target: str | None = None
    source_sector: str | None = None
    target_sector: str | None = None


def _optional_str(value: Any, where: str, name: str) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise MalformedInput(f"{where}: {name!r} must be a string or null")
    return value.strip() or None


def _gold_events(record: dict[str, Any], where: str) -> list[GoldEvent]:
    expected = record.get("expected", [])
    if not isinstance(expected, list):
        raise MalformedInput(f"{where}: 'expected' must be a list")
    out: list[GoldEvent] = []
    for item in expected:
        if not isinstance(item, dict):
            raise MalformedInput(f"{where}: every expected event must be an object")
        code = _optional_str(item.get("code"), where, "code")
        if code is None:
            raise MalformedInput(f"{where}: an expected event has no 'code'")
        out.append(
            GoldEvent(
                code=code,
                source=_optional_str(item.get("source"), where, "source"),
                target=_optional_str(item.get("target"), where, "target"),
                source_sector=_optional_str(item.get("source_sector"), where, "source_sector"),
                target_sector=_optional_str(item.get("target_sector"), where, "target_sector"),
            )
        )
    return out


def _published(record: dict[str, Any], *keys: str) -> str | None:
    for key in keys:
        value = record.get(key)
        if isinstance(value, str) and value.strip():
            return value.strip()
    return None


def _default_analyze() -> EventAnalyze:
    """:func:`reportedly.analyze` on the text read as plain text.

    Gold sentences are plain text: a stray ``{`` at the start of one (there are
    some in the PLOVER file) must not make the reader take it for JSON.
    """
    import reportedly
    from reportedly.read import load_article

    def run(text: str, *, published: str | None = None) -> Analysis:
        return reportedly.analyze(load_article(text, fmt="text", published=published))

    return run


# --------------------------------------------------------------------------- report pieces


def _set_prf(gold: set[str], predicted: set[str]) -> dict[str, PRF]:
    return {
        label: PRF(
            tp=int(label in gold and label in predicted),
            fp=int(label in predicted and label not in gold),
            fn=int(label in gold and label not in predicted),
        )
        for label in gold | predicted
    }


def _add_prf(into: dict[str, PRF], more: dict[str, PRF]) -> None:
    for label, prf in more.items():
        into[label] = into.get(label, PRF()) + prf


def _micro(by_label: dict[str, PRF]) -> PRF:
    total = PRF()
    for prf in by_label.values():
        total = total + prf
    return total


def _macro_f1(by_label: dict[str, PRF]) -> float:
    if not by_label:
        return 1.0
    return sum(p.f1 for p in by_label.values()) / len(by_label)


def _label_metrics(prefix: str, by_label: dict[str, PRF]) -> dict[str, float]:
    """Micro precision / recall / F1 and macro F1 over per-label scores."""
    return {
        **prf_metrics(f"{prefix}_micro", _micro(by_label)),
        f"{prefix}_macro_f1": _macro_f1(by_label),
    }


def _short(text: str, limit: int = 140) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _describe(event: Event) -> dict[str, Any]:
    """A compact view of a predicted event for the report's examples."""

    def who(actor: Actor | None) -> str | None:
        if actor is None:
            return None
        code = actor.code or "".join(p for p in (actor.country, actor.sector) if p) or "?"
        return f"{actor.name} [{code}]"

    return {
        "text": event.text,
        "plover": event.plover,
        "mode": event.mode,
        "cameo": event.cameo,
        "actor": who(event.actor),
        "target": who(event.target),
    }


@dataclass
class EventReport(Report):
    """What both event scorers count; :class:`PloverReport` and :class:`PetrarchReport` add
    their own scores."""

    task: ClassVar[str] = "events"

    sentences: int = 0
    gold_events: int = 0
    predicted_events: int = 0  # predicted events coded in the scheme scored
    uncoded_events: int = 0  # predicted events without a code of that scheme
    no_prediction: int = 0  # sentences analysed without a coded event
    misses: list[dict[str, Any]] = field(default_factory=list)

    def _keep_miss(self, example: dict[str, Any]) -> None:
        if len(self.misses) < MAX_MISS_EXAMPLES:
            self.misses.append(example)

    def _counts(self) -> dict[str, int]:
        return {
            "sentences": self.sentences,
            "gold_events": self.gold_events,
            "predicted_events": self.predicted_events,
            "uncoded_events": self.uncoded_events,
            "no_prediction": self.no_prediction,
            "skipped": self.skipped,
        }

    def _tail(self) -> dict[str, Any]:
        return {
            **self.scored_fields(),
            "misses": list(self.misses),
            "seconds": round(self.seconds, 3),
            "sentences_per_second": round(self.per_second(self.sentences), 2),
        }

    def to_dict(self) -> dict[str, Any]:
        return {"task": self.task, "path": self.path, "counts": self._counts(), **self._tail()}

    def _render_footer(self, console: Console, coded: str) -> None:
        console.print(
            f"{self.sentences} sentences, {self.gold_events} gold events, "
            f"{self.predicted_events} predicted events with a {coded} "
            f"(+{self.uncoded_events} without), {self.no_prediction} sentences without a "
            f"prediction, {self.skipped} skipped; {self.seconds:.1f} s "
            f"({self.per_second(self.sentences):.1f} sentences/s)."
        )
        self.render_errors(console)

    def _render_misses(self, console: Console, limit: int = 5) -> None:
        if not self.misses:
            return
        console.print(f"[bold]First misses[/bold] ({min(limit, len(self.misses))} shown):")
        for miss in self.misses[:limit]:
            console.print(f"  {miss['id']}: gold {miss['gold']} / predicted {miss['predicted']}")
            console.print(f"    [dim]{miss['text']}[/dim]")

    def render(self, console: Console) -> None:
        self._render_footer(console, "code")


@dataclass(frozen=True)
class _Sentence:
    """One gold sentence with its gold events and the events predicted in it."""

    id: str
    text: str
    record: dict[str, Any]
    gold: list[GoldEvent]
    events: list[Event]


#: Reads the gold events of a record (``where`` names it in errors).
GoldReader = Callable[[dict[str, Any], str], list[GoldEvent]]


def _sentence(
    report: EventReport,
    run: EventAnalyze,
    rid: str,
    record: dict[str, Any],
    where: str,
    read_gold: GoldReader,
    dates: tuple[str, str],
) -> _Sentence:
    """One sentence of a gold file, analysed with ``published`` from the first of ``dates``
    the record has; one that fails is counted as skipped, with no events."""
    text = gold_text(record, where)
    gold = read_gold(record, where)
    analysis = report.attempt(rid, partial(run, text, published=_published(record, *dates)))
    events = [] if analysis is None else list(analysis.events)
    return _Sentence(rid, text, record, gold, events)


# --------------------------------------------------------------------------- PLOVER


@dataclass
class PloverReport(EventReport):
    """PLOVER type accuracy and P/R/F1, actor/recipient country match, mode accuracy."""

    task: ClassVar[str] = "plover_events"

    type_accuracy: Share = field(default_factory=Share)
    types: dict[str, PRF] = field(default_factory=dict)
    confusion: Counter[tuple[str, str]] = field(default_factory=Counter)
    actor_country: Share = field(default_factory=Share)
    actor_country_any: Share = field(default_factory=Share)
    actor_country_when_typed: Share = field(default_factory=Share)
    recipient_country: Share = field(default_factory=Share)
    recipient_country_any: Share = field(default_factory=Share)
    mode: Share = field(default_factory=Share)
    mode_when_typed: Share = field(default_factory=Share)

    @property
    def metrics(self) -> dict[str, float]:
        flat: dict[str, float] = {
            "plover_type_accuracy": self.type_accuracy.value,
            **_label_metrics("plover_type", self.types),
            "plover_actor_country_match": self.actor_country.value,
            "plover_actor_country_match_any": self.actor_country_any.value,
            "plover_actor_country_match_when_typed": self.actor_country_when_typed.value,
            "plover_recipient_country_match": self.recipient_country.value,
            "plover_recipient_country_match_any": self.recipient_country_any.value,
            "plover_mode_accuracy": self.mode.value,
            "plover_mode_accuracy_when_typed": self.mode_when_typed.value,
            "plover_coverage": (
                1.0 - self.no_prediction / self.sentences if self.sentences else 1.0
            ),
        }
        for label, prf in sorted(self.types.items()):
            flat[f"plover_type_{slug(label)}_f1"] = prf.f1
        return flat

    def to_dict(self) -> dict[str, Any]:
        return {
            "task": self.task,
            "path": self.path,
            "counts": self._counts(),
            "type_accuracy": self.type_accuracy.to_dict(),
            "types": {label: prf.to_dict() for label, prf in sorted(self.types.items())},
            "type_micro": _micro(self.types).to_dict(),
            "confusion": [
                {"gold": g, "predicted": p, "n": n}
                for (g, p), n in sorted(self.confusion.items(), key=lambda kv: (-kv[1], kv[0]))
            ],
            "actor_country": self.actor_country.to_dict(),
            "actor_country_any": self.actor_country_any.to_dict(),
            "actor_country_when_typed": self.actor_country_when_typed.to_dict(),
            "recipient_country": self.recipient_country.to_dict(),
            "recipient_country_any": self.recipient_country_any.to_dict(),
            "mode": self.mode.to_dict(),
            "mode_when_typed": self.mode_when_typed.to_dict(),
            "renamed": dict(PLOVER_RENAMED),
            **self._tail(),
        }

    def render(self, console: Console) -> None:
        rows: list[tuple[str, Share]] = [
            ("type accuracy (first event)", self.type_accuracy),
            ("actor country, same type", self.actor_country),
            ("actor country, any type", self.actor_country_any),
            ("actor country, type predicted", self.actor_country_when_typed),
            ("recipient country, same type", self.recipient_country),
            ("recipient country, any type", self.recipient_country_any),
            ("mode", self.mode),
            ("mode, type predicted", self.mode_when_typed),
        ]
        console.print(share_table(f"PLOVER event coding: {self.path}", rows))

        by_size = sorted(self.types.items(), key=lambda kv: (-(kv[1].tp + kv[1].fn), kv[0]))
        per_type = prf_table(
            "PLOVER types (sentence sets; 0.5b1 names mapped to today's)",
            ("type",),
            [((label,), prf) for label, prf in by_size],
        )
        per_type.add_row("[bold]micro[/bold]", *count_cells(_micro(self.types)))
        per_type.add_row(
            "[bold]macro F1[/bold]", "", "", "", "", "", f"{_macro_f1(self.types):.3f}"
        )
        console.print(per_type)

        wrong = [(k, n) for k, n in self.confusion.items() if k[0] != k[1]]
        if wrong:
            wrong.sort(key=lambda kv: (-kv[1], kv[0]))
            listed = ", ".join(f"{g} -> {p} x{n}" for (g, p), n in wrong[:8])
            console.print(f"[bold]Most frequent confusions:[/bold] {listed}")
        self._render_misses(console)
        self._render_footer(console, "PLOVER type")


def _plover_record(
    report: PloverReport, run: EventAnalyze, rid: str, record: dict[str, Any], where: str
) -> None:
    dates = ("date_in_source", "date")
    _score_plover(report, _sentence(report, run, rid, record, where, _plover_gold, dates))


#: Analyse every sentence of a PLOVER gold file and score the predicted events:
#: ``evaluate_plover(path, analyze=None, limit=None, *, progress=None)``. ``analyze``
#: defaults to :func:`reportedly.analyze` (on the text read as plain text) and is called
#: as ``analyze(text, published=...)`` with the record's ``date_in_source`` (or ``date``).
#: See the module docstring for the scores and :class:`~.scorer.Scorer` for the loop.
evaluate_plover: Scorer[EventAnalyze, PloverReport] = Scorer(
    PloverReport, _default_analyze, _plover_record
)


def _plover_gold(record: dict[str, Any], where: str) -> list[GoldEvent]:
    """The expected events, or the record's one ``event`` type when none are listed."""
    gold = _gold_events(record, where)
    if not gold and isinstance(record.get("event"), str):
        gold = [GoldEvent(code=record["event"])]
    return gold


def _score_plover(report: PloverReport, sentence: _Sentence) -> None:
    rid, text, record, gold, events = (
        sentence.id,
        sentence.text,
        sentence.record,
        sentence.gold,
        sentence.events,
    )
    typed = [e for e in events if normalize_plover(e.plover)]
    report.sentences += 1
    report.gold_events += len(gold)
    report.predicted_events += len(typed)
    report.uncoded_events += len(events) - len(typed)
    report.no_prediction += int(not typed)

    gold_types = {t for t in (normalize_plover(g.code) for g in gold) if t}
    predicted_types = {t for t in (normalize_plover(e.plover) for e in typed) if t}
    _add_prf(report.types, _set_prf(gold_types, predicted_types))

    # the sentence's main event (Event.root) stands for it; text order breaks ties
    ranked = sorted(typed, key=lambda e: not e.root)
    first = normalize_plover(ranked[0].plover) if ranked else None
    if len(gold_types) == 1:
        (want,) = gold_types
        report.type_accuracy.add(first == want)
        report.confusion[(want, first or NONE_LABEL)] += 1
        if first != want:
            report._keep_miss(
                {
                    "id": rid,
                    "text": _short(text),
                    "gold": want,
                    "predicted": [_describe(e) for e in typed] or NONE_LABEL,
                }
            )

    def of_type(code: str) -> list[Event]:
        want = normalize_plover(code)
        return [e for e in typed if normalize_plover(e.plover) == want]

    for g in gold:
        same = of_type(g.code)
        if g.source:
            report.actor_country.add(any(country_matches(g.source, e.actor) for e in same))
            report.actor_country_any.add(any(country_matches(g.source, e.actor) for e in events))
            if same:
                report.actor_country_when_typed.add(
                    any(country_matches(g.source, e.actor) for e in same)
                )
        if g.target:
            report.recipient_country.add(any(country_matches(g.target, e.target) for e in same))
            report.recipient_country_any.add(
                any(country_matches(g.target, e.target) for e in events)
            )

    gold_mode = normalize_mode(record.get("mode") if isinstance(record.get("mode"), str) else None)
    if gold_mode is not None:
        gold_type = record.get("event")
        code = gold_type if isinstance(gold_type, str) else (gold[0].code if gold else "")
        same = of_type(code)
        ok = any(normalize_mode(e.mode) == gold_mode for e in same)
        report.mode.add(ok)
        if same:
            report.mode_when_typed.add(ok)


# --------------------------------------------------------------------------- PETRARCH


@dataclass
class PetrarchReport(EventReport):
    """CAMEO root / code / dyad / record match, per-root P/R/F1, no-event sentences."""

    task: ClassVar[str] = "petrarch_events"

    root: Share = field(default_factory=Share)
    code: Share = field(default_factory=Share)
    dyad: Share = field(default_factory=Share)
    dyad_code: Share = field(default_factory=Share)
    record: Share = field(default_factory=Share)
    record_code: Share = field(default_factory=Share)
    records_prf: PRF = field(default_factory=PRF)
    roots: dict[str, PRF] = field(default_factory=dict)
    categories: dict[str, Share] = field(default_factory=dict)
    empty_sentences: int = 0  # sentences marked no_events_expected
    empty_correct: Share = field(default_factory=Share)
    empty_false_positives: int = 0  # predicted coded events in those sentences

    @property
    def metrics(self) -> dict[str, float]:
        flat: dict[str, float] = {
            "petrarch_root_match": self.root.value,
            "petrarch_code_match": self.code.value,
            "petrarch_dyad_match": self.dyad.value,
            "petrarch_dyad_code_match": self.dyad_code.value,
            "petrarch_record_match": self.record.value,
            "petrarch_record_code_match": self.record_code.value,
            "petrarch_record_precision": self.records_prf.precision,
            "petrarch_record_recall": self.records_prf.recall,
            "petrarch_record_f1": self.records_prf.f1,
            **_label_metrics("petrarch_root", self.roots),
            "petrarch_empty_correct": self.empty_correct.value,
        }
        for label, prf in sorted(self.roots.items()):
            flat[f"petrarch_root_{label}_f1"] = prf.f1
        return flat

    def _counts(self) -> dict[str, int]:
        return {
            **super()._counts(),
            "no_events_expected": self.empty_sentences,
            "no_events_expected_false_positives": self.empty_false_positives,
        }

    def to_dict(self) -> dict[str, Any]:
        return {
            "task": self.task,
            "path": self.path,
            "counts": self._counts(),
            "root": self.root.to_dict(),
            "code": self.code.to_dict(),
            "dyad": self.dyad.to_dict(),
            "dyad_code": self.dyad_code.to_dict(),
            "record": self.record.to_dict(),
            "record_code": self.record_code.to_dict(),
            "records_prf": self.records_prf.to_dict(),
            "roots": {label: prf.to_dict() for label, prf in sorted(self.roots.items())},
            "root_micro": _micro(self.roots).to_dict(),
            "categories": {k: s.to_dict() for k, s in sorted(self.categories.items())},
            "empty_correct": self.empty_correct.to_dict(),
            **self._tail(),
        }

    def render(self, console: Console) -> None:
        from ..export.gdelt import cameo_root_names

        names = cameo_root_names()
        rows: list[tuple[str, Share]] = [
            ("CAMEO root", self.root),
            ("CAMEO code (exact)", self.code),
            ("dyad: actor + target country", self.dyad),
            ("dyad: full codes where both have sectors", self.dyad_code),
            ("record: root + dyad", self.record),
            ("record: root + dyad codes", self.record_code),
            ("no-event sentences left empty", self.empty_correct),
        ]
        title = f"PETRARCH / CAMEO event coding: {self.path}"
        summary = share_table(title, rows, first="score (share of gold events)")
        rp = self.records_prf
        summary.add_row(
            "record P / R / F1 (one-to-one)",
            str(rp.tp),
            str(rp.tp + rp.fn),
            f"{rp.precision:.3f} / {rp.recall:.3f} / {rp.f1:.3f}",
        )
        console.print(summary)

        per_root = prf_table(
            "CAMEO roots (sentence sets)",
            ("root", "name"),
            [((label, names.get(label, "?")), prf) for label, prf in sorted(self.roots.items())],
        )
        per_root.add_row("[bold]micro[/bold]", "", *count_cells(_micro(self.roots)))
        console.print(per_root)

        if self.categories:
            listed = ", ".join(f"{k} {s.hit}/{s.total}" for k, s in sorted(self.categories.items()))
            console.print(f"[bold]Record match by category:[/bold] {listed}")
        console.print(
            f"{self.empty_sentences} sentences expect no event: "
            f"{self.empty_correct.hit} left empty, {self.empty_false_positives} predicted "
            "events there (counted as false positives)."
        )
        self._render_misses(console)
        self._render_footer(console, "CAMEO code")


def _petrarch_record(
    report: PetrarchReport, run: EventAnalyze, rid: str, record: dict[str, Any], where: str
) -> None:
    dates = ("date", "date_in_source")
    sentence = _sentence(report, run, rid, record, where, _petrarch_gold, dates)
    category = record.get("category")
    empty = bool(record.get("no_events_expected")) or not sentence.gold
    _score_petrarch(
        report,
        sentence.id,
        sentence.text,
        sentence.gold,
        sentence.events,
        empty,
        category if isinstance(category, str) else None,
    )


#: Analyse every sentence of a PETRARCH gold file and score the CAMEO coding:
#: ``evaluate_petrarch(path, analyze=None, limit=None, *, progress=None)``. ``analyze``
#: defaults to :func:`reportedly.analyze` (on the text read as plain text) and is called
#: as ``analyze(text, published=record["date"])``. See the module docstring for the
#: scores and :class:`~.scorer.Scorer` for the loop.
evaluate_petrarch: Scorer[EventAnalyze, PetrarchReport] = Scorer(
    PetrarchReport, _default_analyze, _petrarch_record
)


def _petrarch_gold(record: dict[str, Any], where: str) -> list[GoldEvent]:
    """The expected events, each of which must carry a CAMEO code."""
    gold = _gold_events(record, where)
    for g in gold:
        if cameo_root(g.code) is None:
            raise MalformedInput(f"{where}: {g.code!r} is not a CAMEO code")
    return gold


def _is_record_match(g: GoldEvent, e: Event, *, codes: bool) -> bool:
    side = code_matches if codes else country_matches
    return (
        cameo_root(e.cameo) == cameo_root(g.code)
        and side(g.source, e.actor)
        and side(g.target, e.target)
    )


def _score_petrarch(
    report: PetrarchReport,
    rid: str,
    text: str,
    gold: Sequence[GoldEvent],
    events: Sequence[Event],
    empty: bool,
    category: str | None,
) -> None:
    coded = [e for e in events if cameo_root(e.cameo)]
    report.sentences += 1
    report.gold_events += len(gold)
    report.predicted_events += len(coded)
    report.uncoded_events += len(events) - len(coded)
    report.no_prediction += int(not coded)

    if empty:
        report.empty_sentences += 1
        report.empty_correct.add(not coded)
        report.empty_false_positives += len(coded)

    gold_roots = {r for r in (cameo_root(g.code) for g in gold) if r}
    predicted_roots = {r for r in (cameo_root(e.cameo) for e in coded) if r}
    _add_prf(report.roots, _set_prf(gold_roots, predicted_roots))

    pairs = greedy_align(
        len(coded),
        len(gold),
        lambda p, g: 1.0 if _is_record_match(gold[g], coded[p], codes=False) else 0.0,
    )
    report.records_prf = report.records_prf + PRF(
        tp=len(pairs), fp=len(coded) - len(pairs), fn=len(gold) - len(pairs)
    )

    missed = False
    for g in gold:
        root = cameo_root(g.code)
        code = normalize_cameo(g.code)
        report.root.add(any(cameo_root(e.cameo) == root for e in coded))
        report.code.add(any(normalize_cameo(e.cameo) == code for e in coded))
        report.dyad.add(
            any(
                country_matches(g.source, e.actor) and country_matches(g.target, e.target)
                for e in events
            )
        )
        report.dyad_code.add(
            any(
                code_matches(g.source, e.actor) and code_matches(g.target, e.target) for e in events
            )
        )
        hit = any(_is_record_match(g, e, codes=False) for e in coded)
        report.record.add(hit)
        report.record_code.add(any(_is_record_match(g, e, codes=True) for e in coded))
        if category:
            report.categories.setdefault(category, Share()).add(hit)
        missed = missed or not hit
    if missed or (empty and coded):
        report._keep_miss(
            {
                "id": rid,
                "text": _short(text),
                "gold": [f"{g.source} {g.target} {g.code}" for g in gold] or NONE_LABEL,
                "predicted": [_describe(e) for e in coded] or NONE_LABEL,
            }
        )
