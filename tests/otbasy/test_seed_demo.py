import io

import pytest
from django.core.management import CommandError, call_command

from accounts.models import User
from centres.models import Centre
from core.roles import Role
from dashboards.models import MonthlyReport
from families.models import Family

pytestmark = pytest.mark.django_db


def test_seed_demo_creates_a_centre_per_district_and_a_user_for_every_role(capsys):
    call_command("seed_demo", families=0, skip=["dashboards"])

    assert Centre.objects.count() == 8
    assert set(User.objects.values_list("role", flat=True)) == set(Role.values)
    out = capsys.readouterr().out
    assert "password for all: otbasy-demo" in out
    assert "registrar" in out


def test_seed_demo_can_run_again_without_duplicating_anything():
    call_command("seed_demo", families=0, skip=["dashboards"])
    users, centres = User.objects.count(), Centre.objects.count()

    call_command("seed_demo", families=0, skip=["dashboards"])

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


def test_a_skipped_step_seeds_nothing_and_the_others_run():
    call_command("seed_demo", families=3, skip=["dashboards"], stdout=io.StringIO())

    assert Family.objects.count() == 3
    assert not MonthlyReport.objects.exists()


@pytest.mark.parametrize(
    ("skip", "message"),
    [(["nowhere"], "no demo step of nowhere"), (["families"], "--skip families: the step of .* needs it")],
)
def test_skipping_an_unknown_step_or_one_another_needs_is_refused_before_anything_is_seeded(skip, message):
    with pytest.raises(CommandError, match=message):
        call_command("seed_demo", families=3, skip=skip, stdout=io.StringIO())
    assert not User.objects.exists()
