"""Links built from one ``reverse`` per URL name and language are the links ``reverse`` gives."""

import pytest
from django.template import Context, Template
from django.urls import reverse
from django.utils import translation

from core.paths import path_of


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_a_record_s_link_is_the_one_reverse_gives_in_every_language(language):
    with translation.override(language):
        for pk in (7, 10_000, 1_234_567):
            assert path_of("grants:application", pk) == reverse("grants:application", args=[pk])
            assert path_of("families:detail", pk) == reverse("families:detail", args=[pk])
        assert path_of("grants:rounds") == reverse("grants:rounds")


def test_the_url_of_filter_gives_the_same_link_in_a_template():
    with translation.override("ru"):
        html = Template("{{ pk|url_of:'grants:application' }}").render(Context({"pk": 42}))
        assert html == reverse("grants:application", args=[42])


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_the_path_tag_gives_the_link_the_url_tag_gives_in_each_language(language):
    template = Template(
        "{% path 'families:list' %}|{% path 'accounts:profile' as profile %}{{ profile }}|{% url 'families:list' %}"
    )
    with translation.override(language):
        ours, profile, django_s = template.render(Context()).split("|")
        assert ours == django_s == reverse("families:list")
        assert ours.startswith(f"/{language}/")
        assert profile == reverse("accounts:profile")


def test_a_menu_entry_links_the_page_of_its_url_name_in_the_active_language():
    from core.extensions import MenuItem

    item = MenuItem("Families", "families:list", frozenset())
    for language in ("kk", "ru"):
        with translation.override(language):
            assert item.url == reverse("families:list") == f"/{language}/families/"
