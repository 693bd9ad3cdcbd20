from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlacesConfig(AppConfig):
    name = "portal.places"
    label = "places"
    verbose_name = _("Places")
    default_auto_field = "django.db.models.BigAutoField"
