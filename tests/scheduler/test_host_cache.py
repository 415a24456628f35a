"""A host run's host is decrypted once per process, not for every step and dispatch (its
encrypted host is never rewritten); a host encrypted again (a rotated key) is read anew."""

from __future__ import annotations

from cryptography.fernet import Fernet

from noc_contracts import TargetHost
from noc_scheduler.runs import flows
from noc_scheduler.store.crypto import SecretBox
from noc_scheduler.store.models import HostRun


class CountingBox(SecretBox):
    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.decrypted = 0

    def decrypt(self, token: str) -> str:
        self.decrypted += 1
        return super().decrypt(token)


def test_a_host_run_host_is_decrypted_once() -> None:
    box = CountingBox(Fernet.generate_key().decode())
    host = TargetHost.model_validate({"name": "web1", "address": "127.0.0.1",
                                      "connection": "local"})
    row = HostRun(id=1, host_name="web1", host_enc=box.encrypt_json(host.model_dump()))
    for _ in range(10):  # ten steps and dispatches
        assert flows.load_host(box, row) == host
    assert box.decrypted == 1
    row.host_enc = box.encrypt_json({**host.model_dump(), "address": "127.0.0.2"})
    assert flows.load_host(box, row).address == "127.0.0.2"
    assert box.decrypted == 2
