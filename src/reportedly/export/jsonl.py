"""Events as reportedly's own JSON records, one per line (the ``events`` JSON of ``analyze``)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import TextIO

from ..records import Analysis, to_dict
from .base import WriterExporter


def write_events_jsonl(analyses: Iterable[Analysis], out: TextIO) -> int:
    """Write every event of every analysis as one JSON line; returns the number written."""
    written = 0
    for analysis in analyses:
        for event in analysis.events:
            out.write(json.dumps(to_dict(event), ensure_ascii=False) + "\n")
            written += 1
    return written


#: The registered exporter (entry point ``reportedly.exporters: jsonl``).
EVENTS_JSONL = WriterExporter(
    "reportedly's own event records, one JSON object per line", write_events_jsonl
)
