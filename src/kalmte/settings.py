"""Kalmte's settings: one file, every value from the environment with a safe default.

DEBUG defaults to on for the local desk (`make run`); production sets KALMTE_DEBUG=0 and
SECRET_KEY, DATABASE_URL, REDIS_URL, KALMTE_ALLOWED_HOSTS.
"""

from __future__ import annotations

from pathlib import Path

import dj_database_url

from kalmte.lib.env import envbool, envint, envlist, envsecret, envstr

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BASE_DIR.parent.parent
VAR_DIR = Path(envstr("KALMTE_VAR_DIR", str(PROJECT_DIR / "var")))
(VAR_DIR / "static").mkdir(parents=True, exist_ok=True)

DEBUG = envbool("KALMTE_DEBUG", True)
SECRET_KEY = envsecret(
    "SECRET_KEY", debug=DEBUG, dev_default="kalmte-insecure-local-development-key"
)
ALLOWED_HOSTS = envlist("KALMTE_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]", "testserver"])
CSRF_TRUSTED_ORIGINS = envlist("KALMTE_CSRF_TRUSTED_ORIGINS")
SITE_URL = envstr("KALMTE_SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_htmx",
    "channels",
    "django_tasks",
    "django_tasks_db",
    "kalmte.shop",
    "kalmte.accounts",
    "kalmte.conversations",
    "kalmte.api",
    "kalmte.livechat",
    "kalmte.mail",
    "kalmte.coaching",
    "kalmte.workflow",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "kalmte.urls"
ASGI_APPLICATION = "kalmte.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "kalmte.accounts.context_processors.agent",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        envstr("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'kalmte.sqlite3'}",
        conn_max_age=envint("KALMTE_DB_CONN_MAX_AGE", 0),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the web server and the background worker use the file at the same time.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = envstr("REDIS_URL")
if REDIS_URL:
    CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels_redis.core.RedisChannelLayer",
            "CONFIG": {"hosts": [REDIS_URL], "prefix": envstr("KALMTE_CHANNEL_PREFIX", "kalmte")},
        }
    }
else:
    CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}

TASKS = {
    "default": {
        "BACKEND": envstr("KALMTE_TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default"],
    }
}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
LOGIN_URL = "kalmte-login"
LOGIN_REDIRECT_URL = "kalmte-inbox"
LOGOUT_REDIRECT_URL = "kalmte-login"

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", "Nederlands"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = DEBUG

# Security headers and cookies; strict when DEBUG is off.
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if not DEBUG:
    SESSION_COOKIE_SECURE = envbool("KALMTE_SECURE_COOKIES", True)
    CSRF_COOKIE_SECURE = envbool("KALMTE_SECURE_COOKIES", True)
    SECURE_SSL_REDIRECT = envbool("KALMTE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = envint("KALMTE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

EMAIL_BACKEND = envstr("KALMTE_EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = envstr("KALMTE_EMAIL_HOST", "127.0.0.1")
EMAIL_PORT = envint("KALMTE_EMAIL_PORT", 1025)
# Used by Django's file backend (`make run` writes outgoing demo mail there).
EMAIL_FILE_PATH = envstr("KALMTE_EMAIL_FILE_PATH", str(VAR_DIR / "outbox"))
DEFAULT_FROM_EMAIL = envstr("KALMTE_DEFAULT_FROM_EMAIL", "desk@kalmte.localhost")

# Limits at the edges.
KALMTE_MAX_MESSAGE_CHARS = envint("KALMTE_MAX_MESSAGE_CHARS", 5000)
KALMTE_INBOX_PAGE_SIZE = envint("KALMTE_INBOX_PAGE_SIZE", 50)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": envstr("KALMTE_LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "INFO"}},
}

