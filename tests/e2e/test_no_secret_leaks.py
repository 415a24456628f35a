"""Issue 9's proof: procedures run with every credential kind (an SSH key, a key with a
passphrase, a password, each with a become password), then every API response, event, log
file, database file, queue and ansible-runner artifact is searched for the secret values."""

from __future__ import annotations

import contextlib
import shutil
import stat
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from noc_devstack import Stack
from tests.e2e.conftest import ADMIN_PASSWORD, StackFactory
from tests.e2e.flows import TEST_HOST_VARS, created, hosts_by_name, procedure, wait_finished
from tests.support.sshd import SshHost, start_password_sshd
from tests.support.unix_user import temporary_user

pytestmark = pytest.mark.e2e

#: files the node writes for ansible-runner on purpose (0600, removed after the run)
SECRET_HOLDERS = ("inventory", "keys")
NL = b"\n"


def passphrase_key(directory: Path, passphrase: str) -> tuple[str, str]:
    """A new ed25519 key protected by ``passphrase``: (private key text, public key line)."""
    path = directory / "pass_ed25519"
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", passphrase, "-C", "noc-proof",
                    "-f", str(path)], check=True, capture_output=True)
    return path.read_text(), Path(f"{path}.pub").read_text()


def key_body(pem: str) -> str:
    """A distinctive piece of a key: its first base64 line, which no other text holds."""
    return next(line for line in pem.splitlines() if line and not line.startswith("-----"))


class Recorder:
    """Every response body the test's API client received."""

    def __init__(self) -> None:
        self.bodies: list[bytes] = []

    def __call__(self, response: httpx.Response) -> None:
        response.read()
        self.bodies.append(response.request.url.path.encode() + b"\n" + response.content)


class ArtifactCopier(threading.Thread):
    """Copies the node's run directories while they exist (they are removed after each run),
    and remembers the modes of the files that hold secrets on purpose."""

    def __init__(self, runs_dir: Path, dest: Path) -> None:
        super().__init__(daemon=True)
        self.runs_dir, self.dest = runs_dir, dest
        self.stop = threading.Event()
        self.secret_file_modes: dict[str, int] = {}
        self.copies = 0

    def run(self) -> None:
        while not self.stop.wait(0.05):
            self.copy_safely()

    def copy_once(self) -> None:
        if not self.runs_dir.is_dir():
            return
        for path in self.runs_dir.rglob("*"):
            try:
                relative = path.relative_to(self.runs_dir)
                mode = path.lstat().st_mode
                if relative.parts[1:2] and relative.parts[1] in SECRET_HOLDERS:
                    self.secret_file_modes[str(relative)] = stat.S_IMODE(mode)
                    continue
                if stat.S_ISREG(mode):
                    target = self.dest / str(self.copies) / relative
                    target.parent.mkdir(parents=True, exist_ok=True)
                    shutil.copyfile(path, target)
            except (OSError, ValueError):
                continue  # the run ended and removed it meanwhile
        self.copies += 1

    def copy_safely(self) -> None:
        # a directory that goes away while it is walked ends this pass; the next sees the rest
        with contextlib.suppress(OSError):
            self.copy_once()


def read_events(url: str, headers: dict[str, str], out: list[bytes]) -> None:
    """The execution's whole event stream, from its first event until the server closes it."""
    with httpx.stream("GET", url, headers={**headers, "Last-Event-ID": "0"},
                      timeout=httpx.Timeout(120, read=60)) as response:
        for chunk in response.iter_bytes():
            out.append(chunk)


def database_dumps(stack: Stack) -> Iterator[tuple[str, bytes]]:
    """What the databases and queues hold: the files on SQLite, every row on PostgreSQL, every
    key in Redis."""
    cfg = stack.config
    for layer, url in (("backend", cfg.backend_database_url),
                       ("scheduler", cfg.scheduler_database_url)):
        if url:
            import psycopg2

            conn = psycopg2.connect(url)
            try:
                with conn.cursor() as cur:
                    cur.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
                    for (table,) in cur.fetchall():
                        cur.execute(f'SELECT * FROM "{table}"')  # noqa: S608 - catalog names
                        yield f"{layer} database/{table}", repr(cur.fetchall()).encode()
            finally:
                conn.close()
    if (cfg.scheduler_queue_url or "").startswith("redis://"):
        import redis

        client = redis.Redis.from_url(cfg.scheduler_queue_url or "")
        for key in client.scan_iter(match=f"*{cfg.queue_prefix}*"):
            kind = client.type(key)
            if kind == b"list":
                yield f"redis {key.decode()}", b"".join(client.lrange(key, 0, -1))
            elif kind == b"string":
                yield f"redis {key.decode()}", client.get(key) or b""


def files_under(root: Path) -> Iterator[tuple[str, bytes]]:
    for path in root.rglob("*"):
        if path.is_file() and not path.is_symlink():
            yield str(path), path.read_bytes()


