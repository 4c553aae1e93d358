"""Built-in stages; importing this package registers them."""

from . import attribute, claims, clean, entities, events, nlp, place, status, time

__all__ = ["attribute", "claims", "clean", "entities", "events", "nlp", "place", "status", "time"]
