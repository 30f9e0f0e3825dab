"""Administrators keep the course catalogue (titles and descriptions in Kazakh and Russian) and
publish it; groups are the centre heads' and are run in the portal, so the admin only reads them."""

from django import forms
from django.contrib import admin, messages
from modeltranslation.admin import TranslationAdmin

from core.admin import AuditedAdminMixin
from core.errors import DomainError
from courses.models import Course
from courses.services import course_publish, course_unpublish


class CourseForm(forms.ModelForm):
    def clean(self):
        data = super().clean()
        fields = ("title_kk", "title_ru", "description_kk", "description_ru")
        missing = [field for field in fields if field in data and not (data[field] or "").strip()]
        if self.instance.published_at is not None and missing:
            raise forms.ValidationError(f"A published course keeps both languages. Missing: {', '.join(missing)}.")
        return data


@admin.register(Course)
class CourseAdmin(AuditedAdminMixin, TranslationAdmin):
    form = CourseForm
    list_display = ["title", "category", "hours", "eligibility", "stipend", "published_at"]
    list_filter = ["category", "eligibility", "stipend"]
    search_fields = ["title_kk", "title_ru"]
    readonly_fields = ["published_at"]
    actions = ["publish", "unpublish"]

    @admin.action(description="Publish in the catalogue (both languages needed)")
    def publish(self, request, queryset):
        for course in queryset:
            try:
                course_publish(actor=request.user, course=course)
            except DomainError as error:
                self.message_user(request, f"{course}: {error.message}", messages.ERROR)
            else:
                self.message_user(request, f"{course}: published.", messages.SUCCESS)

    @admin.action(description="Take out of the catalogue")
    def unpublish(self, request, queryset):
        for course in queryset:
            course_unpublish(actor=request.user, course=course)
        self.message_user(request, "Taken out of the catalogue.", messages.SUCCESS)
