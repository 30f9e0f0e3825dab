"""Every family URL, for a registrar of another district: 404, never the data. And the roles."""

import datetime as dt

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone

from families.models import CategoryChange, Family, VisitPurpose
from families.services import visit_check_in
from tests.factories import CentreHeadFactory, CityOfficialFactory, DistrictOfficialFactory, MotherUserFactory, RegistrarFactory
from tests.families.factories import AppealFactory, ChildFactory, FamilyFactory, ReferralFactory, VisitFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def other_district_family(bostandyk):
    family = FamilyFactory(registrar=RegistrarFactory(centre=bostandyk))
    ChildFactory(family=family)
    return family


def family_urls(family) -> list[str]:
    visit = VisitFactory(family=family)
    appeal = AppealFactory(family=family)
    referral = ReferralFactory(appeal=appeal)
    consent = family.consents.get()
    consent.scan.save("signed.pdf", ContentFile(b"%PDF-1.4 signed consent"))  # a real file: a 404 means "not yours"
    return [
        f"/kk/families/{family.pk}/",
        f"/kk/families/{family.pk}/edit/",
        f"/kk/families/{family.pk}/access-log/",
        f"/kk/families/{family.pk}/visits/new/",
        f"/kk/families/{family.pk}/appeals/new/",
        f"/kk/families/{family.pk}/consent/new/",
        f"/kk/families/{family.pk}/consent/withdraw/",
        f"/kk/families/consents/{consent.pk}/scan/",
        f"/kk/families/visits/{visit.pk}/serve/",
        f"/kk/families/appeals/{appeal.pk}/move/",
        f"/kk/families/appeals/{appeal.pk}/referrals/new/",
        f"/kk/families/referrals/{referral.pk}/outcome/",
    ]


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def test_the_signed_consent_of_a_family_in_my_district_does_download(client, almaly):
    family = FamilyFactory(registrar=RegistrarFactory(centre=almaly))
    consent = family.consents.get()
    consent.scan.save("signed.pdf", ContentFile(b"%PDF-1.4 signed consent"))
    client.force_login(CentreHeadFactory(centre=almaly))
    response = client.get(f"/kk/families/consents/{consent.pk}/scan/")
    assert response.status_code == 200 and b"".join(response.streaming_content) == b"%PDF-1.4 signed consent"


@pytest.mark.parametrize("htmx", [False, True])
def test_every_family_url_of_another_district_is_a_404(client, almaly, other_district_family, htmx):
    client.force_login(CentreHeadFactory(centre=almaly))
    headers = {"hx-request": "true"} if htmx else {}
    for url in family_urls(other_district_family):
        assert client.get(url, headers=headers).status_code == 404, url
        assert client.post(url, {}, headers=headers).status_code == 404, url


def test_another_districts_family_is_not_in_the_list_the_search_or_the_export(client, almaly, other_district_family):
    client.force_login(CentreHeadFactory(centre=almaly))
    mine = FamilyFactory(registrar=RegistrarFactory(centre=almaly))
    assert list(client.get("/kk/families/").context["families"]) == [mine]
    assert list(client.get("/kk/families/", {"q": other_district_family.mother.iin}).context["families"]) == []
    export = client.get("/kk/families/export.xlsx").content
    import io

    from openpyxl import load_workbook

    names = [row[1] for row in load_workbook(io.BytesIO(export)).active.iter_rows(min_row=2, values_only=True)]
    assert names == [mine.mother.full_name]


def test_the_htmx_part_of_the_list_shows_only_my_districts_families(client, almaly, other_district_family):
    client.force_login(CentreHeadFactory(centre=almaly))
    mine = FamilyFactory(registrar=RegistrarFactory(centre=almaly))
    response = client.get("/kk/families/", headers={"hx-request": "true"})
    assert "<html" not in response.content.decode()
    assert list(response.context["families"]) == [mine]


def test_another_districts_visits_changes_and_overdue_referrals_are_not_on_my_desk_pages(
    client, almaly, bostandyk, other_district_family
):
    VisitFactory(family=other_district_family, centre=bostandyk)
    CategoryChange.objects.create(family=other_district_family, category="large", gained=True, on=timezone.localdate())
    referral = ReferralFactory(appeal=AppealFactory(family=other_district_family, status="referred"))
    referral.due_on = timezone.localdate() - dt.timedelta(days=3)
    referral.save()
    client.force_login(CentreHeadFactory(centre=almaly))

    assert client.get("/kk/families/today/").context["visits"] == []
    assert list(client.get("/kk/families/changes/").context["changes"]) == []
    assert list(client.get("/kk/families/referrals/overdue/").context["referrals"]) == []

    client.force_login(CentreHeadFactory(centre=bostandyk))  # their own desk does show them
    assert len(client.get("/kk/families/today/").context["visits"]) == 1
    assert len(client.get("/kk/families/changes/").context["changes"]) == 1
    assert list(client.get("/kk/families/referrals/overdue/").context["referrals"]) == [referral]


