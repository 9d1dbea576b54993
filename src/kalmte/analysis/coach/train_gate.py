"""Rebuild the coach's learned parts from its training files: ``models/coach_gate.npz`` (the
gate) and ``models/coach_sentences.npz`` (the sentence reader).

    python -m kalmte.analysis.coach.train_gate [--cv] [--validate FILE,FILE]

Inputs: ``corpus/coach/train*.jsonl`` only (never the held-out ``dev*.jsonl``). For each
draft the phrase rules run without the gate. Gate: the features are the sentence embeddings of
the draft and the customer's message and the rules flagged (:func:`gate.features`); the labels
are the rules the draft breaks; one logistic regression per gated rule. Sentence reader: one
row per sentence of each draft (its embedding and the customer's, :func:`sentences.features`);
positives are the sentences a phrase rule flags in drafts that break the rule, then, after a
first fit, the best-scoring sentence of each such draft the phrase rules miss; negatives are
all sentences of drafts that do not break it. Deterministic: the same corpus gives the same
weights. ``--cv`` prints 5-fold scores of the gate with the folds grouped by file (each file
was written by a different hand), before and after it. ``--validate`` fits the sentence
reader without the named files and prints, on them, what it adds at several thresholds: name
files the phrase rules were not written from, or it shows nothing.
Needs scikit-learn (the ``dev`` extra); the coach needs only numpy.
"""

from __future__ import annotations

import argparse
import hashlib
import json
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path
from typing import Any

import numpy as np

from kalmte.analysis.coach.core import sentence_spans
from kalmte.analysis.coach.evaluate import coach_findings, load_rows
from kalmte.analysis.coach.gate import GATE_FILE, GATED, THRESHOLD, features, probability
from kalmte.analysis.coach.sentences import LEARNED, MAX_SENTENCE_CHARS, SENTENCES_FILE, THRESHOLDS
from kalmte.analysis.coach.sentences import features as sentence_features
from kalmte.analysis.coach.types import RULES, Finding

REPO = Path(__file__).resolve().parents[4]
CORPUS = REPO / "corpus/coach"
C = 1.0  # regularisation, chosen with --cv
SENTENCE_C = 4.0  # the sentence reader's, chosen with --validate


def _read(files: list[Path]) -> tuple[list[dict[str, Any]], list[list[Finding]]]:
    rows = [row for path in files for row in load_rows(path)]
    return rows, [coach_findings(row, gate=False) for row in rows]


def _gate_arrays(
    rows: list[dict[str, Any]], found: list[list[Finding]], customers: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray, list[str]]:
    from kalmte.analysis.components.heads import SentenceEncoder

    flagged = [{f.rule for f in fs} for fs in found]
    drafts = SentenceEncoder.encode([row["draft"][:4000] for row in rows])
    x = np.stack(
        [features(d, c, sorted(f)) for d, c, f in zip(drafts, customers, flagged, strict=True)]
    )
    y = np.array([[rule in row["violations"] for rule in RULES] for row in rows], dtype=int)
    p = np.array([[rule in f for rule in RULES] for f in flagged], dtype=int)
    return x, y, p, [str(row.get("id", "")).split("-")[0] for row in rows]


def _customers(rows: list[dict[str, Any]]) -> np.ndarray:
    from kalmte.analysis.components.heads import SentenceEncoder

    return SentenceEncoder.encode([row["customer"][:4000] for row in rows])


def dataset(files: list[Path]) -> tuple[np.ndarray, np.ndarray, np.ndarray, list[str]]:
    """The gate's features, labels, phrase-rule flags and file groups."""
    rows, found = _read(files)
    return _gate_arrays(rows, found, _customers(rows))


@dataclass
class Draft:
    """One labelled draft as the sentence reader sees it."""

    violations: frozenset[str]
    hits: dict[str, list[int]]  # rule → indices of the sentences a phrase rule flags
    x: np.ndarray  # one feature row per sentence


def sentence_dataset(
    rows: list[dict[str, Any]], found: list[list[Finding]], customers: np.ndarray
) -> list[Draft]:
    from kalmte.analysis.components.heads import SentenceEncoder

    spans = [sentence_spans(row["draft"]) for row in rows]
    texts = [
        row["draft"][a:b][:MAX_SENTENCE_CHARS]
        for row, s in zip(rows, spans, strict=True)
        for a, b in s
    ]
    vectors = SentenceEncoder.encode(texts)
    out, offset = [], 0
    for row, fs, s, c in zip(rows, found, spans, customers, strict=True):
        hits = {
            rule: [
                k
                for k, (a, b) in enumerate(s)
                if any(f.rule == rule and f.start < b and f.end > a for f in fs)
            ]
            for rule in LEARNED
        }
        out.append(
            Draft(
                frozenset(row["violations"]),
                hits,
                sentence_features(vectors[offset : offset + len(s)], c),
            )
        )
        offset += len(s)
    return out


