"""A choice's label for lists of many rows is the label ``get_<field>_display`` gives, in the active
language."""

import pytest
from django.template import Context, Template
from django.utils import translation

from core.choices import choice_label
from grants.models import Application, Status


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_each_status_is_labelled_as_the_model_labels_it_in_the_active_language(language):
    with translation.override(language):
        for value in Status.values:
            assert choice_label(Status, value) == Application(status=value).get_status_display()


def test_the_label_follows_the_language_switched_within_one_process():
    with translation.override("kk"):
        kazakh = choice_label(Status, Status.APPROVED)
    with translation.override("ru"):
        russian = choice_label(Status, Status.APPROVED)
    assert kazakh != russian


def test_a_value_that_is_no_choice_is_shown_as_it_is_and_the_filter_says_the_same():
    assert choice_label(Status, "no-such-status") == "no-such-status"
    with translation.override("ru"):
        html = Template("{{ value|choice_label:Status }}").render(Context({"value": Status.REJECTED, "Status": Status}))
        assert html == Application(status=Status.REJECTED).get_status_display()
