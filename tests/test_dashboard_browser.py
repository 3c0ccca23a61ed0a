"""The dashboard in headless Chromium (system package) over a hand-built database served by uvicorn."""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import uvicorn

from newsevents.api import create_app
from test_api import build_db

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"


def chromium_path() -> str:
    path = shutil.which("chromium") or CHROMIUM
    if not os.access(path, os.X_OK):
        pytest.fail(
            f"Chromium not found (looked for 'chromium' on PATH and {CHROMIUM}): the dashboard tests need "
            "the Debian package 'chromium' -- run `make setup-browser` (apt-get install chromium)."
        )
    return path


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    db = build_db(tmp_path_factory.mktemp("dash") / "dash.duckdb")
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    config = uvicorn.Config(create_app(db), log_level="warning", ws="none", lifespan="on")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not server.started:
        assert thread.is_alive() and time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.02)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)
    sock.close()


@dataclass
class Watch:
    """What the page did: console errors, uncaught exceptions, and every URL it requested."""

    errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    executable = chromium_path()
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=executable, args=["--no-sandbox"])
        yield b
        b.close()


@pytest.fixture
def page(browser: object, base_url: str) -> Iterator[tuple[object, Watch]]:
    from playwright.sync_api import Browser, ConsoleMessage, Route

    assert isinstance(browser, Browser)
    watch = Watch()
    context = browser.new_context()

    def guard(route: Route) -> None:  # nothing may leave this server
        if route.request.url.startswith(base_url + "/"):
            route.continue_()
        else:
            route.abort()

    context.route("**/*", guard)
    pg = context.new_page()

    def on_console(msg: ConsoleMessage) -> None:
        if msg.type == "error":
            watch.errors.append(msg.text)

    pg.on("console", on_console)
    pg.on("pageerror", lambda exc: watch.errors.append(f"page error: {exc}"))
    pg.on("request", lambda req: watch.requests.append(req.url))
    pg.goto(base_url + "/")
    pg.wait_for_selector("body[data-ready='true']", timeout=15000)
    yield pg, watch
    context.close()
    assert watch.errors == [], watch.errors
    outside = [u for u in watch.requests if not u.startswith(base_url + "/")]
    assert outside == [], f"requests left localhost: {outside}"
    assert any("/api/events" in u for u in watch.requests)


def event_rows(pg: object) -> list[str]:
    from playwright.sync_api import Page

    assert isinstance(pg, Page)
    result: list[str] = pg.eval_on_selector_all(
        "#events-table tbody tr", "rows => rows.map(r => r.dataset.eventId)"
    )
    return result


def test_table_shows_events_with_summary_and_chart(page: tuple[object, Watch]) -> None:
    from playwright.sync_api import Page, expect

    pg, _ = page
    assert isinstance(pg, Page)
    assert event_rows(pg) == ["a1:e0", "a1:e1", "a2:e2", "a1:e2", "a2:e0"]
    expect(pg.locator("#events-status")).to_have_text("Events 1–5 of 5")
    first = pg.locator("#events-table tbody tr").first
    expect(first).to_contain_text("2021-03-02")
    expect(first).to_contain_text("NORGOV")
    expect(first).to_contain_text("040")
    expect(first).to_contain_text("Consult")
    expect(first).to_contain_text("CHLGOV")
    expect(first).to_contain_text("Oslo")
    expect(first).to_contain_text("asserted")
    expect(pg.locator("#counts")).to_contain_text("2 articles · 6 events · 2 quotes · 3 clusters")
    expect(pg.locator("#summary")).to_contain_text("NORGOV → CHLGOV (2)")
    bars = pg.locator("#root-chart li")
    expect(bars).to_have_count(4)
    assert pg.eval_on_selector_all("#root-chart li", "li => li.map(x => x.dataset.root)") == [
        "01",
        "04",
        "11",
        "18",
    ]
    assert pg.get_by_label("Dyad").is_visible() and pg.get_by_label("CAMEO root").first.is_visible()


def test_filtering_by_root_narrows_the_table(page: tuple[object, Watch]) -> None:
    from playwright.sync_api import Page, expect

    pg, _ = page
    assert isinstance(pg, Page)
    pg.select_option("#root-select", "04")
    pg.get_by_role("button", name="Apply").first.click()
    expect(pg.locator("#events-status")).to_have_text("Events 1–2 of 2")
    assert event_rows(pg) == ["a1:e0", "a2:e2"]
    expect(pg.locator("#root-chart li")).to_have_count(1)
    # a bar of the chart filters too; choosing it again clears the filter
    pg.select_option("#root-select", "")
    pg.get_by_role("button", name="Apply").first.click()
    expect(pg.locator("#events-status")).to_have_text("Events 1–5 of 5")
    pg.locator("#root-chart li[data-root='18'] button").click()
    expect(pg.locator("#events-status")).to_have_text("Events 1–1 of 1")
    assert event_rows(pg) == ["a1:e2"]
    pg.fill("input[name='q']", "no such words anywhere")
    pg.get_by_role("button", name="Apply").first.click()
    expect(pg.locator("#events-status")).to_have_text("No events match these filters.")


