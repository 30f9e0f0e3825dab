from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import User
from accounts.services import user_two_factor_reset
from core.admin import AuditedAdminMixin
from core.errors import DomainError

# Devices change only through the audited services (enrolment, an administrator's reset), and their
# secrets are shown to nobody: django-otp's own device pages are not offered.
for model in (TOTPDevice, StaticDevice):
    if admin.site.is_registered(model):
        admin.site.unregister(model)


@admin.register(User)
class UserAdmin(AuditedAdminMixin, DjangoUserAdmin):
    list_display = ["username", "last_name", "first_name", "role", "specialty", "centre", "district", "is_active"]
    list_filter = ["role", "specialty", "centre__district", "is_active"]
    list_select_related = ["centre", "district"]
    search_fields = ["username", "last_name", "first_name", "email"]
    fieldsets = (
        (None, {"fields": ("username", "password", "two_factor")}),
        (_("Personal info"), {"fields": ("last_name", "first_name", "middle_name", "email", "phone", "language")}),
        (_("Role"), {"fields": ("role", "specialty", "centre", "district")}),
        (_("Permissions"), {"fields": ("is_active", "is_staff", "is_superuser")}),
        (_("Important dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (None, {"classes": ("wide",), "fields": ("username", "password1", "password2")}),
        (_("Role"), {"fields": ("last_name", "first_name", "role", "specialty", "centre", "district", "language")}),
    )
    readonly_fields = ["last_login", "date_joined", "two_factor"]
    actions = ["reset_two_factor"]

    @admin.display(description=_("Two-factor sign-in"))
    def two_factor(self, user):
        device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
        if device is None:
            return _("Not set up")
        return _("Set up on %(date)s") % {"date": f"{device.created_at:%d.%m.%Y}"} if device.created_at else _("Set up")

    @admin.action(description=_("Reset two-factor sign-in (she sets it up again at her next sign-in)"))
    def reset_two_factor(self, request, queryset):
        for user in queryset:
            try:
                user_two_factor_reset(actor=request.user, user=user)
            except DomainError as error:
                self.message_user(request, error.message, messages.ERROR)
            else:
                self.message_user(
                    request, _("Two-factor sign-in of %(name)s was reset; she was told.") % {"name": user}, messages.SUCCESS
                )
