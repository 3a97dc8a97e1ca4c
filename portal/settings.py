"""Settings for the health portal, read from the environment.

`DJANGO_ENV` chooses the defaults: `production` (the default, strict) or
`development` (a local machine). Every variable is listed in `.env.example`.
"""

import datetime
import os
from email.utils import formataddr, parseaddr
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name, default):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if value.lower() in {"1", "true", "yes", "on"}:
        return True
    if value.lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}.")


def env_list(name, default=()):
    value = os.environ.get(name, "")
    items = [item.strip() for item in value.split(",") if item.strip()]
    return items or list(default)


def mailers_from_url(url):
    """Turn EMAIL_URL (smtp://user:pass@host:port, smtps://…, smtp+tls://…,
    console://) into a MAILERS entry."""
    parts = urlsplit(url)
    if parts.scheme == "console":
        return {"BACKEND": "django.core.mail.backends.console.EmailBackend"}
    if parts.scheme not in {"smtp", "smtps", "smtp+tls"}:
        raise ImproperlyConfigured(
            f"EMAIL_URL must start with smtp://, smtp+tls://, smtps:// or console://, "
            f"not {parts.scheme}://."
        )
    if not parts.hostname:
        raise ImproperlyConfigured("EMAIL_URL names no mail host.")
    query = parse_qs(parts.query)
    options = {
        "host": parts.hostname,
        "use_ssl": parts.scheme == "smtps",
        "use_tls": parts.scheme == "smtp+tls",
        "timeout": int(query.get("timeout", ["10"])[0]),
    }
    if parts.port:
        options["port"] = parts.port
    if parts.username:
        options["username"] = unquote(parts.username)
        options["password"] = unquote(parts.password or "")
    return {"BACKEND": "django.core.mail.backends.smtp.EmailBackend", "OPTIONS": options}


DJANGO_ENV = os.environ.get("DJANGO_ENV", "production")
if DJANGO_ENV not in {"production", "development"}:
    raise ImproperlyConfigured("DJANGO_ENV must be 'production' or 'development'.")
PRODUCTION = DJANGO_ENV == "production"

DEBUG = env_bool("DEBUG", default=not PRODUCTION)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if PRODUCTION:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Production needs a long random secret in the "
            "environment (see .env.example), or set DJANGO_ENV=development on a "
            "local machine."
        )
    # Development only: production refuses to start without SECRET_KEY.
    SECRET_KEY = "development-only-secret-key-never-use-it-in-production-0123456789"  # noqa: S105

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", default=() if PRODUCTION else ("localhost", "127.0.0.1"))
if PRODUCTION and not ALLOWED_HOSTS:
    raise ImproperlyConfigured(
        "ALLOWED_HOSTS is not set. Production needs the site's host names, "
        "comma-separated (for example ALLOWED_HOSTS=health.example.org)."
    )
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # Third-party apps first: our admin replaces taggit's Tag admin.
    "taggit",
    "reversion",
    "portal.apps.PortalAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    # Background work (workflow mail): Django's tasks on a database queue.
    "django_tasks_db",
    # Sign-in throttling, recorded in the database (shared by every worker
    # and instance).
    "axes",
    # Two-factor sign-in for staff (time-based codes; portal/admin/two_factor.py).
    "django_otp",
    "django_otp.plugins.otp_totp",
    "portal",
    # Visitors' own accounts, apart from staff (portal/members/).
    "portal.members",
    # The image library: pictures and diagrams placed in page bodies.
    "portal.images",
    "conditions",
    "remedies",
    # The public content API (portal/api/), built on django-ninja, whose
    # Swagger UI files are collected from its app like any other.
    "ninja",
    "portal.api",
]

MIDDLEWARE = [
    # Outermost, so its figures cover the whole response, cached or not.
    "portal.serving.timing.ServerTimingMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Outside the page cache and WhiteNoise, so every response gets them.
    "portal.serving.headers.SecurityHeadersMiddleware",
    "portal.uploads.RequestSizeLimitMiddleware",
    "portal.serving.headers.RefuseNulBytesMiddleware",
    # WhiteNoise right after SecurityMiddleware, so static files skip the rest.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # The API's CORS, rate limit and API keys; outside the conditional GET,
    # so its 304s carry the same headers.
    "portal.api.fair_use.ApiMiddleware",
    # ETags and 304 answers for every page, cached or not.
    "django.middleware.http.ConditionalGetMiddleware",
    "portal.caching.page_cache.AnonymousPageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    # Last, as django-axes asks: it turns a lockout into the lockout page.
    "axes.middleware.AxesMiddleware",
]

