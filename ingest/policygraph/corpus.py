"""Ingest a corpus: read each file, run the pipeline, build its graph, replace it in the store.

Failures are recorded per file and the run goes on; graphs already stored are never touched by
a later failure because each policy's graph is replaced on its own.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from . import iris
from .build import build_graph
from .errors import InputError, PolicyGraphError
from .lexicon import Lexicon, default_lexicon
from .model import Document, PolicyDoc
from .pipeline import Pipeline
from .read import iter_policy_paths, read_document
from .store import PolicyStore

log = logging.getLogger(__name__)


@dataclass
class IngestReport:
    ingested: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)  # (path, one-line reason)
    practices: int = 0
    triples: int = 0

    @property
    def ok(self) -> bool:
        return not self.failed


def extract(document: Document, pipeline: Pipeline) -> PolicyDoc:
    doc = pipeline(PolicyDoc(document=document))
    if not doc.company:
        # Every practice needs a controller: fall back to the file's name ("acme-privacy").
        stem = Path(document.source).stem.replace("_", " ").replace("-", " ")
        doc.company = " ".join(w for w in stem.split() if w.lower() not in _NOT_COMPANY) or stem
    return doc


_NOT_COMPANY = {"privacy", "policy", "notice", "statement", "index", "en"}


def ingest(
    paths: Iterable[Path],
    store: PolicyStore,
    *,
    pipeline: Pipeline | None = None,
    lexicon: Lexicon | None = None,
    force: bool = False,
    on_progress: Callable[[str, str], None] | None = None,
) -> IngestReport:
    """Ingest every policy under `paths` into `store`; unchanged files are skipped."""
    lexicon = lexicon or default_lexicon()
    pipeline = pipeline or Pipeline.from_config(lexicon)
    store.ensure_ontology()
    report = IngestReport()
    for path in _paths(paths, report):
        status = _ingest_one(path, store, pipeline, report, force)
        if on_progress:
            on_progress(str(path), status)
    store.flush()
    return report


def _paths(paths: Iterable[Path], report: IngestReport) -> Iterable[Path]:
    for path in paths:
        try:
            yield from iter_policy_paths([path])
        except InputError as exc:
            report.failed.append((exc.path, exc.reason))


def _ingest_one(
    path: Path, store: PolicyStore, pipeline: Pipeline, report: IngestReport, force: bool
) -> str:
    try:
        document = read_document(path)
        graph_iri = iris.policy_graph(document.sha256)
        previous = store.graphs_from_source(document.source)
        if not force and graph_iri in previous:
            report.unchanged.append(document.source)
            return "unchanged"
        doc = extract(document, pipeline)
        graph = build_graph(doc)
        store.replace_graph(graph_iri, graph)
        for old in previous:
            if old != graph_iri:
                store.remove_graph(old)
    except PolicyGraphError as exc:
        report.failed.append((str(path), getattr(exc, "reason", str(exc))))
        return "failed"
    except Exception as exc:  # noqa: BLE001 - one bad file must not stop a corpus run
        log.exception("unexpected error on %s", path)
        report.failed.append((str(path), f"internal error: {type(exc).__name__}: {exc}"))
        return "failed"
    report.ingested.append(document.source)
    report.practices += len(doc.facts.practices)
    report.triples += len(graph)
    return "ingested"
