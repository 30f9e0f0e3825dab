"""What every portal form shares: the blank choice in the user's language and the one date widget."""

from collections.abc import Iterable
from typing import Any, cast

from django import forms
from django.db.models.fields import BLANK_CHOICE_DASH
from django.utils.translation import gettext_lazy as _

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
