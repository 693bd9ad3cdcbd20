from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TaxonomyConfig(AppConfig):
    name = "portal.taxonomy"
    label = "taxonomy"
    verbose_name = _("Taxonomy")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from portal.search.reference import watch
        from portal.taxonomy.models import Language, Profession, Sector

        # Every worker reloads its cached option lists when one of these changes.
        watch(Language, Profession, Sector)
