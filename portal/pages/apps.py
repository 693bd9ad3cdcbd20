from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PagesConfig(AppConfig):
    name = "portal.pages"
    label = "pages"
    verbose_name = _("Pages")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from portal import registry
        from portal.pages.sitemap import PagesSitemap

        registry.register_sitemap("pages", PagesSitemap)
