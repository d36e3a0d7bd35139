"""The `audit` command (being written)."""
