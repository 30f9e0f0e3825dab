"""Who may do what with the courses. Anyone browses the catalogue; a mother books for herself; the
desk (registrar, centre head) books for a mother, cancels and releases seats and exports a group's
list; the centre head runs the groups; attendance is marked by the desk or by the group's instructor
(a member of the centre's staff named on the group, whatever her role)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from core.permissions import YES, Decision, no, rule
from core.roles import CENTRE_ROLES, Role
from core.scoping import has_role

DESK = frozenset({Role.REGISTRAR, Role.CENTRE_HEAD})
HEAD = frozenset({Role.CENTRE_HEAD})
MOTHER = frozenset({Role.MOTHER})


def _role(user, roles) -> Decision:
    return YES if has_role(user, roles) else no()


@rule("courses.view_groups")
def can_view_groups(user, group=None) -> Decision:
    return _role(user, CENTRE_ROLES)


@rule("courses.manage_groups")
def can_manage_groups(user, group=None) -> Decision:
    decision = _role(user, HEAD)
    if decision and group is not None and group.centre_id != user.centre_id:
        return no(_("Only the head of the group's centre runs it."))
    return decision


@rule("courses.move_lesson")
def can_move_lesson(user, group=None) -> Decision:
    return _role(user, DESK)


@rule("courses.mark_attendance")
def can_mark_attendance(user, group=None) -> Decision:
    """The desk, or the group's instructor (asked without a group: one who teaches any group)."""
    if group is None:
        if has_role(user, DESK) or (has_role(user, CENTRE_ROLES) and user.course_groups.exists()):
            return YES
        return no()
    if has_role(user, DESK) or (has_role(user, CENTRE_ROLES) and group.instructor_id == user.pk):
        return YES
    return no(_("Only the desk or the group's instructor marks attendance."))


@rule("courses.book_at_desk")
def can_book_at_desk(user, family=None) -> Decision:
    decision = _role(user, DESK)
    if decision and family is not None and family.anonymised_at is not None:
        return no(_("This family's personal data has already been removed."))
    return decision


@rule("courses.handle_booking")
def can_handle_booking(user, booking=None) -> Decision:
    """Cancel or release a mother's seat at the desk."""
    return _role(user, DESK)


@rule("courses.export_group")
def can_export_group(user, group=None) -> Decision:
    return _role(user, DESK)


@rule("courses.view_family_bookings")
def can_view_family_bookings(user, family=None) -> Decision:
    return _role(user, CENTRE_ROLES)


@rule("courses.book_online")
def can_book_online(user, obj=None) -> Decision:
    return _role(user, MOTHER)
