from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "portal.accounts"
    label = "accounts"
    verbose_name = _("Accounts")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from portal.accounts import signals  # noqa: F401 — connects the receivers
        from portal.accounts.groups import ensure_groups

        # After every migrate, so that each environment has the same groups and permissions.
        post_migrate.connect(ensure_groups, sender=self, dispatch_uid="accounts-ensure-groups")
