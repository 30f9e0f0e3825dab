from modeltranslation.translator import TranslationOptions, register

from centres.models import Centre, District


@register(District)
class DistrictTranslation(TranslationOptions):
    fields = ("name",)
    required_languages = ("kk", "ru")


@register(Centre)
class CentreTranslation(TranslationOptions):
    fields = ("name", "address", "hours")
    required_languages = {"kk": ("name", "address"), "ru": ("name", "address")}
