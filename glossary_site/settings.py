"""Settings for the glossary site, all read from the environment.

Development (``make run``) sets DJANGO_DEBUG=1 and needs nothing else. Production refuses to
start without DJANGO_SECRET_KEY and DJANGO_ALLOWED_HOSTS; see the README for every variable.
"""

import os
import secrets
import sys
from importlib.util import find_spec
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG")

# The development key is only ever used with DEBUG on; production must bring its own.
DEVELOPMENT_SECRET_KEY = "django-insecure-development-only-never-used-when-debug-is-off"  # noqa: S105
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        # One line on stderr and a non-zero exit, rather than a traceback.
        sys.exit(
            "DJANGO_SECRET_KEY is not set: set it to a long random string "
            "(or set DJANGO_DEBUG=1 for local development)."
        )
    SECRET_KEY = DEVELOPMENT_SECRET_KEY

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]" if DEBUG else "")
if not DEBUG and not ALLOWED_HOSTS:
    sys.exit("DJANGO_ALLOWED_HOSTS is not set: set it to the site's host names, comma-separated.")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

# The public address of the site, used for absolute links in emails and feeds.
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
# With DEBUG off an http:// SITE_URL fails a system check (glossary_site/checks.py) unless this
# says the site is served on this machine only (make serve, the benchmarks, the tests).
ALLOW_HTTP_SITE_URL = env_bool("ALLOW_HTTP_SITE_URL")
# The picture shared links show when a page has none of its own (og:image): a static file's
# path, or an absolute https:// address. Terms get their own (terms/share_images.py).
SHARE_IMAGE_DEFAULT = os.environ.get("SHARE_IMAGE_DEFAULT", "img/share-default.png")
SITE_NAME = os.environ.get("SITE_NAME", "The AI Glossary")

INSTALLED_APPS = [
    # django.contrib.admin, with the site's admin site: the dashboard as its home page.
    "glossary_site.apps.AdminConfig",
    # Sections named for people (glossary_site/admin_sections.py): "Users and roles", "Tags".
    "glossary_site.admin_sections.UsersConfig",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.postgres",
    "glossary_site.admin_sections.TagsConfig",
    "markdownx",
    "reversion",
    # Drag-and-drop order of a term's related terms in the admin.
    "adminsortable2",
    "django_tasks",
    "glossary_site.admin_sections.BackgroundTasksConfig",
    "anymail",
    "terms",
    "subscriptions",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Static files, straight after the security middleware as WhiteNoise asks, served from
    # their own compressed copies (GZipMiddleware below never sees them).
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Compresses what the page cache does not already send compressed.
    "django.middleware.gzip.GZipMiddleware",
    # Stored reader pages are answered here, before anything else runs: a stored page keeps
    # the CSP and Permissions-Policy headers it was made with (policies without nonces), so
    # serving it costs one cache read (benchmarks/serve.py measures it).
    "glossary_site.page_cache.PageCacheMiddleware",
    # Outside everything else that may answer early (400s, 503s), so every page has them.
    "csp.middleware.CSPMiddleware",
    "glossary_site.security_headers.PermissionsPolicyMiddleware",
    "glossary_site.request_hygiene.ControlCharacterMiddleware",
    "glossary_site.database_outage.DatabaseOutageMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Admin pages in the editor's own time zone (EditorPreference), for shown and typed times.
    "terms.editor_time_zone.EditorTimeZoneMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

# For benchmarks only: benchmarks/serve.py sets benchmarks.urls (the site plus a constant
# "floor" page to compare against); deployments leave it unset.
ROOT_URLCONF = os.environ.get("DJANGO_ROOT_URLCONF", "glossary_site.urls")
WSGI_APPLICATION = "glossary_site.wsgi.application"

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
                "terms.context_processors.site",
            ],
            # {% url %} remembered per process (glossary_site/addresses.py).
            "builtins": ["glossary_site.url_tag"],
        },
    },
]

