"""core.permissions: the registry of named rules, ``Decision``, ``check``, ``require``, ``rule_required``
and the ``{% allowed %}`` template tag. The pages below are this module's URLconf."""

import pytest
from django.conf.urls.i18n import i18n_patterns
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.template import Context, Template
from django.test import RequestFactory
from django.urls import path
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from core import permissions
from core.permissions import YES, Decision, check, no, require, rule, rule_required
from core.roles import Role
from otbasy.urls import urlpatterns as portal_urls
from tests.factories import MotherUserFactory, RegistrarFactory

pytestmark = [pytest.mark.django_db, pytest.mark.urls(__name__)]

CLOSED = _("This appeal is closed.")  # a reason the portal has translations for
asked: list = []


@pytest.fixture(autouse=True)
def rules(monkeypatch):
    """This module's rules, registered on a copy of the registry that the test leaves behind."""
    monkeypatch.setattr(permissions, "_rules", dict(permissions._rules))
    asked.clear()

    @rule("tests.see_page")
    def can_see_page(user, obj=None):
        asked.append((user, obj))
        return YES if user.role == Role.REGISTRAR else no()

    @rule("tests.reopen")
    def can_reopen(user, obj=None):
        return no(CLOSED)


@rule_required("tests.see_page")
def page(request):
    return HttpResponse("the page")


def closed(request):
    require(request.user, "tests.reopen", "the appeal")
    return HttpResponse("reopened")


urlpatterns = i18n_patterns(path("page/", page), path("closed/", closed)) + portal_urls


# --- The registry -------------------------------------------------------------------------------


def test_a_rule_is_asked_by_its_name_with_the_user_and_the_object(almaly):
    registrar = RegistrarFactory(centre=almaly)
    assert check(registrar, "tests.see_page", "a family")
    assert not check(MotherUserFactory(), "tests.see_page")
    assert asked[0] == (registrar, "a family")


def test_two_rules_with_one_name_are_refused():
    with pytest.raises(ValueError, match="tests.see_page"):
        rule("tests.see_page")(lambda user, obj=None: YES)


def test_registering_the_same_rule_again_is_harmless():
    def can_do(user, obj=None):
        return YES

    assert rule("tests.do")(can_do) is can_do
    assert rule("tests.do")(can_do) is can_do  # a module imported twice
    assert permissions.registered()["tests.do"] is can_do


def test_an_unknown_rule_name_is_a_lookup_error_even_for_an_anonymous_visitor(almaly):
    with pytest.raises(LookupError, match="tests.misspelt"):
        check(RegistrarFactory(centre=almaly), "tests.misspelt")
    with pytest.raises(LookupError):
        check(AnonymousUser(), "tests.misspelt")


def test_the_apps_rules_are_registered_when_the_portal_starts():
    assert {"families.view_family", "families.edit_family", "families.read_access_log"} <= set(permissions.registered())


def test_the_registry_is_not_changed_through_what_registered_returns():
    permissions.registered().clear()
    assert "tests.see_page" in permissions.registered()


# --- Decisions ----------------------------------------------------------------------------------


def test_a_refusal_is_falsy_and_says_why_in_the_users_language():
    refusal = no()
    assert not refusal and refusal.allowed is False
    with translation.override("kk"):
        assert str(refusal.reason) == "Сіздің рөліңізге бұған рұқсат жоқ."
    with translation.override("ru"):
        assert str(refusal.reason) == "Ваша роль этого не позволяет."
        assert str(no(CLOSED).reason) == "Это обращение закрыто."


def test_a_yes_is_truthy_and_needs_no_reason():
    assert YES and YES.reason == ""
    assert Decision(True) == YES
    assert not Decision(False)


@pytest.mark.parametrize("user", [AnonymousUser, lambda: RegistrarFactory(is_active=False)], ids=["anonymous", "inactive"])
def test_no_rule_is_asked_about_a_visitor_who_is_not_signed_in(user):
    decision = check(user(), "tests.see_page")
    assert not decision and decision.reason == permissions.NOT_YOUR_ROLE
    assert asked == []


def test_require_refuses_with_the_rules_reason(almaly):
    with pytest.raises(PermissionDenied) as refused:
        require(RegistrarFactory(centre=almaly), "tests.reopen", "the appeal")
    assert refused.value.args == (CLOSED,)
    require(RegistrarFactory(centre=almaly), "tests.see_page")  # allowed: nothing happens


def test_require_answers_403_with_the_reason_on_the_page(client, almaly):
    client.force_login(RegistrarFactory(centre=almaly))
    response = client.get("/ru/closed/")
    assert response.status_code == 403
    content = response.content.decode()
    assert "Это обращение закрыто." in content
    assert "Ваша роль не даёт доступа" not in content  # not the general line about roles


# --- rule_required ------------------------------------------------------------------------------


def test_rule_required_sends_an_anonymous_visitor_to_the_sign_in_page(client):
    response = client.get("/kk/page/")
    assert response.status_code == 302
    assert response["Location"] == "/kk/accounts/login/?next=/kk/page/"
    assert asked == []


def test_rule_required_refuses_a_role_the_rule_does_not_allow_with_403(client):
    client.force_login(MotherUserFactory())
    response = client.get("/kk/page/")
    assert response.status_code == 403
    content = response.content.decode()
    assert "Қол жеткізу жабық" in content and "орталық басшысына немесе әкімшіге жүгініңіз" in content  # whom to ask
    assert "the page" not in content


def test_rule_required_lets_a_role_the_rule_allows_through_asking_without_an_object(client, almaly):
    registrar = RegistrarFactory(centre=almaly)
    client.force_login(registrar)
    response = client.get("/kk/page/")
    assert response.status_code == 200 and response.content == b"the page"
    assert asked == [(registrar, None)]


def test_rule_required_keeps_the_views_name():
    assert page.__name__ == "page"


def _request(url, user):
    request = RequestFactory().get(url)
    request.user = user
    return request


# --- The {% allowed %} tag ----------------------------------------------------------------------


def test_the_allowed_tag_asks_the_same_rule_about_the_object(almaly):
    tag = Template('{% allowed "tests.see_page" family as can_see %}{% if can_see %}yes{% else %}no{% endif %}')
    registrar = RegistrarFactory(centre=almaly)
    assert tag.render(Context({"request": _request("/", registrar), "family": "Асель"})) == "yes"
    assert asked == [(registrar, "Асель")]
    assert tag.render(Context({"request": _request("/", MotherUserFactory()), "family": "Асель"})) == "no"
    assert tag.render(Context({"request": _request("/", AnonymousUser()), "family": "Асель"})) == "no"
