from django.contrib import admin

from core.admin import AuditedAdminMixin
from retention.models import RetentionPolicy


@admin.register(RetentionPolicy)
class RetentionPolicyAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["__str__", "family_inactivity_days", "consent_scan_days", "updated_at"]

    def has_add_permission(self, request):
        return not RetentionPolicy.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False
