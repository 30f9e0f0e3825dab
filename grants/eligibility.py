"""The automatic eligibility checks of an application, and the reviewers' conflicts of interest.

Eligibility (``checks``): the family is verified by a registrar and large or low-income
(``families.selectors``); the mother completed an entrepreneurship course (courses' bookings); and no
grant of the same programme family was approved to her IIN in the programme's last N years, whichever
family she was registered with then. The officer confirms on top of them; she cannot confirm a failed one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from courses.models import Booking
from courses.models import Category as CourseCategory
from families import selectors as family_selectors
from families.models import Family
from grants.models.applications import APPROVED_STATUSES, Application

CHECK_LABELS = {
    "category": _("A large or low-income family, verified by the centre"),
    "course": _("A completed entrepreneurship course"),
    "no_recent_grant": _("No grant of this programme family in the last years"),
}


@dataclass(frozen=True)
class Result:
    code: str
    passed: bool

    @property
    def label(self):
        return CHECK_LABELS[self.code]


def checks(application: Application) -> list[Result]:
    family = application.family
    categories = family_selectors.family_categories(family)
    category = family_selectors.family_is_verified(family) and (categories.is_large or categories.is_low_income)
    results = [Result("category", bool(category))]
    if application.programme.requires_course:
        results.append(Result("course", completed_entrepreneurship_course(family)))
    results.append(Result("no_recent_grant", not recent_grant(application)))
    return results


def completed_entrepreneurship_course(family: Family) -> bool:
    return Booking.objects.filter(
        family=family, course__category=CourseCategory.ENTREPRENEURSHIP, completed_at__isnull=False
    ).exists()


def recent_grant(application: Application) -> bool:
    """Whether her IIN got a grant of the same programme family in the programme's last N years."""
    iin = application.applicant_iin or application.family.mother.iin
    if not iin:
        return False
    now = timezone.now()
    since = now.replace(year=now.year - application.programme.lookback_years, day=min(now.day, 28))
    return (
        Application.objects.filter(
            applicant_iin=iin,
            programme__family_code=application.programme.family_code,
            status__in=APPROVED_STATUSES,
            decided_at__gte=since,
        )
        .exclude(pk=application.pk)
        .exists()
    )


def address_key(address: str) -> str:
    """An address as compared for "the same household": case, spaces and punctuation left out."""
    return re.sub(r"[\W_]+", "", address.casefold())


def conflict_of_interest(iin: str, family: Family) -> bool:
    """Whether the reviewer with ``iin`` is a member of ``family`` (mother, spouse, child) or of a family
    registered at the same address (her household)."""
    hers = Family.objects.filter(Q(mother__iin=iin) | Q(spouse__iin=iin) | Q(children__person__iin=iin)).values_list(
        "pk", "address"
    )
    key = address_key(family.address)
    return any(pk == family.pk or address_key(address) == key for pk, address in hers)