def _sentence_rows(
    drafts: list[Draft], rule: str, extra: dict[int, int]
) -> tuple[np.ndarray, np.ndarray]:
    x, y = [], []
    for i, d in enumerate(drafts):
        if rule in d.violations:
            positives = d.hits[rule] or ([extra[i]] if i in extra else [])
            x += [d.x[k] for k in positives]
            y += [1] * len(positives)
        else:
            x += list(d.x)
            y += [0] * len(d.x)
    return np.array(x), np.array(y)


def fit_sentences(drafts: list[Draft]) -> dict[str, tuple[np.ndarray, float]]:
    from sklearn.linear_model import LogisticRegression

    out = {}
    for rule in LEARNED:
        model = LogisticRegression(C=SENTENCE_C, max_iter=3000).fit(
            *_sentence_rows(drafts, rule, {})
        )
        # the drafts that break the rule where no phrase rule finds it: their likeliest sentence
        missed = {
            i: int(np.argmax(model.predict_proba(d.x)[:, 1]))
            for i, d in enumerate(drafts)
            if rule in d.violations and not d.hits[rule]
        }
        model = LogisticRegression(C=SENTENCE_C, max_iter=3000).fit(
            *_sentence_rows(drafts, rule, missed)
        )
        out[rule] = (model.coef_[0].astype(np.float32), float(model.intercept_[0]))
    return out


def validate_sentences(drafts: list[Draft], held: np.ndarray) -> None:
    table = fit_sentences([d for d, h in zip(drafts, held, strict=True) if not h])
    test = [d for d, h in zip(drafts, held, strict=True) if h]
    clean = np.array([not d.violations for d in test])
    for rule in LEARNED:
        gold = np.array([rule in d.violations for d in test])
        phrase = np.array([bool(d.hits[rule]) for d in test])
        score = np.array([float(np.max(probability(d.x, *table[rule]))) for d in test])
        line = [f"{rule}: phrase rules F1 {_f1(phrase, gold):.3f}"]
        for threshold in sorted({0.4, 0.5, 0.6, 0.7, 0.8, THRESHOLDS[rule]}):
            pred = phrase | (score >= threshold)
            line.append(
                f"{threshold:.2f}: {_f1(pred, gold):.3f} (+{int((pred & ~phrase & clean).sum())} clean)"
            )
        print("; ".join(line))


def _f1(pred: np.ndarray, gold: np.ndarray) -> float:
    tp = int((pred & gold).sum())
    return 2 * tp / (2 * tp + int((pred & ~gold).sum()) + int((~pred & gold).sum())) if tp else 0.0


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


def _save(
    path: Path, table: dict[str, tuple[np.ndarray, float]], files: list[Path], **meta: Any
) -> None:
    arrays = {}
    for rule, (coef, intercept) in table.items():
        arrays[f"{rule}.coef"] = coef
        arrays[f"{rule}.intercept"] = np.float32(intercept)
    np.savez_compressed(path, **arrays)
    digest = hashlib.sha256()
    for file in files:
        digest.update(file.read_bytes())
    meta = {
        "corpus": [file.name for file in files],
        "corpus_sha256": digest.hexdigest(),
        **meta,
        "scikit-learn": version("scikit-learn"),
    }
    path.with_suffix(".json").write_text(json.dumps(meta, indent=2) + "\n", "utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[1])
    parser.add_argument("--cv", action="store_true", help="print grouped 5-fold scores first")
    parser.add_argument("--validate", help="comma-separated training files to hold out")
    args = parser.parse_args()
    files = sorted(CORPUS.glob("train*.jsonl"))
    rows, found = _read(files)
    customers = _customers(rows)
    x, y, p, groups = _gate_arrays(rows, found, customers)
    drafts = sentence_dataset(rows, found, customers)
    if args.cv:
        cross_validate(x, y, p, groups)
    if args.validate:
        names = set(args.validate.split(","))
        counts = [len(load_rows(file)) for file in files]
        held = np.repeat([file.name in names for file in files], counts)
        validate_sentences(drafts, held)
    _save(GATE_FILE, fit(x, y), files, drafts=int(len(y)), C=C, threshold=THRESHOLD)
    _save(
        SENTENCES_FILE,
        fit_sentences(drafts),
        files,
        drafts=len(drafts),
        sentences=int(sum(len(d.x) for d in drafts)),
        C=SENTENCE_C,
        thresholds=THRESHOLDS,
    )
    print(f"wrote {GATE_FILE} and {SENTENCES_FILE} ({len(y)} drafts)")


if __name__ == "__main__":
    main()
