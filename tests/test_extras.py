"""The base install analyses without the extras; a missing extra is E105 and exit 4.

Each test runs Python in a subprocess whose import system refuses the packages of
the extras (web, postgres, parallel, pandas), as on a machine where only
``pip install reportedly`` was run.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from reportedly.errors import MissingExtra
from reportedly.extras import EXTRAS, require_extra

BLOCKER = """
import sys

# (jinja2 is in the web extra too, but spaCy itself depends on it)
BLOCKED = {"fastapi", "starlette", "uvicorn", "multipart", "python_multipart",
           "dask", "distributed", "psycopg", "pandas"}


class Refuse:
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in BLOCKED:
            raise ModuleNotFoundError(f"No module named {name!r} (blocked)", name=name)
        return None


sys.meta_path.insert(0, Refuse())
"""


def run_without_extras(code: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    script = BLOCKER + textwrap.dedent(code)
    return subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, cwd=cwd, timeout=300
    )


def test_analyse_one_article_without_extras(tmp_path: Path) -> None:
    done = run_without_extras(
        """
        import reportedly

        result = reportedly.analyze("Officials said the bridge was closed.")
        print(len(result.claims), "claim;", result.claims[0].source_chain[-1].name)
        loaded = sorted({m.split(".")[0] for m in sys.modules} & BLOCKED)
        print("loaded:", loaded)
        """,
        tmp_path,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == ["1 claim; unnamed officials", "loaded: []"]


@pytest.mark.parametrize(
    ("args", "extra"),
    [
        (["serve", "--db", "news.db"], "web"),
        (["claims", "--db", "postgresql://nobody@127.0.0.1:1/none"], "postgres"),
    ],
)
def test_missing_extra_is_e105_exit_4(tmp_path: Path, args: list[str], extra: str) -> None:
    done = run_without_extras(
        f"""
        from reportedly.cli import main

        sys.argv = ["reportedly", *{args!r}]
        main()
        """,
        tmp_path,
    )
    assert done.returncode == 4, done.stderr
    assert "[E105]" in done.stderr
    assert f"pip install 'reportedly[{extra}]'" in " ".join(done.stderr.split())
    assert "Traceback" not in done.stderr


def test_to_pandas_without_pandas(tmp_path: Path) -> None:
    done = run_without_extras(
        """
        import reportedly
        from reportedly.errors import MissingExtra

        with reportedly.Corpus("news.db") as corpus:
            try:
                corpus.to_pandas("claims")
            except MissingExtra as exc:
                print(exc.code, exc.exit_code)
        """,
        tmp_path,
    )
    assert done.stdout.split() == ["E105", "4"], done.stderr


def test_require_extra() -> None:
    assert set(EXTRAS) == {"web", "postgres", "parallel", "pandas"}
    require_extra("web", "the web app")  # installed for the tests
    EXTRAS["nothing"] = ("no_such_module_xyz",)
    try:
        with pytest.raises(MissingExtra, match=r"pip install 'reportedly\[nothing\]'"):
            require_extra("nothing", "this test")
    finally:
        del EXTRAS["nothing"]
