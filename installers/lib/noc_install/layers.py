"""What differs between the three server layers: their packages, default port, system user,
and the settings their config file carries (each with the comment written above it)."""

from __future__ import annotations

from dataclasses import dataclass

#: settings every layer has (``noc_contracts.operability``), after its own
OPERABILITY = (
    ("LOG_FORMAT", "text", True, "log lines as text, or json (one JSON object per line)"),
    ("LOG_FILE", "", True, "empty: log to stderr (the journal under systemd); a path: a "
                           "rotating file, created 0600"),
    ("LOG_MAX_BYTES", "10485760", False, "rotate the log file at this size"),
    ("LOG_BACKUPS", "5", False, "rotated log files kept"),
    ("METRICS_TOKEN", "", True, "GET /metrics answers Prometheus text to a request with "
                                "Authorization: Bearer <this>; empty: /metrics answers 404\n"
                                "(generated at install: give it to your Prometheus)"),
)
TLS = (
    ("TLS_CERT_FILE", "", False, "serve HTTPS with this certificate chain (with TLS_KEY_FILE)"),
    ("TLS_KEY_FILE", "", False, "the certificate's private key (readable by the service user)"),
    ("TLS_CA_FILE", "", False, "the CA bundle this layer verifies its peers' certificates "
                               "with (default: the system's)"),
)


@dataclass(frozen=True)
class Setting:
    """A config key (without the layer's prefix), its default, whether the file sets it or
    shows it commented out, and what it means."""

    name: str
    default: str
    active: bool
    comment: str


@dataclass(frozen=True)
class Layer:
    name: str
    #: the pip distributions installed into the venv, and the repo folders they build from
    distributions: tuple[str, ...]
    source_dirs: tuple[str, ...]
    port: int
    description: str
    #: settings the installer generates once (random) and keeps
    secrets: tuple[str, ...]
    settings: tuple[Setting, ...]

    @property
    def prefix(self) -> str:
        return f"NOC_{self.name.upper()}_"

    @property
    def command(self) -> str:
        return f"noc-{self.name}"

    @property
    def user(self) -> str:
        return f"noc-{self.name}"

    def key(self, name: str) -> str:
        return self.prefix + name


def _settings(*rows: tuple[str, str, bool, str]) -> tuple[Setting, ...]:
    return tuple(Setting(*row) for row in (*rows, *OPERABILITY, *TLS))


BACKEND = Layer(
    name="backend", distributions=("noc-contracts", "noc-backend"),
    source_dirs=("contracts", "backend"), port=8700,
    description="users, inventory, credentials, procedures, history: the public REST API",
    secrets=("SECRETS_KEY", "INTERNAL_TOKEN", "SCHEDULER_TOKEN", "METRICS_TOKEN"),
    settings=_settings(
        ("DATABASE_URL", "sqlite:///{data}/backend.db", True,
         "the database: sqlite:///<absolute path> or postgresql://user:password@host:5432/db\n"
         "(percent-encode special characters of a password)"),
        ("SECRETS_KEY", "", True,
         "the Fernet key credentials are encrypted with at rest (generated once; losing it\n"
         "loses every stored credential; change it only with noc-backend rotate-secrets-key)"),
        ("SCHEDULER_URL", "http://127.0.0.1:8701", True,
         "the scheduler's URL (several, comma-separated, when schedulers share a database)"),
        ("SCHEDULER_TOKEN", "", True,
         "the token the backend presents to the scheduler: the scheduler's "
         "NOC_SCHEDULER_API_TOKEN"),
        ("INTERNAL_TOKEN", "", True,
         "the token the scheduler presents to the backend: the scheduler's "
         "NOC_SCHEDULER_BACKEND_TOKEN"),
        ("BOOTSTRAP_ADMIN_PASSWORD", "", True,
         "creates the user admin with this password on the first start (nothing once admin\n"
         "exists: delete this line after your first login and a password change)"),
        ("LOG_LEVEL", "INFO", True, "DEBUG, INFO, WARNING, ERROR or CRITICAL"),
        ("TOKEN_TTL_S", "43200", False, "seconds a login token lives"),
        ("HISTORY_RETENTION_DAYS", "90", False,
         "finished executions older than this are pruned (0 keeps them; the audit log stays)"),
        ("OLD_SECRETS_KEYS", "", False,
         "previous secrets keys, comma-separated, still read after a key rotation"),
    ))

