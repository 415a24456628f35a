"""Secrets stay hidden in reprs and ordinary dumps; only an explicit REVEAL writes them out."""

from noc_contracts import REVEAL, CredentialSecret, TargetHost

KEY = "-----BEGIN OPENSSH PRIVATE KEY-----\nsecret-material\n-----END OPENSSH PRIVATE KEY-----\n"


def host() -> TargetHost:
    cred = CredentialSecret(name="k", kind="ssh_key", private_key=KEY, become_password="sudo-pw")
    return TargetHost(name="web1", address="127.0.0.2", credential=cred)


def test_repr_and_plain_dumps_hide_secrets() -> None:
    h = host()
    for text in (repr(h), str(h), h.model_dump_json(), str(h.model_dump(mode="json"))):
        assert "secret-material" not in text
        assert "sudo-pw" not in text


def test_reveal_context_writes_secrets_for_the_hop_and_they_round_trip() -> None:
    wire = host().model_dump(mode="json", context=REVEAL)
    assert wire["credential"]["private_key"] == KEY
    back = TargetHost.model_validate(wire)
    assert back.credential is not None and back.credential.private_key is not None
    assert back.credential.private_key.get_secret_value() == KEY


def test_secret_looking_keys_are_masked_all_the_way_down() -> None:
    from noc_contracts import MASK, mask_secret_values

    given = {"ticket": "INC1", "db_password": "hunter2", "nested": {"API_TOKEN": 5, "ok": [
        {"ssh_key": "k", "user": "u"}]}, "list": ["secret-looking values in lists stay"]}
    assert mask_secret_values(given) == {
        "ticket": "INC1", "db_password": MASK, "nested": {"API_TOKEN": MASK, "ok": [
            {"ssh_key": MASK, "user": "u"}]}, "list": ["secret-looking values in lists stay"]}
    assert given["db_password"] == "hunter2"  # a copy, the original is untouched


def test_a_node_registrations_token_is_hidden_unless_revealed() -> None:
    from noc_contracts import NodeRegistration

    token = "the-node-token-0123456789"
    body = NodeRegistration(name="rio-1", url="http://127.0.0.1:9", token=token)
    for text in (repr(body), body.model_dump_json(), str(body.model_dump(mode="json"))):
        assert token not in text
    wire = body.model_dump(mode="json", exclude_none=True, context=REVEAL)
    assert wire == {"name": "rio-1", "url": "http://127.0.0.1:9", "token": token}
    assert NodeRegistration.model_validate(wire).token.get_secret_value() == token
