from allauth.account.adapter import DefaultAccountAdapter
from django.urls import reverse

from portal.models.charter import acceptance_of_current, current_charter_version


class AccountAdapter(DefaultAccountAdapter):
    def get_login_redirect_url(self, request):
        url = super().get_login_redirect_url(request)
        # A new charter version is put to the member at their next login.
        if current_charter_version() and not acceptance_of_current(request.user):
            return f"{reverse('portal:charter_accept')}?next={url}"
        return url
