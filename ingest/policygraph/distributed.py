"""Extraction on a Dask cluster (`policygraph ingest --scheduler ADDRESS`).

Workers read, segment, extract and build each policy (the same `_extract_worker` the local pool
runs) and send back `Extracted` objects; the caller stores them as they complete. At most
`window` files are in flight, so a corpus of a million paths never sits in the scheduler at once.
Workers must see the files at the paths given (a shared filesystem, same working directory).
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator
from itertools import islice
from pathlib import Path

from . import corpus
from .corpus import Extracted
from .errors import PipelineError
from .manifest import ManifestEntry

WINDOW = 256

_lock = threading.Lock()
_loaded: tuple[str | None] | None = None  # the config this worker process's pipeline came from


def extract_on_cluster(
    paths: Iterable[Path | ManifestEntry],
    config: Path | None,
    scheduler: str,
    *,
    window: int = WINDOW,
    connect_timeout: float = 30.0,
) -> Iterator[Extracted]:
    """Yield one Extracted per path, in completion order, from the cluster at `scheduler`."""
    try:
        from dask.distributed import Client, as_completed
    except ImportError as exc:
        raise PipelineError(
            "--scheduler needs dask.distributed: pip install 'policygraph[dask]'"
        ) from exc
    try:
        client = Client(scheduler, timeout=connect_timeout)
    except (OSError, TimeoutError, ValueError) as exc:
        raise PipelineError(f"cannot reach the Dask scheduler at {scheduler} ({exc})") from exc
    cfg = str(config) if config else None
    todo = iter(paths)
    with client:
        pending = {}

        def submit(batch: list[Path | ManifestEntry]) -> list:
            # pure=False: a file edited between two runs on a long-lived cluster is read again.
            futures = [client.submit(_extract_on_worker, item, cfg, pure=False) for item in batch]
            for future, item in zip(futures, batch, strict=True):
                pending[future.key] = str(corpus._path_of(item))
            return futures

        queue = as_completed(submit(list(islice(todo, window))))
        for future in queue:
            path = pending.pop(future.key)
            try:
                result = future.result()
            except Exception as exc:  # a worker died (KilledWorker, lost connection): one file
                result = Extracted(path, error=f"cluster error: {type(exc).__name__}: {exc}")
            future.release()
            for new in submit(list(islice(todo, 1))):
                queue.add(new)
            yield result


def _extract_on_worker(item: Path | ManifestEntry, config: str | None) -> Extracted:
    """Runs on a Dask worker: builds the pipeline once per process and config, then extracts."""
    global _loaded
    with _lock:
        if _loaded != (config,):
            corpus._init_worker(Path(config) if config else None)
            _loaded = (config,)
    return corpus._extract_worker(item)