def test_a_family_that_visited_my_centre_is_visible_from_another_district(client, almaly, other_district_family):
    registrar = RegistrarFactory(centre=almaly)
    client.force_login(registrar)
    visit_check_in(actor=registrar, family=other_district_family, purposes=VisitPurpose.objects.filter(code="legal"))
    assert client.get(f"/kk/families/{other_district_family.pk}/").status_code == 200


@pytest.mark.parametrize("factory", [DistrictOfficialFactory, MotherUserFactory])
def test_officials_and_mothers_do_not_open_personal_files(client, almaly, factory):
    family = FamilyFactory(registrar=RegistrarFactory(centre=almaly))
    user = factory(district=almaly.district) if factory is DistrictOfficialFactory else factory()
    client.force_login(user)
    assert client.get("/kk/families/").status_code == 403
    assert client.get(f"/kk/families/{family.pk}/").status_code == 403


def test_only_the_centre_head_sees_who_looked_at_a_family(client, almaly):
    family = FamilyFactory(registrar=RegistrarFactory(centre=almaly))
    registrar = RegistrarFactory(centre=almaly, last_name="Қарағанды")
    client.force_login(registrar)
    client.get(f"/kk/families/{family.pk}/")
    assert client.get(f"/kk/families/{family.pk}/access-log/").status_code == 403

    client.force_login(CentreHeadFactory(centre=almaly))
    page = client.get(f"/kk/families/{family.pk}/access-log/")
    assert page.status_code == 200
    assert "Қарағанды" in page.content.decode()
    assert Family.objects.filter(pk=family.pk).exists()


# --- Officials: figures, not files — the role gate, and the scope behind it -----------------------


@pytest.fixture
def almaly_family(almaly):
    family = FamilyFactory(registrar=RegistrarFactory(centre=almaly))
    ChildFactory(family=family)
    return family


def personal_data(family) -> list[str]:
    return [family.mother.iin, family.mother.last_name, family.children.get().person.iin]


DESK_PAGES = ["/kk/families/today/", "/kk/families/changes/", "/kk/families/referrals/overdue/"]


@pytest.mark.parametrize("htmx", [False, True])
def test_a_district_official_is_refused_every_family_page_of_her_own_district(client, almaly, almaly_family, htmx):
    client.force_login(DistrictOfficialFactory(district=almaly.district))
    headers = {"hx-request": "true"} if htmx else {}
    for url in family_urls(almaly_family) + DESK_PAGES:
        for response in (client.get(url, headers=headers), client.post(url, {}, headers=headers)):
            assert response.status_code == 403, url
            assert not any(text in response.content.decode() for text in personal_data(almaly_family)), url


def test_a_district_official_gets_no_list_search_or_export_of_her_districts_families(client, almaly, almaly_family):
    client.force_login(DistrictOfficialFactory(district=almaly.district))
    for url, query in [
        ("/kk/families/", ""),
        ("/kk/families/", almaly_family.mother.iin),
        ("/kk/families/", almaly_family.mother.last_name),
        ("/kk/families/export.xlsx", ""),
    ]:
        response = client.get(url, {"q": query} if query else {})
        assert response.status_code == 403
        # The page links back to itself (the language switcher), so what she typed is on it; nothing else.
        shown = [text for text in personal_data(almaly_family) if text != query and text in response.content.decode()]
        assert shown == [], (url, query)


@pytest.fixture
def gates_lifted(monkeypatch):
    """Every rule of the family registry says yes: what is left is the scope alone."""
    from core import permissions

    for name in permissions.registered():
        if name.startswith("families."):
            monkeypatch.setitem(permissions._rules, name, lambda user, obj=None: permissions.YES)


@pytest.mark.parametrize("factory", [DistrictOfficialFactory, CityOfficialFactory], ids=["district", "city"])
def test_even_without_the_role_gate_an_official_finds_no_family(client, almaly, almaly_family, gates_lifted, factory):
    client.force_login(factory(district=almaly.district) if factory is DistrictOfficialFactory else factory())
    assert list(client.get("/kk/families/").context["families"]) == []
    assert list(client.get("/kk/families/", {"q": almaly_family.mother.iin}).context["families"]) == []
    assert list(client.get("/kk/families/", {"q": almaly_family.mother.last_name}).context["families"]) == []
    assert exported_names(client.get("/kk/families/export.xlsx").content) == []
    for url in family_urls(almaly_family):
        assert client.get(url).status_code == 404, url


def exported_names(content: bytes) -> list[str]:
    import io

    from openpyxl import load_workbook

    return [row[1] for row in load_workbook(io.BytesIO(content)).active.iter_rows(min_row=2, values_only=True)]
