from django.apps import AppConfig
from django.urls import include, path
from django.utils.translation import gettext_lazy as _


def _seed_demo(**kwargs):
    # Imported when seeding only.
    from calls.demo import seed

    return seed(**kwargs)


def _personal_data(user):
    from calls.personal_data import collect

    return collect(user)


def _site_search(text, limit):
    from calls.views import site_search

    return site_search(text, limit)


class CallsConfig(AppConfig):
    name = "calls"
    verbose_name = _("Calls for tenders and projects")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from calls import signals  # noqa: F401
        from calls.documents import CALLS
        from calls.groups import groups_after_migrate  # noqa: F401 — connected on import
        from calls.sitemap import CallSitemap
        from portal import registry, search

        search.register(CALLS)
        registry.register_urls(path("", include("calls.urls")))
        registry.register_api_urls(path("", include("calls.api_urls")))
        registry.register_sitemap("calls", CallSitemap)
        registry.register_account_section("calls/account_section.html")
        registry.register_demo_seeder(_seed_demo)
        registry.register_nav_link(_("Calls"), "calls:index", order=40)
        registry.register_home_section("calls/home_section.html")
        registry.register_site_search(_site_search, order=40)
        registry.register_personal_data("calls", _personal_data)
