"""The generated hostile corpus through ``reportedly ingest``, as one batch beside good files.

The families that stay quick (empty, binary, bad encodings, broken JSON and WARC, other
languages, refused URLs, FIFOs and link loops) run here; the slow ones (size bombs,
pathological sentences, nested reporting, gzip and feed bombs) are measured by
``benchmarks/hostile.py`` instead, which is not a timed unit test.
"""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

from typer.testing import CliRunner

from reportedly.cli import app

from .cases import write_cases

QUICK = {"empty", "binary", "encoding", "json", "warc", "language", "urls", "good"}
_SUMMARY = re.compile(
    r"read (\d+): ingested (\d+), already stored (\d+), skipped (\d+) \(([^)]*)\)"
)


def _hashes(db: Path) -> set[str]:
    with sqlite3.connect(db) as conn:
        return {row[0] for row in conn.execute("select content_hash from articles")}


def _ingest(folder: Path, db: Path) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["ingest", str(folder), "--db", str(db)])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.output


def test_hostile_batch_codes_every_bad_item_and_keeps_the_good(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    cases = write_cases(folder)
    for case in cases:
        if case.family not in QUICK and case.path.is_file() and not case.path.is_symlink():
            case.path.unlink()
    good = tmp_path / "good"
    good.mkdir()
    goods = [case for case in cases if case.good]
    assert len(goods) >= 5
    for case in goods:
        (good / case.name).write_bytes(case.path.read_bytes())

    code, output = _ingest(folder, tmp_path / "hostile.db")
    assert "Traceback" not in output
    assert code == 6  # a batch ran and some items were skipped, each with its code
    flat = " ".join(output.split())
    summary = _SUMMARY.search(flat)
    assert summary is not None, flat
    read, ingested, stored, skipped = (int(summary.group(i)) for i in range(1, 5))
    assert read == ingested + stored + skipped
    assert skipped >= 60
    counted = sum(int(n) for n in re.findall(r"E\d{3} x(\d+)", summary.group(5)))
    assert counted == skipped  # every skipped item has a code

    code_good, _ = _ingest(good, tmp_path / "good.db")
    assert code_good == 0
    assert _hashes(tmp_path / "good.db") <= _hashes(tmp_path / "hostile.db")
