from __future__ import annotations

from django import forms
from django.contrib.auth import password_validation
from django.utils.translation import gettext_lazy as _

from centres.models import Centre
from core.forms import NameField, PortalForm
from core.i18n import PUBLIC_LANGUAGES
from core.phones import KazakhstanPhoneField
from families.forms import iin_field
from notifications.models import Channel


def _code_field() -> forms.CharField:
    return forms.CharField(
        label=_("Code from the SMS"),
        max_length=12,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}),
    )


class NewPasswordMixin(forms.Form):
    """A new password typed twice and checked by Django's password validators."""

    password1 = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("At least 8 characters, not only digits, not a common word."),
    )
    password2 = forms.CharField(
        label=_("Repeat the password"), strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )

    def clean(self):
        cleaned = super().clean()
        first, second = cleaned.get("password1"), cleaned.get("password2")
        if first and second and first != second:
            self.add_error("password2", _("The two passwords differ."))
        elif first:
            try:
                password_validation.validate_password(first)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return cleaned


class SignUpForm(PortalForm, NewPasswordMixin):
    iin = iin_field()
    last_name = NameField(label=_("Last name"), max_length=100)
    first_name = NameField(label=_("First name"), max_length=100)
    middle_name = NameField(label=_("Middle name"), max_length=100, required=False)
    phone = KazakhstanPhoneField(
        label=_("Mobile phone"), help_text=_("We send a code to it by SMS. You will sign in with it or with your IIN.")
    )
    centre = forms.ModelChoiceField(
        label=_("Your district's centre"),
        queryset=Centre.objects.filter(is_active=True).select_related("district").order_by("district__code"),
        help_text=_("Where you will come with your documents."),
    )
    consent = forms.BooleanField(label=_("I have read the consent above and agree to the processing of my personal data"))

    field_order = ["iin", "last_name", "first_name", "middle_name", "phone", "centre", "password1", "password2", "consent"]


class CodeForm(PortalForm):
    code = _code_field()


class ResetRequestForm(PortalForm):
    login = forms.CharField(
        label=_("Phone number or IIN"),
        max_length=32,
        widget=forms.TextInput(attrs={"autocomplete": "username", "autofocus": True}),
    )


class ResetForm(PortalForm, NewPasswordMixin):
    code = _code_field()
    field_order = ["code", "password1", "password2"]


class PhoneForm(PortalForm):
    phone = KazakhstanPhoneField(label=_("New phone number"), help_text=_("We send a code to it by SMS."))


class PreferencesForm(PortalForm):
    language = forms.ChoiceField(label=_("Language of the portal and of messages"), choices=PUBLIC_LANGUAGES)
    notify_by = forms.ChoiceField(label=_("Messages by"), choices=Channel.choices)
    email = forms.EmailField(label=_("E-mail"), required=False)
    optional_messages = forms.BooleanField(label=_("Reminders and news"), required=False)
