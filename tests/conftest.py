import shutil

import pytest


@pytest.fixture(autouse=True)
def _isolated_media(settings, tmp_path):
    """Uploads of one test never leak into another, or into the developer's media folder."""
    settings.MEDIA_ROOT = tmp_path / "media"
    yield
    shutil.rmtree(tmp_path / "media", ignore_errors=True)


@pytest.fixture(autouse=True)
def _clear_cache():
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
