from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting


@register_setting(icon="site")
class OrganisationSettings(BaseGenericSetting):
    """Facts about the cooperative shown in the footer and in schema.org data."""

    name = models.CharField(_("name"), max_length=120, default="Coop")
    legal_name = models.CharField(_("legal name"), max_length=200, blank=True)
    contact_email = models.EmailField(
        _("public contact address"),
        blank=True,
        help_text=_("The cooperative's general address, never a member's."),
    )
    telephone = models.CharField(_("telephone"), max_length=40, blank=True)
    street_address = models.CharField(_("street address"), max_length=200, blank=True)
    postal_code = models.CharField(_("postcode"), max_length=10, blank=True)
    locality = models.CharField(_("locality"), max_length=100, blank=True)
    company_number = models.CharField(_("company number"), max_length=30, blank=True)

    class Meta:
        verbose_name = _("organisation")
