"""The consultations' forms (crispy, through the one modal template)."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from consultations.kinds import Channel, Kind
from consultations.models import Appointment, LegalIssue, SalaryBand
from consultations.models.notes import ADVICE_MAX, OUTCOME_MAX, SUMMARY_MAX
from consultations.services import PlacementData
from consultations.services.booking import REASON_MAX
from consultations.services.notes import FIELD_MAX
from core.forms import DateInput, OneLineField, PortalForm, TextField
from core.submissions import SubmitOnceForm
from families.models import Agency, Family


def slot_label(starts_at: dt.datetime) -> str:
    local = timezone.localtime(starts_at)
    return f"{date_format(local, 'D')} {date_format(local, 'SHORT_DATE_FORMAT')} {local:%H:%M}"


class SlotForm(PortalForm):
    """Which slot: the specialist, the centre and the start, carried from the calendar's link."""

    specialist = forms.IntegerField(widget=forms.HiddenInput)
    centre = forms.IntegerField(widget=forms.HiddenInput)
    starts_at = forms.DateTimeField(widget=forms.HiddenInput)

    def add_error(self, field, error):
        # The slot's fields are hidden: a refusal about them (taken meanwhile, a holiday) goes on top.
        if field in ("specialist", "centre", "starts_at"):
            field = None
        super().add_error(field, error)


class BookForm(SubmitOnceForm, SlotForm):
    """The booking modal. The mother is the family she was picked with (from the registry's search,
    through her family page), or found here by her IIN among the families the user may see."""

    family = forms.IntegerField(widget=forms.HiddenInput, required=False)
    iin = forms.CharField(label=_("Mother's IIN"), max_length=12, min_length=12, required=False)
    channel = forms.ChoiceField(label=_("How"), choices=Channel.choices, initial=Channel.IN_PERSON, widget=forms.RadioSelect)
    video_link = forms.URLField(label=_("Video link"), required=False, max_length=200, assume_scheme="https")

    def __init__(self, *args, user, family: Family | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.chosen_family = family
        if family is not None:
            del self.fields["iin"]

    def clean_iin(self) -> str:
        iin = self.cleaned_data.get("iin", "")
        if self.chosen_family is None:
            if not (len(iin) == 12 and iin.isdigit()):
                raise forms.ValidationError(_("Type the mother's IIN: 12 digits."))
            found = Family.objects.visible_to(self.user).filter(mother__iin=iin).first()
            if found is None:
                raise forms.ValidationError(
                    _("No family you can see has a mother with this IIN. Find her in the registry first.")
                )
            self.chosen_family = found
        return iin

    def clean(self):
        data = super().clean()
        if data.get("channel") == Channel.VIDEO and not data.get("video_link"):
            self.add_error("video_link", _("Give the link of the video call."))
        return data


class RescheduleForm(PortalForm):
    starts_at = forms.TypedChoiceField(label=_("New time"), choices=[], coerce=dt.datetime.fromisoformat)

    def __init__(self, *args, slots, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["starts_at"].choices = [
            ("", "---------"),
            *((slot.starts_at.isoformat(), slot_label(slot.starts_at)) for slot in slots),
        ]


class CancelForm(PortalForm):
    reason = TextField(label=_("Reason for cancelling"), max_length=REASON_MAX)


class NoteForm(PortalForm):
    """The case note, with the outcome fields of the consultation's kind."""

    summary = TextField(label=_("Summary"), max_length=SUMMARY_MAX, widget=forms.Textarea(attrs={"rows": 5}))
    advice = TextField(label=_("Advice given"), max_length=ADVICE_MAX, required=False, widget=forms.Textarea(attrs={"rows": 3}))
    outcome = TextField(label=_("Outcome"), max_length=OUTCOME_MAX, required=False, widget=forms.Textarea(attrs={"rows": 2}))
    follow_up_on = forms.DateField(label=_("Follow-up date"), required=False, widget=DateInput)
    referrals = forms.ModelMultipleChoiceField(
        label=_("Referred to"), queryset=Agency.objects.none(), required=False, widget=forms.CheckboxSelectMultiple
    )
    legal_issue = forms.ChoiceField(label=_("What the question was about"), choices=[("", "---------"), *LegalIssue.choices])
    legal_resolved = forms.TypedChoiceField(
        label=_("Resolved"),
        choices=[("", "---------"), ("yes", _("yes")), ("no", _("not yet"))],
        coerce=lambda value: value == "yes",
        empty_value=None,
        required=False,
    )
    found_job = forms.BooleanField(label=_("She found a job"), required=False)
    employer = OneLineField(label=_("Employer"), max_length=FIELD_MAX, required=False)
    position = OneLineField(label=_("Position"), max_length=FIELD_MAX, required=False)
    starts_on = forms.DateField(label=_("Starts work on"), required=False, widget=DateInput)
    formal = forms.BooleanField(label=_("Formal employment (a labour contract)"), required=False, initial=True)
    salary_band = forms.ChoiceField(label=_("Salary"), choices=[("", "---------"), *SalaryBand.choices], required=False)

    LEGAL = ("legal_issue", "legal_resolved")
    PLACEMENT = ("found_job", "employer", "position", "starts_on", "formal", "salary_band")

    def __init__(self, *args, appointment: Appointment, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["referrals"].queryset = Agency.objects.filter(is_active=True).order_by("name")
        drop = {Kind.LEGAL: self.PLACEMENT, Kind.EMPLOYMENT: self.LEGAL}.get(Kind(appointment.kind), self.LEGAL + self.PLACEMENT)
        for name in drop:
            del self.fields[name]

    def clean(self):
        data = super().clean()
        if data.get("found_job"):
            for name in ("employer", "position", "starts_on", "salary_band"):
                if not data.get(name):
                    self.add_error(name, _("This field is required."))
        return data

    def service_arguments(self) -> dict:
        data = dict(self.cleaned_data)
        placement = None
        if data.pop("found_job", False):
            placement = PlacementData(
                employer=data["employer"],
                position=data["position"],
                starts_on=data["starts_on"],
                formal=data["formal"],
                salary_band=data["salary_band"],
            )
        for name in ("employer", "position", "starts_on", "formal", "salary_band"):
            data.pop(name, None)
        return {**data, "placement": placement}


class ExportForm(PortalForm):
    month = forms.DateField(label=_("Month"), input_formats=["%Y-%m"], required=False)
