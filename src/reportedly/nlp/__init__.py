"""The typed working document the stages fill, and the spaCy model loader."""
