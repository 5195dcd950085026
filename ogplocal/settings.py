"""The one settings module of the portal, configured from the environment (12-factor).

Every value has an embedded default that makes `make run` work on a fresh machine: SQLite under
`var/`, Celery tasks executed in-process, e-mail written to files under `var/mail/`. Production
sets the environment variables listed in README.md (DATABASE_URL, CELERY_BROKER_URL, EMAIL_URL,
SECRET_KEY, DEBUG, ALLOWED_HOSTS, HTTPS, MEDIA_ROOT, ...).
"""

from pathlib import Path

import environ
from django.core.checks.security.base import (
    SECRET_KEY_INSECURE_PREFIX,
    SECRET_KEY_MIN_LENGTH,
    SECRET_KEY_MIN_UNIQUE_CHARACTERS,
)
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()
DEBUG = env.bool("DEBUG", default=False)
# A developer's own overrides may sit in a `.env` file beside manage.py (never committed, never
# copied into the image). It is read only when the process itself says DEBUG=true (`make run`,
# `make totp`): a production process, DEBUG off, never picks up a stray `.env`.
if DEBUG:
    environ.Env.read_env(BASE_DIR / ".env", overwrite=False)
# Demo mode enables the documented demo logins printed by `make run`; never on in production.
DEMO_MODE = env.bool("DEMO_MODE", default=False)

# With DEBUG on (`make run`), an embedded development key. With DEBUG off, a process that serves
# or works refuses to start unless SECRET_KEY is a real key by Django's own measure (`check
# --deploy`, security.W009): at least 50 characters, at least 5 different ones, not the
# `django-insecure-` development key. The settings still load, with SECRET_KEY emptied so that
# Django itself refuses anything that would sign with it, and SECRET_KEY_PROBLEM says why; then
# gunicorn (ogplocal/wsgi.py), the Celery worker and beat (ogplocal/celery.py) and every
# management command that runs the system checks (runserver, migrate, ...: ogplocal.E002) stop
# with that message. What needs no key keeps working: `manage.py member_status --scenario FILE`
# (RULES.md §5) reads a file and prints JSON. The test suite supplies a throwaway random key
# (tests/settings.py); the image build generates one for collectstatic.
_DEV_SECRET_KEY = "django-insecure-ogplocal-development-key-not-for-production"  # noqa: S105
SECRET_KEY = env.str("SECRET_KEY", default=_DEV_SECRET_KEY if DEBUG else "")
# Old keys, during a rotation: sessions, password-reset links and TOTP secrets made with them
# still work (see ogplocal.accounts.adapter.MFAAdapter).
SECRET_KEY_FALLBACKS = env.list("SECRET_KEY_FALLBACKS", default=[])


def _is_production_secret_key(key: str) -> bool:
    return (
        len(key) >= SECRET_KEY_MIN_LENGTH
        and len(set(key)) >= SECRET_KEY_MIN_UNIQUE_CHARACTERS
        and not key.startswith(SECRET_KEY_INSECURE_PREFIX)
    )


SECRET_KEY_PROBLEM = ""
if not DEBUG and not _is_production_secret_key(SECRET_KEY):
    SECRET_KEY_PROBLEM = (
        "SECRET_KEY is missing, the development key or too weak, and DEBUG is off. Set "
        f"SECRET_KEY to a random string of at least {SECRET_KEY_MIN_LENGTH} characters, e.g. "
        "python -c 'import secrets; print(secrets.token_urlsafe(50))', or set DEBUG=true for "
        "development on your own machine."
    )
    SECRET_KEY = ""

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",  # /sitemap.xml of the public pages (issue 22, H5)
    # third-party
    "rules.apps.AutodiscoverRulesConfig",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "axes",
    "csp",
    "django_htmx",
    "django_tables2",
    "django_filters",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_celery_beat",
    "django_countries",  # country names translated in its own catalogues
    # cross-cutting apps of the portal
    "ogplocal.accounts",
    "ogplocal.audit",
    "ogplocal.documents",
    "ogplocal.notifications",  # the e-mail outbox (issue 21, H4)
    "ogplocal.opendata",
    "ogplocal.comments",
    "ogplocal.corrections",
    # domain apps
    "members",
    "actionplans",
    "commitments",
    "monitoring",
    "tracker",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "ogplocal.accounts.middleware.StaffMFARequiredMiddleware",
    "ogplocal.accounts.middleware.AsOfMiddleware",
    # django-axes must come last so that it sees the outcome of every login attempt.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "ogplocal.urls"
