from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from portal import registry
from portal.charter.acceptance import acceptance_of_current
from portal.charter.models import ValuesCharterPage


@login_required
def account_view(request):
    charter = ValuesCharterPage.in_force()
    return render(
        request,
        "accounts/account.html",
        {
            "charter": charter.localized_or_self() if charter else None,
            "current_acceptance": acceptance_of_current(request.user),
            "acceptances": request.user.charter_acceptances.all(),
            # Domain apps add their part of the page (registry.register_account_section).
            "account_sections": registry.account_sections(),
        },
    )
