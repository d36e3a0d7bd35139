"""Refuse SPARQL that writes, federates or reaches outside the store, before it is parsed.

pyoxigraph's query parser already rejects update syntax, but with a generic syntax error; this
check gives researchers a clear reason, and it is what keeps SERVICE (which could make the server
fetch arbitrary URLs) out. It works on tokens, so keywords inside strings, IRIs, comments,
variables or prefixed names ("?service", "ex:load") never count.
"""

from __future__ import annotations

import re

# Order matters: comments and strings first, so a "#" or keyword inside a string is skipped.
_TOKEN = re.compile(
    r"""
      (?P<comment>\#[^\n\r]*)
    | (?P<string>'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
                 |'(?:[^'\\\n\r]|\\.)*'|"(?:[^"\\\n\r]|\\.)*")
    | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
    | (?P<lang>@[A-Za-z]+(?:-[A-Za-z0-9]+)*)
    | (?P<var>[?$][A-Za-z0-9_\u00b7-\uffff]+)
    | (?P<pname>[A-Za-z_\u00c0-\uffff][\w.\-\u00b7-\uffff]*:[\w.\-:%\u00b7-\uffff]*
                |:[\w.\-:%\u00b7-\uffff]*)
    | (?P<word>[A-Za-z_][A-Za-z0-9_]*)
    | (?P<other>\S)
    """,
    re.VERBOSE | re.DOTALL,
)

UPDATE_KEYWORDS = frozenset(
    {"INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH"}
)
FEDERATION_KEYWORDS = frozenset({"SERVICE"})


class Refused(ValueError):
    """A query the read-only endpoint will not run; `status` is the HTTP status to answer."""

    def __init__(self, message: str, status: int = 403) -> None:
        super().__init__(message)
        self.status = status


def keywords(sparql: str) -> list[str]:
    """Bare words of the query, upper-cased, outside strings, IRIs, comments and names."""
    return [m.group("word").upper() for m in _TOKEN.finditer(sparql) if m.lastgroup == "word"]


def check_read_only(sparql: str) -> None:
    """Raise Refused for SPARQL Update operations or SERVICE (federation)."""
    words = keywords(sparql)
    updates = [w for w in words if w in UPDATE_KEYWORDS]
    if updates:
        raise Refused(
            f"this endpoint is read-only: {updates[0]} (SPARQL Update) is not allowed; "
            "change the store with `policygraph ingest` or `policygraph import`"
        )
    if FEDERATION_KEYWORDS & set(words):
        raise Refused("SERVICE (federated query) is not allowed: this endpoint never fetches URLs")