# Seconds PostgreSQL lets one statement run (0: no limit; for long maintenance commands).
DATABASE_STATEMENT_TIMEOUT = float(os.environ.get("DATABASE_STATEMENT_TIMEOUT", "15"))
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Wait for a writer instead of failing at once with "database is locked".
    DATABASES["default"].setdefault("OPTIONS", {})["timeout"] = 20
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    options = DATABASES["default"].setdefault("OPTIONS", {})
    # A database that refuses, drops packets or hangs must cost a request seconds, not a
    # worker for minutes (glossary_site/database_outage.py answers 503 meanwhile):
    # - connect_timeout: giving up on a new connection (libpq's minimum is 2 s);
    # - tcp_user_timeout: dropping an open connection whose packets go unacknowledged;
    # - keepalives: noticing a dead idle connection kept between requests;
    # - statement_timeout: the server cancels a query that runs too long (0: never).
    options.setdefault("connect_timeout", int(os.environ.get("DATABASE_CONNECT_TIMEOUT", "3")))
    options.setdefault(
        "tcp_user_timeout", int(float(os.environ.get("DATABASE_TCP_TIMEOUT", "5")) * 1000)
    )
    options.setdefault("keepalives", 1)
    options.setdefault("keepalives_idle", 30)
    options.setdefault("keepalives_interval", 5)
    options.setdefault("keepalives_count", 3)
    # Our backend: Django's, plus a deadline on every wait for the server's answer
    # (DATABASE_ANSWER_TIMEOUT below), for a server that keeps connections open but is frozen.
    DATABASES["default"]["ENGINE"] = "glossary_site.postgresql"
    # No JIT compilation: it starts when a query's estimated cost is high, and for the short
    # queries of a web request it costs far more than it saves (a search query planned as
    # expensive took 20 ms to run after 320 ms of compiling).
    # pg_trgm's "%" finds spelling-correction candidates from 0.2 alike, not 0.3: a swap of
    # two letters ("wieght") leaves a word only 0.27 like itself (terms.search.spelling).
    options["options"] = (
        f"{options.get('options', '')} -c jit=off"
        f" -c statement_timeout={int(DATABASE_STATEMENT_TIMEOUT * 1000)}"
        " -c pg_trgm.similarity_threshold=0.2"
    ).strip()
# Seconds to wait for any answer from PostgreSQL on an open connection before giving up on it:
# by default the statement timeout plus 5 s (the server cancels a slow query first); none
# when the statement timeout is off.
DATABASE_ANSWER_TIMEOUT = float(
    os.environ.get(
        "DATABASE_ANSWER_TIMEOUT",
        str(DATABASE_STATEMENT_TIMEOUT + 5 if DATABASE_STATEMENT_TIMEOUT else 0),
    )
)
# Retry-After on 503 answers while the database is unavailable, and how long a process then
# answers 503 without trying the database again.
DATABASE_RETRY_AFTER = int(os.environ.get("DATABASE_RETRY_AFTER", "5"))
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = os.environ.get("REDIS_URL", "")
if not DEBUG and not REDIS_URL and not env_bool("DJANGO_SINGLE_PROCESS"):
    # Rate limits and the newsletter copy live in the cache: with several processes, each
    # would have its own. A one-process deployment can say so with DJANGO_SINGLE_PROCESS=1.
    sys.exit(
        "REDIS_URL is not set: production needs a cache shared by all processes "
        "(or set DJANGO_SINGLE_PROCESS=1 if only one process ever runs)."
    )
