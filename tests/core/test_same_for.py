"""``{% same_for %}`` (core.templatetags.portal): a block rendered once per process for the same values."""

import pytest
from django.template import Context, Engine, TemplateSyntaxError
from django.test import Client, override_settings

from tests.factories import RegistrarFactory

ENGINE = Engine(builtins=["core.templatetags.portal"])


def test_the_block_is_rendered_once_for_the_same_values_and_again_for_others():
    template = ENGINE.from_string("{% same_for role %}{{ name }}{% endsame_for %}")
    assert template.render(Context({"role": "registrar", "name": "Айгүл"})) == "Айгүл"
    assert template.render(Context({"role": "registrar", "name": "Сәуле"})) == "Айгүл"
    assert template.render(Context({"role": "specialist", "name": "Сәуле"})) == "Сәуле"


def test_a_change_of_the_settings_renders_the_blocks_again():
    template = ENGINE.from_string("{% same_for role %}{{ name }}{% endsame_for %}")
    template.render(Context({"role": "registrar", "name": "Айгүл"}))
    with override_settings(LANGUAGE_CODE="ru"):
        assert template.render(Context({"role": "registrar", "name": "Сәуле"})) == "Сәуле"


def test_the_least_recently_used_rendering_goes_first(monkeypatch):
    from core.templatetags import portal

    monkeypatch.setattr(portal, "SAME_FOR_KEPT", 2)
    template = ENGINE.from_string("{% same_for n %}{{ name }}{% endsame_for %}")
    for n in (1, 2):
        template.render(Context({"n": n, "name": f"first {n}"}))
    template.render(Context({"n": 1, "name": "again"}))  # 1 is now the most recent
    template.render(Context({"n": 3, "name": "first 3"}))  # so 2 goes
    assert template.render(Context({"n": 1, "name": "later"})) == "first 1"
    assert template.render(Context({"n": 2, "name": "later"})) == "later"


@pytest.mark.parametrize(
    "text",
    ["{% same_for %}x{% endsame_for %}", "{% same_for role %}<form>{% csrf_token %}</form>{% endsame_for %}"],
    ids=["without values", "with a csrf token"],
)
def test_a_block_that_could_not_be_kept_is_refused_when_the_template_is_read(text):
    with pytest.raises(TemplateSyntaxError):
        ENGINE.from_string(text)


@pytest.mark.django_db
def test_the_menus_follow_her_language_and_her_name(almaly):
    registrar = RegistrarFactory(centre=almaly, first_name="Айгүл")
    client = Client()
    client.force_login(registrar)
    kazakh = client.get("/kk/families/").content.decode().split("</nav>")[0]
    russian = client.get("/ru/families/").content.decode().split("</nav>")[0]
    assert "Шығу" in kazakh and "Выйти" in russian
    assert 'href="/ru/families/"' in russian and 'href="/ru/families/"' not in kazakh
    registrar.first_name = "Сәуле"
    registrar.save()
    assert "Сәуле" in client.get("/kk/families/").content.decode().split("</nav>")[0]
