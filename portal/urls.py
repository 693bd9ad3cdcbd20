from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from directory.api import MemberDetailAPI, MemberListAPI
from portal import views
from portal.api import api_router
from portal.sitemap import sitemap_view

portal_patterns = (
    [
        path("account/", views.account_view, name="account"),
        path("account/charter/", views.charter_accept_view, name="charter_accept"),
        path("search/", views.search_view, name="search"),
    ],
    "portal",
)

# Admin, API, sitemap and robots.txt live outside the language prefix.
urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("api/v2/", api_router.urls),
    path("api/v1/members/", MemberListAPI.as_view(), name="api-members"),
    path("api/v1/members/<int:pk>/", MemberDetailAPI.as_view(), name="api-member"),
    path("api/v1/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("sitemap.xml", sitemap_view, name="sitemap"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("health/", views.health, name="health"),
    path("i18n/", include("django.conf.urls.i18n")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += i18n_patterns(
    path("", include(portal_patterns)),
    path("", include("directory.urls")),
    path("accounts/", include("allauth.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)
