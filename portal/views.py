from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from portal import registry
from portal.utils import canonical_url


@require_GET
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /django-admin/",
        *[f"Disallow: /{code}/accounts/" for code, _name in settings.LANGUAGES],
        f"Sitemap: {canonical_url('/sitemap.xml')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")


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


def admin_login(request):
    """/admin/login/ → the site's login (allauth), back to the admin afterwards. Someone already
    logged in whose account has no access to the admin goes to their account page instead (the
    login page would send them straight back to the admin, and round again)."""
    if request.user.is_authenticated:
        messages.error(request, _("Your account has no access to the administration."))
        return redirect("accounts:account")
    target = request.GET.get("next") or "/admin/"
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = "/admin/"
    return redirect(f"{reverse('account_login')}?{urlencode({'next': target})}")
