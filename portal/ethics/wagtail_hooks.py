from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet

from portal.admin_viewsets import NoAddMixin
from portal.ethics.models import Referral


class ReferralViewSet(NoAddMixin, ModelViewSet):
    """Referrals are read and followed up here; the default model permissions keep them
    to the Ethics committee group (and superusers)."""

    model = Referral
    name = "referrals"
    url_namespace = "referrals"
    icon = "mail"
    menu_label = _("Ethics referrals")
    add_to_admin_menu = True
    menu_order = 300
    inspect_view_enabled = True
    list_display = ["reference", "created_at", "subject", "topic", "status", "sender_display"]
    list_filter = ["status", "topic", "anonymous", "language"]
    search_fields = ["reference", "subject", "message"]
    form_fields = ["status", "committee_notes"]
    inspect_view_fields = [
        "reference",
        "created_at",
        "language",
        "topic",
        "subject",
        "message",
        "anonymous",
        "name",
        "email",
        "status",
        "committee_notes",
    ]
    copy_view_enabled = False


@hooks.register("register_admin_viewset")
def register_referral_viewset():
    return ReferralViewSet()
