from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = _("Portal")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from portal.groups import ensure_groups

        # After every migrate, so that each environment has the same groups and permissions.
        post_migrate.connect(ensure_groups, sender=self)
