from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from core.admin import AuditedAdminMixin


@admin.register(User)
class UserAdmin(AuditedAdminMixin, DjangoUserAdmin):
    list_display = ["username", "last_name", "first_name", "role", "specialty", "centre", "district", "is_active"]
    list_filter = ["role", "specialty", "centre__district", "is_active"]
    list_select_related = ["centre", "district"]
    search_fields = ["username", "last_name", "first_name", "email"]
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        (_("Personal info"), {"fields": ("last_name", "first_name", "middle_name", "email", "phone", "language")}),
        (_("Role"), {"fields": ("role", "specialty", "centre", "district")}),
        (_("Permissions"), {"fields": ("is_active", "is_staff", "is_superuser")}),
        (_("Important dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (None, {"classes": ("wide",), "fields": ("username", "password1", "password2")}),
        (_("Role"), {"fields": ("last_name", "first_name", "role", "specialty", "centre", "district", "language")}),
    )
    readonly_fields = ["last_login", "date_joined"]
