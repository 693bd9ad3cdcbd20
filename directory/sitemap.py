from directory.models import MemberProfile
from portal.sitemaps import CanonicalSitemap


class MemberProfileSitemap(CanonicalSitemap):
    """Public directory profiles (French URLs, with their other languages as alternates)."""

    limit = 5000
    i18n = True
    alternates = True
    x_default = True

    def items(self):
        return MemberProfile.objects.public().order_by("pk").only("pk", "display_name", "updated_at")

    def lastmod(self, obj):
        return obj.updated_at
