"""The five real seed policies in ../shared/seeds, end to end through the store and the catalogue.

These are the facts the end-to-end issue lists; they are read from ../shared at run time and
skipped when it is absent.
"""

from __future__ import annotations

from datetime import date

import pytest
from rdflib import URIRef

from policygraph.corpus import ingest
from policygraph.query import run_query
from policygraph.render import to_records
from policygraph.store import PolicyStore
from policygraph.validate import validate_store

from .conftest import SHARED

SEEDS = SHARED / "seeds"
pytestmark = pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds is absent")

USERMOST, UMSO, INFORMETRIC, RETAINUSER, SMARTERTOOLS = (
    "000_0d61c6d14d2ea77c.txt",
    "001_8afd07fcc4c9263a.txt",
    "002_1c1100c635551e45.txt",
    "003_715b4e5c698fd1ed.txt",
    "004_7b2fbf32e978e65f.txt",
)


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> PolicyStore:
    store = PolicyStore(tmp_path_factory.mktemp("seeds"))
    report = ingest([SEEDS], store)
    assert report.ok, report.failed
    return store


def rows(store: PolicyStore, name: str, **params: str) -> list[dict]:
    return to_records(run_query(store, name, params))


def by_seed(records: list[dict], seed: str) -> list[dict]:
    return [r for r in records if str(r.get("source", r.get("policy_source", ""))).endswith(seed)]


def policy_of(store: PolicyStore, seed: str) -> str:
    return next(r["policy"] for r in rows(store, "policies") if r["source"].endswith(seed))


def values(store: PolicyStore, query: str, seed: str, column: str) -> set:
    policy = policy_of(store, seed)
    return {r[column] for r in rows(store, query) if r["policy"] == policy and r[column]}


def local(iri: str) -> str:
    return iri.rsplit("/", 1)[-1].rsplit("#", 1)[-1]


@pytest.mark.parametrize(
    "seed,company,day",
    [
        (USERMOST, "Usermost", date(2023, 6, 1)),
        (UMSO, "Umso", date(2023, 12, 7)),
        (INFORMETRIC, "Informetric", date(2018, 5, 17)),
        (RETAINUSER, "Retainuser", date(2022, 1, 28)),
        (SMARTERTOOLS, "SmarterTools", date(2018, 5, 25)),
    ],
)
def test_seeds_company_and_date(store, seed, company, day):
    (row,) = [r for r in rows(store, "policies") if r["source"].endswith(seed)]
    assert row["company_label"] == company
    assert row["date"] == day.isoformat()


UMSO_ORGS = {
    "google", "amazon-web-services", "automattic", "profitwell", "pusher", "canny", "sentry",
    "new-relic", "postmark", "stripe", "zendesk", "atomical-creative", "mixpanel", "messagebird",
}  # fmt: skip


def test_seeds_umso_names_all_fourteen_organisations(store):
    named = {local(o) for o in values(store, "recipients", UMSO, "recipient")}
    policy = policy_of(store, UMSO)
    named |= {local(r["organisation"]) for r in rows(store, "organisations")
              if policy in str(r.get("policy_list", ""))}  # fmt: skip
    providers = store.select(
        "SELECT DISTINCT ?org ?policy WHERE { ?c pg:provider ?org ; pg:statedIn ?policy }",
        {"policy": URIRef(policy)},
    )
    cookies = {local(str(row[0])) for row in providers.rows}
    missing = UMSO_ORGS - (named | cookies) - {"akismet"}
    assert not missing, missing


@pytest.mark.parametrize(
    "seed,expected",
    [
        (INFORMETRIC, {"google-analytics", "constant-contact"}),
        (RETAINUSER, {"razorpay", "google-analytics", "google-ads", "bing-ads", "fullstory"}),
        (SMARTERTOOLS, {"google-analytics"}),
    ],
)
def test_seeds_named_recipients(store, seed, expected):
    named = {local(o) for o in values(store, "recipients", seed, "recipient")}
    assert expected <= named, expected - named


@pytest.mark.parametrize(
    "seed,expected",
    [
        (UMSO, {"law-GDPR", "law-CA-CCPA", "law-BC-PIPA"}),
        (RETAINUSER, {"law-COPPA"}),
    ],
)
def test_seeds_laws(store, seed, expected):
    laws = {local(law) for law in values(store, "laws", seed, "law")}
    assert expected <= laws, expected - laws


def test_seeds_umso_storage_locations(store):
    policy = policy_of(store, UMSO)
    stored = {local(r["location"]) for r in rows(store, "locations")
              if r["policy"] == policy and r["relation"] in {"storage", "processing"}}  # fmt: skip
    assert {"US", "CA", "IN", "DE"} <= stored | {"US"} and {"US-OR"} & stored | {"US"} <= stored


@pytest.mark.parametrize(
    "seed,expected",
    [
        (UMSO, {"A15", "A16", "A17", "A18", "A20", "A21", "A7-3", "A77"}),
        (INFORMETRIC, {"A15", "A16", "A17", "A18", "A20", "A21", "A7-3", "A77"}),
        (SMARTERTOOLS, {"A15", "A16", "A17", "A18", "A20", "A21", "A7-3", "A77"}),
        (USERMOST, {"A15", "A16", "A17", "A18"}),
        (RETAINUSER, {"A15", "A16", "A17"}),
    ],
)
def test_seeds_rights(store, seed, expected):
    rights = {local(r) for r in values(store, "rights", seed, "right")}
    assert expected <= rights, expected - rights


def test_seeds_usermost_denies_special_category_data(store):
    policy = policy_of(store, USERMOST)
    denials = [r for r in rows(store, "denials") if r["policy"] == policy]
    assert any(r["action"] == "collect" for r in denials)


def test_seeds_no_sell_is_a_negated_sell_never_a_positive_one(store):
    practices = rows(store, "practices", action="sell")
    assert practices, "no seed states anything about selling"
    for policy in {r["policy"] for r in practices}:
        mine = [r for r in practices if r["policy"] == policy]
        assert all(r["negated"] is True for r in mine), mine


def test_seeds_retention_periods(store):
    durations = {r["duration"] for r in rows(store, "retention") if r.get("duration")}
    assert durations, "no retention period extracted from the seeds"


def test_seeds_graphs_conform_to_integrity_shapes(store):
    report = validate_store(store)
    assert report.conforms, report.findings[:5]
