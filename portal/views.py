import logging

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.template.response import TemplateResponse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET
from django_ratelimit.core import get_usage
from wagtail.models import Locale, Page
from wagtail.search.backends import get_search_backend

from portal.emails import acknowledge_referral, notify_committee
from portal.forms import CharterAcceptanceForm, ReferralForm
from portal.models import ValuesCharterPage
from portal.models.charter import acceptance_of_current, record_acceptance
from portal.utils import clean_query

SESSION_REFERRAL_KEY = "portal_referral_reference"
logger = logging.getLogger(__name__)


def referral_form_view(request, page):
    form = ReferralForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        # Only referrals that are sent count against the limit, not attempts with mistakes.
        usage = get_usage(request, group="ethics-referral", key="ip", rate=settings.REFERRAL_RATE_LIMIT)
        limited = bool(usage) and usage["count"] >= usage["limit"]
        if form.is_spam():
            # Bots are told it worked; nothing is stored or sent.
            return redirect(page.url + page.reverse_subpage("referral_thanks"))
        if limited:
            form.add_error(
                None,
                _(
                    "You have sent several referrals in a short time. Please wait an hour and try again; "
                    "what you wrote is still below."
                ),
            )
            status = 429
        elif form.is_valid():
            referral = form.save()
            get_usage(
                request, group="ethics-referral", key="ip", rate=settings.REFERRAL_RATE_LIMIT, increment=True
            )
            try:
                notify_committee(referral)
                acknowledge_referral(referral, form.acknowledgement_address, get_language())
            except Exception:
                # The referral is stored: the committee sees it in the admin even if mail fails.
                logger.exception("Could not send the e-mails of referral %s", referral.reference)
            request.session[SESSION_REFERRAL_KEY] = referral.reference
            return redirect(page.url + page.reverse_subpage("referral_thanks"))
        else:
            status = 400
    return TemplateResponse(request, "portal/referral_form.html", {"page": page, "form": form}, status=status)


def referral_thanks_view(request, page):
    reference = request.session.pop(SESSION_REFERRAL_KEY, None)
    return TemplateResponse(request, "portal/referral_thanks.html", {"page": page, "reference": reference})


@login_required
def account_view(request):
    charter = ValuesCharterPage.in_force()
    return render(
        request,
        "portal/account.html",
        {
            "charter": charter.localized_or_self() if charter else None,
            "current_acceptance": acceptance_of_current(request.user),
            "acceptances": request.user.charter_acceptances.all(),
            # Other apps add their part of the account page here (settings.ACCOUNT_SECTIONS).
            "account_sections": settings.ACCOUNT_SECTIONS,
        },
    )


@login_required
def charter_accept_view(request):
    charter = ValuesCharterPage.in_force()
    if charter is None:
        messages.info(request, _("There is no charter to accept yet."))
        return redirect("portal:account")
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    if not url_has_allowed_host_and_scheme(next_url, {request.get_host()}, request.is_secure()):
        next_url = ""
    form = CharterAcceptanceForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        record_acceptance(request.user, charter.version, get_language() or "")
        messages.success(
            request,
            _("Thank you: you accepted version %(version)s of the charter.") % {"version": charter.version},
        )
        return redirect(next_url or "portal:account")
    return render(
        request,
        "portal/charter_accept.html",
        {
            "form": form,
            "charter": charter.localized_or_self(),
            "already": acceptance_of_current(request.user),
            "next": next_url,
        },
        status=400 if form.errors else 200,
    )


@require_GET
def search_view(request):
    query = clean_query(request.GET.get("q", ""))
    results = None
    if query:
        pages = Page.objects.live().public().filter(locale=Locale.get_active()).specific()
        # The active language's index when there is one (OpenSearch), else the default.
        language = get_language()
        backend = get_search_backend(language if language in settings.WAGTAILSEARCH_BACKENDS else "default")
        results = Paginator(backend.search(query, pages), 10).get_page(request.GET.get("page"))
    return render(request, "portal/search.html", {"query": query, "site_query": query, "results": results})


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


@require_GET
def health(request):
    """For load balancers and monitoring: the database and the search engine."""
    from django.db import connection

    from directory.search import get_backend

    status = {"database": "ok", "search": "database"}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception:  # noqa: BLE001 — any failure is reported, not raised
        status["database"] = "unavailable"
    backend = get_backend()
    if backend.name != "database":
        status["search"] = backend.health()
        if status["search"] == "unavailable" and settings.SEARCH_FALLBACK_TO_DATABASE:
            status["search"] = "unavailable (answering from the database)"
    healthy = status["database"] == "ok" and status["search"] in ("database", "green", "yellow")
    return JsonResponse(status, status=200 if healthy else 503)
