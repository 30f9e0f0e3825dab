from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from centres.models import Centre, District
from core.forms import MonthInput, PortalForm, TextField
from core.months import Month
from core.submissions import SubmitOnceForm
from dashboards.models import CITY
from dashboards.services.reports import COMMENT_MAX


class MonthField(forms.Field):
    widget = MonthInput
    default_error_messages = {"invalid": _("Enter a month such as 2026-11.")}

    def to_python(self, value):
        if value in (None, ""):
            return None
        if isinstance(value, Month):
            return value
        try:
            return Month.parse(str(value))
        except ValueError:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from None

    def prepare_value(self, value):
        return str(value) if isinstance(value, Month) else value


class PeriodForm(PortalForm):
    """The month a page shows (the current one by default); months to come are refused."""

    month = MonthField(label=_("Month"), required=False)

    def clean_month(self):
        month = self.cleaned_data["month"]
        if month is not None and month > Month.current():
            raise forms.ValidationError(_("That month has not come yet."))
        return month

    def month_or(self, default: Month) -> Month:
        return (self.cleaned_data.get("month") if self.is_valid() else None) or default


class DistrictFilter(PeriodForm):
    """The district dashboard's filters: the month, one of the district's centres, and (for the city
    official) the district."""

    district = forms.ModelChoiceField(label=_("District"), queryset=District.objects.none(), required=False, to_field_name="code")
    centre = forms.ModelChoiceField(label=_("Centre"), queryset=Centre.objects.none(), required=False)

    def __init__(self, *args, district_choices: bool, centres, **kwargs):
        super().__init__(*args, **kwargs)
        if district_choices:
            self.fields["district"].queryset = District.objects.order_by("name")
        else:
            del self.fields["district"]
        if centres is None:
            del self.fields["centre"]
        else:
            self.fields["centre"].queryset = centres


class CitySort(PeriodForm):
    sort = forms.ChoiceField(required=False, choices=[])
    descending = forms.BooleanField(required=False)

    def __init__(self, *args, codes: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sort"].choices = [(code, code) for code in codes]


class ApprovalForm(SubmitOnceForm):
    comment = TextField(label=_("Comment"), max_length=COMMENT_MAX, widget=forms.Textarea(attrs={"rows": 3}))


class RebuildForm(PortalForm):
    scope = forms.CharField(max_length=32, widget=forms.HiddenInput)
    month = MonthField(label=_("Month"), widget=forms.HiddenInput)

    def clean_scope(self):
        scope = self.cleaned_data["scope"]
        if scope != CITY and not District.objects.filter(code=scope).exists():
            raise forms.ValidationError(_("No such district."))
        return scope
