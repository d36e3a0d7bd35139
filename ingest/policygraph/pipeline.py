"""Named pipeline components, spaCy style: each declares what it requires and assigns.

A component is a factory `make(lexicon, **config) -> Callable[[PolicyDoc], None]` registered with
`@component(name, requires=..., assigns=..., default_config=...)`. `Pipeline.analyze()` fails
before any document runs when a component requires something no earlier component assigns.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import PipelineError
from .model import PolicyDoc

# Attributes a component may require or assign, and who provides the first ones.
ATTRIBUTES = {
    "doc.sections",
    "doc.sentences",
    "doc.company",
    "doc.legal_name",
    "doc.effective",
    "doc.title",
    "fact.practices",
    "fact.organisations",
    "fact.mentions",
    "fact.cookies",
    "fact.contacts",
    "fact.children",
    "fact.do_not_track",
}
GIVEN = {"doc.document"}

ComponentFn = Callable[[PolicyDoc], None]


@dataclass(frozen=True)
class ComponentSpec:
    name: str
    factory: Callable[..., ComponentFn]
    requires: tuple[str, ...]
    assigns: tuple[str, ...]
    default_config: dict[str, Any] = field(default_factory=dict)


REGISTRY: dict[str, ComponentSpec] = {}


def component(
    name: str,
    *,
    requires: list[str] | tuple[str, ...] = (),
    assigns: list[str] | tuple[str, ...] = (),
    default_config: dict[str, Any] | None = None,
) -> Callable[[Callable[..., ComponentFn]], Callable[..., ComponentFn]]:
    """Register a component factory under a versioned name such as "retention.v1"."""
    for attr in (*requires, *assigns):
        if attr not in ATTRIBUTES and attr not in GIVEN:
            raise PipelineError(f"component {name!r} declares unknown attribute {attr!r}")

    def register(factory: Callable[..., ComponentFn]) -> Callable[..., ComponentFn]:
        if name in REGISTRY and REGISTRY[name].factory is not factory:
            raise PipelineError(f"component {name!r} is registered twice")
        REGISTRY[name] = ComponentSpec(
            name, factory, tuple(requires), tuple(assigns), dict(default_config or {})
        )
        return factory

    return register


DEFAULT_CONFIG = Path(__file__).with_name("default_pipeline.toml")


@dataclass
class Pipeline:
    names: list[str]
    components: list[ComponentFn]

    @classmethod
    def from_config(cls, lexicon: Any, path: Path | None = None) -> Pipeline:
        """Build from a TOML file: `pipeline = [names]` and a `[components.NAME]` table each."""
        _load_builtin_components()
        config = tomllib.loads((path or DEFAULT_CONFIG).read_text(encoding="utf-8"))
        names = list(config.get("pipeline", []))
        overrides = config.get("components", {})
        unknown = [n for n in names if n not in REGISTRY]
        if unknown:
            known = ", ".join(sorted(REGISTRY))
            raise PipelineError(f"unknown components {unknown}; known: {known}")
        analyze(names)
        built = []
        for name in names:
            spec = REGISTRY[name]
            settings = {**spec.default_config, **overrides.get(name, {})}
            built.append(spec.factory(lexicon, **settings))
        return cls(names, built)

    def __call__(self, doc: PolicyDoc) -> PolicyDoc:
        for run in self.components:
            run(doc)
        return doc


def analyze(names: list[str]) -> None:
    """Raise PipelineError when a component requires what no earlier component assigns."""
    available = set(GIVEN)
    problems = []
    for name in names:
        spec = REGISTRY[name]
        missing = [r for r in spec.requires if r not in available]
        if missing:
            problems.append(f"{name} requires {', '.join(missing)}")
        available.update(spec.assigns)
    if problems:
        raise PipelineError("pipeline is not runnable: " + "; ".join(problems))


def _load_builtin_components() -> None:
    from . import extract  # noqa: F401  (registers the built-in components)
