from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MailConfig(AppConfig):
    name = "portal.mail"
    label = "mail"
    verbose_name = _("Outgoing mail")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from portal import registry
        from portal.mail.queue import health

        registry.register_health_check("mail", health)
