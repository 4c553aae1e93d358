"""Exporters: one module per format, each a registered :class:`Exporter` (:mod:`.base`,
entry-point group ``reportedly.exporters``) looked up by name in :data:`EXPORTERS`.

    >>> import io
    >>> from reportedly.export import events_to_gdelt_tsv, events_to_plover
    >>> out = io.StringIO()
    >>> events_to_gdelt_tsv([analysis], out)  # doctest: +SKIP
    3
    >>> events_to_plover([analysis])[0]["event"]  # doctest: +SKIP
    ['CONSULT']

- :mod:`~reportedly.export.gdelt`: events as a GDELT 2.0-style event table
  (tab-separated, with a header and our provenance columns at the end).
- :mod:`~reportedly.export.plover`: events as PLOVER JSON records (a list, or
  JSON Lines), with a ``provenance`` object per record.

Each module's docstring documents its field mapping.
"""

from __future__ import annotations

from .base import EXPORTERS, Exporter
from .gdelt import (
    COLUMNS as GDELT_TSV_COLUMNS,
)
from .gdelt import (
    cameo_root_names,
    escape_field,
    events_to_gdelt_tsv,
    goldstein,
    goldstein_table,
    quad_class,
    unescape_field,
)
from .plover import PLOVER_QUAD, event_to_plover, events_to_plover, write_plover_jsonl

__all__ = [
    "EXPORTERS",
    "GDELT_TSV_COLUMNS",
    "PLOVER_QUAD",
    "Exporter",
    "cameo_root_names",
    "escape_field",
    "event_to_plover",
    "events_to_gdelt_tsv",
    "events_to_plover",
    "goldstein",
    "goldstein_table",
    "quad_class",
    "unescape_field",
    "write_plover_jsonl",
]
