import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    # allauth keeps its login rate limits in the cache; tests must not inherit each other's.
    cache.clear()
    yield
    cache.clear()
