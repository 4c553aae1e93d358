"""Named registries that third-party packages extend through entry points.

Every extension point of reportedly (readers, exporters, pipeline stages, corpus
linkers) is one :class:`Registry`. The built-ins register through the same call a
plug-in would use; a package adds its own under the entry-point group of the
registry, e.g. in its ``pyproject.toml``::

    [project.entry-points."reportedly.exporters"]
    mytsv = "mypackage.export:MyTsvExporter"

Entry points are read once, the first time a name is looked up that no built-in
holds, so importing reportedly never imports a plug-in it does not use.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from importlib.metadata import EntryPoint, entry_points
from typing import Generic, TypeVar, overload

log = logging.getLogger(__name__)

T = TypeVar("T")


class UnknownName(LookupError):
    """No entry of that name in a registry; the message lists the known names."""

    def __init__(self, registry: str, name: str, known: list[str]) -> None:
        self.registry = registry
        self.name = name
        self.known = known
        # nothing at all: the built-ins are entry points too, so the package metadata is stale
        none = "(none; reinstall reportedly, e.g. make install, to install its entry points)"
        super().__init__(f"no {registry} named {name!r}; registered: {', '.join(known) or none}")


def _is_builtin(ep: EntryPoint) -> bool:
    dist = getattr(ep, "dist", None)
    return dist is not None and dist.name == "reportedly"


class Registry(Generic[T]):
    """Names to objects, filled by built-ins and by the entry points of ``group``."""

    def __init__(self, kind: str, group: str) -> None:
        self.kind = kind  # what an entry is, for messages ("reader", "exporter")
        self.group = group  # the entry-point group ("reportedly.readers")
        self._items: dict[str, T] = {}
        self._entry_points_read = False

    @overload
    def register(self, name: str) -> Callable[[T], T]: ...

    @overload
    def register(self, name: str, obj: T) -> T: ...

    def register(self, name: str, obj: T | None = None) -> T | Callable[[T], T]:
        """Register ``obj`` under ``name``; without ``obj``, a decorator that does."""
        if obj is not None:
            self._items[name] = obj
            return obj

        def decorate(item: T) -> T:
            self._items[name] = item
            return item

        return decorate

    def _read_entry_points(self) -> None:
        if self._entry_points_read:
            return
        self._entry_points_read = True
        # reportedly's own entry points (the built-ins) first, so a plug-in cannot take a
        # built-in's name whatever order the installed distributions are found in
        found = sorted(entry_points(group=self.group), key=lambda ep: not _is_builtin(ep))
        for ep in found:
            if ep.name in self._items:
                continue  # a built-in (or an earlier registration) wins
            try:
                self._items[ep.name] = ep.load()
            except Exception as exc:  # noqa: BLE001 - a broken plug-in must not break the rest
                log.warning("cannot load %s %r from %s: %s", self.kind, ep.name, ep.value, exc)

    def get(self, name: str) -> T:
        if name not in self._items:
            self._read_entry_points()
        try:
            return self._items[name]
        except KeyError:
            raise UnknownName(self.kind, name, self.names()) from None

    def __contains__(self, name: object) -> bool:
        if not isinstance(name, str):
            return False
        if name not in self._items:
            self._read_entry_points()
        return name in self._items

    def names(self) -> list[str]:
        self._read_entry_points()
        return sorted(self._items)

    def items(self) -> Iterator[tuple[str, T]]:
        self._read_entry_points()
        yield from sorted(self._items.items())
