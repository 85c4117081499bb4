"""Django settings for Heard, configured from environment variables (see README)."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("HEARD_VAR_DIR", BASE_DIR / "var"))
VAR_DIR.mkdir(parents=True, exist_ok=True)


def _env_bool(name: str, default: bool = False) -> bool:
    return os.environ.get(name, "1" if default else "0").lower() in {"1", "true", "yes", "on"}


def _local_secret(name: str, make) -> str:
    """Read a secret from var/, creating it once: local runs need no set-up, production sets env."""
    path = VAR_DIR / name
    if not path.exists():
        path.write_text(make())
        path.chmod(0o600)
    return path.read_text().strip()


def _new_fernet_key() -> str:
    from cryptography.fernet import Fernet

    return Fernet.generate_key().decode()


DEBUG = _env_bool("HEARD_DEBUG")
SECRET_KEY = os.environ.get("HEARD_SECRET_KEY") or _local_secret(
    "secret.key", lambda: secrets.token_urlsafe(50)
)
# Several Fernet keys, newest first, comma-separated: the first encrypts, all decrypt.
FIELD_ENCRYPTION_KEYS = [
    k.strip()
    for k in (
        os.environ.get("HEARD_FIELD_KEYS") or _local_secret("field.keys", _new_fernet_key)
    ).split(",")
    if k.strip()
]
ALLOWED_HOSTS = os.environ.get("HEARD_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_countries",
    "django_htmx",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "csp",
    "django_tasks",
    "django_tasks_db",
    "heard.core",
    "heard.stakeholders",
    "heard.imports",
    "heard.impacts",
    "heard.engagements",
    "heard.councils",
    "heard.feedback",
    "heard.policies",
    "heard.portal",
    "heard.concerns",
    "heard.transparency",
    "heard.requests",
    "heard.insights",
    "heard.insights.dashboards",
    "heard.insights.themes",
    "heard.insights.briefs",
    "heard.insights.disclosure",
    "heard.privacy",
    "heard.webhooks",
    "heard.ops",
    "heard.api",
    "ninja",
]

MIDDLEWARE = [
    # First: it times the whole request and gives every log line the request id.
    "heard.ops.middleware.RequestLogMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "heard.core.security.PublicPostThrottleMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "heard.core.security.SessionExpiryMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "heard.core.middleware.WorkspaceMiddleware",
    # Axes last, as its documentation asks.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "heard.urls"
WSGI_APPLICATION = "heard.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "heard.core.context_processors.workspace",
            ],
            "libraries": {"engagement_checks": "heard.engagements.checks.templatetags"},
        },
    }
]

# --- database
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'heard.sqlite3'}"),
        conn_max_age=int(os.environ.get("HEARD_DB_CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers run beside the one writer; IMMEDIATE avoids "database is locked" upgrades.
    # `optimize=0x10002` on opening (as SQLite advises for long-lived connections) keeps planner
    # statistics current, cheaply (analysis_limit): without them SQLite may pick a workspace-wide
    # index over an organisation's or engagement's own (250 ms instead of 1 ms at 100,000 rows).
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
        "PRAGMA busy_timeout=5000; PRAGMA analysis_limit=1000; PRAGMA optimize=0x10002;",
        "transaction_mode": "IMMEDIATE",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- auth
AUTH_USER_MODEL = "core.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24
SESSION_COOKIE_AGE = 60 * 60 * 12
# Enforced by heard.core.security.SessionExpiryMiddleware: signed out 12 hours after signing in
# (however active) and after 2 hours without a request.
HEARD_SESSION_MAX_AGE = int(os.environ.get("HEARD_SESSION_MAX_AGE", str(SESSION_COOKIE_AGE)))
HEARD_SESSION_IDLE_SECONDS = int(os.environ.get("HEARD_SESSION_IDLE_SECONDS", str(60 * 60 * 2)))
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 1  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
# Django's login form passes the email as `username`; without this axes reads `email` (the
# USERNAME_FIELD), finds nothing, and counts failures per IP address only.
AXES_USERNAME_FORM_FIELD = "username"
AXES_VERBOSE = False
OTP_TOTP_ISSUER = "Heard"

# --- security (HEARD_SECURE=1 behind HTTPS)
SECURE = _env_bool("HEARD_SECURE")
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = SECURE
SESSION_COOKIE_HTTPONLY = True
SECURE_SSL_REDIRECT = SECURE
SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365 if SECURE else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE
# Preloading is hard to undo (browsers ship the list): operators opt in with HEARD_HSTS_PRELOAD=1.
SECURE_HSTS_PRELOAD = SECURE and _env_bool("HEARD_HSTS_PRELOAD")
SILENCED_SYSTEM_CHECKS = [] if SECURE_HSTS_PRELOAD else ["security.W021"]
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if SECURE else None
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Owners must use two-factor in production mode (not in the demo, whose README login has none).
HEARD_OWNER_TWO_FACTOR_REQUIRED = _env_bool("HEARD_OWNER_2FA_REQUIRED", default=SECURE)
# Back-stop limit on POSTs to public pages per client address (heard.core.security).
HEARD_PUBLIC_POST_LIMIT = (int(os.environ.get("HEARD_PUBLIC_POST_LIMIT", "60")), 10 * 60)
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}

# --- uploads
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
HEARD_IMPORT_MAX_BYTES = int(os.environ.get("HEARD_IMPORT_MAX_BYTES", str(60 * 1024 * 1024)))
MEDIA_ROOT = VAR_DIR / "media"

# --- i18n
LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("fr", _("French")), ("es", _("Spanish")), ("ar", _("Arabic"))]
LOCALE_PATHS = [BASE_DIR / "heard" / "locale"]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

# --- static files
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

# --- email: SMTP when EMAIL_HOST is set, else printed to the console
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend"
)
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = _env_bool("EMAIL_USE_TLS", default=bool(EMAIL_HOST))
DEFAULT_FROM_EMAIL = os.environ.get("HEARD_FROM_EMAIL", "Heard <heard@localhost>")
HEARD_BASE_URL = os.environ.get("HEARD_BASE_URL", "http://127.0.0.1:8000")
# Webhooks go to public addresses only; True lets them reach loopback/private ones (tests, dev).
HEARD_WEBHOOKS_ALLOW_PRIVATE = _env_bool("HEARD_WEBHOOKS_ALLOW_PRIVATE")

# --- background tasks: the database backend, run by `heard worker`
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# --- caches; "progress" is file-based so web and worker processes share import progress
# The default cache holds rate-limit counters: web processes must share it, so production sets
# HEARD_CACHE_URL (redis://host:6379/0). The memory cache is per process (fine for one).
CACHES = {
    "default": (
        {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["HEARD_CACHE_URL"],
        }
        if os.environ.get("HEARD_CACHE_URL")
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    ),
    "progress": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": VAR_DIR / "cache" / "progress",
    },
}

# One JSON object per line in production mode, plain text with HEARD_DEBUG=1 (heard/ops/logs.py:
# no emails, names, query strings or bodies in either).
HEARD_LOG_FORMAT = os.environ.get("HEARD_LOG_FORMAT", "text" if DEBUG else "json")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {"()": "heard.ops.logs.JsonFormatter"},
        "text": {"()": "heard.ops.logs.TextFormatter"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "text" if HEARD_LOG_FORMAT == "text" else "json",
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("HEARD_LOG_LEVEL", "INFO")},
    # WeasyPrint logs every rendering step and every CSS property it skips.
    "loggers": {
        "weasyprint": {"level": "ERROR"},
        "fontTools": {"level": "WARNING"},
        # heard.request logs every request; Django's own logger adds only server errors.
        "django.request": {"level": "ERROR"},
    },
}

# --- health (/health): a worker must have shown life within this many minutes
HEARD_HEALTH_WORKER_MINUTES = int(os.environ.get("HEARD_HEALTH_WORKER_MINUTES", "5"))
# 0 lets /health answer 200 while no worker runs (it still reports the worker's state).
HEARD_HEALTH_REQUIRE_WORKER = _env_bool("HEARD_HEALTH_REQUIRE_WORKER", default=True)
HEARD_HEARTBEAT_SECONDS = 30
# Load balancers probe /health over plain HTTP.
SECURE_REDIRECT_EXEMPT = [r"^health$"]

# Reverse proxies in front of Heard whose X-Forwarded-For is trusted for the client address
# (rate limits); 0 means clients connect directly and REMOTE_ADDR is theirs.
HEARD_TRUSTED_PROXIES = int(os.environ.get("HEARD_TRUSTED_PROXIES", "0"))

# --- stakeholder portal: magic links are django-sesame tokens (heard/portal/links.py); a link
# expires after HEARD_PORTAL_LINK_DAYS (the timestamp is signed into the token).
SESAME_MAX_AGE = 60 * 60 * 24 * int(os.environ.get("HEARD_PORTAL_LINK_DAYS", "14"))
SESAME_INVALIDATE_ON_PASSWORD_CHANGE = True  # the portal key stands in for the password
SESAME_ONE_TIME = False  # single use is per link (heard/portal/models.py PortalLinkUse)
