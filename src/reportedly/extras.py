"""The optional parts of reportedly (install extras), and the check that one is installed.

The base install analyses articles; the heavy parts are extras of the package:

==========  ==============================================  ==============================
extra       what needs it                                    packages
==========  ==============================================  ==============================
web         ``reportedly serve``, :mod:`reportedly.web`     fastapi, uvicorn, jinja2,
                                                            python-multipart
postgres    a ``postgresql://`` corpus                      psycopg
parallel    ``ingest --workers N`` / ``--scheduler``        dask distributed
pandas      :meth:`reportedly.Corpus.to_pandas`             pandas
==========  ==============================================  ==============================

Code that needs one calls :func:`require_extra` first: a missing package is a
:class:`~reportedly.errors.MissingExtra` (E105, exit code 4) that says what to install,
never an ImportError traceback.
"""

from __future__ import annotations

import importlib

from .errors import MissingExtra

#: The modules each extra provides (import names), checked by require_extra.
EXTRAS: dict[str, tuple[str, ...]] = {
    "web": ("fastapi", "uvicorn", "jinja2", "python_multipart"),
    "postgres": ("psycopg",),
    "parallel": ("dask", "distributed"),
    "pandas": ("pandas",),
}


def require_extra(extra: str, what: str) -> None:
    """Raise MissingExtra naming ``what`` (e.g. "reportedly serve") when a module of the
    install extra ``extra`` cannot be imported."""
    for module in EXTRAS[extra]:
        try:
            importlib.import_module(module)
        except ImportError as exc:
            raise MissingExtra(
                f"{what} needs the optional part {extra!r}, which is not installed "
                f"({module} cannot be imported: {exc}); install it with "
                f"pip install 'reportedly[{extra}]'"
            ) from None
