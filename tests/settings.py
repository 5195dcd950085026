"""The portal's settings for the test suite: ogplocal.settings with two test-only choices.

- A throwaway SECRET_KEY, random per run: the settings refuse to load with DEBUG off (as tests
  run) and no real key, and there is no exception for tests. It goes into the environment before
  ogplocal.settings reads it, so subprocesses the tests start (manage.py, gunicorn) inherit it.
- Memory local to each test process as the cache, even where CACHE_URL or a Redis broker is set
  (CI): tests running in parallel must not share or flush each other's rate limits.
  tests/foundation/test_settings.py checks the Redis cache itself.
"""

import os
import secrets

os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(50))

from ogplocal.settings import *  # noqa: F403

CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
