"""Settings of the Otbasy portal, all read from the environment through ``otbasy.env.Env``.

Three profiles (``DJANGO_ENV``): ``development`` (the embedded default of ``make run``), ``test``
(``make test``) and ``production`` (docker-compose). Every variable is listed in README.md.
"""

from datetime import timedelta
from pathlib import Path

from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from otbasy.env import Env

BASE_DIR = Path(__file__).resolve().parent.parent
env = Env()

DJANGO_ENV = env.choice("DJANGO_ENV", ("development", "test", "production"), default="development")
PRODUCTION = DJANGO_ENV == "production"
TESTING = DJANGO_ENV == "test"

DATA_DIR = env.path("OTBASY_DATA_DIR", default=BASE_DIR / ".data")

SECRET_KEY = env.secret_key(
    "SECRET_KEY",
    default="development-only-key-never-used-in-production-0123456789abcdefghijklmnop",
    production=PRODUCTION,
)
DEBUG = env.bool("DEBUG", default=False)
if PRODUCTION and DEBUG:
    raise ImproperlyConfigured("Environment variable DEBUG=true is not allowed with DJANGO_ENV=production.")

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=[] if PRODUCTION else ["127.0.0.1", "localhost", "testserver"])
if PRODUCTION and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("Environment variable ALLOWED_HOSTS is required with DJANGO_ENV=production.")
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "modeltranslation",  # before django.contrib.admin, so the admin gets the per-language fields
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_htmx",
    "template_partials",
    "csp",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django_celery_beat",
    "django_filters",
    "phonenumber_field",
    "health_check",
    # The portal: the shared core first, then each app after the apps it builds on.
    "core",
    "otbasy",
    "audit",
    "centres",
    "holidays",
    "accounts",
    "notifications",
    "families",
    "consultations",
    "courses",
    "retention",
    "mothers",
    "grants",
    "dashboards",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Early, so that the middleware below can tell an htmx request (request.htmx).
    "django_htmx.middleware.HtmxMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "otbasy.middleware.PublicLocaleMiddleware",  # Django's LocaleMiddleware, English for administrators only
    "otbasy.middleware.LanguagePrefixRedirectMiddleware",
    "otbasy.middleware.AdminInEnglishMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "core.middleware.NoStoreForSignedInMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "accounts.middleware.HtmxLoginRedirectMiddleware",
    "accounts.middleware.StaffIdleTimeoutMiddleware",
    "accounts.middleware.TwoFactorRequiredMiddleware",
    "audit.middleware.SecurityLogMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "otbasy.urls"
WSGI_APPLICATION = "otbasy.wsgi.application"
AUTH_USER_MODEL = "accounts.User"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "csp.context_processors.nonce",
                "otbasy.context_processors.portal",
            ],
            "builtins": ["django.templatetags.i18n", "template_partials.templatetags.partials", "core.templatetags.portal"],
        },
    },
]

# --- Database: Postgres when DATABASE_URL is set, otherwise the embedded SQLite file -------------
_database = env.database("DATABASE_URL")
EMBEDDED = _database is None
if PRODUCTION and EMBEDDED:
    raise ImproperlyConfigured("Environment variable DATABASE_URL is required with DJANGO_ENV=production.")
if EMBEDDED:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": DATA_DIR / "otbasy.sqlite3",
            # The web server and the worker share the file: WAL and IMMEDIATE transactions avoid
            # "database is locked" between them.
            "OPTIONS": {
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            },
        }
    }
