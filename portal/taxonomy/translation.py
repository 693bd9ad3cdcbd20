from modeltranslation.translator import TranslationOptions, register

from portal.taxonomy.models import Language, Profession, Sector


@register(Sector)
@register(Profession)
@register(Language)
class NameTranslation(TranslationOptions):
    fields = ("name",)