if REDIS_URL:
    # Redis, or while it does not answer, each process's local memory (glossary_site/cache.py):
    # a cache outage never takes a page down. Short socket timeouts so a hung Redis costs a
    # request at most a fraction of a second before the process stops asking for a while.
    CACHES = {
        "default": {
            "BACKEND": "glossary_site.cache.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "glossary",
            "OPTIONS": {
                "socket_connect_timeout": float(os.environ.get("REDIS_CONNECT_TIMEOUT", "0.5")),
                "socket_timeout": float(os.environ.get("REDIS_SOCKET_TIMEOUT", "0.5")),
                "RETRY_AFTER": float(os.environ.get("REDIS_RETRY_AFTER", "5")),
                # After an outage, stored pages may predate a change some process could not
                # announce: start a new content generation (glossary_site/page_cache.py).
                "INVALIDATE_ON_RECOVERY": ["pages:generation"],
            },
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Proxies in front of the app that append the client's address to X-Forwarded-For (0: none,
# REMOTE_ADDR is the client): whom signup limits and the search log count (glossary_site/clients).
# NEWSLETTER_TRUSTED_PROXY_COUNT is its former name, still read.
TRUSTED_PROXY_COUNT = int(
    os.environ.get("TRUSTED_PROXY_COUNT", os.environ.get("NEWSLETTER_TRUSTED_PROXY_COUNT", "0"))
)

# Reader pages (glossary_site/page_cache.py): how long a made page may stay in the shared cache
# (0: never stored; HTTP caching headers still apply), and what anonymous reader responses
# tell browsers (max-age) and shared caches or CDNs (s-maxage). Both are capped by the next
# scheduled go-live or expiry.
# On by default only with Redis: a local-memory cache is not shared with commands (an import, the
# demo loader) whose changes must reach the pages; and off in development, where templates
# change under a running server.
PAGE_CACHE_SECONDS = int(
    os.environ.get("PAGE_CACHE_SECONDS", "86400" if REDIS_URL and not DEBUG else "0")
)
# Data several reader pages show (A–Z and category counts, the letter strip), kept in the
# cache until content changes (page_cache.until_content_changes); on whenever pages could be.
PAGE_CACHE_DATA = env_bool("PAGE_CACHE_DATA", default=bool(REDIS_URL) and not DEBUG)
# How many of those values each process also remembers in its own memory (most recently used),
# checked against the content generation every request reads anyway: no cache read for them.
PAGE_CACHE_DATA_LOCAL = int(os.environ.get("PAGE_CACHE_DATA_LOCAL", "2000"))
# How many stored pages each process also keeps in its own memory (most recently used; a few
# KB each, gzipped), served while the content generation read on each request is theirs.
PAGE_CACHE_LOCAL = int(os.environ.get("PAGE_CACHE_LOCAL", "500"))
HTTP_CACHE_MAX_AGE = int(os.environ.get("HTTP_CACHE_MAX_AGE", "60"))
HTTP_CACHE_S_MAXAGE = int(os.environ.get("HTTP_CACHE_S_MAXAGE", "300"))
HTTP_CACHE_STALE_WHILE_REVALIDATE = int(os.environ.get("HTTP_CACHE_STALE_WHILE_REVALIDATE", "60"))
HTTP_CACHE_STALE_IF_ERROR = int(os.environ.get("HTTP_CACHE_STALE_IF_ERROR", "86400"))
# Optional: front caches (Varnish, a CDN's purge endpoint) told to drop changed pages
# (glossary_site/frontend_cache.py), e.g. "http://varnish:6081".
FRONTEND_CACHE_PURGE_URLS = env_list("FRONTEND_CACHE_PURGE_URLS")
FRONTEND_CACHE_PURGE_METHOD = os.environ.get("FRONTEND_CACHE_PURGE_METHOD", "PURGE")

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = os.environ.get("DJANGO_TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True
# Times that name their zone ("9:41 a.m. EST"): editors each read times in their own zone.
FORMAT_MODULE_PATH = ["glossary_site.formats"]

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT", BASE_DIR / "staticfiles"))
MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT", BASE_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "glossary_site.static_files.StaticFilesStorage"
        )
    },
}

# Email: the console in development, SMTP in production.
EMAIL_BACKEND = os.environ.get(
    "DJANGO_EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL")
EMAIL_TIMEOUT = 10
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "The AI Glossary <hello@localhost>")
SERVER_EMAIL = os.environ.get("SERVER_EMAIL", DEFAULT_FROM_EMAIL)

# Markdown: one rendering function for pages and the admin preview; staff-only views.
MARKDOWNX_MARKDOWNIFY_FUNCTION = "terms.rendering.render_markdown"
MARKDOWNX_URLS_PATH = "/admin/markdownx/markdownify/"
MARKDOWNX_UPLOAD_URLS_PATH = "/admin/markdownx/upload/"
MARKDOWNX_MEDIA_PATH = "terms/images/"
MARKDOWNX_UPLOAD_MAX_SIZE = 5 * 1024 * 1024
MARKDOWNX_SERVER_CALL_LATENCY = 400
# Uploads larger than this many pixels are refused before decoding (decompression bombs).
GLOSSARY_UPLOAD_MAX_PIXELS = 40_000_000

TAGGIT_CASE_INSENSITIVE = True

# The editors' desk (terms/health.py, terms/notifications.py): a published term is due for a
# review this many months after it goes live, unless an editor sets a later date.
TERM_REVIEW_MONTHS = int(os.environ.get("TERM_REVIEW_MONTHS", "12"))

# Security: production defaults, relaxed only by DEBUG.
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SESSION_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_HSTS_SECONDS = int(
    os.environ.get("DJANGO_SECURE_HSTS_SECONDS", "0" if DEBUG else "31536000")
)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env_bool("DJANGO_SECURE_HSTS_PRELOAD")
if env_bool("DJANGO_BEHIND_PROXY"):
    # Only when a trusted proxy sets this header (and strips it from clients).
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
}


