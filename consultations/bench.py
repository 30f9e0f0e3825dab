"""The consultations' pages ``make bench`` measures (``consultations.apps`` declares them): the week
view of the demo registrar's centre (Almaly: the most specialists, two years of history) and the demo
psychologist's day."""

from __future__ import annotations

import datetime as dt
import random
from urllib.parse import urlencode

from django.urls import reverse
from django.utils import timezone

from accounts.models import User

REGISTRAR = "registrar"  # accounts.demo's registrar of the Almaly centre


def centre_week(rng: random.Random, count: int) -> list[str]:
    """This week and the weeks around it, as the desk pages through them."""
    centre = User.objects.get(username=REGISTRAR).centre_id
    today = timezone.localdate()
    weeks = [today + dt.timedelta(weeks=rng.randint(-8, 2)) for _ in range(count)]
    return [f"{reverse('consultations:calendar')}?{urlencode({'centre': centre, 'date': day.isoformat()})}" for day in weeks]


def my_day(rng: random.Random, count: int) -> list[str]:
    """Her day today, and the days she looks back at."""
    today = timezone.localdate()
    days = [today - dt.timedelta(days=rng.randint(0, 30)) for _ in range(count)]
    return [f"{reverse('consultations:my_day')}?{urlencode({'date': day.isoformat()})}" for day in days]
