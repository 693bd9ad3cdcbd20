from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponseRedirect
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from portal.charter.acceptance import acceptance_of_current, record_acceptance
from portal.charter.forms import CharterAcceptanceForm
from portal.charter.models import ValuesCharterPage


@login_required
def charter_accept_view(request):
    charter = ValuesCharterPage.in_force()
    if charter is None:
        messages.info(request, _("There is no charter to accept yet."))
        return redirect("accounts:account")
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    # Only a path on this site (redirect() would take anything else for a view name).
    if not next_url.startswith("/") or not url_has_allowed_host_and_scheme(
        next_url, {request.get_host()}, request.is_secure()
    ):
        next_url = ""
    form = CharterAcceptanceForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        record_acceptance(request.user, charter.version, get_language() or "")
        messages.success(
            request,
            _("Thank you: you accepted version %(version)s of the charter.") % {"version": charter.version},
        )
        return HttpResponseRedirect(next_url) if next_url else redirect("accounts:account")
    return render(
        request,
        "charter/charter_accept.html",
        {
            "form": form,
            "charter": charter.localized_or_self(),
            "already": acceptance_of_current(request.user),
            "next": next_url,
        },
        status=400 if form.errors else 200,
    )