def test_dyad_and_date_filters(page: tuple[object, Watch]) -> None:
    from playwright.sync_api import Page, expect

    pg, _ = page
    assert isinstance(pg, Page)
    pg.fill("input[name='dyad']", "CHL:NOR")
    pg.get_by_role("button", name="Apply").first.click()
    expect(pg.locator("#events-status")).to_have_text("Events 1–1 of 1")
    assert event_rows(pg) == ["a2:e0"]
    pg.get_by_role("button", name="Clear").first.click()
    expect(pg.locator("#events-status")).to_have_text("Events 1–5 of 5")
    pg.fill("input[name='date_from']", "2021-03-03")
    pg.get_by_role("button", name="Apply").first.click()
    expect(pg.locator("#events-status")).to_have_text("Events 1–2 of 2")


def test_clicking_a_row_shows_evidence_with_trigger_highlighted(page: tuple[object, Watch]) -> None:
    from playwright.sync_api import Page, expect

    pg, _ = page
    assert isinstance(pg, Page)
    pg.locator("#events-table tbody tr[data-event-id='a1:e0']").click()
    evidence = pg.locator("#evidence")
    expect(evidence).to_have_text(
        "The Norwegian foreign minister met the Chilean ambassador in Oslo on Tuesday."
    )
    expect(evidence.locator("mark")).to_have_text("met")
    expect(pg.locator("#detail-quote")).to_be_hidden()
    expect(pg.locator("#events-table tbody tr[data-event-id='a1:e0']")).to_have_attribute(
        "aria-current", "true"
    )
    link = pg.locator("#detail-article a")
    expect(link).to_have_text("Ministers meet in Oslo")
    expect(link).to_have_attribute("href", "https://news.example.org/a1")

    # keyboard: the speech event and its quote; its evidence starts with a curly quote (code point offsets)
    row = pg.locator("#events-table tbody tr[data-event-id='a1:e1']")
    row.focus()
    pg.keyboard.press("Enter")
    expect(evidence.locator("mark")).to_have_text("said")
    expect(pg.locator("#detail-quote")).to_be_visible()
    expect(pg.locator("#quote-text")).to_have_text("We will keep talking")
    expect(pg.locator("#quote-speaker")).to_contain_text("NORGOV")


def test_quotes_tab_lists_quotes(page: tuple[object, Watch]) -> None:
    from playwright.sync_api import Page, expect

    pg, _ = page
    assert isinstance(pg, Page)
    pg.get_by_role("tab", name="Quotes").click()
    expect(pg.locator("#panel-quotes")).to_be_visible()
    expect(pg.locator("#panel-events")).to_be_hidden()
    rows = pg.locator("#quotes-table tbody tr")
    expect(rows).to_have_count(2)
    expect(rows.first).to_contain_text("We will keep talking")
    expect(rows.nth(1)).to_contain_text("CHLGOV")
    pg.locator("#quote-filters input[name='speaker']").fill("chilean")
    pg.locator("#quote-filters").get_by_role("button", name="Apply").click()
    expect(pg.locator("#quotes-status")).to_have_text("Quotes 1–1 of 1")


def test_clusters_tab_leads_to_the_cluster_events(page: tuple[object, Watch]) -> None:
    from playwright.sync_api import Page, expect

    pg, _ = page
    assert isinstance(pg, Page)
    pg.get_by_role("tab", name="Clusters").click()
    rows = pg.locator("#clusters-table tbody tr")
    expect(rows).to_have_count(3)
    expect(rows.first).to_contain_text("NORGOV")
    rows.first.click()
    expect(pg.locator("#panel-events")).to_be_visible()
    expect(pg.locator("#events-status")).to_have_text("Events 1–2 of 2")
    assert event_rows(pg) == ["a1:e0", "a2:e2"]


def test_static_assets_are_local() -> None:
    static = Path(__file__).resolve().parents[1] / "src" / "newsevents" / "api" / "static"
    for name in ("index.html", "app.js", "style.css"):
        text = (static / name).read_text(encoding="utf-8")
        assert "://" not in text.replace("https?:\\/\\/", ""), name
