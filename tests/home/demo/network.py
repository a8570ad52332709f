"""No network for the demo loader: any connection or name look-up beyond this machine fails."""

import contextlib
import ipaddress
import socket

LOCAL_NAMES = {"localhost", "127.0.0.1", "::1"}


class NetworkUsed(AssertionError):
    pass


def _is_local(host):
    if isinstance(host, bytes):
        host = host.decode()
    if host in LOCAL_NAMES:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@contextlib.contextmanager
def network_blocked(monkeypatch):
    """Refuses connections and DNS look-ups outside loopback (the test database may be a local
    PostgreSQL). Yields the list of refused attempts, so that an error swallowed by the code under
    test is still seen."""
    attempts = []
    connect, getaddrinfo = socket.socket.connect, socket.getaddrinfo

    def guarded_connect(sock, address):
        if sock.family in (socket.AF_INET, socket.AF_INET6) and not _is_local(address[0]):
            attempts.append(address)
            raise NetworkUsed(f"connection to {address}")
        return connect(sock, address)

    def guarded_getaddrinfo(host, *args, **kwargs):
        if host is not None and not _is_local(host):
            attempts.append(host)
            raise NetworkUsed(f"look-up of {host}")
        return getaddrinfo(host, *args, **kwargs)

    with monkeypatch.context() as patch:
        patch.setattr(socket.socket, "connect", guarded_connect)
        patch.setattr(socket, "getaddrinfo", guarded_getaddrinfo)
        yield attempts
