from directory.models import MemberProfile
from portal.sitemaps import CanonicalSitemap


class MemberProfileSitemap(CanonicalSitemap):
    """Public directory profiles (French URLs, with their other languages as alternates)."""

    # Each profile is listed in four languages with its alternates: 1,000 profiles make a file of
    # 4,000 addresses (about 3 MB), well under the sitemap protocol's 50,000 and 50 MB.
    limit = 1000
    i18n = True
    alternates = True
    x_default = True

    def items(self):
        return MemberProfile.objects.public().order_by("pk").only("pk", "display_name", "updated_at")

    def lastmod(self, obj):
        return obj.updated_at
