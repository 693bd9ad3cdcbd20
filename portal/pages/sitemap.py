from wagtail.contrib.sitemaps.sitemap_generator import Sitemap as WagtailSitemap
from wagtail.models import Page


class PagesSitemap(WagtailSitemap):
    """Every public page in every language, each with its hreflang alternates.

    Wagtail's own sitemap walks the site's root page only, which holds the default
    language; the other languages' trees are its translations. Its addresses come from the
    default Wagtail site, which follows SITE_URL (portal.pages.apps.follow_site_url).
    """

    def items(self):
        root = self.get_wagtail_site().root_page
        pages = Page.objects.none()
        # Only languages whose home page is live can be visited.
        for home in root.get_translations(inclusive=True).live():
            pages = pages | Page.objects.descendant_of(home, inclusive=True)
        return pages.live().public().order_by("path").defer_streamfields().specific()
