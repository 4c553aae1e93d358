"""Ask questions of analysed news: who says so, how sure, who else confirms it.

>>> from reportedly.ask import parse_question
>>> [p.target for p in parse_question("Did Assad contact both Trump and Khamenei?").parts]
['Trump', 'Khamenei']
"""

from __future__ import annotations

from .question import Action, Part, Question, TimeConstraint, parse_question

__all__ = ["Action", "Part", "Question", "TimeConstraint", "parse_question"]
