"""Tokens live in the OS keyring per server and user, with their expiry; without a usable
keyring they stay in memory only."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import keyring
import pytest
from keyring.backends import fail

from noc_desktop import token_store
from noc_desktop.token_store import TokenStore, keyring_usable, service_name
from tests.desktop.conftest import MemoryKeyring

SERVER = "http://127.0.0.1:8700"
LATER = datetime.now(UTC) + timedelta(hours=1)


def test_saved_token_is_in_the_keyring_per_server_and_user(memory_keyring: MemoryKeyring) -> None:
    TokenStore().save(SERVER, "ana", "tok-1", LATER)
    secret = memory_keyring.store[(service_name(SERVER), "ana")]
    assert json.loads(secret)["token"] == "tok-1"
    found = TokenStore().load(SERVER, "ana")  # a new store: read back from the keyring
    assert found is not None and found.token == "tok-1" and found.expires_at == LATER
    assert TokenStore().load(SERVER, "bob") is None
    assert TokenStore().load("http://other:8700", "ana") is None


def test_an_expired_token_is_not_used_and_is_forgotten(memory_keyring: MemoryKeyring) -> None:
    TokenStore().save(SERVER, "ana", "old", datetime.now(UTC) - timedelta(seconds=1))
    assert TokenStore().load(SERVER, "ana") is None
    assert memory_keyring.store == {}


def test_clear_removes_it(memory_keyring: MemoryKeyring) -> None:
    store = TokenStore()
    store.save(SERVER, "ana", "tok", LATER)
    store.clear(SERVER, "ana")
    store.clear(SERVER, "ana")  # twice is fine
    assert store.load(SERVER, "ana") is None and memory_keyring.store == {}


def test_a_garbled_keyring_entry_is_ignored(memory_keyring: MemoryKeyring) -> None:
    memory_keyring.store[(service_name(SERVER), "ana")] = "not json"
    assert TokenStore().load(SERVER, "ana") is None


def test_without_a_usable_keyring_the_token_is_kept_in_memory_only() -> None:
    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    try:
        assert not keyring_usable()
        store = TokenStore()
        assert not store.persistent
        store.save(SERVER, "ana", "tok", LATER)
        found = store.load(SERVER, "ana")
        assert found is not None and found.token == "tok"
        assert TokenStore().load(SERVER, "ana") is None  # nothing outlives the process
    finally:
        keyring.set_keyring(previous)


def test_the_keyring_is_judged_once_per_store(memory_keyring: MemoryKeyring,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[bool] = []

    def counted() -> bool:
        asked.append(keyring_usable())
        return asked[-1]
    monkeypatch.setattr(token_store, "keyring_usable", counted)
    store = TokenStore()
    store.save(SERVER, "ana", "tok", LATER)
    assert store.load(SERVER, "ana") is not None and store.persistent
    store.clear(SERVER, "ana")
    assert asked == [True]  # on Linux each question may be a D-Bus round trip
