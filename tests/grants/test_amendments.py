"""Amendments after submission: the mother from her cabinet, the grant officer from the application
page; each a new version, the earlier ones kept as they were; every bad input refused on the form in
her language with what she typed, and nothing changed."""

import json
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation

from core.errors import DomainError
from grants import services
from grants.models import ApplicationVersion, Status
from tests.factories import CommissionMemberFactory, GrantOfficerFactory, MotherUserFactory, RegistrarFactory
from tests.grants.factories import FIELDS, brought_to, eligible_family, officer_for, reviewer_with_iin, scored

pytestmark = pytest.mark.django_db
HTMX = {"HX-Request": "true"}


@pytest.fixture
def mother(almaly):
    user = MotherUserFactory(language="ru")
    eligible_family(registrar__centre=almaly, mother_account=user, language="ru")
    return user


@pytest.fixture
def hers(mother, round_):
    return brought_to(Status.SUBMITTED, round_, mother.family)


def amendment(application, **changes) -> dict:
    """The form as she sends it: every question (prefilled with the current text), her changes, a
    comment and the version she opened."""
    data = {field: str(getattr(application, field)) for field in FIELDS}
    return data | {"comment": "Сумма уточнена", "version": str(application.version)} | changes


def url_in(language: str, name: str, *args) -> str:
    with translation.override(language):
        return reverse(name, args=args)


def test_the_mother_amends_her_application_and_the_officer_sees_what_changed(client, mother, hers):
    client.force_login(mother)
    url = url_in("ru", "grants:amend_mine", hers.pk)
    section = client.get(url_in("ru", "grants:my_applications"), headers=HTMX).content.decode()
    form = client.get(url, headers=HTMX)

    sent = client.post(url, amendment(hers, requested_amount="450000", business_idea="Швейный цех"), headers=HTMX)

    assert f'href="{url}"' in section
    assert form.status_code == 200 and 'value="500000"' in form.content.decode()  # prefilled with the current text
    assert sent.status_code == 204 and "grantApplicationsChanged" in json.loads(sent["HX-Trigger"])
    hers.refresh_from_db()
    assert (hers.version, hers.requested_amount, hers.business_idea) == (2, Decimal(450_000), "Швейный цех")
    latest = hers.versions.get(number=2)
    assert (latest.created_by, latest.comment) == (mother, "Сумма уточнена")
    assert "Изменено: версия 2" in client.get(url_in("ru", "grants:my_applications"), headers=HTMX).content.decode()

    client.force_login(officer_for(hers))
    page = client.get(url_in("ru", "grants:application", hers.pk)).content.decode()
    assert "Что изменило последнее изменение" in page
    assert "500000" in page and "450000" in page and "Швейный цех" in page and "Сумма уточнена" in page


def test_the_officer_amends_through_the_modal_on_the_application_page(client, round_):
    application = brought_to(Status.UNDER_REVIEW, round_)
    officer = officer_for(application)
    client.force_login(officer)
    url = reverse("grants:amend", args=[application.pk])

    page = client.get(application.get_absolute_url()).content.decode()
    sent = client.post(url, amendment(application, expected_jobs="3", comment="Жұмыс орны қосылды"), headers=HTMX)

    assert 'data-testid="amend"' in page
    assert sent.status_code == 204 and "applicationChanged" in json.loads(sent["HX-Trigger"])
    application.refresh_from_db()
    assert (application.version, application.expected_jobs) == (2, 3)
    assert application.versions.get(number=2).created_by == officer


@pytest.mark.parametrize("role", ["registrar", "commission_member", "reviewer"])
def test_no_other_role_may_amend_an_application(round_, role):
    application = brought_to(Status.UNDER_REVIEW, round_)
    actor = {
        "registrar": lambda: RegistrarFactory(centre=application.family.centre),
        "commission_member": CommissionMemberFactory,
        "reviewer": reviewer_with_iin,
    }[role]()
    with pytest.raises(DomainError):
        services.application_amend(actor=actor, application=application, comment="x", expected_jobs=5)
    application.refresh_from_db()
    assert (application.version, application.expected_jobs) == (1, 2)


def test_another_mothers_application_is_a_404_and_the_service_refuses_her_too(client, hers):
    other = MotherUserFactory()
    eligible_family(registrar__centre=hers.family.centre, mother_account=other)
    client.force_login(other)
    url = reverse("grants:amend_mine", args=[hers.pk])

    assert client.get(url).status_code == 404
    assert client.post(url, amendment(hers, expected_jobs="9")).status_code == 404
    with pytest.raises(DomainError):
        services.application_amend(actor=other, application=hers, comment="x", expected_jobs=9)
    hers.refresh_from_db()
    assert (hers.version, hers.expected_jobs) == (1, 2)


