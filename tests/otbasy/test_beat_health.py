import datetime as dt

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone
from django_celery_beat.models import PeriodicTask

pytestmark = pytest.mark.django_db


def stamp(**ago) -> None:
    PeriodicTask.objects.filter(name="Worker heartbeat").update(last_run_at=timezone.now() - dt.timedelta(**ago))


def test_beat_is_healthy_when_it_sent_a_task_lately(capsys):
    stamp(minutes=2)
    call_command("beat_health")
    assert "celery beat sent a periodic task at" in capsys.readouterr().out


def test_beat_that_sent_nothing_for_too_long_is_unhealthy():
    stamp(minutes=30)
    with pytest.raises(CommandError, match="celery beat has sent no periodic task since"):
        call_command("beat_health")


def test_beat_that_never_ran_is_unhealthy():
    with pytest.raises(CommandError, match="since it was installed"):
        call_command("beat_health")
