"""What an exporter is, and the registry the CLI and plug-ins look exporters up in.

An exporter writes the events (or any records) of a list of analyses to a text
stream in one standard format. The built-ins (``gdelt``, ``plover``, ``jsonl``) are
declared under the entry-point group ``reportedly.exporters`` in reportedly's own
``pyproject.toml``, exactly as a third-party exporter would be::

    [project.entry-points."reportedly.exporters"]
    mytsv = "mypackage.export:MY_TSV"

and found by name: ``EXPORTERS.get("gdelt").write(analyses, sys.stdout)``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol, TextIO

from ..registry import Registry

if TYPE_CHECKING:
    from ..records import Analysis


class Exporter(Protocol):
    """One export format."""

    @property
    def description(self) -> str:
        """One line for help texts ("GDELT 2.0-style event table, tab-separated")."""
        ...

    def write(self, analyses: Iterable[Analysis], out: TextIO) -> int:
        """Write ``analyses`` to ``out``; returns the number of records written."""
        ...


EXPORTERS: Registry[Exporter] = Registry("exporter", "reportedly.exporters")


@dataclass(frozen=True)
class WriterExporter:
    """An exporter made of a function ``writer(analyses, out) -> records written``."""

    description: str
    writer: Callable[[Iterable[Analysis], TextIO], int]

    def write(self, analyses: Iterable[Analysis], out: TextIO) -> int:
        return self.writer(analyses, out)
