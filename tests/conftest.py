"""Shared fixtures: the ../shared folder, a hand-built policy, an ingested examples store."""

from __future__ import annotations

import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import pytest

from policygraph.model import (
    Cookie,
    Document,
    Evidence,
    Mention,
    Organisation,
    PolicyDoc,
    Practice,
    Recipient,
    Retention,
)

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
EXAMPLES = ROOT / "examples"


@pytest.fixture
def shared() -> Path:
    if not (SHARED / "seeds").is_dir():
        pytest.skip("../shared is not beside the repository")
    return SHARED


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def sparql_server(command: list, ask_url: str, seconds: float, **popen) -> Iterator[None]:
    """Run a SPARQL server process until `ask_url` (an ASK query) answers; stop it after."""
    name = Path(str(command[0])).name
    process = subprocess.Popen(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, **popen
    )
    try:
        deadline = time.monotonic() + seconds
        while True:
            try:
                urllib.request.urlopen(ask_url, timeout=1).close()
                break
            except (urllib.error.URLError, OSError):
                if process.poll() is not None:
                    pytest.fail(f"{name} exited with {process.returncode}")
                if time.monotonic() > deadline:
                    pytest.fail(f"{name} did not answer within {seconds:.0f} s")
                time.sleep(0.1)
        yield
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


SAMPLE = "We share your email address with Stripe. We do not sell data."


def make_doc(text: str = SAMPLE) -> PolicyDoc:
    """A policy whose facts are written by hand, independent of the extractors."""
    document = Document(text=text, source="acme.md", sha256="a" * 64, media_type="text/markdown")
    doc = PolicyDoc(document=document, company="Acme", effective=date(2024, 1, 31), title="Acme")
    first = Evidence(0, 40, text[0:40], "Sharing")
    second = Evidence(41, len(text), text[41:], "Sharing")
    stripe = Organisation("stripe", "Stripe", known=True)
    doc.facts.practices += [
        Practice(
            "share", first, data=["pd:EmailAddress"], purposes=["dpv:ServiceProvision"],
            recipients=[Recipient("processor", organisation=stripe)],
            legal_bases=["eu-gdpr:A6-1-b"],
        ),
        Practice("sell", second, negated=True, data=["dpv:PersonalData"]),
        Practice("retain", first, data=["pd:EmailAddress"],
                 retention=Retention("P2M", None, "2 months")),
    ]  # fmt: skip
    doc.facts.organisations.append((stripe, first))
    doc.facts.mentions.append(Mention("law", "legal-eu:law-GDPR", first))
    doc.facts.cookies.append(
        Cookie(
            "_ga",
            second,
            provider=Organisation("google", "Google", True),
            duration="P730D",
            category="pg:AnalyticsCookies",
        )
    )
    return doc


@pytest.fixture
def sample_doc() -> PolicyDoc:
    return make_doc()


@pytest.fixture(scope="session")
def examples_store(tmp_path_factory):
    """The bundled examples ingested once into a store on disk."""
    from policygraph.corpus import ingest
    from policygraph.store import PolicyStore

    store = PolicyStore(tmp_path_factory.mktemp("store"))
    report = ingest([EXAMPLES], store)
    assert report.ok, report.failed
    return store
