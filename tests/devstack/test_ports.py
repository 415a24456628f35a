"""The port check make run does before starting: a port a real socket listens on is taken, a
free one is not, and the suggested base port has three free ports."""

import socket

from noc_devstack.ports import free_base_port, port_free


def test_a_listening_socket_takes_the_port_and_closing_it_frees_it() -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen()
        port = s.getsockname()[1]
        assert not port_free("127.0.0.1", port)
    assert port_free("127.0.0.1", port)


def test_the_suggested_base_skips_a_range_with_a_taken_port() -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen()
        taken = s.getsockname()[1]
        base = free_base_port("127.0.0.1", taken - 1)
    assert base is not None and base != taken - 1 and (base - taken + 1) % 10 == 0
