from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import ListingButton

from portal.admin_viewsets import NoAddMixin
from portal.mail.models import OutgoingMail
from portal.mail.queue import send_again


class MailIndexView(IndexView):
    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if instance.status != OutgoingMail.Status.SENT and instance.message:
            buttons.append(
                ListingButton(
                    _("Send again now"),
                    url=reverse("outgoing_mail:send_again", args=[instance.pk]),
                    icon_name="redo",
                    priority=5,
                )
            )
        return buttons


class OutgoingMailViewSet(NoAddMixin, ModelViewSet):
    """Settings → Outgoing e-mails: what waits, what failed and why, and "send again"."""

    model = OutgoingMail
    icon = "mail"
    menu_label = gettext_lazy("Outgoing e-mails")
    add_to_settings_menu = True
    url_namespace = "outgoing_mail"
    url_prefix = "outgoing-mail"
    index_view_class = MailIndexView
    copy_view_enabled = False
    inspect_view_enabled = True
    list_display = [
        "subject",
        "status",
        "recipient_count",
        "attempts",
        "created_at",
        "next_attempt_at",
        "sent_at",
    ]
    list_filter = ["status"]
    search_fields = ["subject"]
    # Required by Wagtail; the edit view shows the message instead (edit_view below).
    form_fields = ["subject"]
    inspect_view_fields = [
        "subject",
        "status",
        "recipient_count",
        "attempts",
        "last_error",
        "created_at",
        "next_attempt_at",
        "sent_at",
    ]

    @property
    def edit_view(self):
        # Nothing to edit by hand (a status changed here would not reach the queue): "edit"
        # shows the message, and "Send again now" is the one action.
        return self.inspect_view

    def send_again_view(self, request, pk):
        if not self.permission_policy.user_has_permission(request.user, "change"):
            raise PermissionDenied
        mail = get_object_or_404(OutgoingMail, pk=pk)
        if request.method == "POST":
            if send_again(mail):
                messages.success(request, _("The e-mail is queued again."))
            else:
                messages.error(request, _("This e-mail was already sent or has no content left."))
            return redirect(self.get_url_name("index"))
        return TemplateResponse(request, "mail/send_again.html", {"mail": mail, "view": self})

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("send-again/<int:pk>/", self.send_again_view, name="send_again"),
        ]


@hooks.register("register_admin_viewset")
def register_viewset():
    return OutgoingMailViewSet("outgoing_mail")
