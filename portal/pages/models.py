import copy

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting
from wagtail.fields import StreamField
from wagtail.models import Page, Site
from wagtail.search import index

from portal.pages.blocks import BodyBlock
from portal.utils import language_codes

# Most entries a per-process table of lookups keeps (sites by host, translations of linked
# pages): a flood of made-up host names cannot grow it without end; beyond it, lookups are just
# not kept.
KEPT_LOOKUPS = 1000


def keep(table, key, build):
    """content_memo's table `table`, entry `key`: built once per content stamp."""
    from portal.cache import content_memo

    entries = content_memo.get(table, dict)
    if key in entries:
        return entries[key]
    value = build()
    if len(entries) < KEPT_LOOKUPS:
        entries[key] = value
    return value


def remember_site(request):
    """Site.find_for_request() and Wagtail's site root paths for this request, kept in the
    process until content changes (a site saved changes the stamp, portal.pages.apps): every
    link to a page needs them, and each was a query per request."""
    from django.http.request import split_domain_port

    from portal.cache import content_memo

    if request is None:
        return None
    if not hasattr(request, "_wagtail_site"):
        # The same key as Wagtail's lookup: host name (unchecked, as Wagtail reads it) and port.
        key = (split_domain_port(request._get_raw_host())[0], request.get_port())
        request._wagtail_site = keep("sites", key, lambda: Site._find_for_request(request))
    if not hasattr(request, "_wagtail_cached_site_root_paths"):
        request._wagtail_cached_site_root_paths = content_memo.get(
            "site-root-paths", Site.get_site_root_paths
        )
    return request._wagtail_site


def _locales():
    from wagtail.models import Locale

    from portal.cache import content_memo

    def build():
        locales = list(Locale.objects.all())
        return {locale.language_code: locale for locale in locales}, {locale.pk: locale for locale in locales}

    return content_memo.get("locales", build)


def active_locale():
    """Locale.get_active() from the locales kept in the process (a locale saved changes the
    content stamp): asked for every page link and search, once a query each."""
    from django.conf import settings
    from django.utils.translation import get_language
    from wagtail.coreutils import get_supported_content_language_variant
    from wagtail.models import Locale

    by_code, _by_id = _locales()
    for code in (get_language(), settings.LANGUAGE_CODE):
        try:
            locale = by_code.get(get_supported_content_language_variant(code))
        except LookupError:
            continue
        if locale is not None:
            return locale
    return Locale.get_default()


def locale_code(locale_id):
    """The language code of a locale id, without a query (None when unknown)."""
    locale = _locales()[1].get(locale_id)
    return locale.language_code if locale else None


def private_q():
    """Wagtail's PageQuerySet.private_q() (pages in or under a restricted section), from the
    restrictions kept in the process until content changes (saving one changes the stamp):
    every `.public()` asked for all restrictions first."""
    from django.db.models import Q
    from wagtail.models import PageViewRestriction

    from portal.cache import content_memo

    def build():
        return [(r.page.path, r.page.depth) for r in PageViewRestriction.objects.select_related("page")]

    q = Q()
    for path, depth in content_memo.get("page-view-restrictions", build):
        q |= Q(path__startswith=path) & Q(depth__gte=depth)
    return q


def public(pages):
    """pages.public(), without its query of the restrictions."""
    q = private_q()
    return pages.exclude(q) if q else pages


def live_homes(request=None):
    """{language: live home page} of the site: kept in the process until something is
    published (portal.cache.content_memo), as every page's header and menu ask."""
    from portal.cache import content_memo

    cached = getattr(request, "_portal_homes", None)
    if cached is not None:
        return cached
    remember_site(request)
    host = request.get_host() if request is not None else ""

    def build():
        site = Site.find_for_request(request) if request else None
        site = site or Site.objects.filter(is_default_site=True).select_related("root_page").first()
        if not site:
            return {}
        translations = site.root_page.get_translations(inclusive=True).live().select_related("locale")
        return {home.locale.language_code: home for home in translations}

    homes = content_memo.get(("live-homes", host), build)
    if request is not None:
        request._portal_homes = homes
    return homes


def reachable_languages(request=None):
    """Languages whose home page is live: the others can be neither visited nor linked."""
    return set(live_homes(request))