else:
    _database["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=60, minimum=0)
    _database["CONN_HEALTH_CHECKS"] = True
    if env.bool("DATABASE_PREPARED_STATEMENTS", default=True):
        # The parameters travel apart from the query, and a query a connection has run five times is
        # prepared: its parse and plan are kept for the next run (off: behind a pooler in transaction
        # mode that cannot keep them).
        _database.setdefault("OPTIONS", {}).update(server_side_binding=True, prepare_threshold=5)
    # Name search matches a misspelt word when half its trigrams agree (pg_trgm's default is 0.6).
    _session = ["-c pg_trgm.word_similarity_threshold=0.5"]
    if not env.bool("DATABASE_JIT", default=False):
        # No JIT compilation: the portal's queries run in milliseconds, and compiling one the planner
        # guesses to be costly (a roll-up's subquery per family) took longer than running it.
        _session.append("-c jit=off")
    _database.setdefault("OPTIONS", {})["options"] = " ".join(_session)
    DATABASES = {"default": _database}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# A service waits at most this long for a row another transaction has locked, then asks to try again.
LOCK_TIMEOUT_MS = env.int("LOCK_TIMEOUT_MS", default=3000, minimum=1)
# With false, a read's access-log rows commit without waiting for the disk (audit.services._read_logged).
ACCESS_LOG_SYNCHRONOUS_COMMIT = env.bool("ACCESS_LOG_SYNCHRONOUS_COMMIT", default=False)

# --- Redis: cache and Celery broker; without it, a file cache and kombu's filesystem transport ---
REDIS_URL = env.url("REDIS_URL", ("redis", "rediss"))
if PRODUCTION and REDIS_URL is None:
    raise ImproperlyConfigured("Environment variable REDIS_URL is required with DJANGO_ENV=production.")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "otbasy",
            "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 2},
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": DATA_DIR / "cache",
        }
    }

# The filesystem transport ignores the host, but kombu warns about a URL without one.
CELERY_BROKER_URL = REDIS_URL or "filesystem://localhost/"
BROKER_FOLDER = DATA_DIR / "broker"
# A task taken by a worker that died (acks_late) is handed out again after this many seconds.
CELERY_VISIBILITY_TIMEOUT = env.int("CELERY_VISIBILITY_TIMEOUT", default=3600, minimum=1)
CELERY_BROKER_TRANSPORT_OPTIONS = (
    {
        "visibility_timeout": CELERY_VISIBILITY_TIMEOUT,
        # Look for such tasks every few seconds (kombu's default is about every 100 s).
        "unacked_restore_interval": max(1, min(10, CELERY_VISIBILITY_TIMEOUT // 2)),
        "unacked_restore_throttle": 1,
    }
    if REDIS_URL
    else {
        "data_folder_in": str(BROKER_FOLDER),
        "data_folder_out": str(BROKER_FOLDER),
        "control_folder": str(BROKER_FOLDER / "control"),
        "store_processed": False,
    }
)
CELERY_BROKER_CONNECTION_TIMEOUT = 2
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TASK_PUBLISH_RETRY_POLICY = {"max_retries": 2, "interval_start": 0, "interval_step": 0.5, "interval_max": 1}
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=TESTING)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
CELERY_TIMEZONE = "Asia/Almaty"
CELERY_WORKER_HIJACK_ROOT_LOGGER = False

# --- Languages ------------------------------------------------------------------------------------
LANGUAGE_CODE = "kk"
LANGUAGES = [("kk", _("Kazakh")), ("ru", _("Russian")), ("en", _("English"))]
# Mothers and staff work in Kazakh or Russian; English is there for administrators.
PUBLIC_LANGUAGES = ("kk", "ru")
LOCALE_PATHS = [BASE_DIR / "locale"]
# Django ships no Kazakh formats: ours live in otbasy/formats/kk/formats.py.
FORMAT_MODULE_PATH = ["otbasy.formats"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Asia/Almaty"
USE_THOUSAND_SEPARATOR = True
LANGUAGE_COOKIE_NAME = "otbasy_language"
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600
LANGUAGE_COOKIE_SAMESITE = "Lax"
MODELTRANSLATION_DEFAULT_LANGUAGE = "kk"
MODELTRANSLATION_LANGUAGES = ("kk", "ru", "en")
MODELTRANSLATION_FALLBACK_LANGUAGES = {"default": ("kk", "ru"), "en": ("ru", "kk")}
PHONENUMBER_DEFAULT_REGION = "KZ"
PHONENUMBER_DB_FORMAT = "E164"

# --- Authentication -------------------------------------------------------------------------------
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "accounts.backends.ModelBackend",
    "mothers.backends.PhoneOrIinBackend",  # mothers sign in with their phone number or IIN
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
if TESTING:
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5, minimum=1)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=30, minimum=1))
# Lock the pair: a wrong password typed at one front desk does not lock the colleague next to it,
# and nobody can lock a user out from elsewhere.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
# The failures of a login are forgotten when her whole sign-in succeeds, password and code
# (accounts.signals), not after the password alone: wrong codes count like wrong passwords.
AXES_RESET_ON_SUCCESS = False
# Masked in what axes keeps of a failed attempt (its defaults, and the code typed).
AXES_SENSITIVE_PARAMETERS = ["username", "ip_address", "code", "csrfmiddlewaretoken"]
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_VERBOSE = False
# Number of reverse proxies in front of gunicorn (1 behind docker-compose's TLS proxy), so that
# lockouts and rate limits key on the client's address, not the proxy's (core/clients.py).
PROXY_COUNT = env.int("PROXY_COUNT", default=0, minimum=0)
AXES_CLIENT_IP_CALLABLE = "core.clients.client_ip"
# A mother's phone typed in any form, or her IIN, counts against her account's login, so that typing
# the same number another way does not buy more tries (and a success forgets them all).
AXES_USERNAME_CALLABLE = "mothers.backends.axes_username"

