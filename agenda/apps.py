from django.apps import AppConfig
from django.urls import include, path
from django.utils.translation import gettext_lazy as _


def _seed_demo(**kwargs):
    from agenda.demo import seed

    return seed(**kwargs)


def _personal_data(user):
    from agenda.personal_data import collect

    return collect(user)


def _site_search(text, limit):
    from agenda.views import site_search

    return site_search(text, limit)


class AgendaConfig(AppConfig):
    name = "agenda"
    verbose_name = _("Events")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from agenda import signals  # noqa: F401
        from agenda.documents import EVENTS
        from agenda.groups import groups_after_migrate  # noqa: F401 — connected on import
        from agenda.sitemap import EventSitemap
        from portal import registry, search

        search.register(EVENTS)
        registry.register_urls(path("", include("agenda.urls")))
        registry.register_api_urls(path("", include("agenda.api_urls")))
        registry.register_sitemap("events", EventSitemap)
        registry.register_account_section("agenda/account_section.html")
        registry.register_demo_seeder(_seed_demo)
        registry.register_nav_link(_("Events"), "agenda:index", order=30)
        registry.register_home_section("agenda/home_section.html")
        registry.register_venue_section("agenda/venue_section.html")
        registry.register_personal_data("events", _personal_data)
        registry.register_site_search(_site_search, order=30)
