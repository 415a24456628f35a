"""The running node: queue, workers, stores, sender and heartbeat wired together.

The API calls ``submit``/``cancel``/``status``; Huey worker threads call ``run_queued`` with
the encrypted payload ``submit`` put in the queue.
"""

from __future__ import annotations

import logging
import os
import threading
from typing import Any

from noc_contracts import (
    REVEAL,
    HostResult,
    NodeHeartbeat,
    StepStatus,
    TaskAccepted,
    TaskRequest,
    TaskResult,
)
from noc_node.ansible.control import ControlDirs
from noc_node.ansible.executor import AnsibleRunnerExecutor, run_dir_for
from noc_node.ansible.modules import validate_params
from noc_node.core.config import Settings, tls_verify
from noc_node.core.db import NODE_DB, open_sqlite
from noc_node.core.errors import PayloadError
from noc_node.delivery.failover import scheduler_client
from noc_node.delivery.heartbeat import Heartbeat
from noc_node.delivery.outbox import Outbox
from noc_node.delivery.sender import ResultSender
from noc_node.execution.executor import BaseExecutor
from noc_node.execution.outcomes import now
from noc_node.execution.routing import RoutingExecutor
from noc_node.metrics.exposition import NodeMetrics
from noc_node.notify.executor import NotificationExecutor
from noc_node.processes.guardian import Guardian
from noc_node.processes.reap import confirm_gone, kill_leftovers
from noc_node.tasks.crypto import PayloadCipher, load_or_create_key
from noc_node.tasks.queue import make_consumer, make_huey
from noc_node.tasks.running import RunningTasks
from noc_node.tasks.store import ACCEPTED, RUNNING, TaskStore
from noc_node.warm.worker import WarmUnavailable, WarmWorker

logger = logging.getLogger(__name__)

#: how long stopping waits for the warm-up run (it takes ~1-3 s)
WARM_UP_JOIN_S = 15.0


