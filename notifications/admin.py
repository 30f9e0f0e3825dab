from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from core.admin import AuditedAdminMixin
from notifications.models import MessageTemplate


@admin.register(MessageTemplate)
class MessageTemplateAdmin(AuditedAdminMixin, TranslationAdmin):
    """The wording of every message, per language. Staff follow deliveries in the portal's delivery log."""

    list_display = ["key", "description", "essential"]
    list_filter = ["essential"]
    readonly_fields = ["key", "placeholders"]

    def has_add_permission(self, request):
        return False  # a key means something only to the code that sends it

    def has_delete_permission(self, request, obj=None):
        return False
