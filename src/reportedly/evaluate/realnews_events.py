"""Score who did what to whom against the realnews event gold (``EVENTS.md``).

Gold (``../shared/data/realnews/*/events.jsonl``), one sentence per line::

    {"id": "navalny-007#e4", "record": "navalny-007", "sentence": "The Kremlin rejected ...",
     "events": [{"trigger": "rejected", "trigger_start": 12, "plover": "REJECT",
                 "actor": "Kremlin", "actor_any_of": ["Kremlin", "Russia", null],
                 "target": "Josep Borrell", "target_any_of": ["Josep Borrell", "Borrell"],
                 "negated": false, "optional": false}]}

Each record of ``articles.jsonl`` is analysed once; its events with a PLOVER
type whose trigger lies inside a gold sentence belong to that sentence. The
rules of ``EVENTS.md``:

- a system event corresponds to a gold event when the triggers overlap, or, for
  a required event, when the PLOVER type (``plover`` or ``plover_also_ok``) is the
  same; pairs are one-to-one, trigger overlaps first;
- a system event that repeats a paired one at the same trigger with the same
  type (a compound actor or target split in two events) is not a false
  positive; the roles of a gold event are judged on the best of its pair and
  those repeats;
- names compare as :mod:`.names` says; ``null`` in an ``*_any_of`` list (or a
  ``null`` actor or target with no list) means that no actor or target is
  right; polarity is right when the event is negative exactly when the gold is
  ``negated``, or the opposite where ``also_ok_negated`` and the system chose
  ``plover_also_ok``.

Scores: *precision*, paired and repeated system events over all system events
of the gold sentences (a pair with an optional event counts, so finding one is
not a false positive); *recall*, paired required events over required events;
*type / actor / target / polarity accuracy* of the paired required events; and
*fully right* (type, actor, target and polarity) over all required events.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from ..errors import MalformedInput
from .events import EventReport, normalize_plover
from .names import any_name_matches
from .realnews import Placed, RealnewsScorer, spans_overlap
from .shares import Share
from .spans import PRF, Span, greedy_align, read_jsonl
from .tables import share_table

if TYPE_CHECKING:
    from rich.console import Console

    from ..records import Actor, Analysis, Event

__all__ = [
    "GoldRole",
    "RealnewsEvent",
    "RealnewsEventReport",
    "RealnewsSentence",
    "evaluate_realnews_events",
    "is_realnews_events",
    "read_realnews_events",
]

#: Weights of a pair: triggers that overlap beat a type-only pairing.
OVERLAP, SAME_TYPE = 2.0, 1.0


def is_realnews_events(record: dict[str, Any]) -> bool:
    """Is a gold line in the realnews events format (not PLOVER or PETRARCH gold)?"""
    return "sentence" in record and isinstance(record.get("events"), list)


@dataclass(frozen=True)
class GoldRole:
    """The accepted names of an actor or target, and whether none is also right."""

    names: tuple[str, ...]
    none_ok: bool

    def accepts(self, actor: Actor | None) -> bool:
        if actor is None:
            return self.none_ok
        said = (actor.name, actor.text or "")
        return any(any_name_matches(said, name) for name in self.names)


def _role(item: dict[str, Any], key: str, where: str) -> GoldRole:
    value = item.get(key)
    listed = item.get(f"{key}_any_of")
    if listed is None:
        listed = [value]
    if not isinstance(listed, list) or not all(v is None or isinstance(v, str) for v in listed):
        raise MalformedInput(f"{where}: {key}_any_of must be a list of names or null")
    names = tuple(v for v in [value, *listed] if isinstance(v, str))
    return GoldRole(tuple(dict.fromkeys(names)), none_ok=value is None or None in listed)


@dataclass(frozen=True)
class RealnewsEvent:
    """One gold event; ``trigger`` is its span in the sentence."""

    trigger: Span
    words: str
    plover: str
    also_ok: str | None
    actor: GoldRole
    target: GoldRole
    negated: bool
    also_ok_negated: bool
    optional: bool

    def type_ok(self, plover: str | None) -> bool:
        return plover is not None and plover in (self.plover, self.also_ok)

    def polarity_ok(self, plover: str | None, negative: bool) -> bool:
        flipped = self.also_ok_negated and plover == self.also_ok and plover != self.plover
        return negative == (self.negated != flipped)

    def right(self, event: Event) -> tuple[bool, bool, bool, bool]:
        """Type, actor, target and polarity of a system event, each right or not."""
        plover = normalize_plover(event.plover)
        return (
            self.type_ok(plover),
            self.actor.accepts(event.actor),
            self.target.accepts(event.target),
            self.polarity_ok(plover, event.polarity == "negative"),
        )


def _gold_event(item: Any, sentence: str, where: str) -> RealnewsEvent:
    if not isinstance(item, dict):
        raise MalformedInput(f"{where}: every event must be an object")
    trigger, start, plover = item.get("trigger"), item.get("trigger_start"), item.get("plover")
    if not isinstance(trigger, str) or not isinstance(start, int) or not isinstance(plover, str):
        raise MalformedInput(f"{where}: an event needs 'trigger', 'trigger_start' and 'plover'")
    if sentence[start : start + len(trigger)] != trigger:
        raise MalformedInput(f"{where}: trigger {trigger!r} is not at {start} in the sentence")
    also = item.get("plover_also_ok")
    return RealnewsEvent(
        trigger=(start, start + len(trigger)),
        words=trigger,
        plover=normalize_plover(plover) or plover,
        also_ok=normalize_plover(also) if isinstance(also, str) else None,
        actor=_role(item, "actor", where),
        target=_role(item, "target", where),
        negated=bool(item.get("negated")),
        also_ok_negated=bool(item.get("also_ok_negated")),
        optional=bool(item.get("optional")),
    )


@dataclass(frozen=True)
class RealnewsSentence:
    """One line of ``events.jsonl``."""

    id: str
    record: str
    sentence: str
    events: tuple[RealnewsEvent, ...]


def read_realnews_events(path: str | Path, limit: int | None = None) -> list[RealnewsSentence]:
    """The gold sentences of a realnews ``events.jsonl``."""
    out: list[RealnewsSentence] = []
    for n, record in enumerate(read_jsonl(path, limit), 1):
        where = f"{path}: item {record.get('id', n)}"
        if not is_realnews_events(record) or not isinstance(record.get("record"), str):
            raise MalformedInput(f"{where}: needs 'record', 'sentence' and 'events'")
        sentence = str(record["sentence"])
        events = tuple(_gold_event(e, sentence, where) for e in record["events"])
        out.append(RealnewsSentence(str(record.get("id", n)), record["record"], sentence, events))
    return out


# --------------------------------------------------------------------------- scoring


@dataclass
class RealnewsEventReport(EventReport):
    """Precision, recall, role accuracies and "fully right" over a realnews events file."""

    task: ClassVar[str] = "realnews_events"

    articles: str = ""
    optional_events: int = 0
    found: PRF = field(default_factory=PRF)  # system events of the gold sentences
    recall: Share = field(default_factory=Share)
    type_ok: Share = field(default_factory=Share)
    actor_ok: Share = field(default_factory=Share)
    target_ok: Share = field(default_factory=Share)
    polarity_ok: Share = field(default_factory=Share)
    fully_right: Share = field(default_factory=Share)

    def _shares(self) -> list[tuple[str, str, Share]]:
        """(metric name, label, share) of every score of the report."""
        f = self.found
        return [
            ("events_precision", "precision", Share(f.tp, f.tp + f.fp)),
            ("events_recall", "recall (required events)", self.recall),
            ("events_type_accuracy", "type, paired events", self.type_ok),
            ("events_actor_accuracy", "actor, paired events", self.actor_ok),
            ("events_target_accuracy", "target, paired events", self.target_ok),
            ("events_polarity_accuracy", "polarity, paired events", self.polarity_ok),
            ("events_fully_right", "fully right, all required events", self.fully_right),
        ]

    @property
    def metrics(self) -> dict[str, float]:
        return {name: share.value for name, _, share in self._shares()}

    def _counts(self) -> dict[str, int]:
        return {**super()._counts(), "optional_gold_events": self.optional_events}

    def to_dict(self) -> dict[str, Any]:
        return {
            "task": self.task,
            "path": self.path,
            "articles": self.articles,
            "counts": self._counts(),
            "system_events": self.found.to_dict(),
            "scores": {name: share.to_dict() for name, _, share in self._shares()},
            **self._tail(),
        }

    def render(self, console: Console) -> None:
        table = share_table(
            f"Events on realnews gold: {self.path}", [(lab, sh) for _, lab, sh in self._shares()]
        )
        console.print(table)
        self._render_misses(console)
        self._render_footer(console, "PLOVER type")

    def score(self, gold: RealnewsSentence, events: Sequence[Event], span: Span) -> None:
        """Add one gold sentence, given the system events and the sentence's span."""
        start = span[0]
        self.sentences += 1
        self.gold_events += sum(not g.optional for g in gold.events)
        self.optional_events += sum(g.optional for g in gold.events)
        self.predicted_events += len(events)
        self.no_prediction += int(not events)
        triggers = [(start + g.trigger[0], start + g.trigger[1]) for g in gold.events]

        def weight(p: int, g: int) -> float:
            if spans_overlap((events[p].start, events[p].end), triggers[g]):
                return OVERLAP
            gold_event = gold.events[g]
            same = gold_event.type_ok(normalize_plover(events[p].plover))
            return SAME_TYPE if same and not gold_event.optional else 0.0

        pairs = dict((g, p) for p, g in greedy_align(len(events), len(gold.events), weight))
        repeats = _repeats(events, set(pairs.values()))
        self.found = self.found + PRF(
            tp=len(pairs) + len(repeats), fp=len(events) - len(pairs) - len(repeats)
        )
        for g, gold_event in enumerate(gold.events):
            if not gold_event.optional:
                self._judge(gold, gold_event, [events[i] for i in _group(events, pairs.get(g))])

    def _judge(self, gold: RealnewsSentence, event: RealnewsEvent, found: list[Event]) -> None:
        self.recall.add(bool(found))
        best = max((event.right(e) for e in found), key=sum, default=None)
        self.fully_right.add(best is not None and all(best))
        if best is not None:
            for share, ok in zip(
                (self.type_ok, self.actor_ok, self.target_ok, self.polarity_ok), best, strict=True
            ):
                share.add(ok)
        if best is None or not all(best):
            self._keep_miss(
                {
                    "id": gold.id,
                    "text": gold.sentence[:140],
                    "gold": f"{event.plover} '{event.words}' {event.actor.names[:1]} -> "
                    f"{event.target.names[:1]}{' negated' if event.negated else ''}",
                    "predicted": [_short(e) for e in found] or "(none)",
                }
            )


