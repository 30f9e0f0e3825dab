"""What every portal form shares: the blank choice in the user's language, the one date widget, and
the fields for names and free text (cleaned by ``core.text``)."""

from collections.abc import Iterable
from typing import Any, cast

from django import forms
from django.db.models.fields import BLANK_CHOICE_DASH
from django.utils.translation import gettext_lazy as _

from core import text

BLANK_LABEL = _("— choose —")
_DASHES = BLANK_CHOICE_DASH[0][1]


class PortalFormMixin:
    """Django's blank choice is a bare "---------" in every language; ours says "choose" in the user's."""

    fields: dict[str, forms.Field]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field, forms.ModelChoiceField) and field.empty_label == _DASHES:
                field.empty_label = BLANK_LABEL
            elif isinstance(field, forms.ChoiceField) and not isinstance(field, forms.ModelChoiceField):
                choices = cast(Iterable[tuple[Any, Any]], field.choices)
                field.choices = [(value, BLANK_LABEL if value == "" and label == _DASHES else label) for value, label in choices]


class PortalForm(PortalFormMixin, forms.Form):
    pass


class PortalModelForm(PortalFormMixin, forms.ModelForm):
    pass


class DateInput(forms.DateInput):
    """The browser's own date picker. It sends ISO dates (``2026-10-25``), which every language's
    input formats accept, whatever the page's date format."""

    input_type = "date"

    def __init__(self, attrs=None, format="%Y-%m-%d"):
        super().__init__(attrs=attrs, format=format)


class MonthInput(forms.DateInput):
    """The browser's month picker (``2026-11``)."""

    input_type = "month"

    def __init__(self, attrs=None, format="%Y-%m"):
        super().__init__(attrs=attrs, format=format)


class OneLineField(forms.CharField):
    """One line of text (an address): invisible characters go and spaces collapse before the "required"
    check, so a value made of zero-width spaces is empty."""

    def to_python(self, value):
        return text.one_line(super().to_python(value) or "")


class NameField(OneLineField):
    """A person's name: one line, and what is left must hold a letter."""

    default_validators = [text.validate_has_letters]


class TextField(forms.CharField):
    """A description, a comment, a note: cleaned like a name but keeping its line breaks, and bounded by
    ``max_length`` on the server only. A ``maxlength`` in the page would make the browser cut a pasted
    text short without a word; the form's message gives both counts and keeps all of it to shorten."""

    widget = forms.Textarea(attrs={"rows": 2})

    def to_python(self, value):
        return text.paragraphs(super().to_python(value) or "")

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        attrs.pop("maxlength", None)
        return attrs


class VersionForm(forms.Form):
    """The version of the record an edit page was opened on, sent back hidden with the edit: the service
    refuses the save when the record has changed since (``core.errors.EditConflict``)."""

    version = forms.IntegerField(
        min_value=1,
        widget=forms.HiddenInput,
        error_messages={"required": _("This page is out of date. Check the current data, then save again.")},
    )

    @classmethod
    def seen(cls, version: int, *, prefix: str = "record") -> "VersionForm":
        """The hidden field as the page should carry it now that she has been shown ``version``."""
        form = cls({f"{prefix}-version": str(version)}, prefix=prefix)
        form.is_valid()
        return form