# Sign-in throttling (django-axes, with the counts in portal/admin/sign_in.py; the
# README's "Sign-in throttling" says why). Five failures from one client
# address pause sign-in from it for 15 minutes. Failures against one name
# from anywhere never lock it: past five in a day, each try waits twice as
# long as the last (1, 2, 4 … up to 15 minutes), except from an address the
# name has signed in from. A success forgets only its own (name, address)
# failures. Attempts live in the database, so every worker and instance sees
# them. The page never says whether an account exists; each lockout is
# logged (axes.watch_login) without the name or address, which the
# AccessAttempt records keep for staff.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Superusers must sign in with a code from an authenticator app (on by
# default in production); any member of staff may turn it on for themselves.
TWO_FACTOR_REQUIRED_FOR_SUPERUSERS = env_bool("TWO_FACTOR_REQUIRED_FOR_SUPERUSERS", PRODUCTION)
AXES_HANDLER = "portal.admin.sign_in.SignInHandler"
AXES_FAILURE_LIMIT = int(os.environ.get("LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = datetime.timedelta(minutes=int(os.environ.get("LOGIN_LOCKOUT_MINUTES", "15")))
# The address alone: a name is never locked by axes (a stranger could lock
# its owner out); SignInHandler delays it instead.
AXES_LOCKOUT_PARAMETERS = ["ip_address"]
# A success clears only its (name, address) pair (SignInHandler): with
# axes's own reset it wiped the address's failures against every name.
AXES_RESET_ON_SUCCESS = True
# Tries refused while waiting are not counted, so they do not lengthen the wait.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
# Each failure with its time, for the name's delay (kept one day, then
# deleted by SignInHandler).
AXES_ENABLE_ACCESS_FAILURE_LOG = True
AXES_LOCKOUT_CALLABLE = "portal.admin.sign_in.locked_out"
AXES_HTTP_RESPONSE_CODE = 429
# Log lines name the lockout's parameters masked, never the client's details.
AXES_VERBOSE = False
# How many proxies in front of gunicorn append to X-Forwarded-For: every
# per-client limit reads the client's address through them (portal/serving/client_address.py).
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))
# ... and the addresses (or networks) those proxies connect from: a request
# from anywhere else is its own client, whatever its X-Forwarded-For says.
TRUSTED_PROXY_ADDRESSES = [
    entry.strip()
    for entry in os.environ.get("TRUSTED_PROXY_ADDRESSES", "127.0.0.1,::1").split(",")
    if entry.strip()
]
AXES_CLIENT_IP_CALLABLE = "portal.serving.client_address.client_ip"

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

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
                "django.template.context_processors.csp",
                "portal.public.context_processors.site",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        env="DATABASE_URL",
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # One file shared by every worker and thread. WAL lets readers and one
    # writer work at once; IMMEDIATE takes the write lock when a transaction
    # begins, so one that reads and then writes waits its turn (up to
    # `timeout` seconds) instead of failing with "database is locked" (a
    # deferred one cannot wait: SQLite refuses its upgrade at once). NORMAL
    # is safe with WAL: a power cut may lose the last commits, never the file.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        }
    )
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # A database that does not answer fails a request in 3 s instead of the
    # driver's wait of minutes; cached pages and the checker go on answering
    # (portal/caching/content_version.py) and /healthz reports 503.
    postgres_options = DATABASES["default"].setdefault("OPTIONS", {})
    postgres_options.setdefault("connect_timeout", int(os.environ.get("DB_CONNECT_TIMEOUT", "3")))
    # The server cancels a statement that runs longer than this: a runaway
    # query cannot hold a request's thread and connection past the front's
    # 35 s. Off unless set: gunicorn.conf.py sets it for web processes, while
    # migrations and the task worker's builds may rightly take longer on a
    # large site.
    if statement_seconds := int(os.environ.get("DB_STATEMENT_TIMEOUT", "0")):
        postgres_options["options"] = " ".join(
            filter(
                None,
                [
                    postgres_options.get("options", ""),
                    f"-c statement_timeout={statement_seconds * 1000}",
                ],
            )
        )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = os.environ.get("REDIS_URL", "")
