import fnmatch
import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.checks import Error, Warning
from django.urls import reverse

from ogplocal.checks import check_celery_broker, check_shared_cache

ROOT = Path(__file__).resolve().parents[2]
A_REAL_KEY = "k" * 20 + "Zq8#vP1!mW3$rT6^yU9&iO2*pL5(aS7)dF0-gH4_jK"
PRODUCTION = {
    "PATH": "/usr/bin:/bin",
    "DEBUG": "false",
    "HTTPS": "true",
    "ALLOWED_HOSTS": "x.org",
    "CELERY_BROKER_URL": "redis://127.0.0.1:6379/0",
    "SECRET_KEY": A_REAL_KEY,
}


def _settings(env: dict, *names: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    """Load ogplocal.settings in a fresh process with exactly `env`; print the named values."""
    code = (
        "import json; from django.conf import settings; "
        f"print(json.dumps({{n: getattr(settings, n) for n in {list(names)!r}}}, default=str))"
    )
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=cwd,
        env={"DJANGO_SETTINGS_MODULE": "ogplocal.settings", "PYTHONPATH": str(ROOT), **env},
        capture_output=True,
        text=True,
        check=False,
    )


def _values(env: dict, *names: str) -> dict:
    result = _settings(env, *names)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


@pytest.mark.django_db
def test_healthz_reports_database_reachable(client):
    response = client.get(reverse("healthz"))
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


@pytest.mark.django_db
def test_healthz_answers_over_plain_http_when_https_redirects_everything_else(client, settings):
    settings.SECURE_SSL_REDIRECT = True

    assert client.get(reverse("healthz")).status_code == 200
    assert client.get(reverse("home")).status_code == 301


@pytest.mark.django_db
def test_home_page_renders_in_english(client):
    response = client.get(reverse("home"))
    assert response.status_code == 200
    assert b'lang="en"' in response.content


# --- SECRET_KEY -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "key",
    [
        None,
        "django-insecure-ogplocal-development-key-not-for-production",
        "too-short-" + "x" * 20,
        "ab" * 40,
    ],
    ids=["missing", "development", "short", "few-distinct-characters"],
)
def test_gunicorn_refuses_to_start_with_debug_off_and_a_weak_secret_key(key):
    env = {k: v for k, v in PRODUCTION.items() if k != "SECRET_KEY"}
    if key is not None:
        env["SECRET_KEY"] = key

    result = subprocess.run(
        [sys.executable, "-c", "import ogplocal.wsgi"],
        cwd=ROOT,
        env={"DJANGO_SETTINGS_MODULE": "ogplocal.settings", "PYTHONPATH": str(ROOT), **env},
        capture_output=True,
        text=True,
        check=False,
    )

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "SECRET_KEY is missing, the development key or too weak" in result.stderr


