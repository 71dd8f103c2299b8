"""The dashboard in headless Chromium (Debian's /usr/bin/chromium) with the network effectively off.

Every request that is not to 127.0.0.1 is aborted and recorded, so a page that needed anything from
elsewhere fails here. Each page is clicked through with the demo store and saved as a screenshot in
``tests/artifacts/``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

import httpx
import pytest
from test_server import live_server

pytestmark = pytest.mark.slow

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).parent / "artifacts"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
TIMEOUT_MS = 30_000


@dataclass
class Browser:
    page: object
    base: str
    blocked: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def open(self, route: str):
        self.page.goto(f"{self.base}/#/{route}")
        return self.page

    def shot(self, name: str) -> None:
        ARTIFACTS.mkdir(exist_ok=True)
        self.page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)

    def api(self, path: str, **params):
        return httpx.get(f"{self.base}{path}", params=params, timeout=60).json()


@pytest.fixture(scope="module")
def ui(request, tmp_path_factory):
    if not CHROMIUM.exists():
        pytest.skip("Debian's chromium is not installed at /usr/bin/chromium (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    base = live_server(request.config, tmp_path_factory)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        context = browser.new_context(viewport={"width": 1400, "height": 900})
        context.set_default_timeout(TIMEOUT_MS)
        page = context.new_page()
        ui = Browser(page=page, base=base)

        def only_local(route):
            if urlparse(route.request.url).hostname == "127.0.0.1":
                route.continue_()
            else:
                ui.blocked.append(route.request.url)
                route.abort()

        context.route("**/*", only_local)
        page.on("pageerror", lambda exc: ui.errors.append(f"page error: {exc}"))
        page.on("console", lambda msg: ui.errors.append(f"console: {msg.text}") if msg.type == "error" else None)
        yield ui
        browser.close()


@pytest.fixture(autouse=True)
def no_errors_and_no_outside_requests(request):
    yield
    if "ui" in request.fixturenames:
        ui = request.getfixturevalue("ui")
        assert not ui.errors, ui.errors
        assert not ui.blocked, f"the dashboard asked for things outside 127.0.0.1: {ui.blocked}"


def test_overview_chart_by_type_and_quad_class(ui):
    page = ui.open("")
    page.wait_for_selector("#time-chart rect.bar")
    assert page.locator("#time-chart rect.bar").count() > 3
    legend = page.locator(".card", has_text="Events over time").inner_text()
    assert "ASSAULT" in legend
    stats = ui.api("/v1/stats")
    assert f"{stats['event_mentions']:,}" in page.locator(".grid.stats").inner_text()
    ui.shot("overview")
    page.get_by_role("button", name="by quad class").click()
    page.wait_for_selector("text=Material conflict (")
    ui.shot("overview-quad-class")
    page.locator("#time-chart rect.bar").last.click()  # a bar lists its events
    page.wait_for_selector("table.events tbody tr")
    assert "date_from=" in page.url and "quad_class=" in page.url


def test_event_table_filters_and_opens_an_event(ui):
    page = ui.open("events")
    page.wait_for_selector("table.events tbody tr")
    total = ui.api("/v1/stats")["event_mentions"]
    assert f"{total:,} event mentions" in page.locator(".page-head").inner_text()
    ui.shot("events")
    page.select_option("#filters select[name=event_type]", "ASSAULT")
    page.get_by_role("button", name="Apply").click()
    page.wait_for_url(re.compile(r"event_type=ASSAULT"))
    page.wait_for_selector(".chip >> text=event type: ASSAULT")
    badges = page.locator("table.events tbody .badge").all_inner_texts()
    assert badges and set(badges) == {"ASSAULT"}
    page.locator("table.events tbody tr").first.click()
    page.wait_for_url(re.compile(r"#/event/"))
    page.wait_for_selector("text=Reports of this event")
    assert page.locator(".sentence-box mark").count() == 1
    assert page.locator(".evidence li").count() >= 1
    ui.shot("event")


def test_filters_by_date_country_and_actor(ui):
    some = ui.api("/v1/events", event_type="ASSAULT", limit=50)["events"]
    event = next(e for e in some if e["source_country"] and e["date"] and len(e["date"]) == 10)
    page = ui.open("events")
    page.wait_for_selector("table.events tbody tr")
    page.fill("#filters input[name=date_from]", event["date"])
    page.fill("#filters input[name=date_to]", event["date"])
    page.fill("#filters input[name=country]", event["source_country"].lower())
    page.fill("#filters input[name=actor]", event["source_name"])
    page.get_by_role("button", name="Apply").click()
    page.wait_for_url(re.compile(rf"country={event['source_country']}"))
    page.wait_for_selector(f"tr[data-event-id='{event['event_id']}']")
    dates = page.locator("table.events tbody td.date").all_inner_texts()
    assert set(dates) == {event["date"]}


def test_map_shows_outlines_and_event_places(ui):
    places = ui.api("/v1/places")["places"]
    page = ui.open("map")
    page.wait_for_selector("svg.map circle.place")
    assert page.locator("svg.map path.country").count() > 150
    assert page.locator("svg.map circle.place").count() == len(places)
    assert places[0]["name"] in page.locator(".place-list").inner_text()
    ui.shot("map")
    page.locator(".place-list li").first.click()
    page.wait_for_selector(f"h2:has-text('{places[0]['name']}')")
    page.wait_for_selector(".side-list li .badge")
    page.locator(".map-tools button[title='Zoom in']").click()
    ui.shot("map-place")


def test_network_of_actors(ui):
    dyads = ui.api("/v1/dyads", level="actor", limit=120)["dyads"]
    page = ui.open("network")
    page.wait_for_selector(".network .node")
    assert page.locator(".network .node").count() >= 2
    assert page.locator(".network .edge").count() == len(dyads)
    assert dyads[0]["source_label"] in page.locator(".network").inner_html()
    ui.shot("network")
    page.get_by_role("button", name="codes").click()
    page.wait_for_selector("text=Dyads by actor code")
    ui.shot("network-codes")
    page.get_by_role("button", name="actors").click()
    page.wait_for_selector("text=Who acts on whom")
    page.locator(f".network .node[data-id='{dyads[0]['source']}'] circle").click()
    page.wait_for_url(re.compile(r"#/actor/"))
    page.wait_for_selector("text=Role timeline")


def test_document_view_highlights_actors_triggers_places_and_quotes(ui):
    docs = ui.api("/v1/documents", limit=1000)["documents"]
    doc = next(d for d in docs
               if {s["kind"] for s in ui.api(f"/v1/documents/{d['doc_id']}")["spans"]} == {"actor", "trigger", "place", "quote"})
    detail = ui.api(f"/v1/documents/{doc['doc_id']}")
    trigger = next(s for s in detail["spans"] if s["kind"] == "trigger")
    page = ui.open(f"doc/{doc['doc_id']}?event={trigger['event_id']}")
    page.wait_for_selector("[data-testid=doc-text] .ent-trigger")
    for selector in (".ent-actor", ".ent-trigger", ".ent-place", ".quote"):
        assert page.locator(f"[data-testid=doc-text] {selector}").count() > 0, selector
    mark = page.locator(f"[data-testid=doc-text] [data-event-id='{trigger['event_id']}']")
    assert mark.locator(".ent-text").inner_text() == trigger["text"]
    assert mark.locator(".ent-label").inner_text() == trigger["label"]
    # the text reads as the article once the labels the marks carry are left out
    shown = page.locator("[data-testid=doc-text]").evaluate(
        "el => { const c = el.cloneNode(true); c.querySelectorAll('.ent-label').forEach(l => l.remove());"
        " return c.textContent; }")
    assert " ".join(shown.split()).startswith(" ".join(detail["text"][:40].split()))
    ui.shot("document")
    page.locator(".doc-legend label", has_text="Quotes").locator("input").uncheck()
    assert "hide-quote" in page.locator("[data-testid=doc-text]").get_attribute("class")
    mark.click()
    page.wait_for_url(re.compile(r"#/event/"))


def test_actor_page_with_role_timeline(ui):
    people = [a for a in ui.api("/v1/actors", limit=1000)["actors"] if a["kind"] == "person"]
    details = [(a, ui.api(f"/v1/actors/{a['actor_id']}")) for a in people]
    actor, detail = next((a, d) for a, d in details if any(r["title"] for r in d["timeline"]))
    page = ui.open("actors")
    page.wait_for_selector("table tbody tr")
    page.fill("input[name=name]", actor["name"])
    page.get_by_role("button", name="Search").click()
    page.wait_for_url(re.compile(r"#/actors\?name="))
    page.get_by_role("link", name=actor["name"]).first.click()
    page.wait_for_selector(".timeline .role")
    title = next(r["title"] for r in detail["timeline"] if r["title"])
    assert title in page.locator(".timeline").inner_html()
    assert title in page.locator("table.roles").inner_text()
    assert actor["name"] in page.locator("h1").inner_text()
    ui.shot("actor")


def test_code_a_text_in_the_browser(ui):
    page = ui.open("code")
    page.fill("textarea[name=text]", "Rebels attacked an army base near Aleppo on Monday.\n\n"
                                     "\"We will not stop,\" the rebel commander said.")
    page.get_by_role("button", name="Code it").click()
    page.wait_for_selector("#code-result .ent-trigger", timeout=120_000)
    assert "attacked" in page.locator("#code-result .ent-trigger").first.inner_text()
    assert page.locator("#code-result .side-list .badge", has_text="ASSAULT").count() == 1
    ui.shot("code")


def test_documents_list_and_api_page(ui):
    page = ui.open("docs")
    page.wait_for_selector("table tbody tr")
    first = ui.api("/v1/documents", limit=1)["documents"][0]
    assert first["title"] in page.locator("table").inner_text()
    ui.shot("documents")
    page = ui.open("api")
    page.wait_for_selector(".op")
    assert "/v1/events" in page.locator("main").inner_text()
    ui.shot("api")


def test_pages_are_linkable(ui):
    event = ui.api("/v1/events", limit=1)["events"][0]
    page = ui.open(f"event/{event['event_id']}")
    page.wait_for_selector("text=Coded as")
    page.reload()
    page.wait_for_selector("text=Coded as")
    page = ui.open("nowhere")
    page.wait_for_selector(".error >> text=No page here")
    page = ui.open("event/no-such-event")
    page.wait_for_selector(".error >> text=no event")
    # the browser logs the API's 404 as a console error: expected here
    ui.errors[:] = [e for e in ui.errors if "404" not in e]
