import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from accounts.models import User
from core.roles import Role, Specialty
from tests.factories import CentreFactory, DistrictFactory

pytestmark = pytest.mark.django_db


def test_createsuperuser_makes_an_administrator():
    user = User.objects.create_superuser("root", "root@example.kz", "a-long-password")
    assert user.role == Role.ADMINISTRATOR
    assert user.is_staff


@pytest.mark.parametrize(
    "fields",
    [
        {"role": Role.REGISTRAR},  # centre staff without a centre
        {"role": Role.MOTHER, "centre": "centre"},  # a mother attached to a centre
        {"role": Role.SPECIALIST, "centre": "centre"},  # a specialist without a specialty
        {"role": Role.REGISTRAR, "centre": "centre", "specialty": Specialty.LAWYER},
        {"role": Role.DISTRICT_OFFICIAL},  # an official without a district
        {"role": Role.CITY_OFFICIAL, "district": "district"},
        {"role": Role.REGISTRAR, "centre": "centre", "is_staff": True},  # admin site for a registrar
    ],
)
def test_the_database_refuses_a_user_whose_role_does_not_fit_the_rest(fields):
    values = dict(fields)
    if values.get("centre") == "centre":
        values["centre"] = CentreFactory()
    if values.get("district") == "district":
        values["district"] = DistrictFactory()
    with pytest.raises(IntegrityError):
        User.objects.create(username="someone", **values)


def test_the_role_rules_are_explained_field_by_field_before_the_database_is_asked():
    user = User(username="someone", role=Role.SPECIALIST, password="x")
    with pytest.raises(ValidationError) as error:
        user.full_clean()
    assert set(error.value.message_dict) >= {"specialty", "centre"}


def test_a_full_name_is_last_first_middle():
    assert User(first_name="Әсел", last_name="Нұрланова", middle_name="Бекқызы").get_full_name() == "Нұрланова Әсел Бекқызы"
