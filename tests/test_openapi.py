"""The HTTP API against its own OpenAPI spec, with schemathesis, on the running server (127.0.0.1).

Every operation gets a bounded number of generated requests (valid and invalid ones); each response must
be documented, match its schema, and never be a server error.
"""

from __future__ import annotations

import json

import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from test_server import live_server

from eventwire.server import create_app

EXAMPLES_PER_OPERATION = 15


# The spec does not depend on the store, so it is known at collection time; the running server serves the
# same one (checked below) and answers the generated requests.
SPEC = create_app(None).openapi()
schema = schemathesis.openapi.from_dict(SPEC)


@pytest.fixture(scope="session")
def base_url(request, tmp_path_factory) -> str:
    return live_server(request.config, tmp_path_factory)


def test_server_serves_the_spec_with_every_endpoint(base_url):
    spec = httpx.get(f"{base_url}/openapi.json", timeout=30).json()
    assert spec == json.loads(json.dumps(SPEC))
    assert spec["openapi"].startswith("3.")
    assert set(spec["paths"]) >= {"/v1/code", "/v1/events", "/v1/events/{event_id}", "/v1/actors",
                                  "/v1/actors/{actor_id}", "/v1/stats", "/v1/documents/{doc_id}", "/v1/counts",
                                  "/v1/dyads", "/v1/places"}
    assert "413" in spec["paths"]["/v1/code"]["post"]["responses"]
    assert spec["components"]["schemas"]["EventPage"]["properties"]["total"]["type"] == "integer"


@pytest.mark.slow
@schema.parametrize()
@settings(max_examples=EXAMPLES_PER_OPERATION, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
def test_api_conforms_to_its_spec(case, base_url):
    case.call_and_validate(base_url=base_url, timeout=60)