def _short(event: Event) -> str:
    actor = event.actor.name if event.actor else None
    target = event.target.name if event.target else None
    negated = " negated" if event.polarity == "negative" else ""
    return f"{event.plover} '{event.text}' {actor} -> {target}{negated}"


def _same_trigger(a: Event, b: Event) -> bool:
    return (a.start, a.end, a.plover) == (b.start, b.end, b.plover)


def _repeats(events: Sequence[Event], paired: set[int]) -> set[int]:
    """Unpaired events at the trigger of a paired one, with its type."""
    return {
        i
        for i, e in enumerate(events)
        if i not in paired and any(_same_trigger(e, events[p]) for p in paired)
    }


def _group(events: Sequence[Event], paired: int | None) -> list[int]:
    """A paired event and its repeats (nothing when the gold event was not paired)."""
    if paired is None:
        return []
    return [i for i, e in enumerate(events) if _same_trigger(e, events[paired])]


def _score(
    report: RealnewsEventReport,
    gold: RealnewsSentence,
    analysis: Analysis | None,
    placed: Placed,
) -> None:
    """Score one gold sentence; one whose record failed has no events."""
    found = analysis.events if analysis is not None else []
    inside = [e for e in found if placed.holds(e.start, e.end)]
    report.uncoded_events += sum(1 for e in inside if not e.plover)
    report.score(gold, [e for e in inside if e.plover], placed.span)


#: Analyse the records of a realnews ``events.jsonl`` and score their events:
#: ``evaluate_realnews_events(path, articles=None, analyze=None, limit=None)`` (see
#: :class:`~.realnews.RealnewsScorer`); a failed record's sentences have no events.
evaluate_realnews_events: RealnewsScorer[RealnewsSentence, RealnewsEventReport] = RealnewsScorer(
    RealnewsEventReport, read_realnews_events, _score
)
