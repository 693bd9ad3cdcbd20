from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EthicsConfig(AppConfig):
    name = "portal.ethics"
    label = "ethics"
    verbose_name = _("Ethics committee")
    default_auto_field = "django.db.models.BigAutoField"
