from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from centres.models import Centre, District
from core.admin import AuditedAdminMixin


@admin.register(District)
class DistrictAdmin(AuditedAdminMixin, TranslationAdmin):
    list_display = ["code", "name_kk", "name_ru", "name_en"]
    readonly_fields = ["code"]

    def has_add_permission(self, request):
        return False  # the eight districts come from a data migration

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Centre)
class CentreAdmin(AuditedAdminMixin, TranslationAdmin):
    list_display = ["name", "district", "phone", "hours", "is_active"]
    list_filter = ["district", "is_active"]
    list_select_related = ["district"]
    search_fields = ["name_kk", "name_ru", "address_kk", "address_ru"]
