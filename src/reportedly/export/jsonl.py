"""Events as reportedly's own JSON records, one per line (the ``events`` JSON of ``analyze``)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TextIO

from ..records import Analysis, to_dict


@dataclass(frozen=True)
class EventsJsonl:
    """The ``jsonl`` exporter: every event of every analysis as one JSON line."""

    description: str = "reportedly's own event records, one JSON object per line"

    def write(self, analyses: Iterable[Analysis], out: TextIO) -> int:
        written = 0
        for analysis in analyses:
            for event in analysis.events:
                out.write(json.dumps(to_dict(event), ensure_ascii=False) + "\n")
                written += 1
        return written


#: The registered instance (entry point ``reportedly.exporters: jsonl``).
EVENTS_JSONL = EventsJsonl()
