"""Settings for the IL-2 portal, read from the environment.

DJANGO_ENV selects the profile:
- ``development`` (default): DEBUG on, SQLite in ./var, tasks run in-process unless a broker is set,
  a per-checkout secret key generated into ./var/secret_key.
- ``production``: DEBUG off, SECRET_KEY required, secure cookies and HSTS; passes ``check --deploy``.

Every value below can be overridden with the variable of the same name; a malformed value raises
ImproperlyConfigured at start-up instead of being ignored.
"""

from __future__ import annotations

import secrets
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONCE
from django.core.exceptions import ImproperlyConfigured
from whitenoise.compress import Compressor

from il2portal.env import env_bool, env_choice, env_int, env_list, env_str, env_url

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("VAR_DIR", str(BASE_DIR / "var")))

DJANGO_ENV = env_choice("DJANGO_ENV", "development", ("development", "production"))
PRODUCTION = DJANGO_ENV == "production"
DEBUG = env_bool("DEBUG", not PRODUCTION)


def _secret_key() -> str:
    key = env_str("SECRET_KEY")
    if key:
        if PRODUCTION and len(key) < 50:
            raise ImproperlyConfigured("SECRET_KEY must be at least 50 characters in production.")
        return key
    if PRODUCTION:
        raise ImproperlyConfigured("SECRET_KEY is required when DJANGO_ENV=production.")
    # Development: one random key per checkout, kept so sessions survive restarts.
    path = VAR_DIR / "secret_key"
    if path.exists():
        return path.read_text().strip()
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(50)
    path.write_text(key)
    path.chmod(0o600)
    return key


SECRET_KEY = _secret_key()
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", [] if PRODUCTION else ["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "simple_history",
    "axes",
    "csp",
    "il2portal",
    "assays",
    "studies",
    "molecules",
]

SIMPLE_HISTORY_REVERT_DISABLED = True  # the admin shows history read only (il2portal.admin)

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "il2portal.errors.ApiNotFoundMiddleware",  # JSON 404 for unknown /api/ paths, DEBUG or not
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "il2portal.tenancy.LabChoiceMiddleware",
    "il2portal.idempotency.IdempotencyMiddleware",
    "il2portal.webhooks.CallerMiddleware",  # the API token a job started by this request reports to
    "axes.middleware.AxesMiddleware",  # turns a lockout into its 429 answer (il2portal.accounts)
]

ROOT_URLCONF = "il2portal.urls"
WSGI_APPLICATION = "il2portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "builtins": ["il2portal.templatetags.numbers"],  # one number policy on every page
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "il2portal.context_processors.lab_context",
                "il2portal.context_processors.app_nav",
            ],
        },
    },
]

# Database: DATABASE_URL (postgres://... or sqlite:///...). SQLite in ./var by default.
_default_db = f"sqlite:///{VAR_DIR / 'il2portal.sqlite3'}"
DATABASE_URL = env_url("DATABASE_URL", _default_db, ("postgres", "postgresql", "sqlite"))
DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=env_int("CONN_MAX_AGE", 60))}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"].setdefault("OPTIONS", {})["timeout"] = 20
    if not DATABASE_URL.startswith("sqlite://:memory:"):
        Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    # not a check: Django calls its password_changed() on every password save (page, admin,
    # `changepassword`), which revokes the user's personal API tokens
    {"NAME": "il2portal.accounts.RevokeTokensOnPasswordChange"},
]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # refuses locked-out usernames and addresses first
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"  # stored in UTC; pages show the lab's time zone
USE_I18N = False
USE_TZ = True

# Static files: whitenoise serves them. plotly.js is the official "cartesian" partial bundle (the
# trace types the portal draws), vendored from npm in static/vendor (see its README; `make vendor`).
# With STATIC_COLLECTED (production, and `make run`) pages use the files collectstatic wrote: hashed
# names cached for a year as immutable, each with gzip and brotli copies; otherwise (tests, a bare
# runserver) the source folders are served as they are.
STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_COLLECTED = env_bool("STATIC_COLLECTED", PRODUCTION)
if STATIC_COLLECTED:
    WHITENOISE_AUTOREFRESH = False
    WHITENOISE_USE_FINDERS = False
    WHITENOISE_KEEP_ONLY_HASHED_FILES = True  # pages name only hashed files; half the compression work
