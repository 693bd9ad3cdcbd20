from modeltranslation.translator import TranslationOptions, register

from calls.models import Call


@register(Call)
class CallTranslation(TranslationOptions):
    fields = ("title", "summary")
    # No silent fallback: Call.display says which language a missing text is shown in.
    fallback_languages = {"default": ()}
