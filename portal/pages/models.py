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


def live_homes(request=None):
    """{language: live home page} of the site: kept in the process until something is
    published (portal.cache.content_memo), as every page's header and menu ask."""
    from portal.cache import content_memo

    cached = getattr(request, "_portal_homes", None)
    if cached is not None:
        return cached
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
                self.get_translations(inclusive=True).live().public().select_related("locale")
            )
        return self._live_translations

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
