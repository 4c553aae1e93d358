"""Fixtures for the corpus tests: the seed article, three versions of it we wrote, and
unrelated articles we wrote."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

import reportedly
from reportedly.read.text import guess_title
from reportedly.records import Analysis, Article

SEED = (Path(__file__).parent.parent / "data" / "seed_article.txt").read_text(encoding="utf-8")

# A verbatim syndicated copy: the seed text with a syndication credit appended.
COPY = SEED.rstrip() + "\n\nThis story first appeared on The Week website.\n"

# A rewrite that cites The Week.
WEEK = """Assad sought help from Trump and Khamenei, The Week says

Syrian President Bashar al-Assad turned to US President-Elect Donald Trump and Iran's Supreme \
Leader Ayatollah Ali Khamenei in a final attempt to stay in power, The Week reported. Rebels \
captured Damascus on Sunday and Assad's whereabouts are unknown.

Ali Larijani, a senior advisor to Khamenei, visited Assad in Damascus on Friday, according to \
The Week. Iran evacuated its military commanders from Syria on Friday.

Assad also dispatched a senior Christian leader to meet Hungarian Prime Minister Viktor Orban, \
The Week said.
"""

# An independent report of the same events from a different source.
OBSERVATORY = """Rebels take Damascus as Assad's last appeals go unanswered

Rebels took control of the Syrian capital Damascus on Sunday, ending the rule of President \
Bashar al-Assad, according to the Syrian Observatory for Human Rights. Assad fled Syria to \
an unknown destination.

Rami Abdulrahman, the head of the Syrian Observatory for Human Rights, said Assad had turned \
to Iran's Supreme Leader Ayatollah Ali Khamenei for help in the last days. Iran evacuated its \
military commanders from Syria on Friday, the observatory said.
"""

FOOTBALL = """Harbour City win the cup final on penalties

Harbour City beat Riverside Rovers on penalties in the national cup final at Northfield \
Stadium on Saturday. Goalkeeper Tomas Brandt saved two spot kicks after the match ended \
one-all. Coach Elena Ruiz said the players had shown great spirit. Riverside Rovers captain \
Marco Vidal scored the opening goal in the first half before Harbour City equalised late.
"""

COMET = """Astronomers spot a new comet heading towards the inner solar system

Astronomers at the Kestrel Observatory in Chile discovered a new comet on Tuesday, the \
observatory said. The comet, named C/2031 K4, will pass closest to the Sun next spring and may \
become visible with binoculars. Lead astronomer Priya Natarajan said the icy nucleus is about \
five kilometres wide. The discovery was confirmed by telescopes in Australia and Hawaii.
"""

COMET_2 = """New comet found by Chilean telescope could be visible next spring

A comet discovered by astronomers at the Kestrel Observatory in Chile could become visible \
with binoculars next spring, lead astronomer Priya Natarajan said. The comet, C/2031 K4, has \
an icy nucleus about five kilometres wide and was confirmed by telescopes in Hawaii.
"""

ARTICLES: list[tuple[str, str, str, str]] = [
    # id, outlet, published, text
    ("seed", "The Week", "2024-12-08", SEED),
    ("copy", "Daily Syndicate", "2024-12-09", COPY),
    ("week", "Weekly Digest", "2024-12-09", WEEK),
    ("sohr", "Levant Monitor", "2024-12-08", OBSERVATORY),
    ("football", "Sports Desk", "2024-12-07", FOOTBALL),
    ("comet", "Sky News Today", "2024-12-10", COMET),
    ("comet2", "Science Weekly", "2024-12-11", COMET_2),
]


def analyse(aid: str, outlet: str, published: str, text: str) -> Analysis:
    title = guess_title(text)
    return reportedly.analyze(
        Article(text=text, id=aid, title=title, outlet=outlet, published=published)
    )


@pytest.fixture(scope="session")
def corpus() -> list[Analysis]:
    return [analyse(*row) for row in ARTICLES]


# --------------------------------------------------------------------------- stores

#: The PostgreSQL server the store tests use (.ci/services starts one with this role).
PG_URL = os.environ.get(
    "REPORTEDLY_TEST_PG", "postgresql://reportedly:reportedly@127.0.0.1:5432/reportedly_test"
)


def _pg_schema_url() -> Iterator[str]:
    """A PostgreSQL URL whose search_path is a fresh schema, dropped afterwards."""
    import psycopg

    schema = f"t_{uuid.uuid4().hex[:12]}"
    try:
        admin = psycopg.connect(PG_URL, autocommit=True, connect_timeout=3)
    except psycopg.OperationalError as exc:
        if os.environ.get("REPORTEDLY_REQUIRE_SERVICES") == "1":
            raise
        pytest.skip(f"no PostgreSQL at {PG_URL.split('@')[-1]} ({exc}); run .ci/services")
    with admin:
        admin.execute(f"CREATE SCHEMA {schema}")
        sep = "&" if "?" in PG_URL else "?"
        try:
            yield f"{PG_URL}{sep}options=-csearch_path%3D{schema}"
        finally:
            admin.execute(f"DROP SCHEMA {schema} CASCADE")


@pytest.fixture(params=["sqlite", "postgres"])
def store_location(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """Where a fresh, empty store lives: a SQLite file, then a PostgreSQL schema."""
    if request.param == "sqlite":
        yield str(tmp_path / "news.db")
    else:
        yield from _pg_schema_url()
