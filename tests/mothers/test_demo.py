"""seed_demo's mothers step: one mother in ten with an account (by phone or IIN), the demo ``mother``
linked to a family, topped up and never doubled."""

import io

import pytest
from django.core.management import call_command
from django.db.models import F

from accounts.models import User
from families.models import Family
from mothers.models import MotherProfile
from tests.helpers import sign_in

pytestmark = pytest.mark.django_db


def seed(families: int) -> str:
    out = io.StringIO()
    call_command("seed_demo", families=families, skip=["dashboards"], stdout=out)
    return out.getvalue()


def test_one_mother_in_ten_gets_an_account_with_her_familys_phone_and_her_iin():
    seed(60)

    bulk = Family.objects.filter(mother_account__username__startswith="mother-")
    assert bulk.count() >= 5
    assert all(family.pk % 10 == 0 for family in bulk)
    for family in bulk.select_related("mother", "mother_account__mother_profile"):
        profile = family.mother_account.mother_profile
        assert (str(profile.phone), profile.iin) == (str(family.phone), family.mother.iin)
        assert family.mother_account.role == "mother" and family.mother_account.first_name == family.mother.first_name


def test_the_demo_mother_is_linked_to_an_almaly_family_and_signs_in_by_phone_or_iin(client):
    seed(120)

    family = Family.objects.select_related("mother", "centre__district").get(mother_account__username="mother")
    assert family.centre.district.code == "almaly"
    assert (family.mother_account.last_name, family.mother_account.first_name) == (
        family.mother.last_name,
        family.mother.first_name,
    )
    response = sign_in(client, str(family.phone), password="otbasy-demo")
    assert response["Location"] == "/kk/mothers/cabinet/"
    client.logout()
    assert sign_in(client, family.mother.iin, password="otbasy-demo").status_code == 302


def test_running_it_again_adds_only_what_is_missing():
    seed(30)
    accounts = set(MotherProfile.objects.values_list("user_id", flat=True))
    seed(30)
    assert set(MotherProfile.objects.values_list("user_id", flat=True)) == accounts
    seed(50)
    assert accounts < set(MotherProfile.objects.values_list("user_id", flat=True))
    assert (
        User.objects.filter(username__startswith="mother-").count()
        == MotherProfile.objects.exclude(user__username="mother").count()
    )
    assert not Family.objects.exclude(mother_account=None).filter(mother_account__mother_profile=None).exists()
    assert not MotherProfile.objects.exclude(phone=F("user__family__phone")).exists()


def test_two_families_of_one_phone_in_the_same_chunk_give_one_account():
    """A phone is unique among accounts, and the registry has families sharing one (a mother's sister's
    phone): the second of two such families in one chunk gets no account, and the step does not fail."""
    seed(40)
    Family.objects.filter(mother_account__username__startswith="mother-").update(mother_account=None)
    User.objects.filter(username__startswith="mother-").delete()
    first, second = [family for family in Family.objects.order_by("pk") if family.pk % 10 == 0][:2]
    Family.objects.filter(pk=second.pk).update(phone=first.phone)

    seed(40)

    assert MotherProfile.objects.filter(phone=str(first.phone)).count() == 1
    assert Family.objects.filter(pk__in=[first.pk, second.pk]).exclude(mother_account=None).count() == 1
