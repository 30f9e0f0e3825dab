"""Administrators keep the grants' reference data: programmes with their rubric, yearly budgets with
district allocations, rounds, and the reviewers' IINs. Applications are run in the portal only."""

from django.contrib import admin
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline

from core.admin import AuditedAdminMixin
from grants.models import Allocation, Budget, Criterion, Programme, ReviewerProfile, Round


class CriterionInline(TranslationTabularInline):
    model = Criterion
    extra = 0


@admin.register(Programme)
class ProgrammeAdmin(AuditedAdminMixin, TranslationAdmin):
    list_display = ["name", "code", "family_code", "cap", "lookback_years", "requires_course"]
    inlines = [CriterionInline]


class AllocationInline(admin.TabularInline):
    model = Allocation
    extra = 0
    readonly_fields = ["approved"]


@admin.register(Budget)
class BudgetAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["programme", "year", "amount", "approved"]
    readonly_fields = ["approved"]
    inlines = [AllocationInline]


@admin.register(Round)
class RoundAdmin(AuditedAdminMixin, TranslationAdmin):
    list_display = ["name", "programme", "opens_on", "closes_on", "stage"]
    list_filter = ["stage", "programme"]


@admin.register(ReviewerProfile)
class ReviewerProfileAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["user"]
    raw_id_fields = ["user"]
