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

        from django.db.models.signals import post_delete
        from wagtail.signals import page_published, page_unpublished

        from portal.models import ValuesCharterPage
        from portal.models.charter import forget_charter_version

        for signal in (page_published, page_unpublished, post_delete):
            signal.connect(
                forget_charter_version, sender=ValuesCharterPage, dispatch_uid=f"charter-{signal!r}"
            )
