"""Built-in stages; importing this package registers them."""

from . import attribute, claims, clean, entities, nlp, status

__all__ = ["attribute", "claims", "clean", "entities", "nlp", "status"]
