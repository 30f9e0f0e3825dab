from django.contrib import admin
from django.utils import timezone
from modeltranslation.admin import TranslationAdmin

from core.admin import AuditedAdminMixin
from families.models import Agency, CategoryThresholds, ConsentText, VisitPurpose

# Families, people, visits and appeals are worked on in the portal, where every read and change is
# scoped and logged; the admin only holds the reference data.


@admin.register(CategoryThresholds)
class CategoryThresholdsAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["valid_from", "poverty_line", "large_family_children", "child_age_limit", "student_age_limit"]

    def has_change_permission(self, request, obj=None):
        # Thresholds in force explain categories already given; a change is a new row from a later date.
        return obj is None or obj.valid_from > timezone.localdate()

    def has_delete_permission(self, request, obj=None):
        # Deleting the thresholds in force would leave no rule to compute categories with.
        return obj is not None and obj.valid_from > timezone.localdate()


@admin.register(ConsentText)
class ConsentTextAdmin(AuditedAdminMixin, TranslationAdmin):
    list_display = ["version", "valid_from"]

    def has_change_permission(self, request, obj=None):
        # A version in force may have been agreed to: it never changes; publish a new version instead.
        return obj is None or obj.valid_from > timezone.localdate()

    def has_delete_permission(self, request, obj=None):
        return self.has_change_permission(request, obj)


@admin.register(VisitPurpose)
class VisitPurposeAdmin(AuditedAdminMixin, TranslationAdmin):
    list_display = ["code", "name_kk", "name_ru", "position"]
    readonly_fields = ["code"]


@admin.register(Agency)
class AgencyAdmin(AuditedAdminMixin, TranslationAdmin):
    list_display = ["name", "phone", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["name_kk", "name_ru"]
