"""The registry's pages ``make bench`` measures (``families.apps`` declares them as ``BenchEndpoint``).

Each function gets a random generator and a number of targets and returns the paths to request in
turn, picked from the seeded demo database among the families the demo registrar of the Almaly
centre sees (her district's and those who came to her centre): the names and IINs she would type, the
families she would open.
"""

from __future__ import annotations

import random
from urllib.parse import urlencode

from django.urls import reverse

from accounts.models import User
from families.models import Family

REGISTRAR = "registrar"  # accounts.demo's registrar of the Almaly centre

# A misspelling a registrar makes: one vowel of the last name heard as another.
_VOWEL_SWAPS = str.maketrans("аоеиұуәөыі", "оаиеуұөәіы")


def family_list(rng: random.Random, count: int) -> list[str]:
    return [reverse("families:list")]


def name_search(rng: random.Random, count: int) -> list[str]:
    """Her last name and the first three letters of her first name, as the registrar types them."""
    return [_search(f"{mother.last_name} {mother.first_name[:3]}") for mother in _mothers(rng, count)]


def misspelt_name_search(rng: random.Random, count: int) -> list[str]:
    return [_search(misspell(mother.last_name)) for mother in _mothers(rng, count)]


def iin_search(rng: random.Random, count: int) -> list[str]:
    return [_search(mother.iin) for mother in _mothers(rng, count) if mother.iin]


def partial_iin_search(rng: random.Random, count: int) -> list[str]:
    """Six digits from the middle of her IIN (the birth date and the serial's start)."""
    return [_search(mother.iin[3:9]) for mother in _mothers(rng, count) if mother.iin]


def partial_phone_search(rng: random.Random, count: int) -> list[str]:
    """The last seven digits of the family's phone, as they are read out: "555 12 34"."""
    families = Family.objects.filter(pk__in=_family_ids(rng, count)).order_by("pk").only("phone")
    return [_search(_read_out(str(family.phone)[-7:])) for family in families]


def _read_out(digits: str) -> str:
    return f"{digits[:3]} {digits[3:5]} {digits[5:]}"


def family_page(rng: random.Random, count: int) -> list[str]:
    """Families she opens again and again (each is asked for several times in a run): their pages'
    bodies are read back from the cache, as when she comes back to a family during a visit."""
    return [reverse("families:detail", args=[pk]) for pk in _family_ids(rng, count)]


# Families the first-opening endpoint picks per target: with the default 50 targets, more than the
# requests of a default run (the probe, 20 warm-up and 400, each going on where the last stopped), so
# that no family is asked for twice.
FIRST_OPENINGS_PER_TARGET = 10


def family_page_first_opening(rng: random.Random, count: int) -> list[str]:
    """Families she opens for the first time: every page's body is built."""
    return family_page(rng, count * FIRST_OPENINGS_PER_TARGET)


def misspell(last_name: str) -> str:
    """The name with its first vowel after the second letter changed (or an "а" added)."""
    for index in range(2, len(last_name)):
        swapped = last_name[index].translate(_VOWEL_SWAPS)
        if swapped != last_name[index]:
            return last_name[:index] + swapped + last_name[index + 1 :]
    return last_name + "а"


def _search(text: str) -> str:
    return f"{reverse('families:list')}?{urlencode({'q': text})}"


def _family_ids(rng: random.Random, count: int) -> list[int]:
    # Sampled in Python from the sorted ids, so that the same seed picks the same families on the same data.
    ids = sorted(Family.objects.visible_to(User.objects.get(username=REGISTRAR)).values_list("pk", flat=True))
    return rng.sample(ids, min(count, len(ids)))


def _mothers(rng: random.Random, count: int) -> list:
    chosen = _family_ids(rng, count)
    by_id = {family.pk: family.mother for family in Family.objects.filter(pk__in=chosen).select_related("mother")}
    return [by_id[pk] for pk in chosen]
