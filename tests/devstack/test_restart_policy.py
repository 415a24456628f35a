"""The supervisor's restart decisions: a doubling, capped back-off; a stable run starts it over;
too many quick failures in a row give up."""

import pytest

from noc_devstack.restart_policy import GiveUp, Restart, RestartPolicy, after_exit


def test_the_delay_doubles_from_the_first_and_is_capped() -> None:
    policy = RestartPolicy(first_delay_s=1, max_delay_s=10, max_quick_failures=100)
    assert [policy.delay_s(n) for n in range(1, 7)] == [1, 2, 4, 8, 10, 10]
    assert policy.delay_s(10_000) == 10


def test_quick_failures_back_off_then_give_up_at_the_limit() -> None:
    policy = RestartPolicy(first_delay_s=1, max_delay_s=30, stable_after_s=60,
                           max_quick_failures=4)
    streak, decisions = 0, []
    for _ in range(4):
        decision = after_exit(policy, streak, healthy_for_s=5)
        decisions.append(decision)
        if isinstance(decision, Restart):
            streak = decision.failures
    assert decisions == [Restart(1, 1), Restart(2, 2), Restart(4, 3), GiveUp(4)]


def test_a_layer_that_never_answered_is_a_quick_failure() -> None:
    policy = RestartPolicy(max_quick_failures=6)
    assert after_exit(policy, 2, healthy_for_s=None) == Restart(4, 3)
    assert after_exit(policy, 5, healthy_for_s=None) == GiveUp(6)


def test_a_stable_run_starts_the_back_off_over() -> None:
    policy = RestartPolicy(stable_after_s=60, max_quick_failures=6)
    assert after_exit(policy, 5, healthy_for_s=60) == Restart(1, 1)
    assert after_exit(policy, 5, healthy_for_s=59.9) == GiveUp(6)


def test_the_defaults_are_the_documented_ones() -> None:
    policy = RestartPolicy()
    assert (policy.first_delay_s, policy.max_delay_s, policy.stable_after_s,
            policy.max_quick_failures) == (1, 30, 60, 6)


@pytest.mark.parametrize("kwargs", [{"first_delay_s": -1}, {"first_delay_s": 5, "max_delay_s": 1},
                                    {"max_quick_failures": 0}])
def test_a_policy_that_cannot_work_is_refused(kwargs: dict[str, float]) -> None:
    with pytest.raises(ValueError):
        RestartPolicy(**kwargs)  # type: ignore[arg-type]
