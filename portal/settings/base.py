"""Settings shared by every environment.

Everything that differs between machines comes from the environment (see .env.example);
this is the only module that reads it.
"""

from pathlib import Path

import environ

from .search import page_search_backends

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def gettext_noop(text):
    """Marks a string for the catalogues (makemessages) as Django's global_settings does: the
    translation machinery cannot load before the settings."""
    return text


env = environ.Env(
    DEBUG=(bool, False),
    SECRET_KEY=(str, ""),
    ALLOWED_HOSTS=(list, []),
    DATABASE_URL=(str, f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
    SEARCH_URL=(str, ""),
    EMAIL_URL=(str, "consolemail://"),
    DEFAULT_FROM_EMAIL=(str, "Coop portal <noreply@coop.example>"),
    ETHICS_COMMITTEE_EMAIL=(str, ""),
    SITE_URL=(str, "http://127.0.0.1:8000"),
    CSRF_TRUSTED_ORIGINS=(list, []),
    TRUSTED_PROXIES=(list, []),
)

DEBUG = env("DEBUG")
SECRET_KEY = env("SECRET_KEY")
ALLOWED_HOSTS = env("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env("CSRF_TRUSTED_ORIGINS")
# The reverse proxies in front of the site (addresses or networks, e.g. 127.0.0.1): only from
# them is X-Forwarded-For believed (portal.middleware.ClientAddressMiddleware).
TRUSTED_PROXIES = env("TRUSTED_PROXIES")
SEARCH_URL = env("SEARCH_URL")
SEARCH_INDEX_PREFIX = env("SEARCH_INDEX_PREFIX", default="coop")
# Used in e-mails and in links that leave the request cycle.
WAGTAILADMIN_BASE_URL = env("SITE_URL")

# The domain apps: each uses the core (portal.*) and no other domain's internals; the
# architecture test (tests/test_architecture.py) builds its contracts from this list.
DOMAIN_APPS = ["directory", "coworking", "agenda", "calls"]

INSTALLED_APPS = [
    # modeltranslation patches models before the admin sees them.
    "modeltranslation",
    # The shell, then the core: one app per concept that every domain shares.
    "portal",
    "portal.places",
    "portal.taxonomy",
    "portal.accounts",
    "portal.charter",
    "portal.ethics",
    "portal.pages",
    "portal.search",
    "portal.mail",
    *DOMAIN_APPS,
    "wagtail_localize",
    "wagtail_localize.locales",
    # Not wagtail.contrib.forms nor wagtail.embeds: no form page and no embed (rich text features
    # leave "embed" out) anywhere, and each costs every worker its modules (embeds: requests).
    # Wagtail's redirects, snippets, documents and images without their API v3 routers (the
    # portal serves API v2): django-ninja and pydantic schemas stay out of the workers.
    "portal.wagtail_apps.RedirectsConfig",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.routable_page",
    "wagtail.sites",
    "wagtail.users",
    "portal.wagtail_apps.SnippetsConfig",
    "portal.wagtail_apps.DocumentsConfig",
    "portal.wagtail_apps.ImagesConfig",
    "wagtail.search",
    "wagtail.admin",
    "wagtail.api.v2",
    "wagtail",
    "modelcluster",
    "taggit",
    "rest_framework",
    "drf_spectacular",
    "django_filters",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "django_tasks",
    "django_tasks_db",
    "csp",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    # Last: deletes a file when its field changes or its row goes (members' photos do not
    # linger at a public address after being replaced or deleted).
    "django_cleanup.apps.CleanupConfig",
]

MIDDLEWARE = [
    "portal.middleware.ClientAddressMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "portal.csp.PortalCSPMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # After WhiteNoise, which answers static files itself (already compressed by
    # collectstatic); before everything that writes the body, so the finished page is
    # compressed, and outside the views' visitor cache, which keeps pages uncompressed.
    "portal.middleware.GZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "portal.middleware.PortalLocaleMiddleware",
    "portal.middleware.MovedSegmentsMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

# Content-Security-Policy: portal/csp.py (the site's policy and the admin's). Hosts that pages
# may load images from besides the site itself: the map tiles of the apps that show a map.
# MAP_TILE_URL: a Leaflet tile template; empty shows the markers without a background map.
MAP_TILE_URL = env("MAP_TILE_URL", default="https://tile.openstreetmap.org/{z}/{x}/{y}.png")
# The default credit is in the catalogues (portal.utils.map_settings shows it in the visitor's
# language); another provider's credit is shown as configured.
MAP_TILE_ATTRIBUTION = env("MAP_TILE_ATTRIBUTION", default=gettext_noop("© OpenStreetMap contributors"))
CSP_EXTRA_IMG_SOURCES = ["/".join(MAP_TILE_URL.split("/")[:3])] if MAP_TILE_URL.startswith("https://") else []
# Permissions-Policy: no browser feature that the portal does not use (camera, microphone,
# payment…).
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "encrypted-media",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "publickey-credentials-get",
        "usb",
        "xr-spatial-tracking",
    )
}

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "portal.context_processors.portal",
            ],
        },
    },
    {
        # Plain-text e-mails (portal.mail.render_mail): the same templates, no HTML escaping.
        "NAME": "mail",
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {"autoescape": False},
    },
]

