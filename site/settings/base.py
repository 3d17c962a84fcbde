"""Settings shared by every environment. dev, production and test import from here."""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url

PROJECT_DIR = Path(__file__).resolve().parent.parent  # site/
BASE_DIR = PROJECT_DIR.parent  # the repository root

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
DEBUG = False
ALLOWED_HOSTS = [h for h in os.environ.get("DJANGO_ALLOWED_HOSTS", "").split(",") if h]

INSTALLED_APPS = [
    "site.apps.PortalConfig",
    "home",
    "columns",
    "services",
    "search",
    "wagtail_localize",
    "wagtail_localize.locales",  # replaces wagtail.locales: adds tree synchronisation
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.table_block",
    "wagtail.contrib.search_promotions",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "axes",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Axes must come last: it turns a lockout raised anywhere above into its page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "site.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PROJECT_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

WSGI_APPLICATION = "site.wsgi.application"

# PostgreSQL in production (DATABASE_URL); an SQLite file in the project otherwise,
# so that a new user needs no database server.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}", conn_max_age=60
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "portal.User"
WAGTAILIMAGES_IMAGE_MODEL = "portal.PortalImage"
WAGTAILDOCS_DOCUMENT_MODEL = "portal.PortalDocument"

# --- Login hardening -------------------------------------------------------
AUTHENTICATION_BACKENDS = [
    # Axes first: it refuses a locked-out username/IP pair before any password check.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", "30")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "portal/lockout.html"
# Behind a reverse proxy, set AXES_IPWARE_PROXY_COUNT to the number of proxies so the
# client's address (not the proxy's) is the one locked out.
AXES_IPWARE_PROXY_COUNT = int(os.environ.get("AXES_IPWARE_PROXY_COUNT", "0")) or None
AXES_IPWARE_META_PRECEDENCE_ORDER = ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "site.security.CharacterClassesValidator", "OPTIONS": {"min_classes": 3}},
]

# Idle timeout: a session lasts SESSION_IDLE_MINUTES after the last request.
SESSION_COOKIE_AGE = int(os.environ.get("SESSION_IDLE_MINUTES", "30")) * 60
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"  # Wagtail's preview views opt back in to SAMEORIGIN themselves.
SECURE_REFERRER_POLICY = "same-origin"

# --- Languages ---------------------------------------------------------------
# Simplified Chinese is the default (第十二条); it is served without a URL prefix,
# the other versions under /zh-hant/ and /en/ (see README, "URLs").
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [
    ("zh-hans", "简体中文"),
    ("zh-hant", "繁體中文"),
    ("en", "English"),
]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
LOCALE_PATHS = [PROJECT_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

# --- Static and media --------------------------------------------------------
STATICFILES_DIRS = [PROJECT_DIR / "static"]
STATIC_ROOT = BASE_DIR / "static_collected"
STATIC_URL = "/static/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
MEDIA_URL = "/media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# --- Wagtail -------------------------------------------------------------------
WAGTAIL_SITE_NAME = "梅州市人民政府门户网站"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAILDOCS_EXTENSIONS = ["pdf", "doc", "docx", "xls", "xlsx", "ofd", "wps", "et", "zip", "rar", "txt", "csv"]
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
WAGTAIL_DATE_FORMAT = "%Y-%m-%d"
WAGTAIL_DATETIME_FORMAT = "%Y-%m-%d %H:%M"

# How many items a column lists per page.
COLUMN_PAGE_SIZE = 20

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}

# --- Public services and interaction (issue 6) ---------------------------------
# Deadlines in working days (see services.workdays and the 节假日与调休 calendar in the admin).
SERVICES_LETTER_DUE_WORKING_DAYS = {"consult": 5, "default": 15}  # keyed by letter type
SERVICES_DISCLOSURE_DUE_WORKING_DAYS = 20  # 政府信息公开条例 第三十三条
SERVICES_DISCLOSURE_EXTENSION_WORKING_DAYS = 20
# Open letters this many days before the three-month line are flagged in the inbox.
SERVICES_THREE_MONTH_WARNING_DAYS = int(os.environ.get("SERVICES_THREE_MONTH_WARNING_DAYS", "30"))
# (requests, seconds) per key. Counters live in the default cache: use a cache shared by all
# workers in production (e.g. Redis or the database cache), or each worker counts alone.
SERVICES_RATE_LIMITS = {
    "submit_ip": (10, 3600),  # form posts per IP address
    "submit_phone": (3, 86400),  # accepted submissions per phone number
    "lookup_ip": (10, 900),  # status look-ups per IP address
}
# 网上信访大厅: accepted letters are POSTed here as JSON by `manage.py deliver_outbox`.
PETITION_HALL_ENDPOINT = os.environ.get("PETITION_HALL_ENDPOINT", "")
PETITION_HALL_TOKEN = os.environ.get("PETITION_HALL_TOKEN", "")
PETITION_HALL_TIMEOUT = float(os.environ.get("PETITION_HALL_TIMEOUT", "10"))
PETITION_HALL_BACKOFF_SECONDS = 60  # doubled after each failure ...
PETITION_HALL_MAX_BACKOFF_SECONDS = 6 * 3600  # ... up to this; messages are never dropped

