"""``NocClient`` against a real backend on a loopback port: session, inventory, credentials,
procedures, and a 422 that names its field."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path

import pytest
from pydantic import SecretStr

from noc_contracts.api import (
    CredentialCreate,
    GroupCreate,
    GroupMembers,
    HostCreate,
    HostUpdate,
    ProcedureCreate,
)
from noc_desktop.client import Conflict, Invalid, NocClient, NotFound, Unauthorized
from tests.backend.servers import serve_app
from tests.backend.utils import ADMIN_PASSWORD, graph, make_settings


@pytest.fixture
def backend_url(tmp_path: Path) -> Iterator[str]:
    with serve_app(make_settings(f"sqlite:///{tmp_path / 'backend.db'}")) as url:
        yield url


async def logged_in(url: str) -> NocClient:
    client = NocClient(url)
    await client.login("admin", ADMIN_PASSWORD)
    return client


def test_login_me_and_logout_ends_the_token(backend_url: str) -> None:
    async def scenario() -> None:
        client = NocClient(backend_url)
        token = await client.login("admin", ADMIN_PASSWORD)
        assert token.access_token and client.token == token.access_token
        assert (await client.me()).role == "admin"
        await client.logout()
        assert client.token is None
        client.token = token.access_token
        with pytest.raises(Unauthorized):
            await client.me()
        with pytest.raises(Unauthorized):
            await NocClient(backend_url).login("admin", "wrong")
        await client.aclose()
    asyncio.run(scenario())


def test_hosts_crud(backend_url: str) -> None:
    async def scenario() -> None:
        client = await logged_in(backend_url)
        host = await client.create_host(HostCreate(name="web1", address="10.0.0.1",
                                                   groups=["web"], vars={"tier": "front"}))
        assert host.name == "web1" and host.groups == ["web"]
        page = await client.list_hosts(name="web*")
        assert page.count == 1 and page.data[0].id == host.id
        changed = await client.update_host(host.id, HostUpdate(address="10.0.0.2"))
        assert changed.address == "10.0.0.2"
        with pytest.raises(Conflict):
            await client.create_host(HostCreate(name="web1", address="10.0.0.3"))
        await client.delete_host(host.id)
        with pytest.raises(NotFound):
            await client.get_host(host.id)
        await client.aclose()
    asyncio.run(scenario())


def test_groups(backend_url: str) -> None:
    async def scenario() -> None:
        client = await logged_in(backend_url)
        await client.create_host(HostCreate(name="db1", address="10.0.1.1"))
        await client.create_group(GroupCreate(name="db"))
        group = await client.change_members("db", GroupMembers(add=["db1"]))
        assert "db1" in group.hosts
        names = [g.name for g in (await client.list_groups()).data]
        assert "db" in names
        await client.delete_group("db")
        with pytest.raises(NotFound):
            await client.get_group("db")
        await client.aclose()
    asyncio.run(scenario())


def test_credentials_never_return_the_secret(backend_url: str) -> None:
    async def scenario() -> None:
        client = await logged_in(backend_url)
        created = await client.create_credential(CredentialCreate(
            name="ops", kind="password", password=SecretStr("s3cret-pw")))
        listed = await client.list_credentials()
        raw = (await client.rest.request("GET", "/credentials")).text
        assert created.name == "ops" and [c.name for c in listed.data] == ["ops"]
        assert "s3cret-pw" not in raw and "s3cret-pw" not in created.model_dump_json()
        await client.delete_credential("ops")
        assert (await client.list_credentials()).data == []
        await client.aclose()
    asyncio.run(scenario())


def test_procedures_and_a_422_naming_its_field(backend_url: str) -> None:
    async def scenario() -> None:
        client = await logged_in(backend_url)
        from noc_contracts import ProcedureGraph

        created = await client.create_procedure(ProcedureCreate(
            name="ping all", graph=ProcedureGraph.model_validate(graph())))
        assert (await client.get_procedure(created.id)).name == "ping all"
        assert [p.id for p in (await client.list_procedures()).data] == [created.id]
        with pytest.raises(Invalid) as caught:
            await client.rest.request("POST", "/hosts", json_body={"name": "x",
                                                                   "address": "10.0.0.1",
                                                                   "port": 0})
        assert any("port" in key for key in caught.value.field_messages())
        await client.aclose()
    asyncio.run(scenario())