DATABASES = {"default": env.db("DATABASE_URL")}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Several gunicorn workers and the task worker write to one file: take the write lock at
    # the start of a transaction and wait for it (instead of failing with "database is locked"
    # when a read turns into a write), and let readers work during writes (WAL).
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA cache_size=-65536;",
        }
    )
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # The planner's default cost of a random page read (4, for spinning disks) has it read a
    # whole table rather than a GIN index for a common prefix ("web*": 8% of the profiles,
    # estimated at a third, 110 ms against 20). Servers are on SSD and the index in memory.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("options", "-c random_page_cost=1.1")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]

# Accounts: login by e-mail, confirmed address, no usernames.
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
# Confirming the address in the browser that signed up logs the person in and takes them where
# they were going (the member they wanted to write to); a link opened elsewhere still asks to log in.
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_SIGNUP_FORM_CLASS = "portal.accounts.forms.SignupExtraForm"
ACCOUNT_FORMS = {"login": "portal.accounts.login_form.LoginForm"}
ACCOUNT_ADAPTER = "portal.accounts.adapters.AccountAdapter"
ACCOUNT_RATE_LIMITS = {"login_failed": "10/m/ip,5/5m/key"}
LOGIN_REDIRECT_URL = "accounts:account"
LOGIN_URL = "account_login"
# One way in: the admin sends people to the same login (attempt limits, verified address,
# two-factor step), and passwords are changed and reset there too.
WAGTAILADMIN_LOGIN_URL = "admin_login_redirect"
WAGTAIL_PASSWORD_MANAGEMENT_ENABLED = False
# Optional two-factor authentication (an authenticator app, with recovery codes).
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = env("MFA_TOTP_ISSUER", default="Coop portal")

# Languages: French is the default; every public URL carries its language prefix.
LANGUAGE_CODE = "fr"
LANGUAGES = [
    ("fr", "Français"),
    ("nl", "Nederlands"),
    ("de", "Deutsch"),
    ("en", "English"),
]
LANGUAGE_NAMES_LOCAL = dict(LANGUAGES)
# The project's catalogues, then formal translations of django-allauth's strings (its German
# and Dutch say "du" and "je"; the portal says "Sie" and "u"), then the admin's strings that
# wagtail-localize's and Wagtail's catalogues leave in English or break (docs/decisions.md,
# "Admin language"): the first catalogue that has a string wins, and all of them win over the
# apps' own. See docs/decisions.md, "Register". Not directories named "locale", so that
# makemessages never writes the project's strings there.
LOCALE_PATHS = [
    BASE_DIR / "locale",
    BASE_DIR / "portal" / "accounts" / "allauth_locale",
    BASE_DIR / "portal" / "pages" / "admin_locale",
]
USE_I18N = True
# Date formats of our own where Django's differ from Belgian usage (portal/formats/).
FORMAT_MODULE_PATH = ["portal.formats"]
USE_TZ = True
TIME_ZONE = "Europe/Brussels"
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILLOCALIZE_MACHINE_TRANSLATOR = None
# A new translation starts as a draft (not live because its source is): it is published once
# translated, by a moderator or through the workflow (portal/pages/translation_workflow.py).
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False
# Data models (sectors, places, …) get name_fr, name_nl, name_de, name_en; empty ones fall
# back to French, then to the other languages.
MODELTRANSLATION_DEFAULT_LANGUAGE = "fr"
MODELTRANSLATION_LANGUAGES = ("fr", "nl", "de", "en")
MODELTRANSLATION_FALLBACK_LANGUAGES = {"default": ("fr", "nl", "de", "en")}

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
MEDIA_URL = "/media/"
MEDIA_ROOT = BASE_DIR / "media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Mail is queued (portal.mail) and delivered by the task worker through the backend that
# EMAIL_URL names (SMTP in production, the console on a developer's machine).
_mail = env.email_url("EMAIL_URL")
MAIL_DELIVERY_BACKEND = _mail.pop("EMAIL_BACKEND")
vars().update(_mail)
# A mail server that accepts the connection and then stalls must not hold the worker forever.
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=30)
EMAIL_BACKEND = "portal.mail.backends.QueuedEmailBackend"
# Background work (mail delivery, search index retries) runs in `manage.py db_worker`.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Extra address for referral notifications, on top of the Ethics committee group's members.
ETHICS_COMMITTEE_EMAIL = env("ETHICS_COMMITTEE_EMAIL")

