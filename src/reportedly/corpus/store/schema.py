"""What both dialects' schemas share: the indexes of the query columns, the latest version.

Each dialect's tables and migrations are in its module (:mod:`.sqlite`, :mod:`.postgres`);
a store of any older version is brought up to date when it is opened.
"""

from __future__ import annotations

#: Indexes of the query columns (both databases).
INDEXES = (
    "CREATE INDEX IF NOT EXISTS articles_outlet_key ON articles(outlet_key)",
    "CREATE INDEX IF NOT EXISTS articles_published ON articles(published)",
    "CREATE INDEX IF NOT EXISTS claims_status ON claims(status)",
    "CREATE INDEX IF NOT EXISTS claim_sources_name_key ON claim_sources(name_key)",
    "CREATE INDEX IF NOT EXISTS claim_sources_claim ON claim_sources(article_id, claim_id)",
    "CREATE INDEX IF NOT EXISTS mentions_text_key ON mentions(text_key)",
    "CREATE INDEX IF NOT EXISTS mentions_canonical_key ON mentions(canonical_key)",
    "CREATE INDEX IF NOT EXISTS mentions_article_canonical"
    " ON mentions(article_id, canonical_key, start)",
    "CREATE INDEX IF NOT EXISTS events_actor_key ON events(actor_key)",
    "CREATE INDEX IF NOT EXISTS events_target_key ON events(target_key)",
    "CREATE INDEX IF NOT EXISTS events_plover ON events(plover, article_id)",
)

# Version 4: the fingerprint of the pipeline that made each stored analysis (provenance;
# NULL for the articles stored before, or stored without one).
FINGERPRINT_COLUMN = "ALTER TABLE articles ADD COLUMN fingerprint TEXT"

#: The schema version of a store written by this reportedly.
SCHEMA_VERSION = 4
