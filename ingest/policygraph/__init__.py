"""PolicyGraph: privacy policies to a provenance-linked DPV knowledge graph."""

__version__ = "0.1.0"
