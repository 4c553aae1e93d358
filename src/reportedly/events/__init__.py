"""Event coding shared by the events stage and ask: the actor dictionary and resolver."""