def test_an_officer_of_another_district_gets_a_404(client, round_, bostandyk):
    application = brought_to(Status.UNDER_REVIEW, round_)
    client.force_login(GrantOfficerFactory(centre=bostandyk))
    url = reverse("grants:amend", args=[application.pk])
    assert client.get(url, headers=HTMX).status_code == 404
    assert client.post(url, amendment(application, expected_jobs="9"), headers=HTMX).status_code == 404


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"requested_amount": "600000", "business_idea": "Пекарня"}, "Программа даёт не более"),
        ({"comment": "", "business_idea": "Пекарня"}, "Обязательное поле"),
        ({}, "Изменение ничего не меняет"),
    ],
    ids=["over-the-cap", "empty-comment", "no-change"],
)
def test_a_bad_amendment_is_refused_on_the_form_in_her_language_and_nothing_changes(client, mother, hers, changes, message):
    client.force_login(mother)
    url = url_in("ru", "grants:amend_mine", hers.pk)

    refused = client.post(url, amendment(hers, **changes), headers=HTMX)

    page = refused.content.decode()
    assert refused.status_code == 400 and message in page
    for typed in changes.values():
        assert typed in page  # nothing she typed is lost
    hers.refresh_from_db()
    assert (hers.version, hers.business_idea, hers.versions.count()) == (1, FIELDS["business_idea"], 1)


def test_a_form_sent_after_the_decision_is_refused_on_the_form_and_nothing_changes(client, mother, hers, round_):
    client.force_login(mother)
    url = url_in("ru", "grants:amend_mine", hers.pk)
    assert client.get(url, headers=HTMX).status_code == 200  # she opens the form while it is amendable
    officer = officer_for(hers)
    services.application_check(actor=officer, application=hers)
    services.application_move(actor=officer, application=hers, name="confirm_eligible")
    services.application_move(actor=officer, application=hers, name="reject", comment="Бюджет исчерпан")

    refused = client.post(url, amendment(hers, business_idea="Пекарня"), headers=HTMX)

    assert refused.status_code == 400
    assert "Эту заявку больше нельзя изменить" in refused.content.decode() and "Пекарня" in refused.content.decode()
    hers.refresh_from_db()
    assert (hers.version, hers.business_idea, hers.status) == (1, FIELDS["business_idea"], Status.REJECTED)
    opened = client.get(url)
    assert opened.status_code == 403 and "Эту заявку больше нельзя изменить" in opened.content.decode()


def test_a_form_opened_before_another_amendment_is_refused_then_goes_through_once_she_has_compared(client, mother, hers):
    client.force_login(mother)
    url = url_in("ru", "grants:amend_mine", hers.pk)
    stale = amendment(hers, business_idea="Пекарня")  # the form as she opened it, on version 1
    services.application_amend(actor=officer_for(hers), application=hers, comment="Сумма", requested_amount=Decimal(400_000))

    refused = client.post(url, stale, headers=HTMX)

    page = refused.content.decode()
    assert refused.status_code == 400 and "кто-то другой изменил эту заявку" in page
    assert "Пекарня" in page and 'data-testid="amend-now"' in page  # hers kept, and the application as it is now
    assert 'name="version" value="2"' in page
    hers.refresh_from_db()
    assert (hers.version, hers.business_idea) == (2, FIELDS["business_idea"])

    again = client.post(url, stale | {"version": "2"}, headers=HTMX)

    assert again.status_code == 204
    hers.refresh_from_db()
    assert (hers.version, hers.business_idea) == (3, "Пекарня")


def test_the_history_keeps_every_earlier_version_as_it_was(round_):
    application = brought_to(Status.SUBMITTED, round_)
    officer = officer_for(application)
    first = application.versions.get(number=1).data

    services.application_amend(actor=officer, application=application, comment="Сома", requested_amount=Decimal(450_000))
    services.application_amend(actor=officer, application=application, comment="Идея", business_idea="Наубайхана")

    versions = {v.number: v.data for v in ApplicationVersion.objects.filter(application=application)}
    assert versions[1] == first and first["requested_amount"] == "500000"
    assert (versions[2]["requested_amount"], versions[2]["business_idea"]) == ("450000", FIELDS["business_idea"])
    assert (versions[3]["requested_amount"], versions[3]["business_idea"]) == ("450000", "Наубайхана")


def test_scores_given_before_an_amendment_stay_and_the_page_marks_them(client, round_):
    application = brought_to("scored", round_)
    officer = officer_for(application)
    services.application_amend(actor=officer, application=application, comment="Сома", requested_amount=Decimal(450_000))
    later = reviewer_with_iin()
    scored(application, later, officer=officer, score=6)

    client.force_login(officer)
    page = client.get(application.get_absolute_url()).content.decode()

    assert application.reviews.filter(total__isnull=False).count() == 2  # nothing erased
    assert page.count('data-testid="earlier-version"') == 1
