"""System checks of the portal, registered by ogplocal.accounts.apps.AccountsConfig.ready().

Most are tagged `deploy` (`manage.py check --deploy`, run by `make deploy-check`). The secret-key
check runs always: with DEBUG off and no real SECRET_KEY, every management command that runs the
system checks (runserver, migrate, ...) stops, as gunicorn and Celery do through
`refuse_without_secret_key()`.
"""

from django.conf import settings
from django.core.checks import Error, Warning, register
from django.core.exceptions import ImproperlyConfigured


def refuse_without_secret_key() -> None:
    """Stop a serving or working process (gunicorn, Celery) that has no real SECRET_KEY."""
    problem = getattr(settings, "SECRET_KEY_PROBLEM", "")
    if problem:
        raise ImproperlyConfigured(problem)


@register("security")
def check_secret_key(app_configs, **kwargs):
    problem = getattr(settings, "SECRET_KEY_PROBLEM", "")
    if not problem:
        return []
    return [Error(problem, id="ogplocal.E002")]


@register("celery", deploy=True)
def check_celery_broker(app_configs, **kwargs):
    """Without a broker, Celery tasks run inside the web request that enqueued them."""
    if settings.DEBUG or settings.CELERY_BROKER_URL:
        return []
    return [
        Error(
            "CELERY_BROKER_URL is not set, so background tasks (mail, letters, the daily rules "
            "job) would run inside web requests and beat would have no worker.",
            hint="Set CELERY_BROKER_URL, e.g. redis://redis:6379/0.",
            id="ogplocal.E001",
        )
    ]


@register("caches", deploy=True)
def check_shared_cache(app_configs, **kwargs):
    """Rate limits kept in a per-process cache multiply by the number of gunicorn workers."""
    backend = settings.CACHES["default"]["BACKEND"]
    if settings.DEBUG or not backend.endswith(("locmem.LocMemCache", "dummy.DummyCache")):
        return []
    return [
        Warning(
            "The cache is local to each process: sign-in and TOTP rate limits are counted per "
            "gunicorn worker, not for the site.",
            hint="Set CACHE_URL (e.g. redis://redis:6379/1), REDIS_URL or a Redis "
            "CELERY_BROKER_URL.",
            id="ogplocal.W001",
        )
    ]
