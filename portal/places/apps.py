from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlacesConfig(AppConfig):
    name = "portal.places"
    label = "places"
    verbose_name = _("Places")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from portal.places.models import Municipality, PostalCode, Province, Region
        from portal.search.reference import watch

        # Every worker reloads its cached option lists when one of these changes.
        watch(Municipality, PostalCode, Province, Region)
