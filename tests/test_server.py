"""The HTTP API through the real thing: ``eventwire serve`` on 127.0.0.1 over a demo store built once.

The store and the server are made once per test session and shared with ``test_openapi.py`` and
``test_dashboard.py`` (they import :func:`demo_store` and :func:`live_server` from here), so the demo
corpus is coded and the server started only once however many of the three files run.
"""

from __future__ import annotations

import concurrent.futures
import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

_DEMO_KEY = pytest.StashKey[Path]()
_SERVER_KEY = pytest.StashKey[str]()
STARTUP_SECONDS = 90


# ----- shared set-up: a demo store and a server, once per session -----------------------------------------
def demo_store(config: pytest.Config, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled demo corpus coded into a store in the session's temporary directory (built once)."""
    if _DEMO_KEY not in config.stash:
        from eventwire.demo import run_demo

        db = tmp_path_factory.mktemp("demo-store") / "demo.duckdb"
        run_demo(str(db), progress=False)
        config.stash[_DEMO_KEY] = db
    return config.stash[_DEMO_KEY]


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(db: Path | str, log: Path) -> tuple[subprocess.Popen, str]:
    """Start ``eventwire serve`` on a free port of 127.0.0.1 and wait until it answers."""
    port = free_port()
    out = log.open("wb")
    proc = subprocess.Popen(
        [sys.executable, "-m", "eventwire.cli", "serve", "--db", str(db), "--host", "127.0.0.1", "--port", str(port)],
        stdout=out, stderr=subprocess.STDOUT, env={**os.environ, "PYTHONUNBUFFERED": "1"})
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            out.close()
            raise RuntimeError(f"eventwire serve exited with {proc.returncode}:\n{log.read_text(errors='replace')}")
        try:
            if httpx.get(f"{base}/v1/meta", timeout=2).status_code == 200:
                return proc, base
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    stop_server(proc)
    raise RuntimeError(f"eventwire serve did not answer within {STARTUP_SECONDS} s:\n{log.read_text(errors='replace')}")


def stop_server(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=15)


def live_server(config: pytest.Config, tmp_path_factory: pytest.TempPathFactory) -> str:
    """Base URL of one ``eventwire serve`` over the demo store, started once, stopped at the session's end."""
    if _SERVER_KEY not in config.stash:
        db = demo_store(config, tmp_path_factory)
        proc, base = start_server(db, tmp_path_factory.mktemp("server") / "serve.log")
        config.add_cleanup(lambda: stop_server(proc))
        config.stash[_SERVER_KEY] = base
    return config.stash[_SERVER_KEY]


@pytest.fixture(scope="session")
def demo_db(request, tmp_path_factory) -> Path:
    return demo_store(request.config, tmp_path_factory)


@pytest.fixture(scope="session")
def base_url(request, tmp_path_factory) -> str:
    return live_server(request.config, tmp_path_factory)


@pytest.fixture(scope="session")
def client(base_url):
    with httpx.Client(base_url=base_url, timeout=120) as c:
        yield c


def get(client: httpx.Client, path: str, **params) -> dict:
    response = client.get(path, params=params)
    assert response.status_code == 200, response.text
    return response.json()


# ----- reading the store -----------------------------------------------------------------------------------
def test_meta_names_the_store_and_vocabulary(client, demo_db):
    meta = get(client, "/v1/meta")
    assert meta["store"] == str(demo_db)
    assert len(meta["event_types"]) == 16 and meta["event_types"]["ASSAULT"]["quad_class"] == 4
    assert meta["quad_classes"]["1"] == "Verbal cooperation"
    assert meta["world_outlines"] is True


def test_events_page_through_all_mentions(client):
    total = get(client, "/v1/stats")["event_mentions"]
    seen = []
    for offset in range(0, total, 100):
        page = get(client, "/v1/events", limit=100, offset=offset)
        assert page["total"] == total and page["offset"] == offset and page["limit"] == 100
        seen += [e["event_id"] for e in page["events"]]
    assert len(seen) == len(set(seen)) == total
    assert get(client, "/v1/events", limit=10, offset=total)["events"] == []


def test_event_filters_combine(client):
    assault = get(client, "/v1/events", event_type="ASSAULT", limit=1000)
    assert assault["total"] > 0 and {e["event_type"] for e in assault["events"]} == {"ASSAULT"}
    conflict = get(client, "/v1/events", quad_class=4, limit=1000)
    assert {e["quad_class"] for e in conflict["events"]} == {4} and conflict["total"] >= assault["total"]
    some = assault["events"][0]
    country = some["source_country"] or some["target_country"]
    both = get(client, "/v1/events", event_type="ASSAULT", country=country.lower(), limit=1000)
    assert 0 < both["total"] <= assault["total"]
    assert all(country in (e["source_country"], e["target_country"]) for e in both["events"])
    dated = get(client, "/v1/events", date_from="2024-03-01", date_to="2024-03-31", limit=1000)
    assert dated["total"] > 0 and all(e["date"].startswith("2024-03") for e in dated["events"])


def test_event_detail_has_its_evidence(client):
    first = get(client, "/v1/events", limit=1)["events"][0]
    detail = get(client, f"/v1/events/{first['event_id']}")
    assert detail["event_id"] == first["event_id"] and detail["sentence"]
    assert first["event_id"] in {e["event_id"] for e in detail["evidence"]}
    assert detail["title"] and detail["source"] and detail["source"][0]["actor_id"] == detail["source_id"]
    missing = client.get("/v1/events/no-such-event")
    assert missing.status_code == 404 and "no-such-event" in missing.json()["message"]


def test_actors_and_an_actor_with_its_events(client):
    page = get(client, "/v1/actors", limit=20)
    counts = [a["events"] for a in page["actors"]]
    assert page["total"] >= len(counts) > 0 and counts == sorted(counts, reverse=True)
    top = page["actors"][0]
    detail = get(client, f"/v1/actors/{top['actor_id']}")
    assert detail["actor"]["actor_id"] == top["actor_id"]
    assert detail["events"]["total"] == top["events"] > 0
    assert all(top["actor_id"] in (e["source_id"], e["target_id"]) for e in detail["events"]["events"])
    assert client.get("/v1/actors/nobody@NOWHERE").status_code == 404
    assert get(client, "/v1/actors", name=top["name"][:5])["total"] >= 1


def test_actor_timeline_gives_roles_with_evidence(client):
    people = [a for a in get(client, "/v1/actors", limit=1000)["actors"] if a["kind"] == "person"]
    timelines = [get(client, f"/v1/actors/{a['actor_id']}")["timeline"] for a in people]
    roles = [r for t in timelines for r in t]
    assert roles, "the demo corpus has people with titles"
    assert all(r["evidence"] and (r["title"] or r["sector"]) for r in roles)


def test_stats_add_up(client):
    stats = get(client, "/v1/stats")
    assert sum(stats["by_type"].values()) == stats["events"] == sum(stats["by_quad_class"].values())
    assert stats["documents"]["coded"] > 0 and stats["top_actors"] and stats["top_places"]


def test_document_spans_index_its_text(client):
    docs = get(client, "/v1/documents", limit=1000)["documents"]
    assert docs and all(d["status"] for d in docs)
    kinds = set()
    for d in docs:
        doc = get(client, f"/v1/documents/{d['doc_id']}")
        for span in doc["spans"]:
            assert doc["text"][span["start"]:span["end"]] == span["text"]
            kinds.add(span["kind"])
        for q in doc["quotes"]:
            assert doc["text"][q["start"]:q["end"]] == q["text"]
        assert len(doc["events"]) == (doc["n_events"] or 0)
    assert kinds == {"actor", "trigger", "place", "quote"}
    assert client.get("/v1/documents/no-such-doc").status_code == 404


def test_counts_are_the_same_however_grouped(client):
    by_type = get(client, "/v1/counts")["counts"]
    by_quad = get(client, "/v1/counts", by="quad_class")["counts"]
    by_year = get(client, "/v1/counts", interval="year")["counts"]
    total = sum(c["events"] for c in by_type)
    assert total > 0 and total == sum(c["events"] for c in by_quad) == sum(c["events"] for c in by_year)
    assert {c["key"] for c in by_quad} <= {"1", "2", "3", "4"}
    assert all(c["day"].endswith("-01-01") for c in by_year)


def test_dyads_and_places(client):
    codes = get(client, "/v1/dyads", limit=10)
    actors = get(client, "/v1/dyads", level="actor", limit=10)
    for dyads in (codes, actors):
        counts = [d["events"] for d in dyads["dyads"]]
        assert counts and counts == sorted(counts, reverse=True)
    assert all(d["source_id"] and d["target_id"] for d in actors["dyads"])
    places = get(client, "/v1/places")["places"]
    assert places and all(-90 <= p["lat"] <= 90 and -180 <= p["lon"] <= 180 for p in places)
    assert sum(p["events"] for p in places) <= get(client, "/v1/stats")["event_mentions"]
    assert all(sum(p["by_type"].values()) == p["events"] for p in places)


def test_world_outlines_come_from_the_installed_package(client):
    response = client.get("/v1/geo/countries")
    assert response.status_code == 200 and response.headers["content-type"].startswith("application/geo+json")
    world = response.json()
    ids = {f["id"] for f in world["features"]}
    assert world["type"] == "FeatureCollection" and len(ids) > 150 and {"SYR", "FRA", "USA", "BRA"} <= ids


def test_dashboard_assets_are_all_local(client):
    index = client.get("/")
    assert index.status_code == 200 and "/static/app.js" in index.text
    assert "default-src 'self'" in index.headers["content-security-policy"]
    for asset in ("/static/app.js", "/static/app.css", "/static/favicon.svg", "/favicon.ico"):
        response = client.get(asset)
        assert response.status_code == 200, asset
    static = Path(__file__).parents[1] / "src" / "eventwire" / "static"
    for path in static.iterdir():
        text = path.read_text(encoding="utf-8")
        assert "http://" not in text.replace("http://www.w3.org/2000/svg", "") and "https://" not in text, path


# ----- coding a text ---------------------------------------------------------------------------------------
def test_code_a_text(client):
    response = client.post("/v1/code", json={
        "text": "Rebels attacked an army base near Aleppo on Monday.", "title": "", "published": "2020-03-04",
        "doc_id": "server-test-1"})
    assert response.status_code == 200, response.text
    result = response.json()
    assert result["status"] == "coded" and result["doc_id"] == "server-test-1"
    [event] = [e for e in result["events"] if e["event_type"] == "ASSAULT"]
    assert event["source"][0]["sector"] == "REB" and event["date"] == "2020-03-02"
    text = result["article"]["text"]
    assert text[event["trigger"]["start"]:event["trigger"]["end"]] == event["trigger"]["text"] == "attacked"


def test_code_an_article_record(client):
    response = client.post("/v1/code", json={
        "id": "record-7", "title": "Talks", "body": "The foreign ministers of Egypt and Jordan met in Cairo on Sunday.",
        "published": "2021-05-10T08:30:00Z", "url": "https://example.org/a", "outlet": "ignored"})
    assert response.status_code == 200, response.text
    result = response.json()
    assert result["doc_id"] == "record-7" and result["article"]["published"] == "2021-05-10"


def test_a_skipped_text_is_a_result(client):
    response = client.post("/v1/code", json={"text": "   "})
    assert response.status_code == 200
    result = response.json()
    assert result["status"] == "skipped" and result["skipped"]["reason"] and result["events"] == []


@pytest.mark.parametrize("body, field", [
    ({"title": "no text"}, "text"),
    ({"text": "Talks.", "published": "2020-13-45"}, "published"),
    ({"text": 42}, "text"),
    ({"text": "Talks.", "doc_id": "x" * 500}, "doc_id"),
])
def test_invalid_article_is_422_naming_the_field(client, body, field):
    response = client.post("/v1/code", json=body)
    assert response.status_code == 422
    assert field in response.json()["message"]


def test_malformed_json_is_422(client):
    response = client.post("/v1/code", content=b'{"text": "unterminated', headers={"content-type": "application/json"})
    assert response.status_code == 422 and response.json()["message"].startswith("invalid request")


@pytest.mark.parametrize("params, name", [
    ({"quad_class": 9}, "quad_class"),
    ({"date_from": "yesterday"}, "date_from"),
    ({"event_type": "BOMBING"}, "event_type"),
    ({"limit": 0}, "limit"),
    ({"country": "SYRIA"}, "country"),
    ({"actor": "a\x00b"}, "actor"),
])
def test_invalid_query_is_422_naming_the_parameter(client, params, name):
    response = client.get("/v1/events", params=params)
    assert response.status_code == 422
    assert name in response.json()["message"]


def test_body_over_1mb_is_413(client):
    big = json.dumps({"text": "x" * 1_100_000}).encode()
    response = client.post("/v1/code", content=big, headers={"content-type": "application/json"})
    assert response.status_code == 413 and "1 MB" in response.json()["message"]

    def chunks():  # no Content-Length: the server counts as the body streams in
        for _ in range(12):
            yield b"x" * 100_000

    streamed = client.post("/v1/code", content=chunks(), headers={"content-type": "application/json"})
    assert streamed.status_code == 413


# ----- reliability -----------------------------------------------------------------------------------------
def test_burst_of_parallel_requests(base_url):
    paths = ["/v1/events?limit=5", "/v1/stats", "/v1/counts", "/v1/places", "/v1/dyads?level=actor",
             "/v1/actors?limit=5", "/v1/documents?limit=5", "/v1/events?event_type=ASSAULT&limit=3"] * 7
    with httpx.Client(base_url=base_url, timeout=60) as c:
        expected = {p: c.get(p).json() for p in set(paths)}

        def fetch(path):
            response = c.get(path)
            return path, response.status_code, response.json()

        with concurrent.futures.ThreadPoolExecutor(max_workers=16) as pool:
            results = list(pool.map(fetch, paths[:56]))
    assert len(results) == 56
    assert all(status == 200 for _, status, _ in results), [r[:2] for r in results if r[1] != 200]
    assert all(body == expected[path] for path, _, body in results)


def test_the_store_is_free_for_a_writer_between_requests(client, demo_db):
    import duckdb

    get(client, "/v1/stats")
    deadline = time.monotonic() + 5
    while True:  # the server closes its read-only connection once no request is in flight
        try:
            writer = duckdb.connect(str(demo_db))
            break
        except duckdb.IOException:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)
    try:
        busy = client.get("/v1/stats")
        assert busy.status_code == 503 and "lock" in busy.json()["message"]
        assert busy.headers["retry-after"] == "2"
    finally:
        writer.close()
    assert client.get("/v1/stats").status_code == 200


def test_serve_refuses_a_missing_store(tmp_path):
    result = subprocess.run([sys.executable, "-m", "eventwire.cli", "serve", "--db", str(tmp_path / "none.duckdb"),
                             "--port", str(free_port())], capture_output=True, text=True, timeout=120)
    assert result.returncode != 0
    assert "no such store" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.filterwarnings("ignore:Using `httpx` with `starlette.testclient`")
def test_app_without_a_store_still_codes(tmp_path):
    from fastapi.testclient import TestClient

    from eventwire.server import create_app

    with TestClient(create_app(None)) as c:
        assert c.get("/v1/meta").json()["store"] is None
        response = c.get("/v1/events")
        assert response.status_code == 503 and "--db" in response.json()["message"]
        assert c.get("/").status_code == 200
