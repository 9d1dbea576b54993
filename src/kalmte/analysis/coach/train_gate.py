"""Rebuild ``models/coach_gate.npz`` from the coach's training files.

    python -m kalmte.analysis.coach.train_gate [--cv]

Inputs: ``corpus/coach/train*.jsonl`` only (never the held-out ``dev*.jsonl``). For each
draft the phrase rules run without the gate; the features are the sentence embeddings of the
draft and the customer's message and the rules flagged (:func:`gate.features`); the labels
are the rules the draft breaks. One logistic regression per gated rule, deterministic, so the
same corpus gives the same weights. ``--cv`` prints 5-fold scores with the folds grouped by
file (each file was written by a different hand), before and after the gate.
Needs scikit-learn (the ``dev`` extra); the coach needs only numpy.
"""

from __future__ import annotations

import argparse
import hashlib
import json
from importlib.metadata import version
from pathlib import Path

import numpy as np

from kalmte.analysis.coach.evaluate import coach_row, load_rows
from kalmte.analysis.coach.gate import GATE_FILE, GATED, THRESHOLD, features, probability
from kalmte.analysis.coach.types import RULES

REPO = Path(__file__).resolve().parents[4]
CORPUS = REPO / "corpus/coach"
C = 1.0  # regularisation, chosen with --cv


def dataset(files: list[Path]) -> tuple[np.ndarray, np.ndarray, np.ndarray, list[str]]:
    from kalmte.analysis.components.heads import SentenceEncoder

    rows = [row for path in files for row in load_rows(path)]
    flagged = [coach_row(row, gate=False) for row in rows]
    drafts = SentenceEncoder.encode([row["draft"][:4000] for row in rows])
    customers = SentenceEncoder.encode([row["customer"][:4000] for row in rows])
    x = np.stack(
        [features(d, c, sorted(f)) for d, c, f in zip(drafts, customers, flagged, strict=True)]
    )
    y = np.array([[rule in row["violations"] for rule in RULES] for row in rows], dtype=int)
    p = np.array([[rule in f for rule in RULES] for f in flagged], dtype=int)
    return x, y, p, [str(row.get("id", "")).split("-")[0] for row in rows]


def fit(x: np.ndarray, y: np.ndarray) -> dict[str, tuple[np.ndarray, float]]:
    from sklearn.linear_model import LogisticRegression

    out = {}
    for rule in GATED:
        j = RULES.index(rule)
        model = LogisticRegression(C=C, max_iter=3000).fit(x, y[:, j])
        out[rule] = (model.coef_[0].astype(np.float32), float(model.intercept_[0]))
    return out


def _scores(pred: np.ndarray, y: np.ndarray) -> str:
    f1 = []
    for j in range(len(RULES)):
        tp = int(((pred[:, j] == 1) & (y[:, j] == 1)).sum())
        fp = int(((pred[:, j] == 1) & (y[:, j] == 0)).sum())
        fn = int(((pred[:, j] == 0) & (y[:, j] == 1)).sum())
        f1.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    clean = y.sum(1) == 0
    alarms = float((pred[clean].sum(1) > 0).mean())
    return f"macro-F1 {np.mean(f1):.3f}, false alarms {alarms:.1%}"


def cross_validate(x: np.ndarray, y: np.ndarray, p: np.ndarray, groups: list[str]) -> None:
    names = sorted(set(groups))
    np.random.RandomState(0).shuffle(names)
    folds = [set(names[i::5]) for i in range(5)]
    gated = p.copy()
    for fold in folds:
        test = np.array([g in fold for g in groups])
        table = fit(x[~test], y[~test])
        for rule, (coef, intercept) in table.items():
            j = RULES.index(rule)
            gated[test, j] = p[test, j] * (probability(x[test], coef, intercept) >= THRESHOLD)
    print(f"phrase rules: {_scores(p, y)}")
    print(f"with the gate (threshold {THRESHOLD}): {_scores(gated, y)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[1])
    parser.add_argument("--cv", action="store_true", help="print grouped 5-fold scores first")
    args = parser.parse_args()
    files = sorted(CORPUS.glob("train*.jsonl"))
    x, y, p, groups = dataset(files)
    if args.cv:
        cross_validate(x, y, p, groups)
    table = fit(x, y)
    arrays = {}
    for rule, (coef, intercept) in table.items():
        arrays[f"{rule}.coef"] = coef
        arrays[f"{rule}.intercept"] = np.float32(intercept)
    np.savez_compressed(GATE_FILE, **arrays)
    digest = hashlib.sha256()
    for path in files:
        digest.update(path.read_bytes())
    meta = {
        "corpus": [path.name for path in files],
        "corpus_sha256": digest.hexdigest(),
        "drafts": int(len(y)),
        "C": C,
        "threshold": THRESHOLD,
        "scikit-learn": version("scikit-learn"),
    }
    GATE_FILE.with_suffix(".json").write_text(json.dumps(meta, indent=2) + "\n", "utf-8")
    print(f"wrote {GATE_FILE} ({len(y)} drafts)")


if __name__ == "__main__":
    main()
