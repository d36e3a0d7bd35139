"""Locate the declarative files (ontology, queries, shapes) in a wheel or in a checkout."""

from __future__ import annotations

import os
from importlib.resources import files
from pathlib import Path

_CHECKOUT_ROOT = Path(__file__).resolve().parents[2]
_CYTOSCAPE = "cytoscape.min.js"


def data_dir(name: str) -> Path:
    """The folder `name` (ontology, queries, shapes): packaged copy first, then the checkout."""
    packaged = Path(str(files("policygraph") / "data" / name))
    if packaged.is_dir():
        return packaged
    checkout = _CHECKOUT_ROOT / name
    if checkout.is_dir():
        return checkout
    raise FileNotFoundError(f"PolicyGraph data folder {name!r} is missing from the installation")


def data_files(name: str, pattern: str) -> list[Path]:
    return sorted(data_dir(name).glob(pattern))


def cytoscape_js() -> Path:
    """Cytoscape.js as `scripts/setup` installs it from npm (never vendored in the repository).

    `$POLICYGRAPH_CYTOSCAPE_JS` may point at another copy. The path may not exist: the web page
    then draws its own SVG layout and the HTML export explains how to install it.
    """
    configured = os.environ.get("POLICYGRAPH_CYTOSCAPE_JS")
    if configured:
        return Path(configured)
    return _CHECKOUT_ROOT / ".web-vendor" / "node_modules" / "cytoscape" / "dist" / _CYTOSCAPE
