"""The README documents every command and every catalogue query."""

from pathlib import Path

import pytest

from policygraph.cli import main
from policygraph.query import catalogue

README = (Path(__file__).resolve().parents[1] / "README.md").read_text()


@pytest.mark.parametrize("command", sorted(main.commands))
def test_docs_command_documented(command):
    assert f"`{command}" in README


@pytest.mark.parametrize("name", sorted(catalogue()))
def test_docs_query_documented(name):
    assert f"`{name}`" in README


def test_docs_readme_starts_with_two_commands():
    block = README.split("```bash", 1)[1].split("```", 1)[0]
    assert [line.split()[0] for line in block.strip().splitlines()] == [
        "./scripts/demo", "./scripts/test",
    ]  # fmt: skip
