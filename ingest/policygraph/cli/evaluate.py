"""The `evaluate` command (being written)."""
