from agenda.models import Event
from portal.sitemaps import CanonicalSitemap


class EventSitemap(CanonicalSitemap):
    """Published events, in every language with their alternates."""

    i18n = True
    alternates = True
    x_default = True

    def items(self):
        return Event.objects.public().order_by("pk")

    def lastmod(self, obj):
        return obj.updated_at
