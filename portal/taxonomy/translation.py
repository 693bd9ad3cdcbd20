from modeltranslation.translator import TranslationOptions, register

from portal.taxonomy.models import Language, Profession, Sector


@register(Sector)
@register(Language)
class NameTranslation(TranslationOptions):
    fields = ("name",)


@register(Profession)
class ProfessionTranslation(TranslationOptions):
    fields = ("name", "feminine", "neutral")