def test_no_secret_reaches_a_response_event_log_database_or_artifact(
        stack_factory: StackFactory, sshd_hosts: list[SshHost], tmp_path: Path) -> None:
    passphrase = "proof-passphrase-7Gq2"
    pass_key, pass_pub = passphrase_key(tmp_path, passphrase)
    assert sshd_hosts[1].authorized_keys is not None
    with sshd_hosts[1].authorized_keys.open("a") as keys:
        keys.write(pass_pub)
    become = {"plain": "become-secret-plain-k8", "pass": "become-secret-pass-Qw",
              "pw": "become-secret-pw-Zx"}
    launch_secret = "launch-var-secret-Hn4s"
    with temporary_user() as (user, password), \
            start_password_sshd(tmp_path, "127.0.0.6", user, password) as pw_host:
        stack = stack_factory()
        recorder = Recorder()
        login = httpx.post(f"{stack.backend_url}/api/v1/auth/login",
                           json={"username": "admin", "password": ADMIN_PASSWORD})
        recorder(login)
        headers = {"Authorization": f"Bearer {login.json()['access_token']}"}
        api = httpx.Client(base_url=f"{stack.backend_url}/api/v1", headers=headers, timeout=60,
                           event_hooks={"response": [recorder]})
        copier = ArtifactCopier(stack.config.var_dir / "node" / "runs", tmp_path / "artifacts")
        copier.start()
        events: list[bytes] = []
        try:
            created(api.post("/credentials", json={
                "name": "plain-key", "kind": "ssh_key", "private_key": sshd_hosts[0].private_key,
                "become_password": become["plain"]}))
            created(api.post("/credentials", json={
                "name": "pass-key", "kind": "ssh_key", "private_key": pass_key,
                "passphrase": passphrase, "become_password": become["pass"]}))
            created(api.post("/credentials", json={
                "name": "pw", "kind": "password", "password": password,
                "become_password": become["pw"]}))
            targets: list[tuple[str, str, int, str, str]] = [
                ("k-plain", sshd_hosts[0].address, sshd_hosts[0].port, sshd_hosts[0].user,
                 "plain-key"),
                ("k-pass", sshd_hosts[1].address, sshd_hosts[1].port, sshd_hosts[1].user,
                 "pass-key"),
                ("k-pw", pw_host.address, pw_host.port, pw_host.user, "pw")]
            for name, address, port, login_user, credential in targets:
                created(api.post("/hosts", json={
                    "name": name, "address": address, "port": port, "user": login_user,
                    "groups": ["proof"], "credential": credential, "vars": TEST_HOST_VARS}))
            probe = api.post("/groups/proof/test", json={"timeout_s": 60})
            assert probe.status_code == 200, probe.text
            assert all(r["reachable"] for r in probe.json()["results"]), probe.json()
            graph = procedure("proof", [
                {"id": "ping", "type": "task", "task": "ping"},
                {"id": "hold", "type": "task", "task": "command_check",
                 "params": {"cmd": "sleep 2"}},
                {"id": "ok", "type": "end"}],
                [("ping", "hold", "success"), ("hold", "ok", "success")], "ping")
            graph["graph"]["allow_command"] = True
            proc = created(api.post("/procedures", json=graph))
            run = created(api.post(f"/procedures/{proc['id']}/runs", json={
                "target": {"group": "proof"},
                "vars": {"api_token": launch_secret, "ticket": "INC-1"}}))
            reader = threading.Thread(target=read_events, daemon=True, args=(
                f"{stack.backend_url}/api/v1/executions/{run['execution_id']}/events",
                headers, events))
            reader.start()
            execution = wait_finished(api, run["execution_id"], timeout=180)
            for name, host in hosts_by_name(execution).items():
                assert host["status"] == "success", (name, host["steps"])
            reader.join(30)
            for path in ("/executions", f"/executions/{run['execution_id']}", "/hosts",
                         "/credentials", "/groups", "/schedules", "/nodes", "/audit",
                         "/inventory/export?format=yaml", "/inventory/export?format=ini"):
                api.get(path)
        finally:
            copier.stop.set()
            copier.join(10)
            api.close()
        runs_left = list((stack.config.var_dir / "node" / "runs").glob("*/*"))
        stack.stop()

    assert copier.copies > 0 and any((tmp_path / "artifacts").rglob("job_events/*.json")), \
        "the test never saw an ansible-runner artifact: it proves nothing"
    assert copier.secret_file_modes, "the test never saw the node's inventory or key files"
    loose = {p: oct(m) for p, m in copier.secret_file_modes.items() if m & 0o077}
    assert not loose, f"files holding secrets readable by others: {loose}"
    assert runs_left == [], f"run directories left after the runs: {runs_left}"

    credential_secrets = {
        "plain key": key_body(sshd_hosts[0].private_key), "passphrase key": key_body(pass_key),
        "passphrase": passphrase, "password": password, **{f"become {k}": v
                                                           for k, v in become.items()}}
    sec = stack.secrets
    layer_secrets = {"backend->scheduler token": sec.backend_to_scheduler,
                     "scheduler->backend token": sec.scheduler_to_backend,
                     "node token": sec.node_token, "backend secrets key": sec.backend_key,
                     "scheduler secrets key": sec.scheduler_key}
    var = stack.config.var_dir
    places: list[tuple[str, bytes]] = [
        *[(f"API response {i} {body.partition(NL)[0].decode()}", body)
          for i, body in enumerate(recorder.bodies)],
        ("event stream", b"".join(events)),
        *files_under(var / "log"),
        *files_under(tmp_path / "artifacts"),
    ]
    stores: list[tuple[str, bytes]] = [
        *[(p, b) for p, b in files_under(var) if "/secrets/" not in p and "/log/" not in p],
        *database_dumps(stack)]
    assert b"".join(events).count(b"step_finished") >= 6, b"".join(events)[:2000]
    found = [(what, where) for where, blob in places
             for what, value in {**credential_secrets, **layer_secrets,
                                 "launch secret": launch_secret}.items()
             if value.encode() in blob]
    found += [(what, where) for where, blob in stores
              for what, value in credential_secrets.items() if value.encode() in blob]
    found += [(what, where) for where, blob in stores
              for what, value in {"launch secret": launch_secret}.items()
              if value.encode() in blob and "scheduler" not in where]
    assert not found, f"secrets found: {found}"
