"""Django settings, read from the environment (SEEDWIKI_*).

Default deployment: one process, SQLite in WAL mode under the data folder, in-process cache.
Grown deployment: SEEDWIKI_DATABASE_URL=postgresql://…, SEEDWIKI_REDIS_URL=redis://…, many workers.
"""
from __future__ import annotations

import importlib.util
import os
import secrets
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent


def _env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in ("1", "true", "yes", "on")


DATA_DIR = Path(os.environ.get("SEEDWIKI_DATA", "./data")).resolve()
DATA_DIR.mkdir(parents=True, exist_ok=True)

SITE_NAME = os.environ.get("SEEDWIKI_SITE_NAME", "seedwiki").strip() or "seedwiki"
FRONT_PAGE = os.environ.get("SEEDWIKI_FRONT_PAGE", "대문")


def _secret_key() -> str:
    key = os.environ.get("SEEDWIKI_SECRET_KEY")
    if key:
        return key
    path = DATA_DIR / "secret_key"
    if path.exists():
        return path.read_text().strip()
    key = secrets.token_urlsafe(50)
    # Created readable by the owner only: the key signs sessions and CSRF tokens.
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as fh:
        fh.write(key)
    return key


SECRET_KEY = _secret_key()
DEBUG = _env_bool("SEEDWIKI_DEBUG")
ALLOWED_HOSTS = [
    h.strip()
    for h in os.environ.get("SEEDWIKI_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver,[::1]").split(",")
    if h.strip()
]
CSRF_TRUSTED_ORIGINS = [
    o.strip() for o in os.environ.get("SEEDWIKI_CSRF_TRUSTED_ORIGINS", "").split(",") if o.strip()
]

# The apps written alongside the core; each is listed only once its package exists so the core can
# be brought up (and tested) while the others are still being written.
_OPTIONAL_APPS = ["seedwiki.permissions", "seedwiki.accounts", "seedwiki.search", "seedwiki.special", "seedwiki.files",
                  "seedwiki.governance", "seedwiki.discussions", "seedwiki.editrequests", "seedwiki.members", "seedwiki.jobs",
                  "seedwiki.api"]

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "seedwiki.documents",
    *[app for app in _OPTIONAL_APPS if importlib.util.find_spec(app) is not None
      and (PACKAGE_DIR / app.split(".")[1] / "apps.py").exists()],
]

MIDDLEWARE = [
    "seedwiki.render_pool.UntrustedRequestMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "seedwiki.security.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "seedwiki.documents.body_limit.RequestBodyLimitMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "seedwiki.documents.storage_failures.StorageFailureMiddleware",
]

ROOT_URLCONF = "seedwiki.urls"
WSGI_APPLICATION = "seedwiki.wsgi.application"
ASGI_APPLICATION = "seedwiki.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "seedwiki.context_processors.site",
                "seedwiki.discussions.context_processors.user_notice",
            ],
        },
    },
]

# --- database ---------------------------------------------------------------------------------
_database_url = os.environ.get("SEEDWIKI_DATABASE_URL", "").strip()
if _database_url:
    import dj_database_url

    DATABASES = {"default": dj_database_url.parse(_database_url, conn_max_age=60, conn_health_checks=True)}
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": DATA_DIR / "seedwiki.sqlite3",
            # Keep the connection between requests: opening one runs the PRAGMAs below and cost
            # more than serving a cached page (bench/wiki_bench.py).
            "CONN_MAX_AGE": 600,
            "OPTIONS": {
                # Writers take the lock when the transaction starts, so two edits of one page
                # serialise instead of failing halfway with "database is locked".
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
                "init_command": (
                    "PRAGMA journal_mode=WAL;"
                    "PRAGMA synchronous=NORMAL;"
                    "PRAGMA busy_timeout=20000;"
                    "PRAGMA foreign_keys=ON;"
                ),
            },
        }
    }
