"""core.errors: a service's refusal and where a form shows it."""

import pytest
from django import forms

from core.errors import DomainError, show_on_form


class NameForm(forms.Form):
    name = forms.CharField()


def test_a_refusal_carries_its_message_field_and_link():
    error = DomainError("This IIN is registered already.", field="iin", link="/kk/families/7/")
    assert str(error) == "This IIN is registered already."
    assert (error.message, error.field, error.link) == ("This IIN is registered already.", "iin", "/kk/families/7/")
    assert DomainError("No.").field is None and DomainError("No.").link is None


def test_a_refusal_is_shown_next_to_the_field_it_names():
    form = NameForm({"name": "Асель"})
    assert form.is_valid()
    show_on_form(form, DomainError("This name is taken.", field="name"))
    assert form.errors == {"name": ["This name is taken."]}


@pytest.mark.parametrize("field", [None, "iin", ("consent", "given")], ids=["no field", "not this form's", "a part's path"])
def test_a_refusal_about_no_field_of_this_form_is_shown_on_top(field):
    form = NameForm({"name": "Асель"})
    assert form.is_valid()
    show_on_form(form, DomainError("Nothing can be recorded.", field=field))
    assert form.non_field_errors() == ["Nothing can be recorded."]
    assert "name" not in form.errors