WSGI_APPLICATION = "ogplocal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "ogplocal.accounts.context_processors.roles",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------------
DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Accounts -------------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    # django-axes first: it refuses locked-out credentials before anything else checks them.
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"
ACCOUNT_LOGOUT_REDIRECT_URL = "home"

ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_PASSWORD_RESET_BY_CODE_ENABLED = False
ACCOUNT_RATE_LIMITS = {"login_failed": "10/m/ip,5/5m/key"}
# Anyone may create an account to apply to join OGP Local (issue 18); it holds no role until the
# Support Unit gives one (an accepted applicant becomes a point of contact). The public needs no
# account to read. E-mail verification stays mandatory and allauth's rate limits apply to sign-up.
ACCOUNT_ALLOW_SIGNUPS = env.bool("ACCOUNT_ALLOW_SIGNUPS", default=True)
ACCOUNT_ADAPTER = "ogplocal.accounts.adapter.AccountAdapter"
# A password reset asked for an address we do not know sends nothing: the "unknown account" mail
# would point to the sign-up page, which is closed.
ACCOUNT_EMAIL_UNKNOWN_ACCOUNTS = False
# E-mails name the site and its address from here, not from the request's Host (127.0.0.1:8000).
SITE_NAME = env.str("SITE_NAME", default="OGP Local")
ACCOUNT_EMAIL_SUBJECT_PREFIX = f"[{SITE_NAME}] "
# TOTP secrets and recovery-code seeds are encrypted at rest with a key derived from SECRET_KEY.
MFA_ADAPTER = "ogplocal.accounts.adapter.MFAAdapter"
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "OGP Local portal"
# Accept the code of the adjacent 30-second step too (clock drift, slow typing; RFC 6238 §5.2).
MFA_TOTP_TOLERANCE = 1
# Support Unit staff must sign in with a TOTP second factor (production default: on).
STAFF_MFA_REQUIRED = env.bool("STAFF_MFA_REQUIRED", default=not DEBUG)

# django-axes: lock an e-mail + IP pair out after repeated failures (brute-force protection).
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = env.float("AXES_COOLOFF_HOURS", default=1.0)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_FORM_FIELD = "login"
# allauth authenticates with `email=`; without this the lock-out would fall on the IP alone.
AXES_USERNAME_CALLABLE = "ogplocal.accounts.axes.username_from_request"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "account/lockout.html"

# The client's address behind the TLS proxy. TRUSTED_PROXY_COUNT is the number of proxies of ours
# that append to X-Forwarded-For (1 for the one nginx/Caddy/load balancer in front of gunicorn);
# the client is the address that many entries from the right. 0 (the default) ignores the header,
# which a client could otherwise forge, and uses REMOTE_ADDR. allauth (rate limits) and django-axes
# (lock-outs) must agree, so axes asks allauth (ogplocal.accounts.axes.client_ip_address).
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
ALLAUTH_TRUSTED_PROXY_COUNT = TRUSTED_PROXY_COUNT
AXES_CLIENT_IP_CALLABLE = "ogplocal.accounts.axes.client_ip_address"

