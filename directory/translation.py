from modeltranslation.translator import TranslationOptions, register

from directory.models import Language, Municipality, Profession, Province, Region, Sector


@register(Region)
@register(Province)
@register(Municipality)
@register(Sector)
@register(Profession)
@register(Language)
class NameTranslation(TranslationOptions):
    fields = ("name",)