class NodeRuntime:
    """Everything one node process runs; ``start``/``stop`` bracket the API's lifetime."""

    def __init__(self, settings: Settings, executor: BaseExecutor | None = None) -> None:
        self.settings = settings
        settings.data_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
        self.cipher = PayloadCipher(load_or_create_key(settings.data_dir / "queue.key"))
        self.db = open_sqlite(settings.data_dir / NODE_DB)
        self.tasks = TaskStore(self.db)
        self.outbox = Outbox(self.db)
        self.running = RunningTasks()
        self.guardian = Guardian(str(settings.data_dir))
        self.control = ControlDirs.for_node(
            settings.data_dir, load_or_create_key(settings.data_dir / "control.key"))
        self.warm = (WarmWorker(settings.data_dir / "warm", settings.module_bytecode)
                     if settings.warm_ansible else None)
        # our own Ansible executor (none when one is given): its warm worker starts with us
        self._ansible: AnsibleRunnerExecutor | None = None
        if executor is None:
            self._ansible = AnsibleRunnerExecutor(
                settings.runs_dir, settings.forks, settings.host_key_checking, self.control,
                self.guardian, self.warm)
            executor = RoutingExecutor(self._ansible, NotificationExecutor(settings))
        self.executor = executor
        self._warm_up: threading.Thread | None = None
        self.huey: Any = make_huey(settings.queue_url, settings.queue_name)
        self._enqueue = self.huey.task(name="noc_node.run_task")(self.run_queued)
        self.client = scheduler_client(
            settings.scheduler_urls, timeout=10.0, verify=tls_verify(settings),
            headers={"Authorization": f"Bearer {settings.token.get_secret_value()}"})
        self.sender = ResultSender(self.outbox, self.client, settings.retry_base_s,
                                   settings.retry_max_s)
        self.heartbeat = Heartbeat(self.client, settings.heartbeat_s, self.tasks, self.snapshot,
                                   self.confirm_orphans)
        self.consumer: Any = None
        #: what GET /metrics exposes
        self.metrics = NodeMetrics(lambda: len(self.running), self.queue_depth,
                                   self.outbox.count)

    # -- lifecycle -------------------------------------------------------------------------
    def start(self) -> None:
        self.reap()
        self.guardian.start()
        if self.control.base is not None:
            self.guardian.watch_masters(self.control.base)
        self.consumer = make_consumer(self.huey, self.settings.workers)
        self.consumer.start()
        self.sender.start()
        self.heartbeat.start()
        if self._ansible is not None and self.warm is not None:
            # the first step would otherwise pay the worker's start (~0.8 CPU-s, ~1 s)
            self._warm_up = threading.Thread(target=self._warm_up_ansible, name="noc-warm-up",
                                             daemon=True)
            self._warm_up.start()
        logger.info("node %s started with %d worker(s)", self.settings.name,
                    self.settings.workers)

    def _warm_up_ansible(self) -> None:
        assert self._ansible is not None
        try:
            self._ansible.warm_up()
        except WarmUnavailable as exc:  # tasks run cold, and the worker has said why
            logger.warning("no warm Ansible worker at start: %s", exc)
        except Exception:  # the first task starts the worker instead, and says why it cannot
            logger.exception("the warm-up run failed")

    def reap(self) -> None:
        """Before taking work: end what a dead node left running, then call its tasks lost.

        Run dirs left behind hold key files and inventories: their processes are killed and
        the dirs removed. A task is reported lost only once nothing of it runs any more
        (otherwise it waits, and each heartbeat tries again).
        """
        runs_dir = self.settings.runs_dir
        if runs_dir.is_dir():
            for leftover in runs_dir.iterdir():
                confirm_gone(leftover)
        if self.control.base is not None:  # the dead node's SSH masters
            kill_leftovers(self.control.base)
        unfinished = self.tasks.mark_unfinished_orphaned()
        if unfinished:
            logger.warning("%d task(s) were unfinished when the node stopped; reporting them lost",
                           len(unfinished))
        self.confirm_orphans()

    def _gone(self, task_id: str) -> bool:
        return confirm_gone(run_dir_for(self.settings.runs_dir, task_id))

    def confirm_orphans(self) -> None:
        """Orphaned tasks whose processes are confirmed dead become lost (reported)."""
        self.tasks.confirm_orphans(self._gone)

    def stop(self) -> None:
        """Cancel running tasks, let workers report them, then stop the background threads."""
        if self.consumer is not None:
            self.consumer.stop_flag.set()
            cancelled = self.running.cancel_all()
            if cancelled:
                logger.info("cancelling %d running task(s) for shutdown", cancelled)
            self.consumer.shutdown_timeout = 30
            self.consumer.stop(graceful=True)
            self.consumer = None
        if self.warm is not None:
            self.warm.stop()  # a warm-up still running ends with it, and starts none after
            if self._warm_up is not None:
                self._warm_up.join(WARM_UP_JOIN_S)
        # nothing runs any more: the guardian kills the SSH masters and exits
        self.guardian.stop()
        self.heartbeat.stop()
        self.sender.deliver_due()
        self.sender.stop()
        self.client.close()
        if not self.db.is_closed():
            self.db.close()
        self.db.close_all()  # the pool's idle connections

    # -- API -------------------------------------------------------------------------------
    def submit(self, request: TaskRequest) -> TaskAccepted:
        """Validate and queue a request (encrypted); a duplicate task id is accepted once."""
        validate_params(request.task_type, request.params)
        if self.tasks.accept(request.task_id, [h.name for h in request.hosts]):
            payload = request.model_dump_json(by_alias=True, context=REVEAL)
            try:
                self._enqueue(self.cipher.encrypt(payload))
            except Exception:
                self.tasks.forget(request.task_id)
                raise
            logger.info("task %s (%s, %d host(s)) queued", request.task_id, request.task_type,
                        len(request.hosts))
        return TaskAccepted(task_id=request.task_id, node=self.settings.name,
                            queue_depth=self.queue_depth())

    def cancel(self, task_id: str) -> str | None:
        """Cancel a task; its status before the cancel, or None when this node never had it."""
        found = self.tasks.cancel(task_id)
        if found is None:
            return None
        if found.previous == ACCEPTED:
            stamp = now()
            self.report(task_id, [HostResult(host=h, status=StepStatus.cancelled,
                                             msg="task cancelled before it started",
                                             started_at=stamp, finished_at=stamp)
                                  for h in found.hosts])
        elif found.previous == RUNNING:
            self.running.cancel(task_id)
        logger.info("task %s cancel requested (was %s)", task_id, found.previous)
        return found.previous

    def queue_depth(self) -> int:
        return int(self.huey.pending_count())

    def snapshot(self) -> NodeHeartbeat:
        return NodeHeartbeat(name=self.settings.name, url=self.settings.url,
                             capacity=self.settings.workers, queue_depth=self.queue_depth(),
                             running=len(self.running), load=round(os.getloadavg()[0], 2))

    # -- workers ---------------------------------------------------------------------------
    def report(self, task_id: str, results: list[HostResult]) -> None:
        """Record results in the outbox first, then wake the sender."""
        self.outbox.add(TaskResult(task_id=task_id, node=self.settings.name, results=results))
        self.metrics.tasks.reported(results)
        self.sender.wake()

    def run_queued(self, token: str) -> None:
        """Huey task body: decrypt, claim, execute, report; skipped when cancelled or lost."""
        try:
            request = TaskRequest.model_validate_json(self.cipher.decrypt(token))
        except PayloadError:
            logger.error("dropping a queued task whose payload cannot be decrypted")
            return
        task_id = request.task_id
        cancel = self.running.register(task_id)
        with self.metrics.tasks.run() as run:
            try:
                if not self.tasks.start(task_id):
                    logger.info("task %s skipped (%s)", task_id, self.tasks.status(task_id))
                    run.skip()
                    return
                run.ended(self.executor.execute(
                    request, lambda results: self.report(task_id, results), cancel))
                self.tasks.finish(task_id)
            finally:
                self.running.done(task_id)
