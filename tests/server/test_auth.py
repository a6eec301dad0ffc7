"""Who may read what: project keys read their own project; the admin token names one."""

from __future__ import annotations

from lumiscope.server.store.database import writing
from lumiscope.server.store.projects import revoke_key
from tests.native_helpers import event, post_events


def test_every_documented_key_header_is_accepted(server, key):
    with server.client() as client:
        for headers in ({"x-api-key": key}, {"X-Flowlines-Api-Key": key},
                        {"Authorization": f"Bearer {key}"}):
            assert client.get("/v1/get-traces", headers=headers).status_code == 200, headers


def test_missing_and_unknown_keys_are_401(server):
    with server.client() as client:
        assert client.get("/v1/events").json() == {"error": "Invalid API key"}
        assert client.get("/v1/events", headers={"x-api-key": "lqt_nope"}).status_code == 401
        assert client.get("/v1/events", headers={"Authorization": "Basic abc"}).status_code == 401


def test_a_revoked_key_is_refused_at_once(server, key, api):
    assert api.get("/v1/events").status_code == 200
    with writing(server.engine) as conn:
        assert revoke_key(conn, key) == 1
    assert api.get("/v1/events").status_code == 401


def test_a_key_naming_another_project_is_403(api):
    response = api.get("/v1/events", params={"projectId": "default"})
    assert response.status_code == 403
    assert response.json() == {"error": "Not a member of this organization"}


def test_the_admin_token_reads_any_project_it_names(server, api):
    post_events(api, event(trace_id="admin-visible"))
    project = api.get("/v1/get-traces").json()  # sanity: the key sees its trace
    assert project["count"] == 1
    with server.client() as admin:
        admin.headers["Authorization"] = f"Bearer {server.admin_token}"
        assert admin.get("/v1/events").status_code == 400  # must name a project
        assert admin.get("/v1/events", params={"projectId": "nope"}).status_code == 404
        from lumiscope.server.store.projects import project_for_key

        with server.engine.connect() as conn:
            own = project_for_key(conn, api.headers["x-api-key"])
        body = admin.get("/v1/get-traces", params={"projectId": own.name}).json()
        assert [t["trace_id"] for t in body["traces"]] == ["admin-visible"]


def test_the_admin_token_cannot_ingest(server):
    with server.client() as client:
        response = client.post("/v1/ingest", content=b"",
                               headers={"Authorization": f"Bearer {server.admin_token}",
                                        "content-type": "application/x-ndjson"})
    assert response.status_code == 401
