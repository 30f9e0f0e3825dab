from modeltranslation.translator import TranslationOptions, register

from grants.models import Criterion, Programme, Round


@register(Programme)
class ProgrammeTranslation(TranslationOptions):
    fields = ("name", "description")


@register(Round)
class RoundTranslation(TranslationOptions):
    fields = ("name",)


@register(Criterion)
class CriterionTranslation(TranslationOptions):
    fields = ("name",)
