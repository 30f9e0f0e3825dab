"""The mixin every ModelAdmin of the portal uses, so that edits in the admin leave audit rows."""

from typing import TYPE_CHECKING

from django.contrib import admin

if TYPE_CHECKING:
    # For the type checker the mixin is a ModelAdmin (whose methods it extends); at run time a plain class.
    _Base = admin.ModelAdmin
else:
    _Base = object


def audit_log(**kwargs):
    from audit.services import audit_log as log

    return log(**kwargs)


class AuditedAdminMixin(_Base):
    """Admin edits leave the same audit rows as the portal's own services."""

    audit_action_prefix: str = ""

    def _action(self, verb: str) -> str:
        return f"{self.audit_action_prefix or self.model._meta.model_name}.{verb}"

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        audit_log(
            actor=request.user,
            action=self._action("update" if change else "create"),
            target=obj,
            changed_fields=form.changed_data,
            data={"via": "admin"},
        )

    def delete_model(self, request, obj):
        audit_log(actor=request.user, action=self._action("delete"), target=obj, data={"via": "admin"})
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            audit_log(actor=request.user, action=self._action("delete"), target=obj, data={"via": "admin"})
        super().delete_queryset(request, queryset)
