"""/sitemap.xml: an index of one sitemap per registered section (pages, members, …), each cut in
pages of `limit` items; every file is kept for visitors (portal.cache) until content changes."""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps.views import SitemapIndexItem
from django.http import Http404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.http import require_safe
from wagtail.contrib.sitemaps import views as wagtail_sitemap_views

from portal import registry
from portal.cache import cached_for_visitors
from portal.utils import canonical_url


class CanonicalSitemap(Sitemap):
    """The base of the domain apps' sitemaps: item addresses on the canonical host (SITE_URL),
    not the request's host. (Page addresses come from the Wagtail site, which follows SITE_URL.)"""

    def get_protocol(self, protocol=None):
        return urlsplit(settings.WAGTAILADMIN_BASE_URL).scheme or "https"

    def get_domain(self, site=None):
        return urlsplit(settings.WAGTAILADMIN_BASE_URL).netloc


def _sections(request):
    sections = wagtail_sitemap_views.prepare_sitemaps(request, registry.sitemaps())
    # Wagtail's take the request; Django's are plain classes.
    return {name: s() if isinstance(s, type) else s for name, s in sections.items()}


@require_safe
@cached_for_visitors
def sitemap_index(request):
    items = []
    for name, sitemap in _sections(request).items():
        url = reverse("sitemap_section", kwargs={"section": name})
        for number in sitemap.paginator.page_range:
            items.append(SitemapIndexItem(canonical_url(url + (f"?p={number}" if number > 1 else "")), None))
    return TemplateResponse(request, "sitemap_index.xml", {"sitemaps": items}, content_type="application/xml")


@require_safe
@cached_for_visitors
def sitemap_section(request, section):
    if section not in registry.sitemaps():
        raise Http404
    return wagtail_sitemap_views.sitemap(request, sitemaps=registry.sitemaps(), section=section)
