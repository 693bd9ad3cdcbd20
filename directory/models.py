from django.conf import settings
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from portal.charter.acceptance import current_charter_version
from portal.places.models import Municipality
from portal.taxonomy.models import Language, Profession, Sector
from portal.utils import NOTE_MAX_LENGTH, translations


class Experience(models.TextChoices):
    STARTING = "starting", _("Starting out (less than 3 years)")
    EXPERIENCED = "experienced", _("Experienced (3 to 10 years)")
    SENIOR = "senior", _("Senior (more than 10 years)")


class ProfileQuerySet(models.QuerySet):
    def public(self):
        """What anyone may see: listed, not paused, not hidden, charter in force accepted."""
        qs = self.filter(listed=True, paused=False, user__is_active=True).exclude(
            status=MemberProfile.Status.HIDDEN
        )
        version = current_charter_version()
        return qs.filter(charter_version=version) if version else qs


# A profile's text in one language: a few paragraphs.
BIO_MAX_LENGTH = 3000


class MemberProfile(models.Model):
    class Status(models.TextChoices):
        NEW = "new", _("New")
        REVIEWED = "reviewed", _("Reviewed")
        HIDDEN = "hidden", _("Hidden by a moderator")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="directory_profile"
    )
    display_name = models.CharField(_("name shown"), max_length=120)
    profession = models.ForeignKey(
        Profession,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="profiles",
        verbose_name=_("profession"),
    )
    profession_form = models.CharField(
        _("how your profession is written"),
        max_length=10,
        choices=Profession.TitleForm.choices,
        default=Profession.TitleForm.MASCULINE,
    )
    title = models.CharField(
        _("title"),
        max_length=120,
        blank=True,
        help_text=_("How you describe your work, e.g. “Stage photographer”."),
    )
    sectors = models.ManyToManyField(Sector, related_name="profiles", verbose_name=_("sectors"))
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        related_name="profiles",
        verbose_name=_("municipality"),
    )
    postal_code = models.CharField(_("postcode"), max_length=4, blank=True)
    languages = models.ManyToManyField(Language, related_name="profiles", verbose_name=_("languages spoken"))
    experience = models.CharField(_("experience"), max_length=20, choices=Experience.choices)
    mentor = models.BooleanField(
        _("open to mentoring new members"),
        default=False,
        help_text=_("You are willing to guide members who are starting out."),
    )
    bio_fr = models.TextField(_("about you, in French"), blank=True, max_length=BIO_MAX_LENGTH)
    bio_nl = models.TextField(_("about you, in Dutch"), blank=True, max_length=BIO_MAX_LENGTH)
    bio_de = models.TextField(_("about you, in German"), blank=True, max_length=BIO_MAX_LENGTH)
    bio_en = models.TextField(_("about you, in English"), blank=True, max_length=BIO_MAX_LENGTH)
    skills = models.CharField(_("skills"), max_length=300, blank=True, help_text=_("Separated by commas."))
    website = models.URLField(_("website"), blank=True)
    portfolio = models.URLField(_("portfolio"), blank=True)
    photo = models.ImageField(_("photo"), upload_to="directory/photos/", blank=True)

    show_photo = models.BooleanField(_("show my photo"), default=True)
    show_website = models.BooleanField(_("show my website and portfolio"), default=True)
    show_postal_code = models.BooleanField(_("show my postcode"), default=False)
    listed = models.BooleanField(_("list my profile in the directory"), default=True)
    paused = models.BooleanField(
        _("pause my listing"), default=False, help_text=_("Your profile disappears until you resume it.")
    )

    in_good_standing = models.BooleanField(_("member in good standing"), default=False)
    status = models.CharField(
        _("moderation status"), max_length=20, choices=Status.choices, default=Status.NEW
    )
    moderation_reason = models.TextField(
        _("reason given to the member"), blank=True, max_length=NOTE_MAX_LENGTH
    )
    # The charter version the member had accepted when the profile was last saved or accepted.
    charter_version = models.CharField(max_length=20, blank=True, db_index=True, editable=False)

    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("updated"), default=timezone.now, db_index=True)

    objects = ProfileQuerySet.as_manager()

    class Meta:
        verbose_name = _("member profile")
        verbose_name_plural = _("member profiles")
        ordering = ["display_name"]
        indexes = [
            models.Index(fields=["listed", "paused", "status", "charter_version"], name="profile_public_idx")
        ]

    def __str__(self):
        return self.display_name

    def get_absolute_url(self):
        return reverse("directory:profile", args=[self.pk, slugify(self.display_name) or "member"])

    def clean(self):
        if self.status == self.Status.HIDDEN and not self.moderation_reason.strip():
            raise ValidationError({"moderation_reason": _("Tell the member why their profile is hidden.")})

    @admin.display(description=_("Open reports"))
    def open_reports(self):
        return getattr(self, "open_reports_count", None)

    def bios(self):
        """(language code, text) for each language the member wrote about themselves in, the
        visitor's language first."""
        current = get_language()
        return sorted(translations(self, "bio").items(), key=lambda bio: bio[0] != current)

    @property
    def profession_title(self):
        """The profession in the visitor's language, in the form the member chose."""
        return self.profession.title_for(self.profession_form) if self.profession_id else ""

    AVATAR_COLOURS = 8

    @property
    def initials(self):
        """What the generated avatar shows when there is no photo: "FP" for Françoise Pauwels."""
        words = [w for w in self.display_name.replace("-", " ").split() if w[:1].isalpha()]
        if not words:
            return "?"
        letters = words[0][0] + (words[-1][0] if len(words) > 1 else "")
        return letters.upper()

    @property
    def avatar_colour(self):
        # Stable per member, spread over the palette (site.css .avatar-c0…7).
        return (self.pk or 0) % self.AVATAR_COLOURS

    @property
    def visible_photo(self):
        return self.photo if self.photo and self.show_photo else None

    def skill_list(self):
        return [s.strip() for s in self.skills.split(",") if s.strip()]

    def is_public(self):
        return MemberProfile.objects.public().filter(pk=self.pk).exists()


class ProfileReport(models.Model):
    class Reason(models.TextChoices):
        INACCURATE = "inaccurate", _("Inaccurate or misleading")
        ABUSIVE = "abusive", _("Abusive or offensive")
        SPAM = "spam", _("Spam or advertising")
        IMPERSONATION = "impersonation", _("Someone else's identity")
        OTHER = "other", _("Something else")

    profile = models.ForeignKey(MemberProfile, on_delete=models.CASCADE, related_name="reports")
    reason = models.CharField(_("reason"), max_length=20, choices=Reason.choices)
    message = models.TextField(_("details"), blank=True, max_length=NOTE_MAX_LENGTH)
    created_at = models.DateTimeField(_("reported"), default=timezone.now)
    resolved = models.BooleanField(_("resolved"), default=False)

    class Meta:
        verbose_name = _("profile report")
        verbose_name_plural = _("profile reports")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.profile} – {self.get_reason_display()}"
