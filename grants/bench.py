"""The grants' pages ``make bench`` measures (``grants.apps`` declares them as ``BenchEndpoint``): the
ranking of this year's round of the small grant and the budget balance, as the demo grant officer of
the Almaly centre opens them."""

from __future__ import annotations

import random

from django.urls import reverse

from grants.models import Round


def ranking(rng: random.Random, count: int) -> list[str]:
    rounds = list(Round.objects.filter(stage=Round.Stage.DECISION).order_by("pk").values_list("pk", flat=True))
    return [reverse("grants:ranking", args=[rng.choice(rounds)]) for _ in range(count)] if rounds else []


def balance(rng: random.Random, count: int) -> list[str]:
    return [reverse("grants:balance")]
