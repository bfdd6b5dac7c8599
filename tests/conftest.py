import pytest
from django.core.cache import cache

from tests import real_servers


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(scope="session")
def scratch_postgres():
    """A migrated PostgreSQL database outside the test transaction, for tests that run the
    site in real server processes (tests/real_servers.py); skipped without PostgreSQL."""
    if not real_servers.postgres_answers():
        pytest.skip("PostgreSQL is not running on 127.0.0.1:5432")
    with real_servers.scratch_database("glossary_servers") as name:
        yield name
