from django.conf import settings
from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.views.decorators.http import require_GET
from wagtail.contrib.sitemaps import views as wagtail_sitemap_views

from portal import registry


@require_GET
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /django-admin/",
        *[f"Disallow: /{code}/accounts/" for code, _name in settings.LANGUAGES],
        f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")


def sitemap_view(request):
    """One sitemap with a section per registered app (registry.register_sitemap)."""
    return wagtail_sitemap_views.sitemap(request, sitemaps=registry.sitemaps())


@require_GET
def health(request):
    """For load balancers and monitoring: the database, then each app's registered check."""
    status = {"database": "ok"}
    healthy = True
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception:  # noqa: BLE001 — any failure is reported, not raised
        status["database"] = "unavailable"
        healthy = False
    for name, check in registry.health_checks().items():
        status[name], ok = check()
        healthy = healthy and ok
    return JsonResponse(status, status=200 if healthy else 503)
