import datetime as dt
import json

import pytest
from django.utils import timezone

from families.models import Appeal, Referral, Visit, VisitPurpose
from families.services import visit_check_in
from tests.factories import SpecialistFactory
from tests.families.factories import AppealFactory, FamilyFactory, ReferralFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def family(registrar):
    return FamilyFactory(registrar=registrar)


HTMX = {"hx-request": "true"}


def test_recording_a_visit_in_the_modal_answers_204_and_tells_the_page_to_refresh(client, registrar, family):
    purpose = VisitPurpose.objects.get(code="legal")
    response = client.post(f"/kk/families/{family.pk}/visits/new/", {"purposes": [purpose.pk], "notes": ""}, headers=HTMX)
    assert response.status_code == 204
    assert json.loads(response["HX-Trigger"]) == {"familyChanged": {}}
    visit = Visit.objects.get()
    assert (visit.family, visit.centre, visit.status, visit.checked_in_by) == (family, registrar.centre, "waiting", registrar)


def test_an_invalid_modal_form_comes_back_with_its_errors_and_what_was_typed(client, registrar, family):
    response = client.post(f"/ru/families/{family.pk}/visits/new/", {"notes": "пришла с детьми"}, headers=HTMX)
    assert response.status_code == 400
    page = response.content.decode()
    assert "<html" not in page and "modal-content" in page
    assert "Обязательное поле" in page
    assert "пришла с детьми" in page
    assert not Visit.objects.exists()


def test_without_htmx_the_same_form_is_a_page_and_redirects_after_saving(client, registrar, family):
    assert "<html" in client.get(f"/kk/families/{family.pk}/visits/new/").content.decode()
    purpose = VisitPurpose.objects.get(code="courses")
    response = client.post(f"/kk/families/{family.pk}/visits/new/", {"purposes": [purpose.pk]})
    assert response.status_code == 302 and response["Location"] == f"/kk/families/{family.pk}/"


def test_today_shows_who_came_and_who_is_still_waiting(client, registrar, family):
    other = FamilyFactory(registrar=registrar)
    legal = VisitPurpose.objects.filter(code="legal")
    waiting = visit_check_in(actor=registrar, family=family, purposes=legal)
    served = visit_check_in(actor=registrar, family=other, purposes=legal)
    client.post(f"/kk/families/visits/{served.pk}/serve/", {"what_was_done": "Кеңес берілді"}, headers=HTMX)

    response = client.get("/kk/families/today/")
    assert [v.pk for v in response.context["visits"]] == [served.pk, waiting.pk] or response.context["waiting"] == 1
    assert response.context["waiting"] == 1
    page = response.content.decode()
    assert family.mother.full_name in page and other.mother.full_name in page


def test_yesterdays_visits_are_not_on_todays_page(client, registrar, family):
    visit = visit_check_in(actor=registrar, family=family, purposes=VisitPurpose.objects.filter(code="legal"))
    Visit.objects.filter(pk=visit.pk).update(arrived_at=timezone.now() - dt.timedelta(days=1))
    assert list(client.get("/kk/families/today/").context["visits"]) == []


def test_a_specialist_can_serve_but_not_check_in(client, almaly, family):
    client.force_login(SpecialistFactory(centre=almaly))
    assert client.get(f"/kk/families/{family.pk}/visits/new/").status_code == 403
    assert client.get("/kk/families/today/").status_code == 200


def test_opening_moving_and_referring_an_appeal_through_the_modals(client, registrar, family):
    client.post(f"/kk/families/{family.pk}/appeals/new/", {"kind": "kindergarten", "description": "Балабақша"}, headers=HTMX)
    appeal = Appeal.objects.get()
    assert client.post(f"/kk/families/appeals/{appeal.pk}/move/", {"to_status": "in_progress"}, headers=HTMX).status_code == 204
    from families.models import Agency

    due = (timezone.localdate() + dt.timedelta(days=10)).isoformat()
    referral = client.post(
        f"/kk/families/appeals/{appeal.pk}/referrals/new/",
        {"agency": Agency.objects.first().pk, "expected_outcome": "Орын", "due_on": due},
        headers=HTMX,
    )
    assert referral.status_code == 204
    appeal.refresh_from_db()
    assert appeal.status == "referred"