# source maps are for a developer's browser tools, not worth compressing at every collectstatic
WHITENOISE_SKIP_COMPRESS_EXTENSIONS = (*Compressor.SKIP_COMPRESS_EXTENSIONS, "map")

# Caches: "default" is per process. "analysis" holds results computed by jobs for pages to read (the
# study dashboard's live summaries, studies.live): Redis when there is a broker, so web processes see
# what a worker computed; in-process memory otherwise (the embedded default, jobs run in the request).
_REDIS_CACHE_URL = env_str("REDIS_URL", "") or env_str("CELERY_BROKER_URL", "")
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "analysis": (
        {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": _REDIS_CACHE_URL,
            "KEY_PREFIX": env_str("ANALYSIS_CACHE_PREFIX", "il2"),
        }
        if _REDIS_CACHE_URL.startswith(("redis://", "rediss://"))
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "analysis"}
    ),
}

# Uploaded files (plate-reader originals): FILE_STORAGE_DIR on local disk or a mounted volume.
MEDIA_ROOT = Path(env_str("FILE_STORAGE_DIR", str(VAR_DIR / "media")))
MEDIA_URL = "/media/"  # never served directly: downloads go through views that check the lab
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "il2portal.storage.CollectedStaticFilesStorage"
        if STATIC_COLLECTED
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
MAX_UPLOAD_BYTES = env_int("MAX_UPLOAD_BYTES", 20 * 1024 * 1024)
# A request body (JSON, or a multipart's non-file fields) may be as large as the largest upload plus
# the multipart envelope, so no Django limit sits below MAX_UPLOAD_BYTES.
DATA_UPLOAD_MAX_MEMORY_SIZE = MAX_UPLOAD_BYTES + 64 * 1024
API_MAX_JSON_BYTES = env_int("API_MAX_JSON_BYTES", 2 * 1024 * 1024)  # a JSON request body (413 beyond)
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024  # larger uploads stream to a temporary file
# What an uploaded export or sheet may cost to read (assays.readers.limits); beyond it, a failed import.
UPLOAD_PARSE_TIME_LIMIT_S = env_int("UPLOAD_PARSE_TIME_LIMIT_S", 20)  # below gunicorn's --timeout 60
UPLOAD_PARSE_MEMORY_MB = env_int("UPLOAD_PARSE_MEMORY_MB", 1024)
UPLOAD_MAX_UNCOMPRESSED_MB = env_int("UPLOAD_MAX_UNCOMPRESSED_MB", 64)

