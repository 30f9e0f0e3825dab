"""The specialists' plans in the admin: where each works, her hours and breaks, her days away. No
appointment or case note is here: they are families' files, and the admin holds none."""

from django.contrib import admin

from consultations.models import PlanBreak, TimeOff, WorkingHours, Workplace
from core.admin import AuditedAdminMixin


class WorkingHoursInline(admin.TabularInline):
    model = WorkingHours
    extra = 0


class PlanBreakInline(admin.TabularInline):
    model = PlanBreak
    extra = 0


@admin.register(Workplace)
class WorkplaceAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["specialist", "centre", "slot_minutes", "is_active"]
    list_filter = ["centre", "is_active"]
    search_fields = ["specialist__last_name", "specialist__first_name", "specialist__username"]
    autocomplete_fields = ["specialist"]
    inlines = [WorkingHoursInline, PlanBreakInline]


@admin.register(TimeOff)
class TimeOffAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["specialist", "reason", "first_day", "last_day"]
    list_filter = ["reason"]
    date_hierarchy = "first_day"
    autocomplete_fields = ["specialist"]
