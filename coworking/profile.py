"""The space a member works from, chosen in their directory profile (through the core's profile
extensions: the directory does not know coworking)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from coworking.models import MemberBase, Space


class BaseSpaceExtension:
    template = "coworking/_profile_base.html"

    def fields(self, user):
        return {
            "base_space": forms.ModelChoiceField(
                queryset=Space.objects.public().select_related("municipality").order_by("name"),
                required=False,
                label=_("The space you work from"),
                help_text=_("Shown on your profile and on the space's page."),
                empty_label=_("None"),
            )
        }

    def initial(self, user):
        base = MemberBase.objects.filter(user=user).first()
        return {"base_space": base.space_id if base else None}

    def save(self, user, data):
        space = data.get("base_space")
        if space:
            MemberBase.objects.update_or_create(user=user, defaults={"space": space})
        else:
            MemberBase.objects.filter(user=user).delete()
