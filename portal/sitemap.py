from django.contrib.sitemaps import Sitemap as DjangoSitemap
from wagtail.contrib.sitemaps import views as wagtail_sitemap_views
from wagtail.contrib.sitemaps.sitemap_generator import Sitemap as WagtailSitemap
from wagtail.models import Page


class PortalSitemap(WagtailSitemap):
    """Every public page in every language, each with its hreflang alternates.

    Wagtail's own sitemap walks the site's root page only, which holds the default
    language; the other languages' trees are its translations.
    """

    def items(self):
        root = self.get_wagtail_site().root_page
        pages = Page.objects.none()
        # Only languages whose home page is live can be visited.
        for home in root.get_translations(inclusive=True).live():
            pages = pages | Page.objects.descendant_of(home, inclusive=True)
        return pages.live().public().order_by("path").defer_streamfields().specific()


def sitemap_view(request):
    return wagtail_sitemap_views.sitemap(
        request, sitemaps={"pages": PortalSitemap, "members": MemberProfileSitemap}
    )


class MemberProfileSitemap(DjangoSitemap):
    """Public directory profiles (French URLs, with their other languages as alternates)."""

    limit = 5000
    i18n = True
    alternates = True
    x_default = True

    def items(self):
        from directory.models import MemberProfile

        return MemberProfile.objects.public().order_by("pk").only("pk", "display_name", "updated_at")

    def lastmod(self, obj):
        return obj.updated_at
