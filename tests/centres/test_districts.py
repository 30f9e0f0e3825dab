import pytest

from centres.models import District

pytestmark = pytest.mark.django_db


def test_the_eight_districts_of_almaty_are_there_with_stable_codes_and_names_in_three_languages():
    districts = {d.code: (d.name_kk, d.name_ru, d.name_en) for d in District.objects.all()}
    assert set(districts) == {"alatau", "almaly", "auezov", "bostandyk", "zhetysu", "medeu", "nauryzbay", "turksib"}
    assert districts["auezov"] == ("Әуезов ауданы", "Ауэзовский район", "Auezov District")
    assert all(all(names) for names in districts.values())
