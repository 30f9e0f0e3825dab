from modeltranslation.translator import TranslationOptions, register

from notifications.models import MessageTemplate


@register(MessageTemplate)
class MessageTemplateTranslation(TranslationOptions):
    fields = ("description", "sms_text", "email_subject", "email_body")
    required_languages = ("kk", "ru")