# Read replicas for page views (seedwiki/replicas.py): comma-separated URLs of copies of the primary.
SEEDWIKI_REPLICAS = []
for _index, _url in enumerate(u.strip() for u in os.environ.get("SEEDWIKI_REPLICA_DATABASE_URLS", "").split(",")):
    if _url:
        import dj_database_url

        DATABASES[f"replica{_index}"] = {**dj_database_url.parse(_url, conn_max_age=60, conn_health_checks=True),
                                         "TEST": {"MIRROR": "default"}}
        SEEDWIKI_REPLICAS.append(f"replica{_index}")
SEEDWIKI_REPLICA_PIN_SECONDS = int(os.environ.get("SEEDWIKI_REPLICA_PIN_SECONDS", "10"))
if SEEDWIKI_REPLICAS:
    DATABASE_ROUTERS = ["seedwiki.replicas.ReplicaRouter"]
    MIDDLEWARE.insert(0, "seedwiki.replicas.ReplicaMiddleware")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- cache ------------------------------------------------------------------------------------
_redis_url = os.environ.get("SEEDWIKI_REDIS_URL", "").strip()
if _redis_url:
    # SEEDWIKI_CACHE_KEY_PREFIX: wikis (or test runs) sharing one Redis database keep apart by it.
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": _redis_url,
                          "TIMEOUT": 7 * 24 * 3600, "KEY_PREFIX": os.environ.get("SEEDWIKI_CACHE_KEY_PREFIX", "")}}
else:
    CACHES = {"default": {"BACKEND": "seedwiki.cache_backends.ByteBoundedLocMemCache", "LOCATION": "seedwiki",
                          "TIMEOUT": 24 * 3600, "OPTIONS": {
                              "MAX_ENTRIES": 5000,
                              "MAX_BYTES": int(float(os.environ.get("SEEDWIKI_CACHE_MB", "128")) * 1024 * 1024)}}}

# Finished anonymous pages kept per server process by seedwiki/front_cache.py (bodies, in bytes).
SEEDWIKI_FRONT_CACHE_BYTES = int(float(os.environ.get("SEEDWIKI_FRONT_CACHE_MB", "64")) * 1024 * 1024)

# --- auth -------------------------------------------------------------------------------------
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "seedwiki.accounts.validators.UsernameInPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 8}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
LOGIN_URL = "/member/login"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/"

# --- i18n -------------------------------------------------------------------------------------
LANGUAGE_CODE = "ko"
LANGUAGES = [("ko", "한국어"), ("en", "English")]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = os.environ.get("SEEDWIKI_TIME_ZONE", "Asia/Seoul")

# --- static and uploads -----------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
_NAMUMARK_STATIC = PACKAGE_DIR.parent / "namumark" / "static"  # namumark.css (the article styles)
if _NAMUMARK_STATIC.is_dir():
    STATICFILES_DIRS.append(_NAMUMARK_STATIC)
# Finders let `seedwiki serve` work before (or without) collectstatic; serve still collects.
WHITENOISE_USE_FINDERS = True
MEDIA_ROOT = DATA_DIR / "files"
# Uploaded files (seedwiki/files/storage.py); web nodes that do not share SEEDWIKI_DATA share this.
SEEDWIKI_UPLOAD_DIR = Path(os.environ["SEEDWIKI_UPLOAD_DIR"]).resolve() if os.environ.get("SEEDWIKI_UPLOAD_DIR") else None
MEDIA_URL = "/files/"

