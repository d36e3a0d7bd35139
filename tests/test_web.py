"""The web page in headless Chromium (Debian's, driven by Playwright): query, rows, policy view.

Needs /usr/bin/chromium (`scripts/install-browser`); never runs `playwright install`.
Screenshots go to tests/artifacts/ (gitignored).
"""

from __future__ import annotations

import urllib.parse
from pathlib import Path

import pytest

from policygraph.server import Settings

from .test_server import running

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]  # fmt: skip

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(), reason="no /usr/bin/chromium; run scripts/install-browser to add it"
)


@pytest.fixture(scope="module")
def page(examples_store):
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    ARTIFACTS.mkdir(exist_ok=True)
    with running(examples_store, Settings()) as url, sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        errors: list[str] = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.base_url = url
        page.errors = errors
        try:
            yield page
        finally:
            browser.close()


def open_page(page, path: str) -> None:
    """Load a page and wait until its script has wired the buttons, so no click is lost."""
    page.goto(page.base_url + path)
    page.wait_for_selector("body[data-ready]", state="attached")


def test_web_catalogue_query_shows_rows(page):
    open_page(page, "/")
    page.select_option("#catalogue", "practices")
    assert "SELECT" in page.input_value("#editor")
    page.fill("#params input[name=action]", "sell")
    page.click("#run-rest")
    page.wait_for_selector("#results tbody tr")
    assert "rows in" in page.text_content("#status")
    actions = page.locator("#results tbody tr td:nth-child(3)").all_text_contents()
    assert actions and set(actions) == {"sell"}
    links = page.locator("#downloads a")
    assert "format=csv" in links.nth(0).get_attribute("href")
    page.screenshot(path=str(ARTIFACTS / "web-query.png"), full_page=True)
    assert not page.errors


def test_web_sort_by_column(page):
    open_page(page, "/")
    page.fill("#editor", "SELECT ?name WHERE { ?c a pg:Cookie ; pg:cookieName ?name }")
    page.click("#run-sparql")
    page.wait_for_selector("#results tbody tr")
    page.click("#results th")
    names = page.locator("#results tbody td").all_text_contents()
    assert names == sorted(names, key=str.lower) or names == sorted(names)
    page.click("#results th")
    assert page.locator("#results tbody td").first.text_content() == max(names)


def test_web_construct_draws_graph(page):
    open_page(page, "/")
    construct = "CONSTRUCT { ?c pg:provider ?p } WHERE { ?c a pg:Cookie ; pg:provider ?p }"
    page.fill("#editor", construct)
    page.click("#run-sparql")
    page.wait_for_selector("#results tbody tr")
    assert "triples" in page.text_content("#status")
    assert page.get_attribute("#graph", "data-renderer") in ("svg", "cytoscape")


def test_web_policy_statement_highlights_sentence(page):
    open_page(page, "/policy")
    link = page.locator("#policy-list a").first
    link.wait_for()
    iri = link.get_attribute("title")
    open_page(page, "/policy?iri=" + urllib.parse.quote(iri, safe=""))
    page.wait_for_selector("#statements li")
    item = page.locator("#statements li").nth(3)
    item.click()
    mark = page.locator("#policy-text mark.current")
    mark.wait_for()
    start, end = int(item.get_attribute("data-start")), int(item.get_attribute("data-end"))
    assert len(mark.text_content()) == end - start > 0
    assert page.get_attribute("#policy-graph", "data-renderer") in ("svg", "cytoscape")
    page.screenshot(path=str(ARTIFACTS / "web-policy.png"), full_page=False)
    assert not page.errors


def test_web_policy_graph_falls_back_to_svg(page, monkeypatch, tmp_path):
    import policygraph.server as server

    monkeypatch.setattr(server, "CYTOSCAPE", tmp_path / "absent.js")
    open_page(page, "/policy")
    page.locator("#policy-list a").first.click()
    page.wait_for_selector("#policy-graph svg circle")
    assert page.get_attribute("#policy-graph", "data-renderer") == "svg"
    page.screenshot(path=str(ARTIFACTS / "web-policy-svg.png"), full_page=False)
    assert not page.errors