CACHE_TIMEOUT_SECONDS = float(os.environ.get("CACHE_TIMEOUT_SECONDS", "0.25"))
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "portal",
            # The cache only speeds pages up: a frozen Redis must cost a
            # request a fraction of a second, not hang it (portal/caching/shared_cache.py).
            "OPTIONS": {
                "socket_connect_timeout": CACHE_TIMEOUT_SECONDS,
                "socket_timeout": CACHE_TIMEOUT_SECONDS,
            },
        }
    }
else:
    # Without Redis, files: every worker on this machine shares them (the
    # content version, cached pages, rate limits), with no server to run.
    # Instances on several machines need REDIS_URL.
    CACHES = {
        "default": {
            # Django's file cache, deleting the least recently read entries
            # when full rather than random ones (portal/caching/file_cache.py).
            "BACKEND": "portal.caching.file_cache.RecentlyUsedFileCache",
            "LOCATION": os.environ.get("CACHE_DIR", str(BASE_DIR / "var" / "cache")),
            # Django's default of 300 entries held about 300 pages: a crawl
            # of 1,000 condition pages left 5 of 300 revisited ones cached.
            # Each store lists the folder (about 18 ms at 5,000 files), so
            # a site larger than that wants REDIS_URL.
            "OPTIONS": {"MAX_ENTRIES": int(os.environ.get("CACHE_MAX_ENTRIES", "5000"))},
        }
    }

# Whole pages for anonymous visitors (portal/caching/page_cache.py). It needs a cache
# every worker shares (Redis, or the files above), so that a publish handled
# by one worker empties it for all.
PAGE_CACHE_ENABLED = env_bool("PAGE_CACHE_ENABLED", default=True)
# Content API requests per client address per 10 minutes without an API key
# (keys carry their own limit, set in the admin).
API_ANONYMOUS_LIMIT = int(os.environ.get("API_ANONYMOUS_LIMIT", "600"))
# After a publish, values kept per content version (the checker's data, the
# A–Z…) are rebuilt on a thread of their own while every request, the one
# that noticed the change included, answers with the previous values
# (portal/caching/content_version.py). Off, the noticing request rebuilds.
REBUILD_IN_BACKGROUND = env_bool("REBUILD_IN_BACKGROUND", default=True)
# The costliest of them (the checker's data, the A–Z, the home page's items,
# the search vocabulary, the sitemap) are built for each new version by the
# task worker (`manage.py db_worker`), not by web processes, which keep the
# previous values meanwhile (portal/caching/precompute.py). Without a running
# worker a web process builds them after PRECOMPUTE_QUEUED_SECONDS.
PRECOMPUTE_IN_WORKER = env_bool("PRECOMPUTE_IN_WORKER", default=True)