# Celery: a broker URL switches to separate workers; without one, tasks run in-process.
CELERY_BROKER_URL = env_url("CELERY_BROKER_URL", None, ("redis", "rediss", "amqp", "memory")) or env_url(
    "REDIS_URL", None, ("redis", "rediss")
)
# Without a broker, jobs run in the web process (il2portal.jobs); Celery itself is never eager.
JOBS_IN_PROCESS = env_bool("JOBS_IN_PROCESS", CELERY_BROKER_URL is None)
CELERY_TASK_ALWAYS_EAGER = False
CELERY_TASK_EAGER_PROPAGATES = False
CELERY_RESULT_BACKEND = None  # job state lives in the Job table, not in a result backend
CELERY_TASK_IGNORE_RESULT = True
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SOFT_TIME_LIMIT = env_int("CELERY_TASK_SOFT_TIME_LIMIT", 300)
CELERY_TASK_TIME_LIMIT = env_int("CELERY_TASK_TIME_LIMIT", 360)
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": CELERY_TASK_TIME_LIMIT * 2}
# Job delivery (il2portal.jobs, README "Real deployment"): each worker runs the outbox dispatcher
# every JOBS_DISPATCH_INTERVAL s; a running job beats every JOBS_HEARTBEAT_SECONDS and is queued
# again when its last beat is older than JOBS_STALE_AFTER (so within about 35 s of its worker's
# death), failing for good after JOBS_MAX_ATTEMPTS attempts.
JOBS_DISPATCHER = env_bool("JOBS_DISPATCHER", True)
JOBS_DISPATCH_INTERVAL = env_int("JOBS_DISPATCH_INTERVAL", 5)
JOBS_SEND_GRACE = env_int("JOBS_SEND_GRACE", 10)
JOBS_REQUEUE_QUEUED_AFTER = env_int("JOBS_REQUEUE_QUEUED_AFTER", 600)
JOBS_HEARTBEAT_SECONDS = env_int("JOBS_HEARTBEAT_SECONDS", 5)
JOBS_STALE_AFTER = env_int("JOBS_STALE_AFTER", 30)
JOBS_MAX_ATTEMPTS = env_int("JOBS_MAX_ATTEMPTS", 3)
# Waiting for a job (il2portal.api.jobs): ``?wait=N`` holds an API answer at most JOBS_MAX_WAIT s
# (keep it well below gunicorn's --timeout), at most JOBS_WAIT_CONCURRENCY requests of one web
# process wait at once (the others answer at once), and an unfinished job's answer says
# ``Retry-After: JOBS_RETRY_AFTER``.
JOBS_MAX_WAIT = env_int("JOBS_MAX_WAIT", 30)
JOBS_WAIT_CONCURRENCY = env_int("JOBS_WAIT_CONCURRENCY", 2)
JOBS_RETRY_AFTER = env_int("JOBS_RETRY_AFTER", 2)
# Webhooks when a job ends (il2portal.webhooks): https to public addresses only unless allowed;
# WEBHOOK_MAX_ATTEMPTS attempts, the n-th retry after WEBHOOK_RETRY_BASE_SECONDS × 2^(n-1).
WEBHOOK_ALLOW_HTTP = env_bool("WEBHOOK_ALLOW_HTTP", False)
WEBHOOK_ALLOW_PRIVATE_ADDRESSES = env_bool("WEBHOOK_ALLOW_PRIVATE_ADDRESSES", False)
WEBHOOK_TIMEOUT_SECONDS = env_int("WEBHOOK_TIMEOUT_SECONDS", 10)
WEBHOOK_MAX_ATTEMPTS = env_int("WEBHOOK_MAX_ATTEMPTS", 6)
WEBHOOK_RETRY_BASE_SECONDS = env_int("WEBHOOK_RETRY_BASE_SECONDS", 30)
if WEBHOOK_MAX_ATTEMPTS < 1 or WEBHOOK_TIMEOUT_SECONDS < 1 or WEBHOOK_RETRY_BASE_SECONDS < 0:
    raise ImproperlyConfigured("WEBHOOK_MAX_ATTEMPTS and WEBHOOK_TIMEOUT_SECONDS must be ≥ 1.")
if not 0 <= JOBS_MAX_WAIT <= 300:
    raise ImproperlyConfigured(f"JOBS_MAX_WAIT={JOBS_MAX_WAIT} must be from 0 to 300 seconds.")
if JOBS_WAIT_CONCURRENCY < 0 or JOBS_RETRY_AFTER < 1:
    raise ImproperlyConfigured("JOBS_WAIT_CONCURRENCY must be ≥ 0 and JOBS_RETRY_AFTER ≥ 1.")
# Email (il2portal.notifications): Django's mail settings from the environment. The default prints
# emails on the console, so `make run` needs no mail server; production sets the SMTP backend.
EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 10)  # seconds; a mail server that hangs never holds a job long
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "IL-2 Portal <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
EMAIL_SUBJECT_PREFIX = env_str("EMAIL_SUBJECT_PREFIX", "[IL-2 Portal] ")
if EMAIL_USE_TLS and EMAIL_USE_SSL:
    raise ImproperlyConfigured(
        "Set only one of EMAIL_USE_TLS (STARTTLS, port 587) and EMAIL_USE_SSL (port 465)."
    )
