"""Every family URL, for a registrar of another district: 404, never the data. And the roles."""

import pytest

from families.models import Family
from tests.families.factories import ChildFactory, FamilyFactory, ReferralFactory, RequestFactory, VisitFactory
from tests.factories import CentreHeadFactory, DistrictOfficialFactory, MotherUserFactory, RegistrarFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def other_district_family(bostandyk):
    family = FamilyFactory(registrar=RegistrarFactory(centre=bostandyk))
    ChildFactory(family=family)
    return family


def family_urls(family) -> list[str]:
    visit = VisitFactory(family=family)
    request = RequestFactory(family=family)
    referral = ReferralFactory(request=request)
    consent = family.consents.get()
    return [
        f"/kk/families/{family.pk}/",
        f"/kk/families/{family.pk}/edit/",
        f"/kk/families/{family.pk}/access-log/",
        f"/kk/families/{family.pk}/visits/new/",
        f"/kk/families/{family.pk}/requests/new/",
        f"/kk/families/{family.pk}/consent/new/",
        f"/kk/families/{family.pk}/consent/withdraw/",
        f"/kk/families/consents/{consent.pk}/scan/",
        f"/kk/families/visits/{visit.pk}/serve/",
        f"/kk/families/requests/{request.pk}/move/",
        f"/kk/families/requests/{request.pk}/referrals/new/",
        f"/kk/families/referrals/{referral.pk}/outcome/",
    ]


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
    from openpyxl import load_workbook
    import io

    names = [row[1] for row in load_workbook(io.BytesIO(export)).active.iter_rows(min_row=2, values_only=True)]
    assert names == [mine.mother.full_name]


def test_a_family_that_visited_my_centre_is_visible_from_another_district(client, almaly, other_district_family):
    client.force_login(RegistrarFactory(centre=almaly))
    VisitFactory(family=other_district_family, centre=almaly)
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
