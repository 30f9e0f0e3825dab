import pytest
from django.core.management import CommandError, call_command

from accounts.models import User
from centres.models import Centre
from core.roles import Role

pytestmark = pytest.mark.django_db


def test_seed_demo_creates_a_centre_per_district_and_a_user_for_every_role(capsys):
    call_command("seed_demo", families=0)

    assert Centre.objects.count() == 8
    assert set(User.objects.values_list("role", flat=True)) == set(Role.values)
    out = capsys.readouterr().out
    assert "password for all: otbasy-demo" in out
    assert "registrar" in out


def test_seed_demo_can_run_again_without_duplicating_anything():
    call_command("seed_demo", families=0)
    users, centres = User.objects.count(), Centre.objects.count()

    call_command("seed_demo", families=0)

    assert (User.objects.count(), Centre.objects.count()) == (users, centres)


def test_the_demo_passwords_work():
    call_command("seed_demo", password="another-demo-pass", families=0)
    assert User.objects.get(username="registrar").check_password("another-demo-pass")


def test_seed_demo_is_refused_in_production(settings):
    settings.PRODUCTION = True
    with pytest.raises(CommandError, match="refused in production"):
        call_command("seed_demo", families=0)
    assert not User.objects.exists()


def test_seed_demo_can_print_the_logins_alone(capsys):
    call_command("seed_demo", logins_only=True)

    assert User.objects.count() == 0  # nothing seeded
    out = capsys.readouterr().out
    assert "password for all: otbasy-demo" in out and "registrar" in out
