"""What make run says about a layer that died or a taken port."""

import signal

from noc_devstack.layer_report import (
    exit_line,
    how_it_ended,
    port_in_use,
    port_taken,
    seconds,
    tail,
)
from noc_devstack.restart_policy import GiveUp, Restart

UVICORN_BIND_ERROR = ("ERROR uvicorn.error: [Errno 98] error while attempting to bind on "
                      "address ('127.0.0.1', 8701): address already in use")


def test_the_exit_line_names_the_layer_the_status_the_delay_and_the_log() -> None:
    assert (exit_line("scheduler", 1, Restart(2, 2), "var/log/scheduler.log")
            == "scheduler exited with 1; restarting in 2 s; log: var/log/scheduler.log")
    assert (exit_line("node", -signal.SIGKILL, Restart(0.5, 1), "var/log/node.log")
            == "node was killed by SIGKILL; restarting in 0.5 s; log: var/log/node.log")
    assert exit_line("node", 3, GiveUp(6), "l").startswith(
        "node exited with 3; failed 6 times in a row soon after starting: giving up, "
        "stopping the stack;")


def test_how_a_process_ended() -> None:
    assert how_it_ended(0) == "exited with 0"
    assert how_it_ended(-signal.SIGTERM) == "was killed by SIGTERM"
    assert how_it_ended(-200) == "was killed by signal 200"
    assert seconds(16.0) == "16 s"


def test_a_bind_failure_is_recognised_in_a_log_and_other_errors_are_not() -> None:
    assert port_in_use(f"starting\n{UVICORN_BIND_ERROR}\n")
    assert port_in_use("OSError: [Errno 98] Address already in use")
    assert not port_in_use("ERROR: database is locked\nConnection refused")


def test_the_taken_port_message_names_the_port_the_layer_and_the_way_out() -> None:
    assert port_taken(8701, "scheduler") == (
        "port 8701 (scheduler) is in use by another program; stop it or choose other ports "
        "with NOC_RUN_BASE_PORT=... (make run uses that port and the next two)")
    assert "NOC_RUN_BASE_PORT=8710 " in port_taken(8701, "scheduler", 8710)


def test_the_tail_keeps_the_last_lines_indented() -> None:
    text = "".join(f"line {i}\n\n" for i in range(30))
    assert tail(text, 3) == "    line 27\n    line 28\n    line 29"
    assert tail("") == ""