class PortalPage(Page):
    """Behaviour every page of the portal shares: sitemap alternates and SEO helpers."""

    class Meta:
        abstract = True

    def live_translations(self):
        """The live translations of this page, this one included, with their locale.

        Memoised on the instance: the language switcher, hreflang links and sitemap all ask.
        """
        if not hasattr(self, "_live_translations"):
            self._live_translations = list(
                public(self.get_translations(inclusive=True).live().select_related("locale"))
            )
        return self._live_translations

    def get_view_restrictions(self):
        # A page served from the routes kept in the process (portal.pages.views.serve) carries
        # its restrictions, read once per content stamp.
        kept = self.__dict__.get("_kept_view_restrictions")
        return kept if kept is not None else super().get_view_restrictions()

    def keep_view_restrictions(self):
        restrictions = super().get_view_restrictions()
        list(restrictions)  # evaluated now: iterating it later asks nothing
        self._kept_view_restrictions = restrictions

    def get_sitemap_urls(self, request=None):
        languages = reachable_languages(request)
        alternates = [
            {"lang_code": p.locale.language_code, "location": p.get_full_url(request)}
            for p in self.live_translations()
            if p.locale.language_code in languages
        ]
        return [
            {
                "location": self.get_full_url(request),
                "lastmod": self.last_published_at or self.latest_revision_created_at,
                "alternates": alternates if len(alternates) > 1 else [],
            }
        ]


class HomePage(PortalPage):
    intro = models.TextField(_("introduction"), blank=True)
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("picture"),
    )
    hero_alt = models.CharField(
        _("picture description"),
        max_length=250,
        blank=True,
        help_text=_("What the picture shows, for people who cannot see it. Empty if it is only decoration."),
    )
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        MultiFieldPanel([FieldPanel("hero_image"), FieldPanel("hero_alt")], _("picture")),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]
    api_fields = [APIField("intro"), APIField("body")]

    parent_page_types = ["wagtailcore.Page"]
    template = "pages/home_page.html"

    def get_context(self, request, *args, **kwargs):
        from portal import registry

        context = super().get_context(request, *args, **kwargs)
        # The portal's hub: each domain app adds its way in (registry.register_home_section).
        context["home_sections"] = registry.home_sections()
        return context

    class Meta:
        verbose_name = _("home page")


class StandardPage(PortalPage):
    intro = models.TextField(_("introduction"), blank=True)
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]
    api_fields = [APIField("intro"), APIField("body")]

    template = "pages/standard_page.html"

    class Meta:
        verbose_name = _("standard page")


@register_setting(icon="site")
class OrganisationSettings(BaseGenericSetting):
    """Facts about the cooperative shown in the footer and in schema.org data."""

    @classmethod
    def _get_or_create(cls):
        # Read on every page: kept in the process until the content stamp changes (saving the
        # settings changes it, portal.pages.apps). A copy each time: the admin's form changes
        # the instance it is given, saved or not.
        from portal.cache import content_memo

        return copy.copy(content_memo.get("organisation-settings", super()._get_or_create))

    name = models.CharField(_("name"), max_length=120, default="Coop")
    legal_name = models.CharField(_("legal name"), max_length=200, blank=True)
    contact_email = models.EmailField(
        _("public contact address"),
        blank=True,
        help_text=_("The cooperative's general address, never a member's."),
    )
    telephone = models.CharField(_("telephone"), max_length=40, blank=True)
    street_address = models.CharField(_("street address"), max_length=200, blank=True)
    postal_code = models.CharField(_("postcode"), max_length=10, blank=True)
    locality = models.CharField(_("locality"), max_length=100, blank=True)
    company_number = models.CharField(_("company number"), max_length=30, blank=True)

    # The legal name and the address in each language (portal/pages/translation.py).
    panels = [
        FieldPanel("name"),
        MultiFieldPanel([FieldPanel(f"legal_name_{code}") for code in language_codes()], _("legal name")),
        FieldPanel("contact_email"),
        FieldPanel("telephone"),
        MultiFieldPanel(
            [FieldPanel(f"street_address_{code}") for code in language_codes()]
            + [FieldPanel("postal_code")]
            + [FieldPanel(f"locality_{code}") for code in language_codes()],
            _("address"),
        ),
        FieldPanel("company_number"),
    ]

    class Meta:
        verbose_name = _("organisation")
