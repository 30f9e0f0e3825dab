"""The project's changes to other packages' admin pages."""

from django.contrib import admin
from django.contrib.admin import widgets
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_celery_beat.admin import PeriodicTaskAdmin
from django_celery_beat.models import PeriodicTask


class LabelledSplitDateTime(widgets.AdminSplitDateTime):
    """Django's split date and time inputs carry no label of their own (a screen reader hears two
    unnamed boxes): each gets its name."""

    def __init__(self, attrs=None):
        super().__init__(attrs)
        self.widgets[0].attrs["aria-label"] = _("Date")
        self.widgets[1].attrs["aria-label"] = _("Time")


admin.site.unregister(PeriodicTask)


@admin.register(PeriodicTask)
class LabelledPeriodicTaskAdmin(PeriodicTaskAdmin):
    formfield_overrides = {**PeriodicTaskAdmin.formfield_overrides, models.DateTimeField: {"widget": LabelledSplitDateTime}}