# --- Search log ("Wanted terms", terms/search/log.py) ---
# Days a search is kept in the log; `manage.py purge_search_log` deletes older ones.
SEARCH_LOG_DAYS = int(os.environ.get("SEARCH_LOG_DAYS", "90"))
# Seconds in which one client's identical searches count once (a salted hash in the cache).
SEARCH_LOG_DEDUPE_SECONDS = int(os.environ.get("SEARCH_LOG_DEDUPE_SECONDS", "600"))


# --- Newsletter ---
from urllib.parse import urlsplit  # noqa: E402 (kept inside this block on purpose)

# Emails go out after commit through a background task (django-tasks). In development the
# immediate backend runs it inside the request, so `make run` needs no worker; otherwise the
# database backend queues it for `manage.py db_worker` (`make worker`).
TASKS = {
    "default": {
        "BACKEND": os.environ.get(
            "DJANGO_TASKS_BACKEND",
            "django_tasks.backends.immediate.ImmediateBackend"
            if DEBUG
            else "django_tasks_db.DatabaseBackend",
        )
    }
}
# Confirm links expire after this many seconds (7 days); unsubscribe links never do.
NEWSLETTER_CONFIRM_MAX_AGE = int(os.environ.get("NEWSLETTER_CONFIRM_MAX_AGE", str(7 * 24 * 3600)))
# Rate limits, counted in the cache: signups per client IP per hour; per address, at most one
# confirmation email per interval (seconds) and this many a day.
NEWSLETTER_SIGNUPS_PER_IP_PER_HOUR = int(os.environ.get("NEWSLETTER_SIGNUPS_PER_IP_PER_HOUR", "5"))
NEWSLETTER_ADDRESS_EMAIL_INTERVAL = int(os.environ.get("NEWSLETTER_ADDRESS_EMAIL_INTERVAL", "600"))
NEWSLETTER_ADDRESS_EMAILS_PER_DAY = int(os.environ.get("NEWSLETTER_ADDRESS_EMAILS_PER_DAY", "3"))
# A failed confirmation email is retried after 1, 2, 4, … minutes (at most an hour apart).
NEWSLETTER_SEND_RETRY_DELAY = int(os.environ.get("NEWSLETTER_SEND_RETRY_DELAY", "60"))
NEWSLETTER_SEND_RETRY_MAX_DELAY = int(os.environ.get("NEWSLETTER_SEND_RETRY_MAX_DELAY", "3600"))
NEWSLETTER_SEND_MAX_ATTEMPTS = int(os.environ.get("NEWSLETTER_SEND_MAX_ATTEMPTS", "24"))
# Unconfirmed signups older than this are deleted by `manage.py purge_pending`.
NEWSLETTER_PENDING_MAX_DAYS = int(os.environ.get("NEWSLETTER_PENDING_MAX_DAYS", "30"))
# The List-Id header's identifier (RFC 2919).
NEWSLETTER_LIST_ID = os.environ.get(
    "NEWSLETTER_LIST_ID", f"newsletter.{urlsplit(SITE_URL).hostname or 'localhost'}"
)
# Sending an issue (subscriptions/sending.py): the sender, emails per minute (0: as fast as the
# mail server takes them), messages per batch (one task and one mail connection each), and how
# long a batch may go silent before another worker resumes the send.
NEWSLETTER_FROM_EMAIL = os.environ.get("NEWSLETTER_FROM_EMAIL", DEFAULT_FROM_EMAIL)
NEWSLETTER_SEND_RATE = int(os.environ.get("NEWSLETTER_SEND_RATE", "600"))
NEWSLETTER_SEND_BATCH_SIZE = int(os.environ.get("NEWSLETTER_SEND_BATCH_SIZE", "100"))
NEWSLETTER_SEND_STALL_AFTER = int(os.environ.get("NEWSLETTER_SEND_STALL_AFTER", "600"))

