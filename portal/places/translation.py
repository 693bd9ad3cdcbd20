from modeltranslation.translator import TranslationOptions, register

from portal.places.models import Municipality, Province, Region


@register(Region)
@register(Province)
@register(Municipality)
class NameTranslation(TranslationOptions):
    fields = ("name",)
