from modeltranslation.translator import TranslationOptions, register

from families.models import Agency, ConsentText, VisitPurpose


@register(VisitPurpose)
class VisitPurposeTranslation(TranslationOptions):
    fields = ("name",)
    required_languages = ("kk", "ru")


@register(Agency)
class AgencyTranslation(TranslationOptions):
    fields = ("name", "address")
    required_languages = {"kk": ("name",), "ru": ("name",)}


@register(ConsentText)
class ConsentTextTranslation(TranslationOptions):
    fields = ("text",)
    required_languages = ("kk", "ru")