# --- Translation (issue 3) -----------------------------------------------------
# site.translation: machine translator, translator group, review, report (before wagtail_localize so
# that its admin URLs and hooks take precedence).
INSTALLED_APPS.insert(INSTALLED_APPS.index("wagtail_localize"), "site.translation")
# zh-hans -> zh-hant by OpenCC. "s2hk" (default): Hong Kong forms, mainland statutory vocabulary kept
# (政府信息公开 -> 政府信息公開, as in the title of the national regulation); "s2twp": Taiwan standard
# with vocabulary (信息公开 -> 資訊公開, 软件 -> 軟體); also "s2tw", "s2t". See site/translation/machine.py.
# zh-hans -> en goes to a self-hosted LibreTranslate when LIBRETRANSLATE_URL is set, otherwise a human.
WAGTAILLOCALIZE_MACHINE_TRANSLATOR = {
    "CLASS": "site.translation.machine.OpenCCTranslator",
    "OPTIONS": {
        "OPENCC_CONFIG": os.environ.get("PORTAL_OPENCC_CONFIG", "s2hk"),
        "LIBRETRANSLATE_URL": os.environ.get("LIBRETRANSLATE_URL", ""),
        "LIBRETRANSLATE_API_KEY": os.environ.get("LIBRETRANSLATE_API_KEY", ""),
    },
}
# Starting or re-starting a translation ("Translate this page", with or without the subtree) saves
# each translation as a draft: by default wagtail-localize publishes it when the source is live,
# which would put a translator's unreviewed segments online (谁提供、谁审核). The live page stays the
# synchronised copy (or the last reviewed translation) until the workflow approves.
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False
# The name of the group whose members translate (created by `manage.py setup_translators`).
PORTAL_TRANSLATOR_GROUP = "翻译员"

# --- Search (issue 4) ---------------------------------------------------------------
# Wagtail's database backend made Chinese-aware (search/backend.py); Elasticsearch when
# ELASTICSEARCH_URL is set. See search/README.md.
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "search.backend", "SEARCH_CONFIG": "simple"}}
# How Chinese text becomes tokens: "hybrid" (default), "bigram" or "jieba"; see search/README.md.
PORTAL_SEARCH_SEGMENTER = os.environ.get("PORTAL_SEARCH_SEGMENTER", "hybrid")
# Result kinds: key -> (label, models). Other apps add their page types here.
PORTAL_SEARCH_KINDS = {
    "info": ("信息", ["columns.ArticlePage"]),
    "policy": ("政策文件", ["columns.PolicyDocumentPage"]),
    "service": ("办事指南", ["services.ServiceGuidePage"]),
    # Published letters and their replies: not pages, see search/records.py.
    "interaction": ("互动", ["services.Letter"]),
}
PORTAL_SEARCH_PAGE_SIZE = 10
if os.environ.get("ELASTICSEARCH_URL"):
    WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": "search.elasticsearch",  # wagtail's elasticsearch8, AND operator, folded text
            "URLS": [os.environ["ELASTICSEARCH_URL"]],
            "INDEX": os.environ.get("ELASTICSEARCH_INDEX", "portal"),
            "TIMEOUT": 5,
            # The built-in cjk analyzer (bigrams, width folding); set ELASTICSEARCH_ANALYZER=smartcn
            # or ik_max_word when the cluster has that plugin.
            "INDEX_SETTINGS": {
                "settings": {
                    "index": {
                        "analysis": {
                            "analyzer": {
                                "default": {"type": os.environ.get("ELASTICSEARCH_ANALYZER", "cjk")},
                            }
                        }
                    }
                }
            },
        }
    }
# --- Editorial governance (issue 5) ------------------------------------------------------------
# The information center's approval of the workflow's last step publishes (or schedules) the
# page; see columns/workflow.py. Editing a page under review needs the reviewers' approval again.
WAGTAIL_FINISH_WORKFLOW_ACTION = "columns.publishing.publish_approved"
WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT = True
