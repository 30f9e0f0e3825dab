"""The dashboards' page ``make bench`` measures (``dashboards.apps`` declares it): the city dashboard
as the demo city official sees it, for the current month and the eleven before it, each sorted by
another figure, so that the requests do not all ask the same page."""

from __future__ import annotations

import random
from urllib.parse import urlencode

from django.urls import reverse

from core.extensions import indicators
from core.months import Month

CITY_OFFICIAL = "city"  # accounts.demo's city official


def city_dashboard(rng: random.Random, count: int) -> list[str]:
    codes = [indicator.code for indicator in indicators()]
    current = Month.current()
    return [
        reverse("dashboards:city")
        + "?"
        + urlencode({"month": str(current.shifted(-rng.randrange(12))), "sort": rng.choice(codes)})
        for _ in range(count)
    ]
