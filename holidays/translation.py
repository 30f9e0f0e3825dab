from modeltranslation.translator import TranslationOptions, register

from holidays.models import PublicHoliday


@register(PublicHoliday)
class PublicHolidayTranslation(TranslationOptions):
    fields = ("name",)
    required_languages = ("kk", "ru")
