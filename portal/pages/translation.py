"""The organisation's words shown on every page (footer, schema.org) in each language: its
legal name and address are written in French, Dutch, German and English (Brussels addresses
are bilingual: "Rue de la Loi" / "Wetstraat"). Empty ones fall back like the reference data."""

from modeltranslation.translator import TranslationOptions, register

from portal.pages.models import OrganisationSettings


@register(OrganisationSettings)
class OrganisationTranslation(TranslationOptions):
    fields = ("legal_name", "street_address", "locality")