# Password-reset e-mails (django-axes guards sign-in only): per address and per client, per window.
PASSWORD_RESET_LIMIT_PER_ADDRESS = 3
PASSWORD_RESET_LIMIT_PER_CLIENT = 10
PASSWORD_RESET_LIMIT_WINDOW = timedelta(hours=1)

# Mothers' SMS codes (mothers app): how long a code works, and how often codes may be asked for and
# tried, as (count, seconds) per phone number (or IIN typed) and per client address. Counted by
# django-ratelimit in the cache, used as a library: its system check predates Django's own Redis cache
# (which increments atomically) and would flag it. With the cache down, codes are refused (fail closed):
# an SMS costs money and reaches a real person.
MOTHERS_CODE_MINUTES = 10
MOTHERS_CODE_REQUESTS_PER_NUMBER = (3, 15 * 60)
MOTHERS_CODE_REQUESTS_PER_CLIENT = (10, 60 * 60)
MOTHERS_CODE_ATTEMPTS_PER_NUMBER = (5, 15 * 60)
MOTHERS_CODE_ATTEMPTS_PER_CLIENT = (20, 60 * 60)
RATELIMIT_IP_META_KEY = "core.clients.client_ip"
RATELIMIT_FAIL_OPEN = False
RATELIMIT_CACHE_PREFIX = "ratelimit:"

# Staff who leave a desk are signed out after this many idle minutes; mothers are not.
STAFF_IDLE_TIMEOUT = timedelta(minutes=env.int("STAFF_IDLE_MINUTES", default=30, minimum=1))
# ... and in any case this long after signing in, however active (a session left open at a shared desk).
STAFF_SESSION_LIFETIME = timedelta(hours=env.int("STAFF_SESSION_HOURS", default=12, minimum=1))
SESSION_COOKIE_AGE = 14 * 24 * 3600
# In the database, each also kept a minute in the cache, and read from it while it answers (core.sessions).
SESSION_ENGINE = "core.sessions"

# Staff sign in with a password and a code from an authenticator app (TOTP) or a recovery code; mothers
# never need one. Off outside production by default, so that `make run`'s demo stays one password away.
STAFF_2FA_REQUIRED = env.bool("STAFF_2FA_REQUIRED", default=PRODUCTION)
OTP_TOTP_ISSUER = "Bakytty Otbasy"
OTP_ADMIN_HIDE_SENSITIVE_DATA = True

