"""Every error PolicyGraph raises on purpose; the CLI turns them into one-line messages."""

from __future__ import annotations

from pathlib import Path


class PolicyGraphError(Exception):
    """Base class: a problem the user can fix, with a message fit for one line."""


class InputError(PolicyGraphError):
    """A policy file that cannot be read: missing, empty, binary, too large, badly encoded."""

    def __init__(self, path: str | Path, reason: str) -> None:
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")


class PipelineError(PolicyGraphError):
    """A pipeline whose components are unknown or whose requirements are unmet."""


class QueryError(PolicyGraphError):
    """An unknown catalogue query, a bad parameter or a SPARQL syntax error."""


class StoreError(PolicyGraphError):
    """A store that cannot be opened or written."""
