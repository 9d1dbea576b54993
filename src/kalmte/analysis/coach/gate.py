"""A learned second opinion on the coach's findings for R2–R9.

The phrase rules find a span and say why; this gate weighs each finding against the whole
draft and the customer's message (sentence embeddings, ``nl.encoder.v1``, and the rules the
phrase rules flagged) and drops the findings that labelled drafts of this kind do not carry.
It only removes: every finding that stays keeps the span and explanation of its phrase rule.
R1 (a repeat) and R10 (the register) are exact checks and are never gated.

Weights: ``models/coach_gate.npz`` (logistic regression per rule), rebuilt from the corpus
with ``python -m kalmte.analysis.coach.train_gate``. Without that file the gate keeps all.
"""

from __future__ import annotations

import threading
from collections.abc import Collection
from functools import lru_cache
from pathlib import Path

import numpy as np

from kalmte.analysis.coach.types import RULES

GATED = ("R2", "R3", "R4", "R5", "R6", "R7", "R8", "R9")
THRESHOLD = 0.4  # chosen by cross-validation on the training files, grouped by file
GATE_FILE = Path(__file__).resolve().parents[1] / "models" / "coach_gate.npz"

_lock = threading.Lock()
_weights: dict[str, tuple[np.ndarray, float]] | None = None


def features(
    draft_vec: np.ndarray, customer_vec: np.ndarray, flagged: Collection[str]
) -> np.ndarray:
    """One row of gate features: draft, customer, their product, and the flagged rules."""
    bits = np.array([2.0 if rule in flagged else 0.0 for rule in RULES], dtype=np.float32)
    return np.concatenate([draft_vec, customer_vec, draft_vec * customer_vec, bits])


def read_table(path: Path, rules: Collection[str]) -> dict[str, tuple[np.ndarray, float]]:
    """Rule → (coefficients, intercept) from a weights file; empty where it is missing."""
    table: dict[str, tuple[np.ndarray, float]] = {}
    if path.is_file():
        with np.load(path, allow_pickle=False) as arrays:
            for rule in rules:
                table[rule] = (arrays[f"{rule}.coef"], float(arrays[f"{rule}.intercept"]))
    return table


def weights(path: Path = GATE_FILE) -> dict[str, tuple[np.ndarray, float]]:
    """The gate's table, read once."""
    global _weights
    with _lock:
        if _weights is None:
            _weights = read_table(path, GATED)
        return _weights


def probability(x: np.ndarray, coef: np.ndarray, intercept: float) -> np.ndarray | float:
    """The logistic regression's probability for one feature row or a matrix of them."""
    return 1.0 / (1.0 + np.exp(-(x @ coef + intercept)))


@lru_cache(maxsize=256)
def customer_vector(customer: str) -> np.ndarray:
    """The customer's message stays the same while the agent types: encode it once."""
    from kalmte.analysis.components.heads import SentenceEncoder

    return SentenceEncoder.encode([customer[:4000]])[0]


def probabilities(draft: str, customer: str, flagged: Collection[str]) -> dict[str, float]:
    """For each gated rule in ``flagged``: how likely a labeller would flag it too."""
    table = weights()
    asked = [rule for rule in flagged if rule in table]
    if not asked:
        return {}
    from kalmte.analysis.components.heads import SentenceEncoder

    draft_vec = SentenceEncoder.encode([draft[:4000]])[0]
    row = features(draft_vec, customer_vector(customer), flagged)
    return {rule: float(probability(row, *table[rule])) for rule in asked}


def kept(draft: str, customer: str, flagged: Collection[str]) -> set[str]:
    """The flagged rules that pass the gate (ungated rules always pass)."""
    probs = probabilities(draft, customer, flagged)
    return {rule for rule in flagged if probs.get(rule, 1.0) >= THRESHOLD}
