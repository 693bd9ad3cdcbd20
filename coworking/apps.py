from django.apps import AppConfig
from django.urls import include, path
from django.utils.translation import gettext_lazy as _


def _seed_demo(**kwargs):
    # Imported when seeding only.
    from coworking.demo import seed

    return seed(**kwargs)


def _personal_data(user):
    from coworking.personal_data import collect

    return collect(user)


def _site_search(text, limit):
    from coworking.views import site_search

    return site_search(text, limit)


class CoworkingConfig(AppConfig):
    name = "coworking"
    verbose_name = _("Coworking spaces")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from coworking import signals  # noqa: F401
        from coworking.documents import SPACES
        from coworking.groups import groups_after_migrate  # noqa: F401 — connected on import
        from coworking.profile import BaseSpaceExtension
        from coworking.sitemap import SpaceSitemap
        from coworking.venues import SpaceVenues
        from portal import registry, search

        search.register(SPACES)
        registry.register_urls(path("", include("coworking.urls")))
        registry.register_api_urls(path("", include("coworking.api_urls")))
        registry.register_sitemap("spaces", SpaceSitemap)
        registry.register_account_section("coworking/account_section.html")
        registry.register_demo_seeder(_seed_demo)
        registry.register_nav_link(_("Coworking spaces"), "coworking:index", order=20)
        registry.register_home_section("coworking/home_section.html")
        registry.register_site_search(_site_search, order=20)
        registry.register_profile_extension(BaseSpaceExtension())
        registry.register_personal_data("coworking", _personal_data)
        registry.register_venues(SpaceVenues())
