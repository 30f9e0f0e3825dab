from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from core.admin import AuditedAdminMixin
from holidays.models import PublicHoliday


@admin.register(PublicHoliday)
class PublicHolidayAdmin(AuditedAdminMixin, TranslationAdmin):
    list_display = ["day", "name_kk", "name_ru"]
    date_hierarchy = "day"
    search_fields = ["name_kk", "name_ru"]