# --- Internationalisation -------------------------------------------------------------------
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", _("English")),
    ("es", _("Spanish")),
    ("fr", _("French")),
    # One Portuguese throughout: ours, Django's and allauth's catalogues are all Brazilian.
    ("pt-br", _("Portuguese")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

# --- Static files and uploads ---------------------------------------------------------------
STATIC_URL = "static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=VAR_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=VAR_DIR / "media")
_STATIC_MANIFEST = env.bool("STATIC_MANIFEST", default=False)
# Without collectstatic (development, tests), WhiteNoise serves straight from the finders.
WHITENOISE_USE_FINDERS = not _STATIC_MANIFEST
STORAGES = {
    "default": {
        "BACKEND": env.str("FILE_STORAGE", default="django.core.files.storage.FileSystemStorage")
    },
    "staticfiles": {
        # Production images run collectstatic and use hashed, compressed names.
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if _STATIC_MANIFEST
        else "django.contrib.staticfiles.storage.StaticFilesStorage",
    },
}
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

# --- E-mail ---------------------------------------------------------------------------------
# EMAIL_URL: e.g. smtp+tls://user:password@mail.example.org:587; the default writes files.
_email = env.email_url("EMAIL_URL", default="filemail://")
EMAIL_BACKEND = _email["EMAIL_BACKEND"]
EMAIL_HOST = _email["EMAIL_HOST"] or "localhost"
EMAIL_PORT = _email["EMAIL_PORT"] or 25
EMAIL_HOST_USER = _email["EMAIL_HOST_USER"] or ""
EMAIL_HOST_PASSWORD = _email["EMAIL_HOST_PASSWORD"] or ""
EMAIL_USE_TLS = _email.get("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = _email.get("EMAIL_USE_SSL", False)
EMAIL_FILE_PATH = _email["EMAIL_FILE_PATH"] or str(VAR_DIR / "mail")
EMAIL_TIMEOUT = 30
DEFAULT_FROM_EMAIL = env.str(
    "DEFAULT_FROM_EMAIL", default="OGP Local <local@opengovpartnership.org>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL
SUPPORT_UNIT_EMAIL = env.str("SUPPORT_UNIT_EMAIL", default="local@opengovpartnership.org")

# --- Celery ---------------------------------------------------------------------------------
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default="")
CELERY_RESULT_BACKEND = env.str("CELERY_RESULT_BACKEND", default=CELERY_BROKER_URL or None)
# Without a broker, tasks run in-process so that `make run` needs no Redis.
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
# Periodic tasks (the database scheduler copies these in on start; staff may add more in the admin).
CELERY_BEAT_SCHEDULE = {
    # Open data (issue 22): the CSV, JSON and ZIP files are rebuilt once a day, not per request.
    "build-open-data": {"task": "ogplocal.opendata.build", "schedule": 24 * 60 * 60},
}

# --- Cache ----------------------------------------------------------------------------------
# Rate limits (allauth's sign-in and TOTP attempts) live in the cache, so production processes
# must share one: CACHE_URL (e.g. redis://redis:6379/1), else REDIS_URL, else the Celery broker
# when it is Redis. Without any of them (`make run`), memory local to the process.
_REDIS_URL = env.str("REDIS_URL", default="") or (
    CELERY_BROKER_URL if CELERY_BROKER_URL.startswith(("redis://", "rediss://")) else ""
)
CACHES = {"default": env.cache_url("CACHE_URL", default=_REDIS_URL or "locmemcache://")}

# --- REST API -------------------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
    ],
    # Deny unless the django-rules permission the action maps to allows (ogplocal.api.permissions).
    "DEFAULT_PERMISSION_CLASSES": ["ogplocal.api.permissions.RulesPermission"],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "OGP Local portal API",
    "VERSION": "1",
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # Annex 2's vocabularies, one name each however many fields use them.
    "ENUM_NAME_OVERRIDES": {
        "PolicyAreaEnum": "commitments.models.PolicyArea",
        "SectorEnum": "commitments.models.Sector",
    },
}

# --- Security -------------------------------------------------------------------------------
# HTTPS=true in production turns on every transport protection `check --deploy` asks for.
HTTPS = env.bool("HTTPS", default=False)
SECURE_SSL_REDIRECT = HTTPS
# The container's health check asks http://127.0.0.1:8000/healthz from inside: answer it there.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_HSTS_SECONDS = 31_536_000 if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
if env.bool("BEHIND_TLS_PROXY", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"

# Content Security Policy (django-csp): everything is served from our own origin; no CDN.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}

# --- Logging --------------------------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {"django.db.backends": {"level": "INFO"}, "axes": {"level": "WARNING"}},
}
