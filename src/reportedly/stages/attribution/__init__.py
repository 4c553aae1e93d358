"""The attribute stage's passes (``stages/attribute.py`` runs them in order).

- ``frames``: a sentence's attribution frames, from ``verb_frames`` (reporting, stance and
  passive-report verbs; their subjects in ``subjects``) and ``noun_frames`` ("according
  to", denial, speculation and report nouns, questioning stances); ``frame`` holds the
  Frame record the passes share;
- ``units``: the sentence cut into claim units (clauses and frame contents);
- ``chains``: each unit's source chain inside its sentence, from ``sources`` (a source
  phrase as a Source) and ``speakers`` (who spoke, who heard, deeper links);
- ``carry``: chains carried across sentences (a quotation that goes on, a speaker named
  after the quotation, "This was reported by X");
- ``quotes``: quotations over several sentences and their speakers ("I", "we");
- ``cues``: the cue phrase of each attribution record.
"""
