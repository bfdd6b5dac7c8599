import pytest
from django.core.cache import cache

from tests import real_servers
from tests.roles import ensure_roles


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _roles_in_transactional_tests(request):
    """A transactional test may start from a database another one flushed: the roles the
    migrations made are made again."""
    marker = request.node.get_closest_marker("django_db")
    if marker is not None and marker.kwargs.get("transaction"):
        request.getfixturevalue("transactional_db")
        ensure_roles()


@pytest.fixture(scope="session")
def scratch_postgres():
    """A migrated PostgreSQL database outside the test transaction, for tests that run the
    site in real server processes (tests/real_servers.py); skipped without PostgreSQL."""
    if not real_servers.postgres_answers():
        pytest.skip("PostgreSQL is not running on 127.0.0.1:5432")
    with real_servers.scratch_database("glossary_servers") as name:
        yield name