# A provider's API instead of SMTP, by configuration alone (django-anymail): EMAIL_PROVIDER names
# an anymail backend (postmark, mailgun, sendgrid, amazon_ses, brevo, …) and every ANYMAIL_<NAME>
# variable becomes ANYMAIL["<NAME>"] (e.g. ANYMAIL_POSTMARK_SERVER_TOKEN, ANYMAIL_WEBHOOK_SECRET).
EMAIL_PROVIDER = os.environ.get("EMAIL_PROVIDER", "").strip().lower()
ANYMAIL = {
    name.removeprefix("ANYMAIL_"): value
    for name, value in os.environ.items()
    if name.startswith("ANYMAIL_") and value
}
if EMAIL_PROVIDER:
    if not EMAIL_PROVIDER.isidentifier() or find_spec(f"anymail.backends.{EMAIL_PROVIDER}") is None:
        sys.exit(f"EMAIL_PROVIDER={EMAIL_PROVIDER!r} is not a provider django-anymail knows.")
    if "DJANGO_EMAIL_BACKEND" not in os.environ:
        EMAIL_BACKEND = f"anymail.backends.{EMAIL_PROVIDER}.EmailBackend"
    if not DEBUG and "WEBHOOK_SECRET" not in ANYMAIL:
        sys.exit(
            "ANYMAIL_WEBHOOK_SECRET is not set: set it to 'user:password' and give the provider "
            "https://user:password@<host>/anymail/<provider>/tracking/ as its webhook."
        )
# Without a secret, anymail would take any request as the provider's: refuse them all instead.
if "WEBHOOK_SECRET" not in ANYMAIL:
    ANYMAIL["WEBHOOK_SECRET"] = f"unset:{secrets.token_urlsafe(32)}"


# --- Security headers: CSP and Permissions-Policy ---
# django-csp 4 (Django's own CSP arrives in 6.0; we stay on 5.2 LTS). One policy for every page,
# the admin and the markdownx editor included: nothing runs or is styled inline (the admin's
# own scripts are files, and our admin markup uses classes), so no page needs 'unsafe-inline'.
# JSON-LD blocks are data, not scripts: CSP does not apply to them.
from csp.constants import NONE, SELF  # noqa: E402 (kept inside this block on purpose)

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        # Nothing unless named below.
        "default-src": [NONE],
        "script-src": [SELF],
        "style-src": [SELF],
        # Uploads are served from this site; editors may also embed images from HTTPS sites
        # (the Markdown renderer allows http(s) image URLs; plain http is blocked here).
        "img-src": [SELF, "https:"],
        # Type-ahead, previews and the signup form; the editor's preview and upload.
        "connect-src": [SELF],
        "form-action": [SELF],
        "base-uri": [NONE],
        "object-src": [NONE],
        "frame-ancestors": [NONE],
    }
}
# Browser features the site never uses, denied to it and to anything it could ever embed.
# Only names Chromium recognises: it logs an error for any other (e.g. "bluetooth").
PERMISSIONS_POLICY = {
    feature: []
    for feature in [
        "accelerometer",
        "autoplay",
        "browsing-topics",
        "camera",
        "captured-surface-control",
        "clipboard-read",
        "compute-pressure",
        "display-capture",
        "encrypted-media",
        "fullscreen",
        "gamepad",
        "geolocation",
        "gyroscope",
        "hid",
        "identity-credentials-get",
        "idle-detection",
        "interest-cohort",
        "local-fonts",
        "magnetometer",
        "microphone",
        "midi",
        "otp-credentials",
        "payment",
        "picture-in-picture",
        "publickey-credentials-create",
        "publickey-credentials-get",
        "screen-wake-lock",
        "serial",
        "storage-access",
        "usb",
        "window-management",
        "xr-spatial-tracking",
    ]
}


# --- Import and export of terms (terms/transfer/) ---
# An upload larger than this is refused before it is read (bytes; 25 MB holds well over
# 10,000 terms in any of the formats).
TRANSFER_MAX_UPLOAD_BYTES = int(os.environ.get("TRANSFER_MAX_UPLOAD_BYTES", str(25 * 1024**2)))
# Terms (CSV rows, JSON entries, Markdown files) in one import.
TRANSFER_MAX_TERMS = int(os.environ.get("TRANSFER_MAX_TERMS", "20000"))
# Members of a zip archive, counted before anything is read from it.
TRANSFER_MAX_FILES = int(os.environ.get("TRANSFER_MAX_FILES", "20000"))
# A zip's members together, uncompressed, and how much smaller than that the archive may be
# (zip bombs): both checked from the archive's directory before reading, and again while
# reading (a directory can lie). Nothing is ever extracted to disk.
TRANSFER_MAX_UNCOMPRESSED_BYTES = int(
    os.environ.get("TRANSFER_MAX_UNCOMPRESSED_BYTES", str(100 * 1024**2))
)
TRANSFER_MAX_COMPRESSION_RATIO = int(os.environ.get("TRANSFER_MAX_COMPRESSION_RATIO", "100"))
