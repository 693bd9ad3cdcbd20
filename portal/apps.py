from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    """The project shell: settings, URLs, base templates, design system and the registry
    (portal/registry.py) through which the other apps plug in."""

    name = "portal"
    verbose_name = _("Portal")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from portal.startup import import_rest_framework_without_extras

        # First of the project's ready() methods, before portal.pages imports DRF's serializers.
        import_rest_framework_without_extras()