CACHES = {
    # Shared by every worker: rate-limit counters, version stamps. Never culled in practice.
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "portal_cache",
        "OPTIONS": {"MAX_ENTRIES": 200_000},
    },
    # Whole answers for anonymous visitors (portal/cache.py): a table of their own, so that
    # however many different URLs are asked for, only these are culled, never a rate limit.
    "visitors": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "portal_visitor_cache",
        "OPTIONS": {"MAX_ENTRIES": 2000},
    },
    # Wagtail keeps the rendition rows of images here (one query less per picture shown);
    # per worker, small, and a rendition never changes once made.
    "renditions": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "renditions",
        "OPTIONS": {"MAX_ENTRIES": 1000},
    },
}
# Lists, API answers and sitemaps kept for anonymous visitors until content changes (portal.cache).
VISITOR_CACHE_SECONDS = env.int("VISITOR_CACHE_SECONDS", default=600)
# Names the deployed release (a git hash, say); cached pages of another release are ignored.
# Empty: the templates' and static files' modification times stand for it.
RELEASE = env.str("RELEASE", default="")
# Referral spam protection: submissions per address and hour.
REFERRAL_RATE_LIMIT = "5/h"

WAGTAIL_SITE_NAME = "Coop"
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
if SEARCH_URL:
    WAGTAILSEARCH_BACKENDS = page_search_backends(SEARCH_URL, SEARCH_INDEX_PREFIX)
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
WAGTAIL_ENABLE_UPDATE_CHECK = False
# No avatars from gravatar.com: no request to another host, no hash of an address sent out.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAILAPI_BASE_URL = env("SITE_URL")
WAGTAILAPI_LIMIT_MAX = 100
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"]

REST_FRAMEWORK = {
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "UNAUTHENTICATED_USER": None,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Coop portal API",
    "DESCRIPTION": (
        "The member directory and the coworking spaces of the cooperative. "
        "Labels follow ?lang= or Accept-Language."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "PREPROCESSING_HOOKS": ["portal.api_schema.only_v1"],
}

# Search: the database by default; OpenSearch when SEARCH_URL is set.
SEARCH_REPLICAS = env.int("SEARCH_REPLICAS", default=0)
# When the engine is down: answer from the database (True) or say search is unavailable.
SEARCH_FALLBACK_TO_DATABASE = env.bool("SEARCH_FALLBACK_TO_DATABASE", default=True)
# Empty: OpenSearch when SEARCH_URL is set, else the database; "database" forces the database.
SEARCH_BACKEND = ""

# Member directory
DIRECTORY_CONTACT_RATE_LIMIT = "5/h"

# Calls watch: the sources' addresses (set by editors in the admin) may only be public web
# addresses, never the portal's own network (its search node, its database). True only for a
# source on the intranet, or for tests with a server on 127.0.0.1.
CALLS_IMPORT_PRIVATE_HOSTS = env.bool("CALLS_IMPORT_PRIVATE_HOSTS", default=False)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
