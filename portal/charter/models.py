from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Locale, Orderable, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from portal.charter.admin_forms import CharterPageForm
from portal.charter.blocks import PrinciplesBlock
from portal.pages.models import PortalPage


class ValuesCharterPage(PortalPage):
    """The cooperative's values charter: the version in force and its history.

    The version number is shared by every translation; members accept a version,
    whichever language they read it in.
    """

    summary = RichTextField(
        _("plain-language summary"),
        features=["bold", "italic", "link", "ul"],
        help_text=_("A short summary anyone can understand, shown above the principles."),
    )
    principles = StreamField(PrinciplesBlock(), verbose_name=_("principles"))
    version = models.CharField(
        _("version"), max_length=20, help_text=_("For example 2.0. Members accept each new version.")
    )
    in_force_since = models.DateField(_("in force since"), default=timezone.localdate)
    changes = RichTextField(
        _("what changed in this version"), blank=True, features=["bold", "italic", "link", "ul"]
    )

    content_panels = PortalPage.content_panels + [
        FieldPanel("summary"),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("version"), FieldPanel("in_force_since")]), FieldPanel("changes")],
            heading=_("Version in force"),
        ),
        FieldPanel("principles"),
        FieldPanel("editorial_correction"),
        InlinePanel("previous_versions", heading=_("Earlier versions"), label=_("Earlier version")),
    ]
    search_fields = PortalPage.search_fields + [
        index.SearchField("summary"),
        index.SearchField("principles"),
    ]
    api_fields = [
        APIField("summary"),
        APIField("version"),
        APIField("in_force_since"),
        APIField("changes"),
        APIField("principles"),
        APIField("previous_versions"),
    ]
    override_translatable_fields = [
        SynchronizedField("version"),
        SynchronizedField("in_force_since"),
        TranslatableField("changes"),
    ]

    parent_page_types = ["pages.HomePage"]
    subpage_types = []
    max_count_per_parent = 1
    template = "charter/values_charter_page.html"
    base_form_class = CharterPageForm

    class Meta:
        verbose_name = _("values charter")

    @classmethod
    def in_force(cls):
        """The live charter in the default language, whose version members accept."""
        pages = cls.objects.live().public()
        default = pages.filter(locale=Locale.get_default()).first()
        return default or pages.order_by("path").first()

    def clean(self):
        super().clean()
        if self.pk is None or self.locale_id != Locale.get_default().pk:
            return  # a new charter, or a translation (synchronised from the source's version)
        published = ValuesCharterPage.objects.filter(pk=self.pk).first()
        if published is None or published.version != self.version:
            return
        if getattr(self, "editorial_correction", False):
            return
        if _text(published) != _text(self):
            raise ValidationError(
                {
                    "version": _(
                        "The summary or the principles changed: give the charter a new version "
                        "number, so that members are asked to accept it, or tick “Editorial "
                        "correction only” if the meaning is unchanged."
                    )
                }
            )

    def localized_or_self(self):
        """The translation in the active language, unless it is unpublished or still shows an
        older version (translations can lag behind): then the version in force itself."""
        translated = self.localized
        return translated if translated.live and translated.version == self.version else self


def _text(charter):
    """What members accept: the summary and the principles (block ids left out)."""
    blocks = [(b["type"], b["value"]) for b in charter.principles.get_prep_value()]
    return (str(charter.summary), blocks)


class CharterVersion(TranslatableMixin, Orderable):
    """An earlier version of the charter and what changed when it was replaced."""

    page = ParentalKey(ValuesCharterPage, on_delete=models.CASCADE, related_name="previous_versions")
    version = models.CharField(_("version"), max_length=20)
    in_force_from = models.DateField(_("in force from"))
    in_force_until = models.DateField(_("in force until"))
    changes = models.TextField(_("what changed"))

    panels = [
        FieldRowPanel([FieldPanel("version"), FieldPanel("in_force_from"), FieldPanel("in_force_until")]),
        FieldPanel("changes"),
    ]
    api_fields = [
        APIField("version"),
        APIField("in_force_from"),
        APIField("in_force_until"),
        APIField("changes"),
    ]
    override_translatable_fields = [
        SynchronizedField("version"),
        SynchronizedField("in_force_from"),
        SynchronizedField("in_force_until"),
    ]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("earlier charter version")
        verbose_name_plural = _("earlier charter versions")


class CharterAcceptance(models.Model):
    """A member's acceptance of one charter version (kept when a new version comes)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="charter_acceptances"
    )
    version = models.CharField(_("version"), max_length=20)
    accepted_at = models.DateTimeField(_("accepted at"), default=timezone.now)
    language = models.CharField(_("language"), max_length=8, blank=True)

    class Meta:
        verbose_name = _("charter acceptance")
        verbose_name_plural = _("charter acceptances")
        ordering = ["-accepted_at"]
        constraints = [models.UniqueConstraint(fields=["user", "version"], name="one_acceptance_per_version")]

    def __str__(self):
        return f"{self.user} – {self.version}"