def test_management_commands_refuse_to_run_with_debug_off_and_no_secret_key():
    env = {k: v for k, v in PRODUCTION.items() if k != "SECRET_KEY"}

    result = subprocess.run(
        [sys.executable, "manage.py", "migrate", "--plan"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )

    assert result.returncode != 0
    assert "ogplocal.E002" in result.stderr


def test_celery_worker_refuses_to_start_with_debug_off_and_no_secret_key():
    env = {k: v for k, v in PRODUCTION.items() if k != "SECRET_KEY"}
    code = (
        "from celery.signals import worker_init; import ogplocal.celery; "
        "worker_init.send(sender=None)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={"DJANGO_SETTINGS_MODULE": "ogplocal.settings", "PYTHONPATH": str(ROOT), **env},
        capture_output=True,
        text=True,
        check=False,
    )

    assert result.returncode != 0
    assert "SECRET_KEY is missing" in result.stderr


def test_nothing_can_sign_with_a_weak_secret_key():
    env = {k: v for k, v in PRODUCTION.items() if k != "SECRET_KEY"}
    env["SECRET_KEY"] = "django-insecure-ogplocal-development-key-not-for-production"

    result = _settings(env, "SECRET_KEY")

    assert result.returncode != 0
    assert "The SECRET_KEY setting must not be empty" in result.stderr


def test_the_scenario_command_needs_no_secret_key():
    scenario = ROOT.parent / "shared" / "scenarios" / "02-tracker-not-updated.json"

    result = subprocess.run(
        [sys.executable, "manage.py", "member_status", "--scenario", str(scenario)],
        cwd=ROOT,
        env={"PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=False,
    )

    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["status"] == "inactive"


def test_settings_load_with_debug_off_and_a_real_secret_key():
    assert _values(PRODUCTION, "DEBUG") == {"DEBUG": False}


def test_settings_use_the_development_key_only_with_debug_on():
    values = _values({"PATH": "/usr/bin:/bin", "DEBUG": "true"}, "SECRET_KEY")
    assert values["SECRET_KEY"].startswith("django-insecure-")


def test_a_dot_env_file_is_not_read_with_debug_off(tmp_path):
    # A stray .env (here: beside a copy of manage.py's directory layout) must not configure
    # production. The settings read BASE_DIR/.env, so give them a BASE_DIR with one.
    (tmp_path / "ogplocal").mkdir()
    for name in ("__init__.py", "settings.py"):
        (tmp_path / "ogplocal" / name).write_text((ROOT / "ogplocal" / name).read_text())
    (tmp_path / ".env").write_text("SITE_NAME=From the dot env\n")
    env = {**PRODUCTION, "PYTHONPATH": str(tmp_path)}

    def site_name(extra: dict) -> str:
        result = subprocess.run(
            [sys.executable, "-c", "from ogplocal import settings; print(settings.SITE_NAME)"],
            cwd=tmp_path,
            env={**env, **extra},
            capture_output=True,
            text=True,
            check=False,
        )
        assert result.returncode == 0, result.stderr
        return result.stdout.strip()

    assert site_name({}) == "OGP Local"
    assert site_name({"DEBUG": "true"}) == "From the dot env"


def test_deploy_check_fails_with_the_development_secret_key():
    env = {k: v for k, v in PRODUCTION.items() if k != "SECRET_KEY"}
    env["SECRET_KEY"] = "django-insecure-ogplocal-development-key-not-for-production"
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr + result.stdout


def test_deploy_check_passes_with_production_values():
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=PRODUCTION,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr + result.stdout


# --- The cache ------------------------------------------------------------------------------


def test_the_cache_is_redis_when_the_broker_is_redis():
    caches = _values(PRODUCTION, "CACHES")["CACHES"]
    assert caches["default"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache"
    assert caches["default"]["LOCATION"] == "redis://127.0.0.1:6379/0"


def test_cache_url_chooses_the_cache():
    caches = _values({**PRODUCTION, "CACHE_URL": "redis://cache.internal:6379/1"}, "CACHES")
    assert caches["CACHES"]["default"]["LOCATION"] == "redis://cache.internal:6379/1"


def test_the_embedded_default_cache_is_local_memory():
    caches = _values({"PATH": "/usr/bin:/bin", "DEBUG": "true"}, "CACHES")["CACHES"]
    assert caches["default"]["BACKEND"] == "django.core.cache.backends.locmem.LocMemCache"


def test_the_redis_cache_is_shared_between_processes():
    """What two gunicorn workers see: a count one process writes, another reads."""
    import redis

    url = os.environ.get("CACHE_URL") or "redis://127.0.0.1:6379/1"
    try:
        redis.Redis.from_url(url, socket_connect_timeout=1).ping()
    except redis.exceptions.ConnectionError:
        from tests.conftest import require_service

        require_service(False, f"Redis at {url}")
    key = f"ogplocal-test-{secrets.token_hex(8)}"
    code = "from django.core.cache import cache; import sys; {}"
    env = {**PRODUCTION, "CACHE_URL": url}

    def run(statement: str) -> str:
        result = subprocess.run(
            [sys.executable, "-c", "import django; django.setup(); " + code.format(statement)],
            cwd=ROOT,
            env={**env, "DJANGO_SETTINGS_MODULE": "ogplocal.settings", "PYTHONPATH": str(ROOT)},
            capture_output=True,
            text=True,
            check=False,
        )
        assert result.returncode == 0, result.stderr
        return result.stdout.strip()

    run(f"cache.set({key!r}, 4, 30)")
    assert run(f"print(cache.incr({key!r}))") == "5"
    run(f"cache.delete({key!r})")


# --- The trusted proxy ----------------------------------------------------------------------


def test_trusted_proxy_count_reaches_allauth():
    values = _values({**PRODUCTION, "TRUSTED_PROXY_COUNT": "1"}, "ALLAUTH_TRUSTED_PROXY_COUNT")
    assert values == {"ALLAUTH_TRUSTED_PROXY_COUNT": 1}


def test_no_proxy_is_trusted_by_default():
    assert _values(PRODUCTION, "ALLAUTH_TRUSTED_PROXY_COUNT") == {"ALLAUTH_TRUSTED_PROXY_COUNT": 0}


# --- Deployment checks ----------------------------------------------------------------------


def test_deploy_check_fails_without_a_celery_broker_when_debug_is_off(settings):
    settings.DEBUG = False
    settings.CELERY_BROKER_URL = ""

    (error,) = check_celery_broker(None)

    assert isinstance(error, Error)
    assert error.id == "ogplocal.E001"


def test_deploy_check_accepts_a_celery_broker(settings):
    settings.DEBUG = False
    settings.CELERY_BROKER_URL = "redis://redis:6379/0"

    assert check_celery_broker(None) == []


def test_deploy_check_warns_about_a_cache_local_to_each_process(settings):
    settings.DEBUG = False
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

    (warning,) = check_shared_cache(None)

    assert isinstance(warning, Warning)
    assert warning.id == "ogplocal.W001"


def test_manage_py_check_deploy_fails_without_a_broker():
    env = {k: v for k, v in PRODUCTION.items() if k != "CELERY_BROKER_URL"}
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "ogplocal.E001" in result.stderr


# --- The image ------------------------------------------------------------------------------


def _docker_ignores(path: str) -> bool:
    """Docker's rule for a top-level file: the last matching line wins, `!` re-includes."""
    ignored = False
    for line in (ROOT / ".dockerignore").read_text().splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        negate = line.startswith("!")
        if fnmatch.fnmatchcase(path, line.lstrip("!").lstrip("/")):
            ignored = not negate
    return ignored


def test_dockerignore_keeps_env_files_out_of_the_image_but_the_example():
    assert _docker_ignores(".env")
    assert _docker_ignores(".env.production")
    assert not _docker_ignores(".env.production.example")
    assert not _docker_ignores("manage.py")


def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _dockerfile_health_check() -> str:
    (line,) = [
        line
        for line in (ROOT / "Dockerfile").read_text().splitlines()
        if line.startswith("HEALTHCHECK")
    ]
    return line.split(" CMD ", 1)[1]


def test_the_image_health_check_passes_under_production_settings(tmp_path):
    """gunicorn as docker-compose runs it (DEBUG off, HTTPS, behind the proxy, a real host name),
    and the Dockerfile's HEALTHCHECK command exactly as the container runs it."""
    gunicorn = Path(sys.executable).with_name("gunicorn")
    port = _free_port()
    env = {
        **PRODUCTION,
        "PATH": f"{Path(sys.executable).parent}:/usr/bin:/bin",
        "ALLOWED_HOSTS": "local.example.org,www.local.example.org",
        "BEHIND_TLS_PROXY": "true",
        "TRUSTED_PROXY_COUNT": "1",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "PORT": str(port),
    }
    server = subprocess.Popen(
        [str(gunicorn), "ogplocal.wsgi:application", "--bind", f"127.0.0.1:{port}", "-w", "1"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        import time

        result = None
        for _ in range(80):
            result = subprocess.run(
                ["sh", "-c", _dockerfile_health_check()],
                cwd=ROOT,
                env=env,
                capture_output=True,
                text=True,
                check=False,
            )
            if result.returncode == 0 or "answered" in result.stderr:
                break
            time.sleep(0.25)
        assert result.returncode == 0, result.stderr
    finally:
        server.terminate()
        server.wait(timeout=10)
