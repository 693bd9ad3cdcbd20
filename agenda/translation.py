from modeltranslation.translator import TranslationOptions, register

from agenda.models import Event, EventFormat, Series


@register(EventFormat)
class NameTranslation(TranslationOptions):
    fields = ("name",)


@register(Event)
@register(Series)
class EventTranslation(TranslationOptions):
    fields = ("title", "description", "organiser")
