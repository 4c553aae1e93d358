"""Cluster articles into stories (articles about the same happening).

Each article becomes one TF-IDF weighted vector of three blocks of features:

* ``e:`` the canonical names of its entities (``Analysis.entities``), a term
  frequency of ``1 + log(mentions)``, places weighted :data:`PLACE_WEIGHT`
  (countries and capitals are shared by unrelated stories);
* ``t:`` content words of the title and lead (the first :data:`LEAD_WORDS` words);
* ``b:`` content words of the whole body, ``1 + log(count)``.

Blocks are weighted by :data:`BLOCK_WEIGHTS`, every feature by its inverse document
frequency over the corpus, and two articles' similarity is the cosine of their
vectors, scaled by :func:`date_factor` when both have a publication date.
Average-link agglomerative clustering merges clusters while their mean pairwise
similarity is at least ``threshold``. Copies (see :mod:`.dedupe`) always join
their original's story: they are clustered as one unit with it.

Pure Python (no sklearn); fine for a few thousand articles.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from datetime import date

from ..records import Analysis
from .dedupe import find_copies, originals
from .records import CopyLink, Story

#: Average-link similarity at and above which two clusters merge.
STORY_THRESHOLD = 0.2
LEAD_WORDS = 60
PLACE_WEIGHT = 0.4
BLOCK_WEIGHTS: dict[str, float] = {"e": 1.0, "t": 0.8, "b": 0.6}

STOPWORDS: frozenset[str] = frozenset(
    """a about above after again against all also am an and any are as at be because been
    before being below between both but by can could did do does doing down during each few
    for from further had has have having he her here hers herself him himself his how i if in
    into is it its itself just me more most my myself no nor not now of off on once only or
    other our ours out over own same she should so some such than that the their theirs them
    then there these they this those through to too under until up very was we were what when
    where which while who whom why will with would you your yours said says say told tell
    according one two three new year years last week day days monday tuesday wednesday
    thursday friday saturday sunday time like get got make made many much may might must
    people also would could even still back well first since yet way going go went us mr mrs
    ms dr just including""".split()  # noqa: SIM905
)

_WORD = re.compile(r"[^\W\d_][\w'’-]*", re.UNICODE)


def content_words(text: str) -> list[str]:
    """Lower-cased words of ``text`` without stopwords and very short words, crudely singular."""
    out: list[str] = []
    for w in _WORD.findall(text):
        w = w.lower().strip("'’-")
        if w.endswith(("'s", "’s")):
            w = w[:-2]
        if len(w) < 3 or w in STOPWORDS:
            continue
        if len(w) > 4 and w.endswith("s") and not w.endswith("ss"):
            w = w[:-1]
        out.append(w)
    return out


def _parse_date(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def date_factor(a: str | None, b: str | None) -> float:
    """1.0 within 3 days, falling to 0.3 at a month apart and beyond; 1.0 when a date is missing."""
    da, db = _parse_date(a), _parse_date(b)
    if da is None or db is None:
        return 1.0
    days = abs((da - db).days)
    if days <= 3:
        return 1.0
    if days >= 30:
        return 0.3
    return 1.0 - 0.7 * (days - 3) / 27


def features(analysis: Analysis) -> dict[str, float]:
    """Raw (not yet IDF-weighted) features of one article."""
    feats: defaultdict[str, float] = defaultdict(float)
    for ent in analysis.entities:
        mentions = max(1, len(ent.mentions))
        weight = PLACE_WEIGHT if ent.type == "PLACE" else 1.0
        feats["e:" + ent.canonical.lower()] += weight * (1.0 + math.log(mentions))
    art = analysis.article
    lead = " ".join(art.text.split()[:LEAD_WORDS])
    for w in set(content_words(f"{art.title or ''} {lead}")):
        feats["t:" + w] += 1.0
    for w, n in Counter(content_words(art.text)).items():
        feats["b:" + w] += 1.0 + math.log(n)
    return dict(feats)


def _vectors(raw: list[dict[str, float]]) -> list[dict[str, float]]:
    df: Counter[str] = Counter()
    for f in raw:
        df.update(f.keys())
    n = len(raw)
    vectors: list[dict[str, float]] = []
    for f in raw:
        vec: dict[str, float] = {}
        for k, v in f.items():
            if df[k] < 2:  # a feature of one article links nothing
                continue
            vec[k] = v * BLOCK_WEIGHTS[k[0]] * math.log((n + 1) / df[k])
        norm = math.sqrt(sum(x * x for x in vec.values())) or 1.0
        vectors.append({k: x / norm for k, x in vec.items()})
    return vectors


def _cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(x * b[k] for k, x in a.items() if k in b)


def similarity_matrix(analyses: Sequence[Analysis]) -> list[list[float]]:
    """Pairwise story similarity of the articles (cosine x date factor)."""
    vecs = _vectors([features(a) for a in analyses])
    n = len(analyses)
    sim = [[0.0] * n for _ in range(n)]
    for i in range(n):
        sim[i][i] = 1.0
        for j in range(i + 1, n):
            s = _cosine(vecs[i], vecs[j]) * date_factor(
                analyses[i].article.published, analyses[j].article.published
            )
            sim[i][j] = sim[j][i] = s
    return sim


def average_link(sim: list[list[float]], threshold: float) -> list[list[int]]:
    """Average-link agglomerative clustering of indices; clusters in order of first member."""
    clusters: dict[int, list[int]] = {i: [i] for i in range(len(sim))}
    # total similarity between clusters (sum over member pairs)
    total: dict[int, dict[int, float]] = {
        i: {j: sim[i][j] for j in range(len(sim)) if j != i} for i in range(len(sim))
    }
    while len(clusters) > 1:
        best, pair = threshold, None
        for a, row in total.items():
            for b, s in row.items():
                if a < b:
                    avg = s / (len(clusters[a]) * len(clusters[b]))
                    if avg >= best:
                        best, pair = avg, (a, b)
        if pair is None:
            break
        a, b = pair
        clusters[a].extend(clusters.pop(b))
        row_b = total.pop(b)
        for c in total:
            if c == a:
                continue
            merged = total[c].pop(b) + total[c][a]
            total[c][a] = merged
            total[a][c] = merged
        total[a].pop(b, None)
        del row_b
    return sorted((sorted(m) for m in clusters.values()), key=lambda m: m[0])


def cluster_stories(
    analyses: Sequence[Analysis],
    copies: Sequence[CopyLink] | None = None,
    threshold: float = STORY_THRESHOLD,
) -> list[Story]:
    """Group articles into stories; ``copies`` defaults to :func:`.dedupe.find_copies`."""
    links = list(copies) if copies is not None else find_copies(analyses)
    orig_of = originals(links)
    index = {a.article.id: i for i, a in enumerate(analyses)}
    units = [i for i, a in enumerate(analyses) if a.article.id not in orig_of]
    members: dict[int, list[int]] = {i: [i] for i in units}
    for i, a in enumerate(analyses):
        if a.article.id in orig_of:
            root = orig_of[a.article.id]
            while root in orig_of:
                root = orig_of[root]
            members[index[root]].append(i)
    unit_analyses = [analyses[i] for i in units]
    groups = average_link(similarity_matrix(unit_analyses), threshold)
    copy_ids = {link.article for link in links}  # in-corpus and wire copies
    stories: list[Story] = []
    for k, group in enumerate(groups, 1):
        idx = sorted(i for g in group for i in members[units[g]])
        ids = [analyses[i].article.id for i in idx]
        shared: Counter[str] = Counter()
        for i in idx:
            shared.update({e.canonical for e in analyses[i].entities})
        ents = [name for name, _ in shared.most_common() if shared[name] > 1 or len(idx) == 1]
        title = next((analyses[i].article.title for i in idx if analyses[i].article.title), None)
        stories.append(
            Story(
                id=f"s{k}",
                articles=ids,
                title=title,
                entities=ents[:10],
                copies=[x for x in ids if x in copy_ids],
            )
        )
    return stories
