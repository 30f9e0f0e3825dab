import io

import pytest
from openpyxl import load_workbook

from audit.models import AccessEvent
from tests.factories import CentreHeadFactory, RegistrarFactory, SpecialistFactory
from tests.families.factories import FamilyFactory

pytestmark = pytest.mark.django_db


def rows(response):
    sheet = load_workbook(io.BytesIO(response.content)).active
    return list(sheet.iter_rows(values_only=True))


def test_the_export_holds_the_filtered_list_in_the_users_language_with_masked_iins(client, almaly):
    registrar = RegistrarFactory(centre=almaly)
    large = FamilyFactory(registrar=registrar, is_large=True)
    FamilyFactory(registrar=registrar, is_large=False)
    client.force_login(registrar)

    response = client.get("/ru/families/export.xlsx", {"category": "large"})

    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    header, *data = rows(response)
    assert header[:3] == ("Зарегистрирована", "Мать", "ИИН")
    assert [row[1] for row in data] == [large.mother.full_name]
    assert data[0][2] == large.mother.masked_iin and large.mother.iin not in str(data)


def test_every_export_is_in_the_access_log_with_its_row_count(client, almaly):
    registrar = RegistrarFactory(centre=almaly)
    FamilyFactory.create_batch(3, registrar=registrar)
    client.force_login(registrar)
    client.get("/kk/families/export.xlsx")
    entry = AccessEvent.objects.get(action="export", target_id="")
    assert (entry.actor, entry.what, entry.row_count) == (registrar, "families.export", 3)


def test_an_export_shows_in_the_history_of_every_family_it_held(client, almaly):
    registrar = RegistrarFactory(centre=almaly, last_name="Жұмабаева")
    exported = FamilyFactory(registrar=registrar, is_large=True)
    left_out = FamilyFactory(registrar=registrar, is_large=False)
    client.force_login(registrar)
    client.get("/kk/families/export.xlsx", {"category": "large"})

    assert list(AccessEvent.objects.filter(action="export").exclude(target_id="").values_list("target_id", flat=True)) == [
        str(exported.pk)
    ]
    client.force_login(CentreHeadFactory(centre=almaly))
    assert "Жұмабаева" in client.get(f"/kk/families/{exported.pk}/access-log/").content.decode()
    assert "Жұмабаева" not in client.get(f"/kk/families/{left_out.pk}/access-log/").content.decode()


def test_a_specialist_cannot_export(client, almaly):
    client.force_login(SpecialistFactory(centre=almaly))
    assert client.get("/kk/families/export.xlsx").status_code == 403
    assert not AccessEvent.objects.exists()
