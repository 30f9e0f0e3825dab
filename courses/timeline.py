"""The courses' entries on a family's timeline: what happened to her booking (booked, put on the waiting
list, offered a seat, confirmed, ended, completed with a certificate), with the course's title and type,
the group's dates and the centre — each named in the reader's language."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.timeline import TimelineKind
from courses.models import Category
from courses.selectors import consent_in_force
from families.models import TimelineEntry
from families.timeline import choice_in_languages, ref, timeline_add, translated

WAITING_LIST = _("waiting list")

KINDS = [
    TimelineKind("courses.booked", "mortarboard", _("Course seat booked: “%(course)s” (%(category)s), %(dates)s, %(centre)s")),
    TimelineKind(
        "courses.waiting", "hourglass-split", _("On a course's waiting list: “%(course)s” (%(category)s), %(dates)s, %(centre)s")
    ),
    TimelineKind(
        "courses.offered",
        "bell",
        _(
            "Course seat offered from the waiting list, to confirm by %(deadline)s: “%(course)s” (%(category)s), %(dates)s, %(centre)s"
        ),
        system_actor=WAITING_LIST,
    ),
    TimelineKind(
        "courses.confirmed",
        "check2-circle",
        _("Offered course seat confirmed: “%(course)s” (%(category)s), %(dates)s, %(centre)s"),
    ),
    TimelineKind(
        "courses.cancelled", "x-circle", _("Course booking cancelled: “%(course)s” (%(category)s), %(dates)s, %(centre)s")
    ),
    TimelineKind(
        "courses.group_cancelled",
        "x-octagon",
        _("Course group cancelled by the centre: “%(course)s” (%(category)s), %(dates)s, %(centre)s"),
    ),
    TimelineKind(
        "courses.released",
        "person-dash",
        _("Course seat released after missed lessons: “%(course)s” (%(category)s), %(dates)s, %(centre)s"),
    ),
    TimelineKind(
        "courses.expired",
        "hourglass-bottom",
        _("Offered course seat not confirmed in time: “%(course)s” (%(category)s), %(dates)s, %(centre)s"),
        system_actor=WAITING_LIST,
    ),
    TimelineKind(
        "courses.completed",
        "award",
        _("Course completed, certificate %(code)s: “%(course)s” (%(category)s), %(dates)s, %(centre)s"),
        system_actor=_("end of the course"),
    ),
]


def entry_params(booking) -> dict:
    """What every entry about ``booking`` shows: the course's title and type and the centre in every
    language, and the group's dates in numbers (26.10.2026–20.11.2026, the same in every language)."""
    group = booking.group
    return {
        "course": translated(group.course, "title"),
        "category": choice_in_languages(Category(group.course.category)),
        "dates": f"{group.starts_on:%d.%m.%Y}–{group.ends_on:%d.%m.%Y}",
        "centre": translated(group.centre, "name"),
    }


def add_entry(booking, *, kind: str, actor=None, **extra) -> None:
    """An entry about ``booking`` on her family's timeline, in the caller's transaction; none while her
    consent is not in force (her booking may still end: a cancelled group, a seat released)."""
    if not consent_in_force(booking.family):
        return
    timeline_add(family=booking.family_id, kind=kind, actor=actor, params={**entry_params(booking), **extra}, about=booking)


def add_offer_entry(booking) -> None:
    add_entry(booking, kind="courses.offered", deadline=f"{timezone.localtime(booking.offered_until):%d.%m.%Y %H:%M}")


def entry_row(booking, *, kind: str, at, actor_id: int | None = None, **extra) -> TimelineEntry:
    """The entry ``add_entry`` writes, as an unsaved row for ``bulk_create`` (the demo data)."""
    return TimelineEntry(
        family_id=booking.family_id,
        kind=kind,
        actor_id=actor_id,
        at=at,
        params={**entry_params(booking), **extra},
        ref=ref(booking),
    )