# --- E-mail ---------------------------------------------------------------------------------------
# EMAIL_URL gives EMAIL_BACKEND, EMAIL_HOST, EMAIL_PORT, EMAIL_HOST_USER, EMAIL_HOST_PASSWORD, EMAIL_USE_TLS...
globals().update(env.email("EMAIL_URL", default="consolemail://"))
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Bakytty Otbasy <noreply@otbasy.almaty.kz>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- SMS and the notification outbox ---------------------------------------------------------------
# Production must name its gateway: a console "sent" there would be a message nobody got.
SMS_BACKEND = env.choice(
    "SMS_BACKEND",
    ("console", "file", "locmem", "smsc", "mobizon"),
    default="locmem" if TESTING else "console",
    required=PRODUCTION,
)
SMS_FILE_PATH = env.path("SMS_FILE_PATH", default=DATA_DIR / "sms.jsonl")
SMSC_URL = env.url("SMSC_URL", ("https", "http"), default="https://smsc.kz/sys/send.php")
SMSC_LOGIN = env.str("SMSC_LOGIN", default="", required=SMS_BACKEND == "smsc")
SMSC_PASSWORD = env.str("SMSC_PASSWORD", default="", required=SMS_BACKEND == "smsc")
SMSC_SENDER = env.str("SMSC_SENDER", default="")
MOBIZON_URL = env.url("MOBIZON_URL", ("https", "http"), default="https://api.mobizon.kz")
MOBIZON_API_KEY = env.str("MOBIZON_API_KEY", default="", required=SMS_BACKEND == "mobizon")
MOBIZON_SENDER = env.str("MOBIZON_SENDER", default="")
# Where the portal is reached from outside, for links in messages (e-mails are built by workers, with
# no request to take the host from).
PORTAL_URL = env.url("PORTAL_URL", ("https", "http"), default="http://127.0.0.1:8000", required=PRODUCTION).rstrip("/")
# Delivery: tries per message, the first retry's delay (doubled each time, with jitter), and how long a
# claimed row may wait before the sweeper takes it back.
NOTIFICATIONS_MAX_ATTEMPTS = env.int("NOTIFICATIONS_MAX_ATTEMPTS", default=5, minimum=1)
NOTIFICATIONS_RETRY_SECONDS = env.int("NOTIFICATIONS_RETRY_SECONDS", default=60, minimum=0)
NOTIFICATIONS_CLAIM_MINUTES = env.int("NOTIFICATIONS_CLAIM_MINUTES", default=15, minimum=1)

# --- Courses ----------------------------------------------------------------------------------------
# A seat offered from the waiting list waits this long for her confirmation, then passes on.
COURSES_OFFER_HOURS = env.int("COURSES_OFFER_HOURS", default=24, minimum=1)

# --- Static and media files -------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=DATA_DIR / "media")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
# Outside production the files are served straight from the source folders, no collectstatic.
WHITENOISE_USE_FINDERS = not PRODUCTION
WHITENOISE_AUTOREFRESH = not PRODUCTION
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# The largest file any form takes (each field has its own, smaller or equal, limit): the request is not
# read past a larger one (core.files). A proxy in front must let requests this large through.
UPLOAD_MAX_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_HANDLERS = [
    "core.files.UploadLimitHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]

# --- Forms and front end ----------------------------------------------------------------------------
FILTERS_EMPTY_CHOICE_LABEL = _("— any —")
CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"
CSRF_FAILURE_VIEW = "otbasy.views.csrf_failure"
MESSAGE_TAGS = {40: "danger"}  # Bootstrap's name for Django's "error" level

# --- Security -----------------------------------------------------------------------------------------
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
if PRODUCTION:
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    # The load balancer's health probe speaks plain HTTP inside the network.
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31_536_000, minimum=0)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    LANGUAGE_COOKIE_SECURE = True
    if env.bool("BEHIND_TLS_PROXY", default=True):
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# --- Logging ----------------------------------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "filters": {
        "refusals_without_traceback": {"()": "otbasy.logfilters.RefusalsWithoutTraceback"},
        "no_personal_numbers": {"()": "otbasy.logfilters.NoPersonalNumbers"},
    },
    # No IIN or phone number in any line, whoever logs it (otbasy.logfilters).
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain", "filters": ["no_personal_numbers"]}},
    "root": {"handlers": ["console"], "level": env.choice("LOG_LEVEL", ("DEBUG", "INFO", "WARNING", "ERROR"), "INFO")},
    "loggers": {
        "axes": {"level": "WARNING"},
        # WeasyPrint and fontTools tell every step of every PDF at INFO (the monthly reports make dozens).
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
        # A 403 is logged as one line, without a traceback.
        "django.request": {"filters": ["refusals_without_traceback"]},
        # Simulated SMS (SMS_BACKEND=console) show even in a worker that logs only warnings (make run).
        "notifications.sms": {"level": "INFO"},
    },
}
