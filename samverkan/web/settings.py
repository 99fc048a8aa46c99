"""Django settings, read from the environment; SQLite in the user's data directory by default.

Environment:
  SAMVERKAN_DATA_DIR    where the embedded SQLite database lives (default: platformdirs)
  DATABASE_URL          another database, e.g. postgresql://user@host:5432/name
  SAMVERKAN_SECRET_KEY  the secret key (`samverkan serve` keeps one in the data directory)
  SAMVERKAN_DEBUG       "1" only while developing
  SAMVERKAN_ALLOWED_HOSTS  comma-separated host names (default: localhost names)
  SAMVERKAN_HTTPS       "1" when served over HTTPS: secure cookies, HSTS, redirect to HTTPS
  SAMVERKAN_BEHIND_PROXY  "1" behind a reverse proxy that sets X-Forwarded-Proto
  SAMVERKAN_PROTECTION_SECONDS  the longest a log's small counts may be worked on in the
                        background before it is refused (default 300, at most 1800)
  SAMVERKAN_EMAIL_HOST  an SMTP server for invitations (unset: links are only shown to copy);
                        with SAMVERKAN_EMAIL_PORT (587), SAMVERKAN_EMAIL_USER,
                        SAMVERKAN_EMAIL_PASSWORD, SAMVERKAN_EMAIL_TLS ("1", the default, for
                        STARTTLS; "ssl" for SMTPS; "0" for none) and SAMVERKAN_EMAIL_FROM
  SAMVERKAN_INVITATION_DAYS  how long an invitation link works (default 3)
  SAMVERKAN_OIDC_ISSUER, SAMVERKAN_OIDC_CLIENT_ID, SAMVERKAN_OIDC_CLIENT_SECRET
                        single sign-on through the organisation's OpenID Connect provider
  SAMVERKAN_TRUSTED_PROXIES  comma-separated addresses or networks of that proxy, whose
                        X-Forwarded-For is believed (default behind a proxy: 127.0.0.1,::1)
"""

from __future__ import annotations

import os
import secrets
from datetime import timedelta
from pathlib import Path

import dj_database_url
import platformdirs
from csp.constants import NONE, SELF

BASE_DIR = Path(__file__).resolve().parent
DATA_DIR = Path(os.environ.get("SAMVERKAN_DATA_DIR") or platformdirs.user_data_dir("samverkan"))

DEBUG = os.environ.get("SAMVERKAN_DEBUG") == "1"
# Without a configured key each process draws its own: sessions then end with the process,
# which is safe; `samverkan serve` always passes a stored one.
SECRET_KEY = os.environ.get("SAMVERKAN_SECRET_KEY") or secrets.token_urlsafe(50)
ALLOWED_HOSTS = [
    h.strip()
    for h in os.environ.get("SAMVERKAN_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]").split(",")
    if h.strip()
]

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "csp",
    "django_tasks",
    "django_tasks_db",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "samverkan.web.accounts",
    "samverkan.web.cases",
    "samverkan.web.followup",
    "samverkan.web.audit",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Before anything reads the request body (CSRF reads the form): uploads land in its folder.
    "samverkan.web.uploads.UploadFolderMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "samverkan.web.language.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    # user.is_verified(); then every page but the code page waits for the code.
    "django_otp.middleware.OTPMiddleware",
    "samverkan.web.accounts.two_step.RequireVerifiedMiddleware",
    "samverkan.web.no_store.NoStoreMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes asks: turns a lockout into its response.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    # First: refuses a locked-out user name and address before any password is checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "samverkan.web.urls"
WSGI_APPLICATION = "samverkan.web.wsgi.application"

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
            ],
        },
    },
]

_sqlite_path = DATA_DIR / "samverkan.sqlite3"
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{_sqlite_path}", conn_max_age=60, conn_health_checks=True
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Wait for a busy database instead of failing, and take the write lock at the start of a
    # transaction so that two writers never deadlock halfway (as healthchecks does).
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {"timeout": 20, "transaction_mode": "IMMEDIATE"}
    if DATABASES["default"]["NAME"] == str(_sqlite_path):
        # The database holds every case and log: made 0600 before SQLite would make it 0644.
        from samverkan.web.private_files import ensure_private_file

        ensure_private_file(_sqlite_path)

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Every password set anywhere (the web, `samverkan admin create-user`) passes these.
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
     "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LOGIN_URL = "login"
# An invitation's link to choose a password is Django's reset token: it works once, this long.
PASSWORD_RESET_TIMEOUT = int(os.environ.get("SAMVERKAN_INVITATION_DAYS") or 3) * 24 * 60 * 60

# E-mail (invitations) only when a server is named; otherwise nothing is sent.
EMAIL_HOST = os.environ.get("SAMVERKAN_EMAIL_HOST", "")
SENDS_EMAIL = bool(EMAIL_HOST)
if not SENDS_EMAIL:
    EMAIL_BACKEND = "django.core.mail.backends.dummy.EmailBackend"
