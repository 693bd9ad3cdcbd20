"""Sectors (mapped to NACE-BEL and CPV), professions and spoken languages: reference data,
loaded by a migration from data/ and languages.py (see data/README.md)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modeltranslation.utils import get_language as active_language
from modeltranslation.utils import resolution_order

from portal.utils import language_codes


class Sector(models.Model):
    """One of the shared sectors of creative and freelance work, mapped to NACE-BEL and CPV."""

    slug = models.SlugField(unique=True)
    name = models.CharField(_("name"), max_length=120)
    nace_codes = models.CharField(_("NACE-BEL codes"), max_length=200, blank=True)
    # CPV 2008 codes' leading digits ("7996": photographic services), `|`-separated: a notice's
    # CPV code belongs to the sector when one of them starts it, or when it is broader than one.
    cpv_prefixes = models.CharField(_("CPV code prefixes"), max_length=300, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("sector")
        verbose_name_plural = _("sectors")
        ordering = ["position", "slug"]

    def __str__(self):
        return self.name

    def nace_list(self):
        return [c for c in self.nace_codes.split("|") if c]

    def cpv_list(self):
        return [c for c in self.cpv_prefixes.split("|") if c]


class Profession(models.Model):
    """A profession title in every language: `name` is the usual (masculine-generic) form;
    members may choose the feminine or the neutral (inclusive) one (data/README.md)."""

    class TitleForm(models.TextChoices):
        """How a member's profession title is written."""

        MASCULINE = "masculine", _("Masculine form")
        FEMININE = "feminine", _("Feminine form")
        NEUTRAL = "neutral", _("Neutral form")

    slug = models.SlugField(unique=True)
    name = models.CharField(_("name"), max_length=120)
    feminine = models.CharField(_("feminine form"), max_length=120, blank=True)
    neutral = models.CharField(_("neutral form"), max_length=120, blank=True)
    sector = models.ForeignKey(Sector, on_delete=models.PROTECT, related_name="professions")

    class Meta:
        verbose_name = _("profession")
        verbose_name_plural = _("professions")
        ordering = ["slug"]

    def __str__(self):
        return self.name

    def title_for(self, form, language=None):
        """The title in `language` (the active one by default), in the form a member chose; a
        missing translation falls back as modeltranslation's fields do. Read from the fields
        directly: the profile editor asks it for every profession, form and language."""
        order = resolution_order(language or active_language())
        field = {self.TitleForm.FEMININE: "feminine", self.TitleForm.NEUTRAL: "neutral"}.get(form)
        for name in (field, "name") if field else ("name",):
            for code in order:
                value = getattr(self, f"{name}_{code}", None)
                if value:
                    return value
        return self.name

    def words_for(self, form):
        """The title in this form in every language, the active one first, each word once:
        what choosing the form shows on the profile ("Fotograaf / Photographe / Fotografin /
        Photographer" for the feminine form in Dutch, where the forms of "Fotograaf" alike say
        nothing of what the choice changes)."""
        active = active_language()
        words = []
        for code in sorted(language_codes(), key=lambda code: code != active):
            word = self.title_for(form, code)
            if word not in words:
                words.append(word)
        return " / ".join(words)

    def all_titles(self):
        """{language code: every form of the title in it} (what the search box matches)."""
        titles = {}
        for code in language_codes():
            forms = dict.fromkeys(
                getattr(self, f"{field}_{code}", "") for field in ("name", "feminine", "neutral")
            )
            titles[code] = [form for form in forms if form]
        return titles


class Language(models.Model):
    """A language members speak (ISO 639-1 code)."""

    code = models.CharField(max_length=8, unique=True)
    name = models.CharField(_("name"), max_length=60)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("spoken language")
        verbose_name_plural = _("spoken languages")
        ordering = ["position", "code"]

    def __str__(self):
        return self.name
