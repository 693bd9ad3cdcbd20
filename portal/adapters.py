from urllib.parse import urlencode

from allauth.account.adapter import DefaultAccountAdapter
from django.urls import reverse

from portal.models.charter import acceptance_of_current, current_charter_version


class AccountAdapter(DefaultAccountAdapter):
    def post_login(self, request, user, **kwargs):
        response = super().post_login(request, user, **kwargs)
        # A new charter version is put to the member at their next login, wherever they were going.
        if (
            current_charter_version()
            and not acceptance_of_current(user)
            and response.status_code in (301, 302)
        ):
            target = response.get("Location") or reverse("portal:account")
            response["Location"] = f"{reverse('portal:charter_accept')}?{urlencode({'next': target})}"
        return response
