from urllib.parse import urlencode

from allauth.account.adapter import DefaultAccountAdapter
from django.urls import reverse

from portal.charter.acceptance import current_charter_version, has_accepted_current


class AccountAdapter(DefaultAccountAdapter):
    def post_login(self, request, user, **kwargs):
        response = super().post_login(request, user, **kwargs)
        # A new charter version is put to the member at their next login, wherever they were going.
        if (
            current_charter_version()
            and not has_accepted_current(user)
            and response.status_code in (301, 302)
        ):
            target = response.get("Location") or reverse("accounts:account")
            response["Location"] = f"{reverse('charter:accept')}?{urlencode({'next': target})}"
        return response
