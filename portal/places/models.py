"""Belgian regions, provinces, municipalities and postcodes: reference data, loaded by a
migration from data/ (see data/README.md for sources and licences)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Region(models.Model):
    refnis = models.CharField(_("REFNIS code"), max_length=5, unique=True)
    name = models.CharField(_("name"), max_length=100)

    class Meta:
        verbose_name = _("region")
        verbose_name_plural = _("regions")
        ordering = ["refnis"]

    def __str__(self):
        return self.name


class Province(models.Model):
    refnis = models.CharField(_("REFNIS code"), max_length=5, unique=True)
    name = models.CharField(_("name"), max_length=100)
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="provinces")

    class Meta:
        verbose_name = _("province")
        verbose_name_plural = _("provinces")
        ordering = ["refnis"]

    def __str__(self):
        return self.name


class Municipality(models.Model):
    """A municipality of 2025 (Statbel REFNIS), named in every language."""

    refnis = models.CharField(_("REFNIS code"), max_length=5, unique=True)
    name = models.CharField(_("name"), max_length=100)
    province = models.ForeignKey(
        Province, on_delete=models.PROTECT, related_name="municipalities", null=True, blank=True
    )
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="municipalities")
    latitude = models.FloatField(_("latitude"))
    longitude = models.FloatField(_("longitude"))
    # Every name and postcode of the place, folded, for matching what people type.
    search_names = models.TextField(editable=False, blank=True)

    class Meta:
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")
        ordering = ["name"]

    def __str__(self):
        return self.name


class PostalCode(models.Model):
    """A postcode; a few postcodes span two municipalities (1040: Brussels and Etterbeek)."""

    code = models.CharField(_("postcode"), max_length=4, db_index=True)
    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="postal_codes")
    latitude = models.FloatField(_("latitude"))
    longitude = models.FloatField(_("longitude"))

    class Meta:
        verbose_name = _("postcode")
        verbose_name_plural = _("postcodes")
        ordering = ["code"]
        constraints = [models.UniqueConstraint(fields=["code", "municipality"], name="unique_postcode_place")]

    def __str__(self):
        return f"{self.code} {self.municipality}"