SCHEDULER = Layer(
    name="scheduler", distributions=("noc-contracts", "noc-scheduler"),
    source_dirs=("contracts", "scheduler"), port=8701,
    description="schedules, one flow per host, dispatch to nodes (API and queue workers in "
                "one process)",
    secrets=("SECRETS_KEY", "API_TOKEN", "BACKEND_TOKEN", "METRICS_TOKEN"),
    settings=_settings(
        ("DATABASE_URL", "sqlite:///{data}/scheduler.db", True,
         "the database: sqlite:///<absolute path> or postgresql://user:password@host:5432/db"),
        ("QUEUE_URL", "sqlite:///{data}/scheduler-queue.db", True,
         "the work queue: sqlite:///<absolute path> (SqliteHuey) or redis://host:6379/0"),
        ("QUEUE_NAME", "noc-scheduler", False,
         "the queue's name (schedulers sharing one Redis queue use the same)"),
        ("SECRETS_KEY", "", True,
         "the Fernet key node tokens are encrypted with at rest (generated once)"),
        ("API_TOKEN", "", True,
         "the token the backend must present: the backend's NOC_BACKEND_SCHEDULER_TOKEN"),
        ("BACKEND_URL", "http://127.0.0.1:8700", True, "the backend's URL"),
        ("BACKEND_TOKEN", "", True,
         "the token the scheduler presents to the backend: the backend's "
         "NOC_BACKEND_INTERNAL_TOKEN"),
        ("WORKERS", "4", True, "queue worker threads"),
        ("NODE_STALE_S", "10", False,
         "a node silent this long is down: its steps move to another node"),
        ("PLACEMENT_WAIT_S", "300", False,
         "how long a step waits for a node matching its host's labels"),
        ("HISTORY_RETENTION_DAYS", "90", False,
         "finished executions older than this are pruned (0 keeps them)"),
    ))

NODE = Layer(
    name="node", distributions=("noc-contracts", "noc-node"),
    source_dirs=("contracts", "node"), port=8702,
    description="runs tasks with Ansible (ansible-runner) and posts results to its scheduler",
    secrets=("TOKEN", "METRICS_TOKEN"),
    settings=_settings(
        ("NAME", "", True, "the node's name, as registered with the scheduler"),
        ("URL", "", True, "where the scheduler reaches this node"),
        ("SCHEDULER_URL", "http://127.0.0.1:8701", True,
         "the scheduler's URL (several, comma-separated, when schedulers share a database)"),
        ("TOKEN", "", True,
         "the token shared with the scheduler (registered there; generated once)"),
        ("DATA_DIR", "{data}", True,
         "the node's task store, its queue (SQLite) and the runs' private directories"),
        ("QUEUE_URL", "", False,
         "empty: sqlite:///<DATA_DIR>/queue.db (SqliteHuey); or redis://host:6379/0"),
        ("WORKERS", "4", True, "tasks run at once"),
        ("FORKS", "20", False, "Ansible forks per run (hosts of one batch in parallel)"),
        ("LOG_LEVEL", "INFO", True, "DEBUG, INFO, WARNING or ERROR"),
        ("HOST_KEY_CHECKING", "false", False, "check SSH host keys (known_hosts of the user)"),
        ("SMTP_HOST", "", False, "the mail server of email tasks"),
        ("SMTP_PORT", "587", False, "its port"),
        ("SMTP_SECURITY", "starttls", False, "starttls, tls or none"),
        ("SMTP_USERNAME", "", False, "the SMTP login"),
        ("SMTP_PASSWORD", "", False, "the SMTP password"),
        ("SMTP_FROM", "noc-orchestrator@localhost", False, "the sender address"),
        ("TELEGRAM_BOT_TOKEN", "", False, "the bot token of telegram tasks"),
        ("TELEGRAM_CHAT_ID", "", False, "the default chat"),
    ))

LAYERS = {layer.name: layer for layer in (BACKEND, SCHEDULER, NODE)}
