"""Two staff edit the same family: the second save no longer silently reverts the first (issue 9, item
11). The edit form carries the version of the family it was opened on, the service compares it under
the row lock, and a save on an older version is refused with a clear message, everything she typed kept
and the current data one click away (in a new tab). Every write to the family's facts moves the version
on. Proved over real HTTP requests on PostgreSQL, with a control, and in the sequential case."""

import re
from unittest import mock

import pytest
from django.utils import translation

from core.errors import EditConflict
from families.forms import FamilyForms
from families.models import Family
from families.services import family_stop_optional_messages, family_update, registration
from tests.factories import RegistrarFactory
from tests.families.desks import Desk, at_once
from tests.families.factories import ChildFactory, FamilyFactory
from tests.families.forms_data import edit_post
from tests.families.registration import details, existing_child, mother_data

pytestmark = [pytest.mark.django_db(transaction=True)]

CONFLICT = {
    "ru": "Пока вы редактировали, другой сотрудник сохранил изменения в данных этой семьи.",
    "kk": "Сіз өңдеп жатқанда басқа қызметкер осы отбасының деректерін өзгертіп, сақтады.",
}
NEW_ADDRESS, NEW_PHONE = "Алматы, Төле би, 5", "8 777 111 22 33"


@pytest.fixture
def family(reference_data, almaly):
    family = FamilyFactory(registrar=RegistrarFactory(centre=almaly), phone="+77015551234")
    ChildFactory(family=family)
    return family


@pytest.fixture
def desks(live_server, family, almaly):
    return [Desk(live_server, RegistrarFactory(centre=almaly, username=f"desk{i}")) for i in (1, 2)]


def edits(family) -> list[dict]:
    """The first desk changes the address, the second the phone."""
    return [edit_post(family, **{"family-address": NEW_ADDRESS}), edit_post(family, **{"family-phone": NEW_PHONE})]


def race(desks, family) -> list[tuple[int, str]]:
    path = f"/ru/families/{family.pk}/edit/"
    opened = [desk.form(path) for desk in desks]  # both pages are open before either is saved
    calls = [
        lambda desk=desk, hidden=hidden, data=data: desk.submit(path, data, hidden=hidden)
        for desk, hidden, data in zip(desks, opened, edits(family), strict=True)
    ]
    return at_once(calls, meeting_after=(FamilyForms, "is_valid"))


def changes_kept(family) -> tuple[bool, bool]:
    family.refresh_from_db()
    return family.address == NEW_ADDRESS, str(family.phone) == "+77771112233"


def test_two_staff_saving_the_same_family_at_once_lose_neither_change_silently(desks, family):
    results = race(desks, family)

    statuses = [status for status, _ in results]
    assert sorted(statuses) == [302, 400]
    winner = statuses.index(302)
    assert changes_kept(family) == ((True, False) if winner == 0 else (False, True))
    refused = results[1 - winner][1]
    assert CONFLICT["ru"] in refused
    assert f'value="{(NEW_PHONE, NEW_ADDRESS)[winner]}"' in refused  # her input, kept
    assert re.search(rf'href="/ru/families/{family.pk}/" target="_blank"', refused)  # the current data, in a new tab


def test_without_the_version_check_the_same_race_reverts_one_change_silently(desks, family):
    """The control: both saves pass, and the second writes back what the first had changed."""
    with mock.patch.object(registration, "_check_version"):
        results = race(desks, family)

    assert [status for status, _ in results] == [302, 302]
    assert sorted(changes_kept(family)) == [False, True]


def version_in(page: str) -> str:
    return re.search(r'name="record-version" value="([0-9]+)"', page).group(1)


def save_elsewhere(family, **changed) -> None:
    """A colleague saves the family through the service while the page stays open."""
    colleague = RegistrarFactory(centre=family.centre)
    family_update(
        actor=colleague,
        family=family,
        mother=mother_data(iin=family.mother.iin, birth_date=family.mother.birth_date, first_name=family.mother.first_name),
        details=details(phone=str(family.phone), **changed),
        children=[existing_child(child) for child in family.children.select_related("person")],
        spouse=None,
    )


@pytest.mark.parametrize("language", ["ru", "kk"])
def test_a_page_opened_before_someone_elses_save_is_refused_then_saved_once_she_has_seen_it(client, family, language):
    client.force_login(RegistrarFactory(centre=family.centre))
    url = f"/{language}/families/{family.pk}/edit/"
    opened = version_in(client.get(url).content.decode())
    hers = edit_post(family, **{"family-phone": NEW_PHONE, "record-version": opened})

    save_elsewhere(family, address=NEW_ADDRESS)
    refused = client.post(url, hers)

    page = refused.content.decode()
    assert refused.status_code == 400 and CONFLICT[language] in page
    assert f'value="{NEW_PHONE}"' in page
    assert changes_kept(family) == (True, False)
    again = client.post(url, {**hers, "record-version": version_in(page)})  # she has looked, and saves hers
    assert again.status_code == 302
    assert changes_kept(family) == (False, True)


def test_an_edit_that_does_not_say_its_version_is_not_saved_and_comes_back_on_the_current_one(client, family):
    client.force_login(RegistrarFactory(centre=family.centre))
    url = f"/ru/families/{family.pk}/edit/"
    hers = edit_post(family, **{"family-phone": NEW_PHONE})
    del hers["record-version"]

    response = client.post(url, hers)

    page = response.content.decode()
    assert response.status_code == 400 and "Эта страница устарела." in page
    assert version_in(page) == "1" and f'value="{NEW_PHONE}"' in page
    assert changes_kept(family) == (False, False)


def test_the_service_refuses_a_stale_version_and_says_the_current_one(family):
    save_elsewhere(family, address=NEW_ADDRESS)
    family.refresh_from_db()
    assert family.version == 2

    with translation.override("en"), pytest.raises(EditConflict) as refused:
        family_update(
            actor=family.created_by,
            family=family,
            mother=mother_data(iin=family.mother.iin, birth_date=family.mother.birth_date),
            details=details(address="Абай даңғылы, 99"),
            children=[],
            spouse=None,
            version=1,
        )
    assert refused.value.version == 2 and refused.value.link == f"/en/families/{family.pk}/"
    assert Family.objects.get(pk=family.pk).address == NEW_ADDRESS and family.children.count() == 1


def test_the_mother_stopping_reminders_moves_the_version_on_so_a_stale_edit_cannot_restart_them(client, family):
    client.force_login(RegistrarFactory(centre=family.centre))
    url = f"/ru/families/{family.pk}/edit/"
    hers = edit_post(family, **{"record-version": version_in(client.get(url).content.decode())})

    family_stop_optional_messages(actor=None, family=family)

    assert client.post(url, hers).status_code == 400
    assert not Family.objects.get(pk=family.pk).optional_messages


def test_a_save_that_changes_nothing_leaves_the_version_so_other_open_pages_stay_valid(client, family):
    client.force_login(RegistrarFactory(centre=family.centre))
    url = f"/ru/families/{family.pk}/edit/"
    unchanged = edit_post(family, **{"record-version": version_in(client.get(url).content.decode())})

    assert client.post(url, unchanged).status_code == 302
    assert Family.objects.get(pk=family.pk).version == 1
    assert client.post(url, {**unchanged, "family-address": NEW_ADDRESS}).status_code == 302
    assert Family.objects.get(pk=family.pk).version == 2