# The portal's address as people open it (https://portal.example.org): links in emails. Unset, an
# email names the page's path only.
PORTAL_URL = env_url("PORTAL_URL", "", ("http", "https"))
# How often (s) each lab's studies in life are checked for animals at or within a day of a humane
# endpoint (studies.notifications), by the workers' dispatcher; 0 turns it off (then run
# `manage.py notify_endpoints` from cron). Measurements entered are checked at once either way.
NOTIFY_ENDPOINTS_INTERVAL = env_int("NOTIFY_ENDPOINTS_INTERVAL", 3600)
# Idempotency-Key (il2portal.idempotency): how long a duplicate waits for the first request with its
# key before answering 409, and when a reservation whose request never answered is taken over.
IDEMPOTENCY_WAIT_SECONDS = env_int("IDEMPOTENCY_WAIT_SECONDS", 10)
IDEMPOTENCY_STALE_SECONDS = env_int("IDEMPOTENCY_STALE_SECONDS", 300)

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "il2portal.authentication.ApiTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": [
        "rest_framework.permissions.IsAuthenticated",
        "il2portal.permissions.InstrumentTokenLimits",
    ],
    "DEFAULT_PAGINATION_CLASS": "il2portal.api.pagination.Pagination",
    "PAGE_SIZE": 50,
    "DEFAULT_FILTER_BACKENDS": ["il2portal.api.filters.LabScopedFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "il2portal.api.schema.AutoSchema",
    "EXCEPTION_HANDLER": "il2portal.api.errors.exception_handler",
    "DEFAULT_CONTENT_NEGOTIATION_CLASS": "il2portal.api.negotiation.ContentNegotiation",
    # JSON in, except where a file is sent (the plate upload sets its own multipart parser): a generated
    # client sees one media type per body, and a form post to a JSON endpoint is a 415 that says so
    "DEFAULT_PARSER_CLASSES": ["il2portal.api.parsers.BoundedJSONParser"],
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "IL-2 Portal API",
    "DESCRIPTION": "REST API v1 for plate-reader instruments, scripts and analysis jobs.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "ENUM_NAME_OVERRIDES": {
        "JobStatusEnum": "il2portal.models.Job.Status",
        "TestArticleKindEnum": "il2portal.models.TestArticle.Kind",
        "TokenKindEnum": "il2portal.models.ApiToken.Kind",
        "MembershipRoleEnum": "il2portal.models.Membership.Role",
        "InvitedRoleEnum": [("member", "Member"), ("admin", "Admin / PI")],
        "ImportStatusEnum": "assays.models.PlateImport.Status",
        "ReadKindEnum": "assays.models.Read.Kind",
        "WellFlagEnum": "assays.models.Well.Flag",
        "RunKindEnum": "assays.models.AssayRun.Kind",
        "LayoutRoleEnum": "assays.models.LayoutWell.Role",
    },
}

# Accounts and labs.
# Who may create labs: "staff" (default: is_staff users and the admin) or "anyone" signed in.
LAB_CREATION = env_choice("LAB_CREATION", "staff", ("staff", "anyone"))
LAB_INVITATION_DAYS = env_int("LAB_INVITATION_DAYS", 14)  # an unanswered invitation expires
PERSONAL_TOKEN_DAYS = env_int("PERSONAL_TOKEN_DAYS", 30)  # lifetime of tokens from /api/v1/auth/token/
PERSONAL_TOKEN_MAX = env_int("PERSONAL_TOKEN_MAX", 20)  # active personal tokens per user; oldest go first
# Failed logins (login page and /api/v1/auth/token/) lock a username and an address: django-axes.
NUM_PROXIES = env_int("NUM_PROXIES", 0)  # reverse proxies in front of gunicorn that set X-Forwarded-For
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 10)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("LOGIN_LOCKOUT_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]  # either one locks: per username and per address
AXES_RESET_ON_SUCCESS = True
AXES_USERNAME_FORM_FIELD = "username"
# Electronic signatures re-ask the password; this many wrong ones within the lockout time lock the
# user's signing (not their login) until it has passed, and tell the lab's admins (il2portal.signing).
SIGNING_FAILURE_LIMIT = env_int("SIGNING_FAILURE_LIMIT", 3)
SIGNING_LOCKOUT_MINUTES = env_int("SIGNING_LOCKOUT_MINUTES", 15)
AXES_CLIENT_IP_CALLABLE = "il2portal.accounts.client_ip"
AXES_LOCKOUT_CALLABLE = "il2portal.accounts.lockout_response"
AXES_VERBOSE = False

# Content-Security-Policy (django-csp): scripts only from this site or with the page's nonce.
# style-src keeps 'unsafe-inline': plotly.js sets inline styles and adds <style> elements at run time.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'", NONCE],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:"],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "worker-src": ["'self'", "blob:"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# Production hardening (what `manage.py check --deploy` asks for).
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", PRODUCTION)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", PRODUCTION)
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", PRODUCTION)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000 if PRODUCTION else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = PRODUCTION
SECURE_HSTS_PRELOAD = PRODUCTION
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}
