from django.contrib import admin

from audit.models import AccessEvent, AuditEvent, SecurityEvent


class ReadOnlyAdmin(admin.ModelAdmin):
    """The logs are append-only: the admin can read and filter them, nothing else."""

    list_select_related = ["actor", "target_type"]
    date_hierarchy = "at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdmin):
    list_display = ["at", "actor", "action", "target_type", "target_id", "changed_fields"]
    list_filter = ["action", "target_type"]
    search_fields = ["target_id", "actor__username"]


@admin.register(AccessEvent)
class AccessEventAdmin(ReadOnlyAdmin):
    list_display = ["at", "actor", "action", "what", "target_type", "target_id", "row_count"]
    list_filter = ["action", "what", "target_type"]
    search_fields = ["target_id", "actor__username"]


@admin.register(SecurityEvent)
class SecurityEventAdmin(ReadOnlyAdmin):
    list_display = ["at", "kind", "actor", "target_type", "target_id", "method", "path", "ip_address"]
    list_filter = ["kind"]
    search_fields = ["target_id", "actor__username", "path", "ip_address"]
