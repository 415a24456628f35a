"""``GET /hosts``: paging, sorting, glob names, nested group, own var and enabled filters."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.backend.utils import host_body

URL = "/api/v1/hosts"


def _names(client: TestClient, admin: dict[str, str], **params: object) -> list[str]:
    response = client.get(URL, headers=admin, params=params)
    assert response.status_code == 200, response.text
    return [h["name"] for h in response.json()["data"]]


def test_filters_and_sorting(client: TestClient, admin: dict[str, str]) -> None:
    rows = [("web2", "10.0.0.3", ["web"], {"port": 8080}, True),
            ("web1", "10.0.0.9", ["web"], {"port": 80, "tls": True}, True),
            ("db1", "10.0.0.1", ["db"], {"port": 5432}, False),
            ("web_x", "10.0.0.2", ["edge"], {"name": "café"}, True)]
    for name, address, groups, variables, enabled in rows:
        assert client.post(URL, headers=admin, json=host_body(
            name, address=address, groups=groups, vars=variables,
            enabled=enabled)).status_code == 201
    client.post("/api/v1/groups", headers=admin, json={"name": "site",
                                                       "children": ["web"]})
    assert _names(client, admin) == ["db1", "web1", "web2", "web_x"]
    assert _names(client, admin, sort="-name") == ["web_x", "web2", "web1", "db1"]
    assert _names(client, admin, sort="address") == ["db1", "web_x", "web2", "web1"]
    assert _names(client, admin, sort="created_at") == ["web2", "web1", "db1", "web_x"]
    assert _names(client, admin, name="web*") == ["web1", "web2", "web_x"]
    assert _names(client, admin, name="WEB?") == ["web1", "web2"]
    assert _names(client, admin, name="web_*") == ["web_x"]  # _ is literal, not a wildcard
    assert _names(client, admin, group="site") == ["web1", "web2"]
    assert _names(client, admin, group="web", sort="-name") == ["web2", "web1"]
    assert _names(client, admin, var="port=8080") == ["web2"]
    assert _names(client, admin, var=["port=80", "tls=true"]) == ["web1"]
    assert _names(client, admin, var="name=café") == ["web_x"]
    assert _names(client, admin, enabled="false") == ["db1"]
    page = client.get(URL, headers=admin, params={"limit": 1, "offset": 1,
                                                  "name": "web*"}).json()
    assert page["count"] == 3 and [h["name"] for h in page["data"]] == ["web2"]
    for params in ({"sort": "vars"}, {"var": "nokey"}, {"group": "ghost"}):
        response = client.get(URL, headers=admin, params=params)
        assert response.status_code == 422, params
        assert response.json()["error"]["details"][0]["field"] in {"sort", "var", "group"}
