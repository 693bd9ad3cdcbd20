from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from django.views.decorators.cache import never_cache
from drf_spectacular.views import SpectacularAPIView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.admin.auth import require_admin_access
from wagtail.documents import urls as wagtaildocs_urls

from portal import registry, sitemaps, views
from portal.api import api_router
from portal.cache import cached_for_visitors
from portal.pages import views as pages_views
from portal.pages.workflow_action import AnnouncedWorkflowActionView

# Wagtail's pages as its own URLs serve them (its lookups kept in the process, pages_views.serve),
# and kept for anonymous visitors until something is published (the content stamp): a page is
# built once per publication, not per visit. Five-minute slots: the home page's "closes in 3
# days" and next events follow the time.
# Pages with a form (a CSRF token), a restriction or a preview are never kept (portal.cache).
wagtail_pages = [
    *(pattern for pattern in wagtail_urls.urlpatterns if pattern.name != "wagtail_serve"),
    re_path(
        wagtail_urls.serve_pattern,
        cached_for_visitors(pages_views.serve, slot_seconds=300),
        name="wagtail_serve",
    ),
]

# Admin, APIs, sitemap and robots.txt live outside the language prefix.
urlpatterns = [
    # Wagtail's own login would be a second way in, without allauth's checks.
    path("admin/login/", views.admin_login, name="admin_login_redirect"),
    # Wagtail's workflow action on a page, at its address, then a message (workflow_action.py).
    path(
        "admin/pages/workflow/action/<int:page_id>/<slug:action_name>/<int:task_state_id>/",
        require_admin_access(never_cache(AnnouncedWorkflowActionView.as_view())),
    ),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("api/v2/", api_router.urls),
    *registry.api_urls(),
    path("api/v1/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("sitemap.xml", sitemaps.sitemap_index, name="sitemap"),
    path("sitemap-<slug:section>.xml", sitemaps.sitemap_section, name="sitemap_section"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("health/", views.health, name="health"),
    path("i18n/", include("django.conf.urls.i18n")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += i18n_patterns(
    path("", include("portal.accounts.urls")),
    path("", include("portal.charter.urls")),
    path("", include("portal.pages.urls")),
    path("", include("portal.places.urls")),
    *registry.urls(),
    path("accounts/", include("allauth.urls")),
    # Wagtail's pages come last: its catch-all would hide the patterns after it.
    path("", include(wagtail_pages)),
    prefix_default_language=True,
)
