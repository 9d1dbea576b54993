"""A learned reader of single sentences for R2 and R8: blame, and hitting back or giving in,
in words the phrase rules do not list.

The phrase rules know the wording they were written for ("dat ligt aan PostNL"); agents find
new ones ("de vervoerder heeft het pakket kennelijk laten vallen", "bij het inpakken hebben ze
niet opgelet"). This reader scores every sentence of the draft, read beside the customer's
message (sentence embeddings, ``nl.encoder.v1``), with one logistic regression per rule, and
flags the strongest sentence where the phrase rules found nothing for that rule. It only
adds: where a phrase rule already flags the rule, its span and explanation stand.

Weights: ``models/coach_sentences.npz``, rebuilt with the gate by
``python -m kalmte.analysis.coach.train_gate`` (labels: the sentences the phrase rules flag in
drafts that break the rule, then the best-scoring sentence of each such draft they miss;
every sentence of a draft that does not break it is a negative). Without that file the reader
adds nothing.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

import numpy as np

from kalmte.analysis.coach.gate import customer_vector, probability, read_table

# R3 (tone) is left to the phrase rules: on validation its reader gained under 0.02 F1 at
# thresholds that add no alarm, where R2 and R8 gained 0.05 and 0.08
LEARNED = ("R2", "R8")
# per rule, chosen with train_gate --validate on the six newest training files: the best F1
# that adds at most two alarms on their 490 good drafts
THRESHOLDS = {"R2": 0.8, "R8": 0.7}
SENTENCES_FILE = Path(__file__).resolve().parents[1] / "models" / "coach_sentences.npz"
MAX_SENTENCE_CHARS = 1000

_lock = threading.Lock()
_weights: dict[str, tuple[np.ndarray, float]] | None = None


def features(sentence_vecs: np.ndarray, customer_vec: np.ndarray) -> np.ndarray:
    """One row per sentence: the sentence's embedding and the customer's message's."""
    return np.hstack([sentence_vecs, np.repeat(customer_vec[None], len(sentence_vecs), 0)])


def weights(path: Path = SENTENCES_FILE) -> dict[str, tuple[np.ndarray, float]]:
    """The reader's table, read once (empty where the file is missing)."""
    global _weights
    with _lock:
        if _weights is None:
            _weights = read_table(path, LEARNED)
        return _weights


@lru_cache(maxsize=2048)
def _sentence_vector(sentence: str) -> np.ndarray:
    """While the agent types, only the sentence being typed changes: encode each once."""
    from kalmte.analysis.components.heads import SentenceEncoder

    return SentenceEncoder.encode([sentence[:MAX_SENTENCE_CHARS]])[0]


def sentence_vectors(sentences: Sequence[str]) -> np.ndarray:
    return np.stack([_sentence_vector(s) for s in sentences])


def flagged(
    draft: str, spans: Sequence[tuple[int, int]], customer: str, rules: Sequence[str]
) -> dict[str, tuple[int, int]]:
    """For each of ``rules`` that the reader flags: the span of its strongest sentence."""
    table = weights()
    asked = [rule for rule in rules if rule in table]
    if not asked or not spans:
        return {}
    x = features(sentence_vectors([draft[a:b] for a, b in spans]), customer_vector(customer))
    out = {}
    for rule in asked:
        scores = probability(x, *table[rule])
        best = int(np.argmax(scores))
        if scores[best] >= THRESHOLDS[rule]:
            out[rule] = spans[best]
    return out
