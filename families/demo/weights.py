"""How the demo registry is made up: the weights of every random choice, and ``Weighted``, which draws
from them."""

from __future__ import annotations

import datetime as dt
import random
from bisect import bisect
from collections.abc import Mapping, Sequence
from itertools import accumulate
from typing import Generic, TypeVar

from core.roles import Role, Specialty
from families.models import Appeal, Housing, MaritalStatus

T = TypeVar("T")


class Weighted(Generic[T]):
    """Values and their weights, drawn as ``random.choices(values, weights)`` draws them — the same
    values from the same generator — with the cumulative weights added up once instead of per draw."""

    def __init__(self, values: Sequence[T] | Mapping[T, int], weights: Sequence[int] | None = None) -> None:
        if weights is None:
            assert isinstance(values, Mapping)
            values, weights = list(values), list(values.values())
        self.values = list(values)
        self.cum_weights = list(accumulate(weights))
        self._total = self.cum_weights[-1] + 0.0
        self._last = len(self.values) - 1

    def pick(self, rng: random.Random) -> T:
        # What ``rng.choices(self.values, cum_weights=self.cum_weights)[0]`` does, without its checks
        # and its list of one: the demo draws hundreds of thousands.
        return self.values[bisect(self.cum_weights, rng.random() * self._total, 0, self._last)]

    def picks(self, rng: random.Random, k: int) -> list[T]:
        return rng.choices(self.values, cum_weights=self.cum_weights, k=k)


# The outer districts, where most large families live, get more of them.
DISTRICT_WEIGHTS = {
    "alatau": 18,
    "auezov": 15,
    "nauryzbay": 13,
    "turksib": 13,
    "bostandyk": 11,
    "zhetysu": 11,
    "almaly": 10,
    "medeu": 9,
}
# About 65% of the families have four children or more; as older mothers' children have grown up,
# about 60% count as large.
CHILDREN = Weighted({1: 5, 2: 9, 3: 13, 4: 24, 5: 21, 6: 14, 7: 8, 8: 4, 9: 2})
# The youngest child was born within this many days (or when the mother was last able to, if older).
YOUNGEST_WITHIN_DAYS = 10 * 365
MARITAL_STATUS = Weighted(
    {MaritalStatus.MARRIED: 70, MaritalStatus.DIVORCED: 12, MaritalStatus.SINGLE: 8, MaritalStatus.WIDOWED: 10}
)
HOUSING = Weighted({Housing.OWN: 40, Housing.RENT: 28, Housing.RELATIVES: 18, Housing.WAITING_LIST: 14})
MOBILE_PREFIXES = ["700", "701", "702", "705", "707", "708", "747", "771", "775", "776", "777", "778"]
EMAIL_DOMAINS = Weighted(
    {"mail.ru": 35, "gmail.com": 35, "inbox.ru": 8, "yandex.kz": 7, "list.ru": 5, "bk.ru": 5, "icloud.com": 5}
)
VISITS = Weighted({1: 22, 2: 20, 3: 16, 4: 13, 5: 10, 6: 8, 7: 6, 8: 5})
APPEALS = Weighted({0: 45, 1: 37, 2: 18})
# Purposes the data migration creates; a purpose added later in the admin gets the default weight.
PURPOSE_WEIGHTS = {
    "legal": 20,
    "psychological": 12,
    "employment": 14,
    "courses": 14,
    "isker_ana": 8,
    "request": 10,
    "state_services": 16,
    "other": 6,
}
# Who serves a visit with this purpose, when the centre has such a person (else any of its staff).
PURPOSE_STAFF = {
    "legal": Specialty.LAWYER,
    "psychological": Specialty.PSYCHOLOGIST,
    "employment": Specialty.EMPLOYMENT,
    "isker_ana": Role.GRANT_OFFICER,
}


Status = Appeal.Status
# The moves after "open" and how likely each is for a request opened in the last 60 days and for an
# older one: requests still being worked on are mostly recent ones.
REQUEST_PATHS: list[tuple[tuple[str, ...], int, int]] = [
    ((), 20, 1),
    ((Status.IN_PROGRESS,), 22, 3),
    ((Status.REFERRED,), 10, 3),
    ((Status.IN_PROGRESS, Status.REFERRED), 8, 3),
    ((Status.REFERRED, Status.IN_PROGRESS), 5, 2),
    ((Status.RESOLVED,), 8, 15),
    ((Status.IN_PROGRESS, Status.RESOLVED), 12, 30),
    ((Status.REFERRED, Status.RESOLVED), 5, 20),
    ((Status.IN_PROGRESS, Status.REFERRED, Status.RESOLVED), 2, 8),
    ((Status.DECLINED,), 5, 8),
    ((Status.IN_PROGRESS, Status.DECLINED), 3, 7),
]
RECENT_DAYS = 60
QUEUE_WINDOW = dt.timedelta(hours=2)

# "Today" at every centre: about this many visits today (a queue of those who came in the last two
# hours), whatever the size of the registry.
TODAY_VISITS = 12
# The demo's day at a centre covers the hours before the seeding (never the day before).
TODAY_WINDOW = dt.timedelta(hours=3)

# How mothers hear from the centres: some of those with an e-mail address chose it.
EMAIL_CHOSEN = 0.25
# What became of a message: most were sent; some failed (the delivery log's "send again").
SMS_OUTCOMES = Weighted({"sent": 91, "gateway": 5, "rejected": 4})
EMAIL_OUTCOMES = Weighted({"sent": 94, "gateway": 6})

# Households change too (a new job, a lost one): about this many families of each centre had their
# income updated by staff in the last RECENT_CHANGE_DAYS days so that a category came or went, so
# that the "changes" page has something to show whatever the size of the registry.
RECENT_CHANGES = 6
RECENT_CHANGE_DAYS = 28
