from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CharterConfig(AppConfig):
    name = "portal.charter"
    label = "charter"
    verbose_name = _("Values charter")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.models.signals import post_delete
        from wagtail.signals import page_published, page_unpublished

        from portal.charter.acceptance import charter_pages_changed
        from portal.charter.models import ValuesCharterPage

        for signal in (page_published, page_unpublished, post_delete):
            signal.connect(
                charter_pages_changed, sender=ValuesCharterPage, dispatch_uid=f"charter-{signal!r}"
            )