# --- mail ---
MEDIA_ROOT = VAR_DIR / "media"
MEDIA_URL = "/media/"
# Inbound: the SMTP receiver (`kalmte smtpd`) and the IMAP poller (`kalmte fetchmail`).
KALMTE_SMTPD_HOST = envstr("KALMTE_SMTPD_HOST", "127.0.0.1")
KALMTE_SMTPD_PORT = envint("KALMTE_SMTPD_PORT", 2525)
KALMTE_IMAP_HOST = envstr("KALMTE_IMAP_HOST")
KALMTE_IMAP_PORT = envint("KALMTE_IMAP_PORT", 993)
KALMTE_IMAP_SSL = envbool("KALMTE_IMAP_SSL", True)
KALMTE_IMAP_USER = envstr("KALMTE_IMAP_USER")
KALMTE_IMAP_PASSWORD = envstr("KALMTE_IMAP_PASSWORD")
KALMTE_IMAP_FOLDER = envstr("KALMTE_IMAP_FOLDER", "INBOX")
KALMTE_IMAP_SHOP = envstr("KALMTE_IMAP_SHOP")  # slug of the shop the mailbox belongs to
KALMTE_IMAP_INTERVAL = envint("KALMTE_IMAP_INTERVAL", 60)
# Replies come back to reply+<token>@KALMTE_MAIL_DOMAIN; <shop slug>@KALMTE_MAIL_DOMAIN also
# reaches a shop.
KALMTE_MAIL_DOMAIN = envstr("KALMTE_MAIL_DOMAIN", "kalmte.localhost")
KALMTE_MAIL_MAX_BYTES = envint("KALMTE_MAIL_MAX_BYTES", 15 * 1024 * 1024)
KALMTE_MAIL_MAX_ATTACHMENTS = envint("KALMTE_MAIL_MAX_ATTACHMENTS", 10)
KALMTE_MAIL_REFUSED_EXTENSIONS = envlist(
    "KALMTE_MAIL_REFUSED_EXTENSIONS",
    "exe com bat cmd msi scr pif vbs vbe js jse ws wsf wsh ps1 psm1 jar lnk hta cpl dll reg sh".split(),  # noqa: SIM905
)
# A new mail from a known customer with the same subject joins an open conversation this recent.
KALMTE_MAIL_JOIN_DAYS = envint("KALMTE_MAIL_JOIN_DAYS", 14)
# Outbound: failed sends are retried by the background worker with exponential backoff.
KALMTE_MAIL_SEND_ATTEMPTS = envint("KALMTE_MAIL_SEND_ATTEMPTS", 6)
KALMTE_MAIL_RETRY_SECONDS = envint("KALMTE_MAIL_RETRY_SECONDS", 30)

# --- shop data ---
# Proactive order/shipment updates (PLAYBOOK W1): on/off, and at most one per customer per
# this many minutes.
KALMTE_PROACTIVE_UPDATES = envbool("KALMTE_PROACTIVE_UPDATES", True)
KALMTE_PROACTIVE_MIN_INTERVAL_MINUTES = envint("KALMTE_PROACTIVE_MIN_INTERVAL_MINUTES", 10)

# --- livechat ---
# The visitor's signed token (widget) stays valid this long; a new chat starts after it.
KALMTE_CHAT_TOKEN_MAX_AGE = envint("KALMTE_CHAT_TOKEN_MAX_AGE", 30 * 24 * 3600)
# Limits at the edge, counted in Django's cache (fixed one-minute windows).
KALMTE_CHAT_MESSAGES_PER_MINUTE = envint("KALMTE_CHAT_MESSAGES_PER_MINUTE", 20)
KALMTE_CHAT_MESSAGES_PER_MINUTE_PER_IP = envint("KALMTE_CHAT_MESSAGES_PER_MINUTE_PER_IP", 60)
KALMTE_CHAT_STARTS_PER_MINUTE_PER_IP = envint("KALMTE_CHAT_STARTS_PER_MINUTE_PER_IP", 10)
KALMTE_CHAT_CONNECTIONS_PER_IP = envint("KALMTE_CHAT_CONNECTIONS_PER_IP", 20)
# An agent counts as online this long after their workspace socket last spoke.
KALMTE_CHAT_PRESENCE_SECONDS = envint("KALMTE_CHAT_PRESENCE_SECONDS", 90)
# Rate limits, connection counts and agent presence live in Django's cache: per process by
# default; with several server processes point them at one shared cache (e.g. a Redis URL).
KALMTE_CACHE_URL = envstr("KALMTE_CACHE_URL")
if KALMTE_CACHE_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": KALMTE_CACHE_URL,
            "KEY_PREFIX": "kalmte",
        }
    }
