"""Sectors (mapped to NACE-BEL and CPV), professions and spoken languages: reference data,
loaded by a migration from data/ and languages.py (see data/README.md)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Sector(models.Model):
    """One of the shared sectors of creative and freelance work, mapped to NACE-BEL and CPV."""

    slug = models.SlugField(unique=True)
    name = models.CharField(_("name"), max_length=120)
    nace_codes = models.CharField(_("NACE-BEL codes"), max_length=200, blank=True)
    cpv_divisions = models.CharField(_("CPV divisions"), max_length=100, blank=True)
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
        return [c for c in self.cpv_divisions.split("|") if c]


class Profession(models.Model):
    slug = models.SlugField(unique=True)
    name = models.CharField(_("name"), max_length=120)
    sector = models.ForeignKey(Sector, on_delete=models.PROTECT, related_name="professions")

    class Meta:
        verbose_name = _("profession")
        verbose_name_plural = _("professions")
        ordering = ["slug"]

    def __str__(self):
        return self.name


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
