"""Kazakhstan phone numbers, typed any common way, kept in E.164 (+77011234567)."""

import phonenumbers
from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

INVALID = _("Enter a Kazakhstan phone number, for example 8 701 123 45 67.")


def to_e164(raw: str) -> str | None:
    """ "8 701 123 45 67", "+7 (701) 123-45-67", "7011234567" → "+77011234567"; None if not a Kazakhstan number."""
    digits = "".join(ch for ch in raw if ch.isdigit())
    if not digits or len(digits) > 15:
        return None
    try:
        number = phonenumbers.parse(raw, "KZ")
    except phonenumbers.NumberParseException:
        return None
    # +7 is shared with Russia: only numbers that belong to Kazakhstan's plan are accepted.
    if not phonenumbers.is_valid_number(number) or phonenumbers.region_code_for_number(number) != "KZ":
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def format_phone(value) -> str:
    """ "+77011234567" (or a PhoneNumber) → "8 701 123 45 67", the way the portal shows every phone;
    anything else as it is."""
    # A PhoneNumber read from the database keeps the stored E.164 text as its raw input; str() (and
    # even its truth value) would first check the number against the numbering plan, which costs more
    # than the rest of a row of the family list.
    raw = getattr(value, "raw_input", None)
    text = raw if raw and raw.startswith("+") else ("" if value is None else str(value))
    if text.startswith("+7") and len(text) == 12 and text[1:].isdigit():
        digits = text[2:]
        return f"8 {digits[:3]} {digits[3:6]} {digits[6:8]} {digits[8:]}"
    return text


class KazakhstanPhoneField(forms.CharField):
    default_error_messages = {"invalid": INVALID}

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 32)
        super().__init__(**kwargs)
        self.widget.attrs.setdefault("inputmode", "tel")
        self.widget.attrs.setdefault("autocomplete", "tel")
        self.widget.attrs.setdefault("placeholder", "8 701 123 45 67")

    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return ""
        normalised = to_e164(value)
        if normalised is None:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return normalised

    def prepare_value(self, value):
        # Show a stored number the way people write it.
        return format_phone(value) or value
