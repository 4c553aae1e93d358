"""Word lists live in lexicons/, not in code: a collection literal of more than ten
word-like string literals anywhere else in src/ fails this test.

Move the list to a file of ``reportedly/lexicons`` (``words.yaml`` holds the general ones)
and read it through ``reportedly.lexicons.Lexicons``. A list that is not vocabulary (a
file format's column names) goes in ALLOWED with the reason.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import reportedly

SRC = Path(reportedly.__file__).parent
MAX_WORDS = 10
WORD = re.compile(r"[^\W\d_][\w'’.\-]*(?: [\w'’.\-]+){0,2}")  # a word or a short phrase

#: (module path under src/reportedly, assigned name) -> why it stays in code.
ALLOWED: dict[tuple[str, str], str] = {
    ("export/gdelt.py", "GDELT_COLUMNS"): "the GDELT 2.0 event-table format's column names",
    ("export/gdelt.py", "PROVENANCE_COLUMNS"): "the column names of our own TSV format",
    ("corpus/store/frames.py", "FRAME_COLUMNS"): "the column names of the claim_frames table",
    ("nlp/tagger.py", "UPOS"): "the Universal Dependencies POS tags, in the order of the "
    "tagger's trained feature index (part of the shipped model, not a lexicon)",
}


def _words(elts: list[ast.expr]) -> int:
    n = 0
    for e in elts:
        if isinstance(e, ast.Constant) and isinstance(e.value, str) and WORD.fullmatch(e.value):
            n += 1
        elif isinstance(e, ast.Starred) and isinstance(e.value, ast.Tuple | ast.List | ast.Set):
            n += _words(e.value.elts)
    return n


def _size(node: ast.AST) -> int:
    """Word-like strings of a list, tuple or set literal, or the keys of a table literal."""
    if isinstance(node, ast.List | ast.Tuple | ast.Set):
        return _words(node.elts)
    if isinstance(node, ast.Dict):
        table = [k for k, v in zip(node.keys, node.values, strict=True) if k is not None]
        if all(isinstance(v, ast.Constant | ast.Tuple) for v in node.values):
            return _words(table)
    return 0


def _named(tree: ast.Module) -> dict[int, str]:
    """id of each assigned value -> the name it is assigned to."""
    out: dict[int, str] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign | ast.AnnAssign) and node.value is not None:
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for t in targets:
                if isinstance(t, ast.Name):
                    out[id(node.value)] = t.id
    return out


def word_lists(path: Path, root: Path = SRC) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    module = path.relative_to(root).as_posix()
    named = _named(tree)
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        name = named.get(id(node), "")
        if name == "__all__" or (module, name) in ALLOWED:
            continue
        if _size(node) > MAX_WORDS:
            found.append((getattr(node, "lineno", 0), name or "(literal)"))
    return [f"{module}:{line} {name}" for line, name in sorted(found)]


def test_no_word_list_outside_lexicons() -> None:
    found = [
        hit
        for path in sorted(SRC.rglob("*.py"))
        if "lexicons" not in path.relative_to(SRC).parts
        for hit in word_lists(path)
    ]
    assert found == []


def test_the_check_finds_a_word_list(tmp_path: Path) -> None:
    module = tmp_path / "probe.py"
    words = ", ".join(f'"w{i}"' for i in range(MAX_WORDS + 1))
    sql = ", ".join(f'"CREATE INDEX i{i} ON t(c)"' for i in range(MAX_WORDS + 1))
    table = ", ".join(f'"k{i}": {i}' for i in range(MAX_WORDS + 1))
    built = ", ".join(f'"k{i}": f({i})' for i in range(MAX_WORDS + 1))
    module.write_text(
        f"WORDS = frozenset({{{words}}})\nOK = ({words[:-7]})\nSQL = ({sql})\n"
        f"TABLE = {{{table}}}\nBUILT = {{{built}}}\n",
        "utf-8",
    )
    assert word_lists(module, tmp_path) == ["probe.py:1 (literal)", "probe.py:4 TABLE"]


def test_allowed_entries_still_exist() -> None:
    for module, name in ALLOWED:
        assert re.search(rf"^{name}\b", (SRC / module).read_text("utf-8"), re.M), name
