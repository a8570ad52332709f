import pytest

from tests.home.demo.network import network_blocked


@pytest.fixture
def no_network(monkeypatch):
    """The test fails if anything in it reached beyond this machine, even if the error was caught."""
    with network_blocked(monkeypatch) as attempts:
        yield attempts
    assert attempts == [], f"The network was used: {attempts}"
