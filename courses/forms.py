from __future__ import annotations

import datetime as dt

from django import forms
from django.utils.translation import gettext_lazy as _

from centres.models import Centre, District
from core.forms import DateInput, MonthInput, OneLineField, PortalForm, PortalModelForm
from core.roles import CENTRE_ROLES
from core.submissions import SubmitOnceForm
from courses.models import WEEKDAYS, Category, Course, Group
from courses.schedule import parse_weekdays
from courses.selectors import CatalogueFilters


class CatalogueFilterForm(PortalForm):
    district = forms.ModelChoiceField(label=_("District"), queryset=District.objects.all(), required=False)
    centre = forms.ModelChoiceField(label=_("Centre"), queryset=Centre.objects.filter(is_active=True), required=False)
    category = forms.ChoiceField(label=_("Category"), choices=[("", _("— any —")), *Category.choices], required=False)
    month = forms.DateField(label=_("Starts in"), widget=MonthInput, input_formats=["%Y-%m"], required=False)
    with_seats = forms.BooleanField(label=_("Only with free seats"), required=False)

    def filters(self) -> CatalogueFilters:
        """The valid filters (an invalid one is left out, and its error shown)."""
        self.is_valid()  # an invalid field is left out of cleaned_data
        data = self.cleaned_data
        month = data.get("month")
        return CatalogueFilters(
            district=data["district"].pk if data.get("district") else None,
            centre=data["centre"].pk if data.get("centre") else None,
            category=data.get("category") or "",
            month=month.replace(day=1) if month else None,
            with_seats=bool(data.get("with_seats")),
        )


class BookingForm(SubmitOnceForm):
    """Her booking: a kids' corner place for one of her children, if the group has one."""

    child = forms.ModelChoiceField(
        label=_("A place in the kids' corner for"),
        queryset=None,
        required=False,
        help_text=_("Leave empty if you do not need one."),
    )
    without_childcare = forms.BooleanField(
        label=_("If the kids' corner is full, book the seat without it"),
        required=False,
        help_text=_("Otherwise you wait on the list until a seat and a place are both free."),
    )

    def __init__(self, *args, family=None, group: Group | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if family is None or group is None or not group.has_childcare:
            del self.fields["child"]
            del self.fields["without_childcare"]
            return
        children = family.children.select_related("person").order_by("person__birth_date")
        self.fields["child"].queryset = children
        self.fields["child"].label_from_instance = lambda child: child.person.first_name


class DeskBookingForm(BookingForm):
    """The registrar books for a mother at the desk: the group first."""

    group = forms.ModelChoiceField(label=_("Group"), queryset=Group.objects.none())
    field_order = ["group", "child", "without_childcare"]

    def __init__(self, *args, family=None, groups=None, **kwargs):
        super().__init__(*args, family=family, group=Group(childcare_capacity=1), **kwargs)
        self.fields["group"].queryset = groups if groups is not None else Group.objects.none()
        self.fields["group"].label_from_instance = lambda group: (
            f"{group.course.title} · {group.centre.name} · {group.starts_on:%d.%m.%Y} ({group.seats_left})"
        )
        if "child" in self.fields:
            self.fields["child"].help_text = _("Only where the group has a kids' corner.")


class GroupForm(PortalModelForm):
    weekdays = forms.TypedMultipleChoiceField(
        label=_("Weekdays"), choices=WEEKDAYS, coerce=int, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = Group
        fields = [
            "course",
            "starts_on",
            "ends_on",
            "weekdays",
            "starts_at",
            "duration_minutes",
            "room",
            "instructor",
            "capacity",
            "childcare_capacity",
            "booking_opens_on",
            "booking_closes_on",
            "completion_percent",
            "release_after_missed",
        ]
        widgets = {
            "starts_on": DateInput,
            "ends_on": DateInput,
            "booking_opens_on": DateInput,
            "booking_closes_on": DateInput,
            "starts_at": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        }

    def __init__(self, *args, centre=None, **kwargs):
        super().__init__(*args, **kwargs)
        from accounts.models import User

        self.fields["course"].queryset = Course.objects.order_by("title")
        self.fields["instructor"].queryset = User.objects.filter(centre=centre, role__in=CENTRE_ROLES, is_active=True).order_by(
            "last_name", "first_name"
        )
        if self.instance.pk:
            self.initial["weekdays"] = self.instance.weekday_numbers

    def clean_weekdays(self) -> str:
        return parse_weekdays(self.cleaned_data["weekdays"])

    def clean(self):
        data = super().clean()
        starts_on, ends_on = data.get("starts_on"), data.get("ends_on")
        if starts_on and ends_on and ends_on < starts_on:
            self.add_error("ends_on", _("The last day comes after the first."))
        if starts_on and ends_on and (ends_on - starts_on) > dt.timedelta(days=366):
            self.add_error("ends_on", _("A group lasts at most a year."))
        opens, closes = data.get("booking_opens_on"), data.get("booking_closes_on")
        if opens and closes and closes < opens:
            self.add_error("booking_closes_on", _("Booking closes after it opens."))
        return data

    def service_values(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields if name in self.cleaned_data}


class LessonMoveForm(PortalForm):
    day = forms.DateField(label=_("New day"), widget=DateInput)
    starts_at = forms.TimeField(label=_("Starts at"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"))
    room = OneLineField(label=_("Room"), max_length=60, required=False)
