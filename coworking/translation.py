from modeltranslation.translator import TranslationOptions, register

from coworking.models import Amenity, Resource, Space, SpacePhoto


@register(Amenity)
@register(Resource)
class NameTranslation(TranslationOptions):
    fields = ("name",)


@register(Space)
class SpaceTranslation(TranslationOptions):
    fields = ("name", "description")


@register(SpacePhoto)
class PhotoTranslation(TranslationOptions):
    fields = ("alt",)
