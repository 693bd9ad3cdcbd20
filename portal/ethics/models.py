import secrets

from django.core.paginator import Paginator
from django.db import models
from django.http import Http404
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.fields import RichTextField
from wagtail.models import Orderable, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from portal.pages.models import PortalPage
from portal.utils import MESSAGE_MAX_LENGTH, clean_query, moved_permanently

RICH = ["bold", "italic", "link", "ol", "ul"]
# Literal contexts: makemessages only reads literals.
REFERRAL_SEGMENT = pgettext_lazy("URL path segment: lower case, no accents, ends with /", "referral/")
THANKS_SEGMENT = pgettext_lazy("URL path segment: lower case, no accents, ends with /", "thanks/")


class StakeholderCategory(models.TextChoices):
    MEMBERS = "members", _("Members")
    CLIENTS = "clients", _("Clients")
    STAFF = "staff", _("Permanent staff")
    PARTNERS = "partners", _("Partners")


class EthicsCommitteePage(RoutablePageMixin, PortalPage):
    intro = models.TextField(_("introduction"), blank=True)
    mission = RichTextField(_("mission"), features=RICH)
    how_it_works = RichTextField(_("how it works"), features=RICH)
    referral_intro = RichTextField(
        _("referral introduction"),
        features=RICH,
        blank=True,
        help_text=_("Shown above the referral form: what the committee can take up, and confidentiality."),
    )

    content_panels = PortalPage.content_panels + [
        FieldPanel("intro"),
        FieldPanel("mission"),
        FieldPanel("how_it_works"),
        FieldPanel("referral_intro"),
        InlinePanel("committee_members", heading=_("Committee members"), label=_("Member")),
    ]
    search_fields = PortalPage.search_fields + [
        index.SearchField("intro"),
        index.SearchField("mission"),
        index.SearchField("how_it_works"),
    ]
    api_fields = [
        APIField("intro"),
        APIField("mission"),
        APIField("how_it_works"),
        APIField("committee_members"),
    ]

    parent_page_types = ["pages.HomePage"]
    subpage_types = ["ethics.EthicsOpinionPage"]
    max_count_per_parent = 1
    template = "ethics/ethics_committee_page.html"
    OPINIONS_PER_PAGE = 10

    class Meta:
        verbose_name = _("ethics committee page")

    def members_by_category(self):
        """Committee members grouped by stakeholder category, in the category order."""
        members = list(self.committee_members.all())
        groups = []
        for value, label in StakeholderCategory.choices:
            in_group = [m for m in members if m.category == value]
            if in_group:
                groups.append({"category": value, "label": label, "members": in_group})
        return groups

    def opinions(self, query=""):
        from portal.pages.models import public  # the restrictions kept in the process

        opinions = public(EthicsOpinionPage.objects.child_of(self).live())
        if query:
            return opinions.search(query, order_by_relevance=True)
        return opinions.order_by("-opinion_date", "-pk")

    @path("")
    def index_route(self, request):
        query = clean_query(request.GET.get("q", ""))
        paginator = Paginator(self.opinions(query), self.OPINIONS_PER_PAGE)
        return self.render(
            request,
            context_overrides={
                "query": query,
                "opinions": paginator.get_page(request.GET.get("page")),
            },
        )

    # The referral views import this module's models: imported when a route is served.
    # Their path segments follow the visitor's language; the English ones redirect.
    @path(REFERRAL_SEGMENT, name="referral")
    def referral_route(self, request):
        from portal.ethics.referrals import referral_form_view

        return referral_form_view(request, self)

    @path(format_lazy("{}{}", REFERRAL_SEGMENT, THANKS_SEGMENT), name="referral_thanks")
    def referral_thanks_route(self, request):
        from portal.ethics.referrals import referral_thanks_view

        return referral_thanks_view(request, self)

    @re_path(r"^referral/(?P<rest>(thanks/)?)$", name="referral_untranslated")
    def referral_untranslated_route(self, request, rest):
        if str(REFERRAL_SEGMENT) == "referral/":
            raise Http404
        name = "referral_thanks" if rest else "referral"
        return moved_permanently(request, self.url + self.reverse_subpage(name))


