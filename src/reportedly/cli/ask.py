"""``ask``: a question answered from the corpus."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer
from rich.markup import escape

from ..ask.answer import answer_store
from ..errors import W_UNKNOWN_NAME, ReportedlyError
from .app import DbOption, app, fail, open_store
from .render import err, out, render_answer, write_json


class AskFormat(StrEnum):
    table = "table"
    json = "json"
    claimreview = "claimreview"


@app.command()
def ask(
    question: Annotated[str, typer.Argument(help="A question, e.g. 'Did X visit Y?'")],
    db: DbOption = "reportedly.db",
    fmt: Annotated[AskFormat, typer.Option("--format", "-f")] = AskFormat.table,
) -> None:
    """Answer a question from the corpus: a verdict per part, with evidence and sources."""
    store = open_store(db)
    try:
        ans = answer_store(question, store)
    except ReportedlyError as exc:
        raise fail(exc) from None
    finally:
        store.close()
    for name in ans.unknown_names:
        err().print(
            escape(f"[{W_UNKNOWN_NAME}] no stored article names {name!r}: check the spelling")
        )
    if fmt is AskFormat.json:
        write_json(ans.to_dict())
    elif fmt is AskFormat.claimreview:
        write_json(ans.to_claimreview())
    else:
        render_answer(ans, out())
