from django.apps import AppConfig
from django.urls import include, path
from django.utils.translation import gettext_lazy as _


def _seed_demo(**kwargs):
    # Imported when seeding: Faker and the bulk loaders are not needed to serve requests.
    from directory.demo import seed

    return seed(**kwargs)


def _public_profiles(user_ids, limit=None):
    from directory.models import MemberProfile

    profiles = (
        MemberProfile.objects.public()
        .filter(user_id__in=user_ids)
        .select_related("profession", "municipality")
        .order_by("display_name")
    )
    return profiles[:limit] if limit else profiles


def _profiles_in_sectors(sector_ids, exclude_user_ids, limit):
    from directory.models import MemberProfile

    in_sectors = MemberProfile.objects.filter(sectors__in=sector_ids).values("pk")
    # The most recently updated first: members who keep their profile current.
    return (
        MemberProfile.objects.public()
        .filter(pk__in=in_sectors)
        .exclude(user_id__in=exclude_user_ids)
        .select_related("profession", "municipality")
        .order_by("-updated_at", "pk")[:limit]
    )


def _member_interests(user):
    from directory.interests import member_interests

    return member_interests(user)


def _search_health():
    from directory.health import search_health

    return search_health()


def _site_search(text, limit):
    from directory.views import site_search

    return site_search(text, limit)


class DirectoryConfig(AppConfig):
    name = "directory"
    verbose_name = _("Member directory")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from directory import signals  # noqa: F401
        from directory.documents import MEMBERS
        from directory.sitemap import MemberProfileSitemap
        from portal import registry, search

        search.register(MEMBERS)
        registry.register_urls(path("", include("directory.urls")))
        registry.register_api_urls(path("", include("directory.api_urls")))
        registry.register_sitemap("members", MemberProfileSitemap)
        registry.register_health_check("search", _search_health)
        registry.register_account_section("directory/account_section.html")
        registry.register_demo_seeder(_seed_demo)
        registry.register_nav_link(_("Member directory"), "directory:index", order=10)
        registry.register_home_section("directory/home_section.html")
        registry.register_site_search(_site_search, order=10)
        registry.register_member_interests(_member_interests)
        registry.register_public_members(
            _public_profiles, "directory/_member_tile.html", in_sectors=_profiles_in_sectors
        )
