"""The public pages ``make bench`` measures for the courses (anonymous visitors, ``courses.apps``)."""

from __future__ import annotations

import random

from django.urls import reverse

from courses.selectors import public_groups


def catalogue(rng: random.Random, count: int) -> list[str]:
    return [reverse("courses:catalogue")]


def course_page(rng: random.Random, count: int) -> list[str]:
    """Pages of courses with open groups, as visitors coming from the catalogue open them."""
    ids = sorted(set(public_groups().values_list("course_id", flat=True)))
    return [reverse("courses:course", args=[rng.choice(ids)]) for _ in range(count)] if ids else []
