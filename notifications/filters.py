import datetime as dt

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from centres.models import Centre
from core.forms import DateInput
from notifications.models import Channel, Notification


class DeliveryLogFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(label=_("Status"), choices=Notification.Status.choices)
    channel = django_filters.ChoiceFilter(label=_("Channel"), choices=Channel.choices)
    since = django_filters.DateFilter(
        label=_("From date"), field_name="scheduled_for", lookup_expr="date__gte", widget=DateInput()
    )
    until = django_filters.DateFilter(label=_("To date"), field_name="scheduled_for", lookup_expr="date__lte", widget=DateInput())
    centre = django_filters.ModelChoiceFilter(label=_("Centre"), queryset=Centre.objects.all())

    class Meta:
        model = Notification
        fields = ["status", "channel", "since", "until", "centre"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        # A centre head sees her own centre only; the filter is for administrators.
        self.filters["centre"].queryset = Centre.objects.visible_to(user)
        if user.centre_id:
            del self.filters["centre"]


# The outbox holds nothing older, and reminders are queued a year ahead at most.
FIRST_MONTH = dt.date(2020, 1, 1)
MONTHS_AHEAD = 12


class MonthForm(forms.Form):
    month = forms.DateField(
        label=_("Month"), input_formats=["%Y-%m"], widget=forms.DateInput(attrs={"type": "month"}, format="%Y-%m")
    )

    def clean_month(self) -> dt.date:
        month = self.cleaned_data["month"]
        today = timezone.localdate()
        ahead = today.year * 12 + today.month - 1 + MONTHS_AHEAD
        last = dt.date(ahead // 12, ahead % 12 + 1, 1)
        if not FIRST_MONTH <= month <= last:
            # Months as numbers: a month's name would need a different case after each preposition.
            raise ValidationError(
                _("Choose a month from %(first)s to %(last)s.") % {"first": f"{FIRST_MONTH:%m.%Y}", "last": f"{last:%m.%Y}"},
                code="month_out_of_bounds",
            )
        return month
