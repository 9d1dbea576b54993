"""A small spaCy-like pipeline: registered components run in order over one Analysis.

A component is registered under a versioned name (``"nl.abuse_lexicon.v1"``) with the
Analysis fields it requires and assigns. Rule components are plain functions
``Analysis -> Analysis``; learned components are classes built by ``from_disk(models_dir)``
that are called the same way. :class:`Pipeline` checks at build time that every
requirement is assigned by an earlier component.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kalmte.analysis.types import Analysis, Emotion

MODELS_DIR = Path(__file__).resolve().parent / "models"
MAX_CONTEXT = 6  # earlier messages that count for the trend
CONTEXT_CACHE_SIZE = 2048  # emotions of earlier messages kept per pipeline
BASE_FIELDS = frozenset({"text", "context", "context_emotions"})

Component = Callable[[Analysis], Analysis]


class PipelineError(ValueError):
    """A pipeline configuration that cannot run (unknown component, missing requirement)."""


@dataclass(frozen=True)
class ComponentSpec:
    name: str
    make: Callable[[Path], Component]
    requires: tuple[str, ...]
    assigns: tuple[str, ...]
    learned: bool


_REGISTRY: dict[str, ComponentSpec] = {}


def component(
    name: str, *, requires: Sequence[str] = (), assigns: Sequence[str] = ()
) -> Callable[[Component], Component]:
    """Register a rule component (a function ``Analysis -> Analysis``)."""

    def register(func: Component) -> Component:
        _add(ComponentSpec(name, lambda _models: func, tuple(requires), tuple(assigns), False))
        return func

    return register


def learned_component(
    name: str, *, requires: Sequence[str] = (), assigns: Sequence[str] = ()
) -> Callable[[type], type]:
    """Register a learned component: a class with ``from_disk(models_dir)`` and ``__call__``."""

    def register(cls: type) -> type:
        _add(ComponentSpec(name, cls.from_disk, tuple(requires), tuple(assigns), True))
        return cls

    return register


def _add(spec: ComponentSpec) -> None:
    if spec.name in _REGISTRY:
        raise PipelineError(f"component {spec.name!r} is registered twice")
    _REGISTRY[spec.name] = spec


def registered() -> dict[str, ComponentSpec]:
    _load_builtin_components()
    return dict(_REGISTRY)


def _load_builtin_components() -> None:
    # Importing the modules registers their components.
    from kalmte.analysis.components import (  # noqa: F401
        abuse,
        emotion,
        flags,
        heads,
        identifiers,
        normalize,
        pressure,
        problems,
        register,
        trend,
    )


# The default Dutch pipeline. Heads refine what the rules found; trend runs last.
RULES = (
    "nl.normalize.v1",
    "nl.identifiers.v1",
    "nl.register.v1",
    "nl.abuse_lexicon.v1",
    "nl.pressure.v1",
    "nl.problem_cues.v1",
    "nl.emotion_cues.v1",
)
HEADS = (
    "nl.encoder.v1",
    "nl.emotion_head.v1",
    "nl.abuse_head.v1",
    "nl.problem_head.v1",
)
DEFAULT = (*RULES, *HEADS, "nl.problem_other.v1", "nl.flags.v1", "nl.flag_head.v1", "nl.trend.v1")
RULES_ONLY = (*RULES, "nl.problem_other.v1", "nl.flags.v1", "nl.trend.v1")


class Pipeline:
    """An ordered, checked list of components."""

    def __init__(self, names: Sequence[str] = DEFAULT, *, models_dir: Path = MODELS_DIR):
        specs = registered()
        assigned = set(BASE_FIELDS)
        self.names = tuple(names)
        self.components: list[Component] = []
        self._context_cache: dict[str, Emotion] = {}
        self._cache_lock = threading.Lock()
        for name in self.names:
            spec = specs.get(name)
            if spec is None:
                raise PipelineError(f"unknown component {name!r}; known: {sorted(specs)}")
            missing = [r for r in spec.requires if r not in assigned]
            if missing:
                raise PipelineError(
                    f"component {name!r} requires {missing}, assigned by none before it"
                )
            assigned.update(spec.assigns)
            self.components.append(spec.make(models_dir))

    def __call__(self, text: str, context: Sequence[str] | None = None) -> Analysis:
        if not isinstance(text, str):
            raise TypeError(f"text must be a str, not {type(text).__name__}")
        ctx: tuple[str, ...] = ()
        if context is not None:
            if isinstance(context, str) or not all(isinstance(c, str) for c in context):
                raise TypeError("context must be a sequence of str (earlier messages)")
            ctx = tuple(context)
        earlier = tuple(self._emotion_of(c) for c in ctx[-MAX_CONTEXT:])
        analysis = Analysis(text=text, context=ctx, context_emotions=earlier)
        for comp in self.components:
            analysis = comp(analysis)
        return analysis

    def _emotion_of(self, text: str) -> Emotion:
        """The emotion of an earlier message; cached, as a conversation repeats its history."""
        with self._cache_lock:
            cached = self._context_cache.get(text)
        if cached is not None:
            return cached
        emotion = self(text).emotion or Emotion("neutral", 0.0)
        with self._cache_lock:
            self._context_cache[text] = emotion
            while len(self._context_cache) > CONTEXT_CACHE_SIZE:
                self._context_cache.pop(next(iter(self._context_cache)))
        return emotion


_lock = threading.Lock()
_default: Pipeline | None = None


def get_pipeline() -> Pipeline:
    """The process-wide default pipeline, built once on first use (thread-safe)."""
    global _default
    pipe = _default
    if pipe is None:
        with _lock:
            if _default is None:
                _default = Pipeline(default_names())
            pipe = _default
    return pipe


def default_names() -> tuple[str, ...]:
    """The default pipeline, or the rules only when no trained heads are installed."""
    from kalmte.analysis.components.heads import heads_available

    return DEFAULT if heads_available(MODELS_DIR) else RULES_ONLY


def describe() -> list[dict[str, Any]]:
    specs = registered()
    return [
        {"name": n, "requires": list(specs[n].requires), "assigns": list(specs[n].assigns)}
        for n in default_names()
    ]
