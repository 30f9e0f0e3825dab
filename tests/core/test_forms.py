from django import forms
from django.utils import translation

from core.forms import PortalForm


class PurposeForm(PortalForm):
    purpose = forms.ChoiceField(choices=[("", "---------"), ("legal", "Legal")], required=False)


def test_the_blank_choice_of_a_portal_form_is_worded_in_the_users_language():
    with translation.override("kk"):
        assert PurposeForm().fields["purpose"].choices[0] == ("", "— таңдаңыз —")
    with translation.override("ru"):
        assert str(PurposeForm().fields["purpose"].choices[0][1]) == "— выберите —"
