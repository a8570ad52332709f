"""Tests that need a server skip without it, and fail instead in CI, where every server is started."""

import pytest

from tests.support import services
from tests.support.services import free_port


def test_an_unreachable_redis_skips_with_its_address(monkeypatch):
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.setenv("TEST_REDIS_URL", f"redis://127.0.0.1:{free_port()}")
    with pytest.raises(pytest.skip.Exception, match="Redis is not reachable at redis://127.0.0.1:[0-9]+/3"):
        services.redis_url(3)


def test_an_unreachable_redis_fails_in_ci(monkeypatch):
    monkeypatch.setenv("CI", "true")
    monkeypatch.setenv("TEST_REDIS_URL", f"redis://127.0.0.1:{free_port()}/")
    with pytest.raises(pytest.fail.Exception, match="required when CI=true"):
        services.redis_url(3)
