from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from search import views as search_views

from . import views

urlpatterns = [
    path("healthz/", views.healthz, name="healthz"),
    path("django-admin/", admin.site.urls),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("sitemap.xml", sitemap),
    path("i18n/", include("django.conf.urls.i18n")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Public pages: Simplified Chinese without a prefix (the canonical addresses that
# citizens bookmark), Traditional Chinese under /zh-hant/, English under /en/.
urlpatterns += i18n_patterns(
    path("search/", search_views.search, name="search"),
    path("interaction/", include("services.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)
