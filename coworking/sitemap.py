from coworking.models import Space
from portal.sitemaps import CanonicalSitemap


class SpaceSitemap(CanonicalSitemap):
    """Published spaces, in every language with their alternates."""

    i18n = True
    alternates = True
    x_default = True

    def items(self):
        return Space.objects.public().order_by("pk")

    def lastmod(self, obj):
        return obj.updated_at
