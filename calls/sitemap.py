from calls.models import Call
from portal.sitemaps import CanonicalSitemap


class CallSitemap(CanonicalSitemap):
    """Published calls, in every language with their alternates."""

    i18n = True
    alternates = True
    x_default = True

    def items(self):
        return Call.objects.public().order_by("pk")

    def lastmod(self, obj):
        return obj.updated_at
