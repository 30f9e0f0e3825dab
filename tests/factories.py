"""Factories per model and per role, shared by every app's tests."""

import factory
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from factory.django import DjangoModelFactory

from accounts.models import User
from centres.models import Centre, District
from core.roles import Role, Specialty

PASSWORD = "correct-horse-battery"


class DistrictFactory(DjangoModelFactory):
    """The eight districts come from a data migration; this finds them (or recreates one after a flush)."""

    class Meta:
        model = District
        django_get_or_create = ("code",)

    code = "almaly"
    name = factory.LazyAttribute(lambda d: d.code.title())
    name_kk = factory.LazyAttribute(lambda d: f"{d.code.title()} ауданы")
    name_ru = factory.LazyAttribute(lambda d: f"{d.code.title()} район")
    name_en = factory.LazyAttribute(lambda d: f"{d.code.title()} District")


class CentreFactory(DjangoModelFactory):
    class Meta:
        model = Centre

    district = factory.SubFactory(DistrictFactory)
    name = factory.LazyAttribute(lambda c: f"Centre {c.district.code}")
    name_kk = factory.LazyAttribute(lambda c: f"«Бақытты отбасы» {c.district.code} орталығы")
    name_ru = factory.LazyAttribute(lambda c: f"Центр «Бақытты отбасы» {c.district.code}")
    address = "Абай даңғылы, 1"
    address_kk = "Абай даңғылы, 1"
    address_ru = "пр. Абая, 1"
    phone = "+77272720202"


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = "Айгүл"
    last_name = factory.Sequence(lambda n: f"Тестова{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.kz")
    role = Role.MOTHER
    language = "kk"
    password = factory.django.Password(PASSWORD)


class MotherUserFactory(UserFactory):
    role = Role.MOTHER


class RegistrarFactory(UserFactory):
    role = Role.REGISTRAR
    centre = factory.SubFactory(CentreFactory)


class SpecialistFactory(UserFactory):
    role = Role.SPECIALIST
    specialty = Specialty.LAWYER
    centre = factory.SubFactory(CentreFactory)


class CentreHeadFactory(UserFactory):
    role = Role.CENTRE_HEAD
    centre = factory.SubFactory(CentreFactory)


class GrantOfficerFactory(UserFactory):
    role = Role.GRANT_OFFICER
    centre = factory.SubFactory(CentreFactory)


class GrantReviewerFactory(UserFactory):
    role = Role.GRANT_REVIEWER


class CommissionMemberFactory(UserFactory):
    role = Role.COMMISSION_MEMBER


class DistrictOfficialFactory(UserFactory):
    role = Role.DISTRICT_OFFICIAL
    district = factory.SubFactory(DistrictFactory)


class CityOfficialFactory(UserFactory):
    role = Role.CITY_OFFICIAL


class AdministratorFactory(UserFactory):
    role = Role.ADMINISTRATOR
    is_staff = True
    is_superuser = True


class TOTPDeviceFactory(DjangoModelFactory):
    """An authenticator app set up: ``totp_code(device)`` (tests/helpers.py) is what it shows."""

    class Meta:
        model = TOTPDevice

    user = factory.SubFactory(RegistrarFactory)
    name = "Authenticator app"
    confirmed = True


def recovery_codes_for(user, codes=("kx7q2m4p", "d3f5h7j2")) -> StaticDevice:
    device, _ = StaticDevice.objects.get_or_create(user=user, defaults={"name": "Recovery codes", "confirmed": True})
    for code in codes:
        StaticToken.objects.create(device=device, token=code)
    return device