EMAIL_PORT = int(os.environ.get("SAMVERKAN_EMAIL_PORT") or 587)
EMAIL_HOST_USER = os.environ.get("SAMVERKAN_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("SAMVERKAN_EMAIL_PASSWORD", "")
EMAIL_USE_SSL = os.environ.get("SAMVERKAN_EMAIL_TLS") == "ssl"
EMAIL_USE_TLS = not EMAIL_USE_SSL and os.environ.get("SAMVERKAN_EMAIL_TLS", "1") == "1"
EMAIL_TIMEOUT = 10
DEFAULT_FROM_EMAIL = os.environ.get("SAMVERKAN_EMAIL_FROM", "samverkan@localhost")
LOGIN_REDIRECT_URL = "cases:index"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "sv"
LANGUAGES = [("sv", "Svenska"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "Europe/Stockholm"
USE_TZ = True

STATIC_URL = "/static/"
STATIC_DIR = BASE_DIR / "static"
STATICFILES_DIRS = [STATIC_DIR]

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# A session ends after a working day, or when the browser closes.
SESSION_COOKIE_AGE = 8 * 60 * 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
if os.environ.get("SAMVERKAN_HTTPS") == "1":
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = True
    SECURE_HSTS_SECONDS = 365 * 24 * 60 * 60
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    # The health check answers over plain HTTP too, for the proxy's own probes.
    SECURE_REDIRECT_EXEMPT = [r"^halsa/$"]
if os.environ.get("SAMVERKAN_BEHIND_PROXY") == "1":
    # Only behind a proxy that always sets (and never passes on) this header.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "samverkan_cache",
    }
}
# Work that takes longer than a page may (a log's small-count protection) is a task kept in the
# database and run by `samverkan worker`, which `samverkan serve` starts beside the web server.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# The longest a log's protection may run in the background. Five minutes is twenty times what a
# page could wait and far beyond any log of realistic size (a 20 000-case log takes about 2 s);
# a log still not protected then is refused rather than holding the worker from every other
# log. The hard cap keeps a mistyped value from holding it for hours.
PROTECTION_SECONDS_CAP = 1800.0
PROTECTION_SECONDS = float(os.environ.get("SAMVERKAN_PROTECTION_SECONDS") or 300)
if not 0 < PROTECTION_SECONDS <= PROTECTION_SECONDS_CAP:  # also NaN
    raise ValueError("SAMVERKAN_PROTECTION_SECONDS: give a number of seconds above 0 and at "
                     "most 1800")


# Failed logins (django-axes, see accounts.signin): five for one user name from one address,
# then that combination waits 15 minutes; a successful login clears the count.
_proxy_default = "127.0.0.1,::1" if os.environ.get("SAMVERKAN_BEHIND_PROXY") == "1" else ""
TRUSTED_PROXIES = [
    p.strip()
    for p in os.environ.get("SAMVERKAN_TRUSTED_PROXIES", _proxy_default).split(",")
    if p.strip()
]
# The name authenticator apps show beside the code.
OTP_TOTP_ISSUER = "Samverkan"

AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_USERNAME_CALLABLE = "samverkan.web.accounts.signin.counted_username"
AXES_CLIENT_IP_CALLABLE = "samverkan.web.accounts.signin.client_address"
AXES_LOCKOUT_CALLABLE = "samverkan.web.accounts.signin.lockout_response"
AXES_HTTP_RESPONSE_CODE = 429
# Attempts are kept, successful logins are not: the trail of logins is not ours to keep.
AXES_DISABLE_ACCESS_LOG = True
AXES_VERBOSE = False

# Single sign-on (see accounts.sso): on when an issuer is given; its endpoints are discovered.
OIDC_ISSUER = os.environ.get("SAMVERKAN_OIDC_ISSUER", "")
OIDC_RP_CLIENT_ID = os.environ.get("SAMVERKAN_OIDC_CLIENT_ID", "")
OIDC_RP_CLIENT_SECRET = os.environ.get("SAMVERKAN_OIDC_CLIENT_SECRET", "")
OIDC_RP_SIGN_ALGO = "RS256"
OIDC_RP_SCOPES = "openid email profile"
OIDC_USE_PKCE = True
OIDC_TIMEOUT = 10
if OIDC_ISSUER:
    AUTHENTICATION_BACKENDS.append("samverkan.web.accounts.sso.SSOBackend")

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "object-src": [NONE],
        "base-uri": [SELF],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
    }
}

FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# Every uploaded file goes to the application's own folder, one folder per request, removed
# when the request ends (see samverkan.web.uploads); never to the system's /tmp.
# A name of our own: Django checks that its FILE_UPLOAD_TEMP_DIR exists before the first
# upload has made it, and Django's own handlers, which would use it, are not installed.
UPLOAD_DIR = DATA_DIR / "uploads"
FILE_UPLOAD_HANDLERS = ["samverkan.web.uploads.LimitedUploadHandler"]
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# Every record goes through one handler that drops the text and traceback of exceptions (see
# samverkan.web.log_filters); Django's own loggers pass their records up to it rather than
# printing them themselves.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"without_error_text": {"()": "samverkan.web.log_filters.WithoutErrorText"}},
    "handlers": {"console": {"class": "logging.StreamHandler",
                             "filters": ["without_error_text"]}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {"django": {"handlers": [], "level": "WARNING", "propagate": True}},
}
