"""A form sent twice saves once (issue 9, item 13). The mother's double click on "Record the visit" (or
a resend after a slow answer) posts the same form twice at the same moment, over real HTTP requests to a
threaded server on PostgreSQL: one visit, appeal, consent or referral is made, the referral texts her
once, and both answers are the first one's (the modal closes, no error). Registration and the edit form
answer a double submit the same way. The control: two forms opened separately at the same moment make
two records, so it is the form's token, not the timing, that merges a double submit."""

import datetime as dt
import json

import pytest
from django.utils import timezone

from families import forms as family_forms
from families.forms import FamilyForms
from families.models import Agency, Appeal, Consent, Family, Referral, Visit, VisitPurpose
from notifications import sms
from notifications.models import Notification
from tests.factories import RegistrarFactory
from tests.families.desks import Desk, at_once
from tests.families.factories import AppealFactory, FamilyFactory
from tests.families.forms_data import edit_post, registration_post

pytestmark = [pytest.mark.django_db(transaction=True)]


@pytest.fixture
def registrar(reference_data, almaly):
    return RegistrarFactory(centre=almaly)


@pytest.fixture
def desk(live_server, registrar):
    return Desk(live_server, registrar)


@pytest.fixture
def family(registrar):
    return FamilyFactory(registrar=registrar, phone="+77015551234")


@pytest.fixture
def appeal(family):
    return AppealFactory(family=family, status="in_progress")


def _in_days(days: int) -> str:
    return (timezone.localdate() + dt.timedelta(days=days)).isoformat()


# name: (URL, the form class, what she fills in, the records that count)
CREATES = {
    "visit": (
        "/ru/families/{family}/visits/new/",
        family_forms.VisitForm,
        lambda: {"purposes": [VisitPurpose.objects.get(code="legal").pk], "notes": "Пришла с детьми"},
        lambda: Visit.objects.count(),
    ),
    "appeal": (
        "/ru/families/{family}/appeals/new/",
        family_forms.AppealForm,
        lambda: {"kind": "housing", "description": "Очередь на жильё"},
        lambda: Appeal.objects.count(),
    ),
    "consent": (
        "/ru/families/{family}/consent/new/",
        family_forms.ConsentRenewForm,
        lambda: {"given_on": _in_days(0), "language": "ru"},
        lambda: Consent.objects.count(),
    ),
    "referral": (
        "/ru/families/appeals/{appeal}/referrals/new/",
        family_forms.ReferralForm,
        lambda: {"agency": Agency.objects.first().pk, "expected_outcome": "Место в очереди", "due_on": _in_days(10)},
        lambda: Referral.objects.count(),
    ),
}


def twice_at_once(desk, path, form_class, data, *, opened_twice=False) -> list:
    """Two POSTs of the form, validated at the same moment: of one opening (a double click), or of two."""
    first = desk.form(path, htmx=True)
    openings = [first, desk.form(path, htmx=True) if opened_twice else first]
    calls = [lambda hidden=hidden: desk.submit(path, data, hidden=hidden, htmx=True) for hidden in openings]
    return at_once(calls, meeting_after=(form_class, "is_valid"))


@pytest.mark.parametrize("name", CREATES)
def test_two_identical_posts_at_once_make_one_record_and_both_close_the_modal(desk, family, appeal, name):
    url, form_class, data, count = CREATES[name]
    before = count()

    results = twice_at_once(desk, url.format(family=family.pk, appeal=appeal.pk), form_class, data())

    assert [status for status, _ in results] == [204, 204], [page[:300] for _, page in results]
    assert count() == before + 1


def test_a_referral_posted_twice_at_once_texts_the_mother_once(desk, family, appeal):
    url, form_class, data, _count = CREATES["referral"]

    twice_at_once(desk, url.format(appeal=appeal.pk), form_class, data())

    assert Notification.objects.filter(template__key="appeal_referred").count() == 1
    assert [message.to for message in sms.outbox] == ["+77015551234"]


@pytest.mark.parametrize("name", CREATES)
def test_the_control_two_forms_opened_apart_and_sent_at_once_make_two_records(desk, family, appeal, name):
    url, form_class, data, count = CREATES[name]
    before = count()

    results = twice_at_once(desk, url.format(family=family.pk, appeal=appeal.pk), form_class, data(), opened_twice=True)

    assert [status for status, _ in results] == [204, 204]
    assert count() == before + 2


def test_a_double_click_without_javascript_lands_twice_on_the_family_page(desk, family, appeal):
    path = f"/ru/families/{family.pk}/visits/new/"
    hidden = desk.form(path)
    data = CREATES["visit"][2]()

    answers = [desk.submit(path, data, hidden=hidden) for _ in range(2)]

    assert [status for status, _ in answers] == [302, 302]
    assert Visit.objects.count() == 1


def test_a_post_sent_again_after_the_answer_is_answered_the_same(client, registrar, family):
    client.force_login(registrar)
    path = f"/kk/families/{family.pk}/appeals/new/"
    token = client.get(path).context["form"]["form_token"].value()
    data = {"kind": "legal", "description": "Кеңес", "form_token": str(token)}

    answers = [client.post(path, data, headers={"HX-Request": "true"}) for _ in range(2)]

    assert [answer.status_code for answer in answers] == [204, 204]
    assert [json.loads(answer["HX-Trigger"]) for answer in answers] == [{"familyChanged": {}}] * 2
    assert Appeal.objects.count() == 1


def test_registration_submitted_twice_at_once_makes_one_family_and_both_land_on_it(desk):
    path = "/ru/families/register/"
    hidden = desk.form(path)
    data = registration_post(children=2)

    results = at_once([lambda: desk.submit(path, data, hidden=hidden)] * 2, meeting_after=(FamilyForms, "is_valid"))

    family = Family.objects.get()
    assert [status for status, _ in results] == [302, 302], [page[:300] for _, page in results]
    assert family.children.count() == 2


def test_registration_sent_again_after_it_was_saved_lands_on_the_same_family_with_no_warning(client, registrar):
    client.force_login(registrar)
    token = client.get("/ru/families/register/").context["forms"].once["form_token"].value()
    data = {**registration_post(children=1), "form_token": str(token)}

    first = client.post("/ru/families/register/", data)
    again = client.post("/ru/families/register/", data, follow=True)

    family = Family.objects.get()
    assert first["Location"] == f"/ru/families/{family.pk}/"
    assert again.redirect_chain == [(f"/ru/families/{family.pk}/", 302)]
    assert "Семья зарегистрирована." in again.content.decode()


def test_the_edit_form_sent_twice_saves_once_and_is_not_taken_for_someone_elses_save(client, registrar, family):
    client.force_login(registrar)
    url = f"/ru/families/{family.pk}/edit/"
    token = client.get(url).context["forms"].once["form_token"].value()
    data = edit_post(family, **{"family-address": "Алматы, Төле би, 5", "form_token": str(token)})

    answers = [client.post(url, data) for _ in range(2)]

    assert [answer.status_code for answer in answers] == [302, 302]
    assert Family.objects.get(pk=family.pk).version == 2