def test_a_refused_move_is_shown_on_the_form(client, registrar, family):
    appeal = AppealFactory(family=family)
    response = client.post(f"/ru/families/appeals/{appeal.pk}/move/", {"to_status": "resolved", "comment": ""}, headers=HTMX)
    assert response.status_code == 400
    assert "Укажите, чем закончилось обращение." in response.content.decode()
    assert Appeal.objects.get().status == "open"


def test_overdue_referrals_are_listed_until_the_answer_comes(client, registrar, family):
    late = ReferralFactory(appeal=AppealFactory(family=family, status="referred"))
    Referral.objects.filter(pk=late.pk).update(due_on=timezone.localdate() - dt.timedelta(days=3))
    ReferralFactory(appeal=AppealFactory(family=family, status="referred"))  # not due yet

    assert [r.pk for r in client.get("/kk/families/referrals/overdue/").context["referrals"]] == [late.pk]

    client.post(
        f"/kk/families/referrals/{late.pk}/outcome/",
        {"outcome": "Кезекке қойылды", "outcome_on": timezone.localdate().isoformat()},
        headers=HTMX,
    )
    assert list(client.get("/kk/families/referrals/overdue/").context["referrals"]) == []


def test_withdrawing_consent_hides_the_actions_and_a_new_consent_brings_them_back(client, registrar, family):
    today = timezone.localdate().isoformat()
    assert client.post(f"/kk/families/{family.pk}/consent/withdraw/", {"on": today}, headers=HTMX).status_code == 204
    page = client.get(f"/kk/families/{family.pk}/").content.decode()
    assert f"/kk/families/{family.pk}/visits/new/" not in page
    assert client.post(f"/kk/families/{family.pk}/visits/new/", {"purposes": [1]}, headers=HTMX).status_code == 400

    assert (
        client.post(f"/kk/families/{family.pk}/consent/new/", {"given_on": today, "language": "kk"}, headers=HTMX).status_code
        == 204
    )
    assert f"/kk/families/{family.pk}/visits/new/" in client.get(f"/kk/families/{family.pk}/").content.decode()


def test_today_counts_visits_in_kazakh_words_and_gives_the_time_served_in_brackets(client, registrar, family):
    other = FamilyFactory(registrar=registrar)
    legal = VisitPurpose.objects.filter(code="legal")
    visit_check_in(actor=registrar, family=family, purposes=legal)
    served = visit_check_in(actor=registrar, family=other, purposes=legal)
    client.post(f"/kk/families/visits/{served.pk}/serve/", {"what_was_done": "Кеңес берілді"}, headers=HTMX)
    served.refresh_from_db()

    page = client.get("/kk/families/today/").content.decode()

    assert "Бүгін 2 келу тіркелді" in page and "бүгін 2 келу" not in page
    assert "1 адам әлі күтуде" in page
    at = timezone.localtime(served.served_at).strftime("%H:%M")
    assert f"{registrar} қызмет көрсетті ({at})" in page and f"{at}-та" not in page
    assert "күтуде</td>" in page  # the waiting mother's status
    assert "Қызмет көрсетілді деп белгілеу" in page  # the button says what it does


def test_the_category_changes_say_given_and_removed_in_russian(client, registrar, family):
    from families.models import CategoryChange

    today = timezone.localdate()
    CategoryChange.objects.create(family=family, category="large", gained=True, on=today)
    CategoryChange.objects.create(family=family, category="low_income", gained=False, on=today)

    page = client.get("/ru/families/changes/").content.decode()

    assert "Присвоена категория: многодетная" in page and "Снята категория: малообеспеченная" in page
    assert "стала:" not in page and "больше не:" not in page


def test_the_category_changes_say_since_which_day_in_kazakh(client, registrar):
    since = (timezone.localdate() - dt.timedelta(days=30)).strftime("%d.%m.%Y")
    page = client.get("/kk/families/changes/").content.decode()
    assert f"{since} күнінен бастап санаты өзгерген отбасылар" in page