# --- security ---------------------------------------------------------------------------------
CSRF_FAILURE_VIEW = "seedwiki.documents.views.errors.csrf_failure"
SESSION_COOKIE_HTTPONLY = True
# Behind HTTPS: cookies only over TLS, HSTS, and the proxy's header that says the request was TLS
# (e.g. SEEDWIKI_PROXY_TLS_HEADER="X-Forwarded-Proto: https"; only when a proxy always sets it).
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = _env_bool("SEEDWIKI_SECURE_COOKIES")
SECURE_HSTS_SECONDS = int(os.environ.get("SEEDWIKI_HSTS_SECONDS", "0"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = _env_bool("SEEDWIKI_HSTS_INCLUDE_SUBDOMAINS")


def _proxy_tls_header(value: str) -> tuple[str, str] | None:
    """``"X-Forwarded-Proto: https"`` → ``("HTTP_X_FORWARDED_PROTO", "https")``."""
    name, sep, expected = value.partition(":")
    if not sep or not name.strip() or not expected.strip():
        return None
    return "HTTP_" + name.strip().upper().replace("-", "_"), expected.strip()


SECURE_PROXY_SSL_HEADER = _proxy_tls_header(os.environ.get("SEEDWIKI_PROXY_TLS_HEADER", ""))
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
# Edits up to 2 MB of text arrive URL-encoded; leave room for the encoding (Korean: ~3x).
DATA_UPLOAD_MAX_MEMORY_SIZE = 8 * 1024 * 1024

# `seedwiki serve` reads request bodies in the event loop first (seedwiki/body_buffer.py).
SEEDWIKI_BODY_TIMEOUT = float(os.environ.get("SEEDWIKI_BODY_TIMEOUT", "60"))
SEEDWIKI_BODY_BUFFER_BYTES = int(float(os.environ.get("SEEDWIKI_BODY_BUFFER_MB", "256")) * 1024 * 1024)

# --- wiki limits ------------------------------------------------------------------------------
SEEDWIKI_MAX_TEXT_BYTES = 2 * 1024 * 1024
# Renders of requests run in worker processes with a hard limit (seedwiki/render_pool.py);
# 0 workers renders in the serving process.
SEEDWIKI_RENDER_WORKERS = int(os.environ.get("SEEDWIKI_RENDER_WORKERS", min(os.cpu_count() or 1, 4)))
SEEDWIKI_RENDER_TIMEOUT = float(os.environ.get("SEEDWIKI_RENDER_TIMEOUT", "10"))
SEEDWIKI_RENDER_MEMORY_MB = int(os.environ.get("SEEDWIKI_RENDER_MEMORY_MB", "1024"))
# Rendered HTML kept in the cache: entries above the threshold are stored zlib-compressed, entries
# still larger than the entry cap are not stored; the in-process cache is bounded in bytes.
SEEDWIKI_RENDER_CACHE_ENTRY_BYTES = int(float(os.environ.get("SEEDWIKI_RENDER_CACHE_ENTRY_MB", "2")) * 1024 * 1024)
# W-more: client IP from X-Forwarded-For only behind a trusted reverse proxy; upload size limit.
SEEDWIKI_TRUST_PROXY = _env_bool("SEEDWIKI_TRUST_PROXY")
# Reverse proxies whose X-Forwarded-For is believed (comma-separated CIDRs; default: nobody).
SEEDWIKI_TRUSTED_PROXIES = os.environ.get("SEEDWIKI_TRUSTED_PROXIES", "")

# --- permissions (docs/permissions.md) --------------------------------------------------------
# A MaxMind country database: `geoip:` ACL conditions are refused unless one is configured.
SEEDWIKI_GEOIP_DATABASE = os.environ.get("SEEDWIKI_GEOIP_DATABASE", "")
# A JSON file with the default ACL new namespaces receive (seedwiki/permissions/defaults.py).
SEEDWIKI_DEFAULT_ACL = os.environ.get("SEEDWIKI_DEFAULT_ACL", "")
SEEDWIKI_MAX_UPLOAD_BYTES = int(os.environ.get("SEEDWIKI_MAX_UPLOAD_BYTES", 10 * 1024 * 1024))
# Hosts {{{#!html}}} media (<video src>, poster) may load from besides the wiki itself
# (comma-separated; ".example.org" also allows its subdomains). Empty: the wiki's own files only.
SEEDWIKI_HTML_MEDIA_HOSTS = tuple(
    h.strip().lower() for h in os.environ.get("SEEDWIKI_HTML_MEDIA_HOSTS", "").split(",") if h.strip()
)
# Rate limits over the defaults in seedwiki/permissions/ratelimit.py: "edit.ip=5/60,login_failure.account=off".
SEEDWIKI_RATE_LIMITS = {
    key.strip(): value.strip()
    for key, _sep, value in (part.partition("=") for part in os.environ.get("SEEDWIKI_RATE_LIMITS", "").split(","))
    if key.strip()
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("SEEDWIKI_LOG_LEVEL", "WARNING")},
}