# The edge cache (Varnish with portal/serving/varnish/portal.vcl): the
# addresses bans are sent to when content changes, comma-separated. Empty,
# pages say nothing to shared caches beyond what they say today
# (portal/caching/edge.py).
EDGE_CACHE_URLS = [url for url in os.environ.get("EDGE_CACHE_URLS", "").split(",") if url]
# How long the edge keeps a page if no ban reaches it (a ban that fails).
EDGE_MAX_AGE = int(os.environ.get("EDGE_MAX_AGE", "600"))
# How long the edge may serve a page past that while the origin is down.
EDGE_STALE_IF_ERROR = int(os.environ.get("EDGE_STALE_IF_ERROR", "86400"))

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = os.environ.get("TIME_ZONE", "Europe/London")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT") or BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT") or BASE_DIR / "media")
# Uploads (author photos) are served by the portal itself, which shows a
# photo only once its bio is published (portal.uploads); a web server in
# front must not serve MEDIA_ROOT directly.
# A request body larger than this is refused before it is read.
MAX_REQUEST_BYTES = int(os.environ.get("MAX_REQUEST_BYTES", str(6 * 1024 * 1024)))
FILE_UPLOAD_HANDLERS = [
    "portal.uploads.PhotoSizeLimitHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Mail: EMAIL_URL in production; the console in development.
EMAIL_URL = os.environ.get("EMAIL_URL", "" if PRODUCTION else "console://")
if EMAIL_URL:
    MAILERS = {"default": mailers_from_url(EMAIL_URL)}
elif PRODUCTION:
    MAILERS = {"default": mailers_from_url("smtp://localhost:25")}
# Links in mail point here, e.g. https://health.example.org (no trailing slash).
SITE_URL = os.environ.get("SITE_URL", "" if PRODUCTION else "http://127.0.0.1:8000")

# Mail and other work that must not hold up a request run as tasks, stored in
# the database and worked by `manage.py db_worker` (which `make run` starts).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

# Security. Production is strict by default; development runs over plain HTTP.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=PRODUCTION)
# Load balancers probe /healthz over plain HTTP.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
if env_bool("TRUST_X_FORWARDED_PROTO", default=False):
    # Only behind a proxy that sets this header itself.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", 31536000 if PRODUCTION else 0))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=PRODUCTION)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", default=PRODUCTION)
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", default=PRODUCTION)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", default=PRODUCTION)
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
X_FRAME_OPTIONS = "DENY"

# Allowed video hosts for embeds; the Markdown sanitiser and the CSP share it.
VIDEO_EMBED_HOSTS = ["www.youtube-nocookie.com", "player.vimeo.com"]

SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    # Video stills are served from this site: no image comes from a video host.
    "img-src": [CSP.SELF, "data:"],
    "frame-src": [f"https://{host}" for host in VIDEO_EMBED_HOSTS],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # A failing database makes every request log the same traceback: one
    # of each kind per 10 s, with a count of the rest (portal/serving/log_limits.py).
    "filters": {"repeated_errors": {"()": "portal.serving.log_limits.RepeatedErrorFilter"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["repeated_errors"]}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
}

# Taggit: "Cramps" and "cramps" are one tag.
TAGGIT_CASE_INSENSITIVE = True

LOGIN_URL = "admin:login"
# Members log in at /account/log-in/ and land on their account page.
LOGIN_REDIRECT_URL = "members:account"

# Approving content sets its next review date this many days ahead.
REVIEW_INTERVAL_DAYS = int(os.environ.get("REVIEW_INTERVAL_DAYS", "365"))

SITE_NAME = os.environ.get("SITE_NAME", "Clear Health")
# Mail is sent in the site's name, whatever name DEFAULT_FROM_EMAIL carries:
# the variable gives the address only ("Clear Health <noreply@…>").
DEFAULT_FROM_EMAIL = formataddr(
    (SITE_NAME, parseaddr(os.environ.get("DEFAULT_FROM_EMAIL", "noreply@localhost"))[1])
)
SERVER_EMAIL = os.environ.get("SERVER_EMAIL") or DEFAULT_FROM_EMAIL
# Where readers write to (the Contact and Privacy pages name it): by default
# hello@ the domain mail is sent from, so no made-up address reaches a page.
CONTACT_EMAIL = os.environ.get("CONTACT_EMAIL") or (
    "hello@" + parseaddr(DEFAULT_FROM_EMAIL)[1].rpartition("@")[2]
)
# The name authenticator apps show beside the code.
OTP_TOTP_ISSUER = SITE_NAME
SITE_TAGLINE = "Reviewed health information in plain language"
# The numbers the site tells people to call (UK by default: the site is
# en-GB and cites NHS sources). Shown as tap-to-call links.
EMERGENCY_NUMBER = os.environ.get("EMERGENCY_NUMBER", "999")
URGENT_NUMBER = os.environ.get("URGENT_NUMBER", "111")
TAGGIT_TAGS_FROM_STRING = "portal.tagging.parse_tags"

# JSON dumps exact to the microsecond (Django's cut to milliseconds): a
# dumpdata/loaddata backup restores every date as it was (portal.serializers).
SERIALIZATION_MODULES = {
    "json": "portal.serializers.json_exact",
    "jsonl": "portal.serializers.jsonl_exact",
}
