from django.contrib import admin

from core.admin import AuditedAdminMixin
from dashboards.models import MonthlyReport, ReportApproval


class ReadOnly(AuditedAdminMixin, admin.ModelAdmin):
    """Archived reports and their approvals are never edited, in the admin either."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(MonthlyReport)
class MonthlyReportAdmin(ReadOnly):
    list_display = ["scope", "month", "version", "built_at", "checksum"]
    list_filter = ["scope"]


@admin.register(ReportApproval)
class ReportApprovalAdmin(ReadOnly):
    list_display = ["report", "approved_by", "approved_at"]
