from django import forms
from django.contrib.auth import forms as auth_forms
from django.utils import translation
from django.utils.translation import gettext_lazy as _


class LoginForm(auth_forms.AuthenticationForm):
    username = auth_forms.UsernameField(
        label=_("Login"), widget=forms.TextInput(attrs={"autofocus": True, "autocomplete": "username"})
    )
    password = forms.CharField(
        label=_("Password"), strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "current-password"})
    )


class PasswordResetForm(auth_forms.PasswordResetForm):
    """Sends the reset e-mail in the language the user chose, whatever page she asked from."""

    def send_mail(self, subject_template_name, email_template_name, context, from_email, to_email, html_email_template_name=None):
        with translation.override(context["user"].language):
            super().send_mail(subject_template_name, email_template_name, context, from_email, to_email, html_email_template_name)