class CommitteeMember(TranslatableMixin, Orderable):
    page = ParentalKey(EthicsCommitteePage, on_delete=models.CASCADE, related_name="committee_members")
    name = models.CharField(_("name"), max_length=120)
    role = models.CharField(_("role"), max_length=120, blank=True)
    category = models.CharField(_("stakeholder category"), max_length=20, choices=StakeholderCategory.choices)
    bio = models.TextField(_("short biography"), blank=True)

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("category")]),
        FieldPanel("role"),
        FieldPanel("bio"),
    ]
    api_fields = [APIField("name"), APIField("role"), APIField("category"), APIField("bio")]
    override_translatable_fields = [SynchronizedField("name"), SynchronizedField("category")]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("committee member")
        verbose_name_plural = _("committee members")

    def __str__(self):
        return self.name


class EthicsOpinionPage(PortalPage):
    """An opinion the committee published, answering one question."""

    reference = models.CharField(
        _("reference"), max_length=30, blank=True, help_text=_("For example 2026-03.")
    )
    opinion_date = models.DateField(_("date of the opinion"), default=timezone.localdate)
    question = models.TextField(_("question"))
    opinion = RichTextField(_("opinion"), features=RICH)

    content_panels = PortalPage.content_panels + [
        FieldRowPanel([FieldPanel("reference"), FieldPanel("opinion_date")]),
        FieldPanel("question"),
        FieldPanel("opinion"),
    ]
    search_fields = PortalPage.search_fields + [
        index.SearchField("question"),
        index.SearchField("opinion"),
        index.FilterField("opinion_date"),
    ]
    api_fields = [APIField("reference"), APIField("opinion_date"), APIField("question"), APIField("opinion")]
    override_translatable_fields = [SynchronizedField("reference"), SynchronizedField("opinion_date")]

    parent_page_types = ["ethics.EthicsCommitteePage"]
    subpage_types = []
    template = "ethics/ethics_opinion_page.html"

    class Meta:
        verbose_name = _("ethics opinion")
        verbose_name_plural = _("ethics opinions")


def new_reference():
    return f"ETH-{timezone.localdate():%Y}-{secrets.token_hex(3).upper()}"


class Referral(models.Model):
    """A question or case submitted to the ethics committee. Confidential.

    Only users with the view permission (the Ethics committee group) read these in the admin.
    An anonymous referral stores no name and no address.
    """

    class Status(models.TextChoices):
        NEW = "new", _("New")
        IN_REVIEW = "in_review", _("In review")
        ANSWERED = "answered", _("Answered")
        CLOSED = "closed", _("Closed")

    class Topic(models.TextChoices):
        QUESTION = "question", _("A question about the charter")
        SITUATION = "situation", _("A situation I witnessed or experienced")
        CONFLICT = "conflict", _("A conflict of interest")
        OTHER = "other", _("Something else")

    reference = models.CharField(
        _("reference"), max_length=20, unique=True, default=new_reference, editable=False
    )
    created_at = models.DateTimeField(_("received"), default=timezone.now, editable=False)
    language = models.CharField(_("language"), max_length=8, editable=False)
    topic = models.CharField(_("topic"), max_length=20, choices=Topic.choices, default=Topic.QUESTION)
    subject = models.CharField(_("subject"), max_length=200)
    message = models.TextField(_("message"), max_length=MESSAGE_MAX_LENGTH)
    anonymous = models.BooleanField(_("anonymous"), default=False)
    name = models.CharField(_("name"), max_length=120, blank=True)
    email = models.EmailField(_("e-mail address"), blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.NEW)
    committee_notes = models.TextField(_("committee notes"), blank=True)

    class Meta:
        verbose_name = _("referral")
        verbose_name_plural = _("referrals")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.reference} – {self.subject}"

    def sender_display(self):
        if self.anonymous:
            return _("Anonymous")
        return self.name or self.email or _("Not given")
