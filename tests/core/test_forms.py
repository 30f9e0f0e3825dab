import datetime as dt

import pytest
from django import forms
from django.utils import translation

from centres.models import District
from core.forms import BLANK_LABEL, DateInput, MonthInput, PortalForm

DAY = dt.date(2026, 10, 25)


class PurposeForm(PortalForm):
    purpose = forms.ChoiceField(choices=[("", "---------"), ("legal", "Legal")], required=False)


class DistrictForm(PortalForm):
    district = forms.ModelChoiceField(queryset=District.objects.all(), required=False)
    centre_district = forms.ModelChoiceField(queryset=District.objects.all(), required=False, empty_label="(any)")


class VisitDateForm(forms.Form):
    on = forms.DateField(widget=DateInput())


def test_the_blank_choice_of_a_portal_form_is_worded_in_the_users_language():
    with translation.override("kk"):
        assert PurposeForm().fields["purpose"].choices[0] == ("", "— таңдаңыз —")
    with translation.override("ru"):
        assert str(PurposeForm().fields["purpose"].choices[0][1]) == "— выберите —"


def test_a_model_choice_gets_the_same_blank_choice_unless_the_form_words_its_own():
    form = DistrictForm()
    assert form.fields["district"].empty_label == BLANK_LABEL
    assert form.fields["centre_district"].empty_label == "(any)"


def test_a_choice_that_is_not_blank_keeps_its_label():
    assert PurposeForm().fields["purpose"].choices[1] == ("legal", "Legal")


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_the_date_widget_is_the_browsers_picker_with_an_iso_value_in_every_language(language):
    with translation.override(language):
        html = str(VisitDateForm(initial={"on": DAY})["on"])
    assert 'type="date"' in html and 'value="2026-10-25"' in html


@pytest.mark.parametrize("language", ["kk", "ru"])
@pytest.mark.parametrize("typed", ["25.10.2026", "2026-10-25"])
def test_a_date_typed_day_first_or_sent_by_the_picker_is_read(language, typed):
    with translation.override(language):
        form = VisitDateForm({"on": typed})
        assert form.is_valid(), form.errors
    assert form.cleaned_data["on"] == DAY


def test_the_pickers_iso_date_is_read_in_english_too():
    with translation.override("en"):
        form = VisitDateForm({"on": "2026-10-25"})
        assert form.is_valid() and form.cleaned_data["on"] == DAY


@pytest.mark.parametrize("typed", ["25/13/2026", "2026-02-30", "yesterday"])
def test_a_date_that_is_no_date_is_refused(typed):
    with translation.override("kk"):
        assert not VisitDateForm({"on": typed}).is_valid()


def test_a_date_typed_is_shown_again_as_typed_when_the_form_comes_back():
    with translation.override("ru"):
        html = str(VisitDateForm({"on": "25.10.2026"})["on"])
    assert 'value="25.10.2026"' in html


def test_the_month_widget_is_the_browsers_month_picker():
    html = MonthInput().render("month", dt.date(2026, 11, 1))
    assert 'type="month"' in html and 'value="2026-11"' in html
