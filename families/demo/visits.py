"""A demo family's visits to the centres, and the appeals opened at them with their steps and referrals."""

from __future__ import annotations

import datetime as dt
import random
from types import SimpleNamespace

from accounts.models import User
from centres.models import Centre
from families.demo.clock import Clock
from families.demo.reference import Reference
from families.demo.texts import (
    DECLINED_COMMENTS,
    EXPECTED_OUTCOME,
    GENERIC_WHAT_WAS_DONE,
    GOOD_OUTCOMES,
    OUTCOMES,
    REQUEST_KINDS,
    WHAT_WAS_DONE,
    in_language,
)
from families.demo.weights import APPEALS, PURPOSE_STAFF, QUEUE_WINDOW, RECENT_DAYS, TODAY_VISITS, TODAY_WINDOW, VISITS, Status
from families.models import Visit

Row = SimpleNamespace


class Visits:
    def __init__(self, rng: random.Random, clock: Clock, reference: Reference, *, registry_size: int) -> None:
        self.rng = rng
        self.clock = clock
        self.reference = reference
        # The chance that a family comes to her centre today: about TODAY_VISITS a centre, so that
        # "Today" has a queue at every centre however many families there are.
        self.today_chance = {
            pk: min(1.0, TODAY_VISITS / max(1.0, registry_size * share)) for pk, share in reference.centre_share.items()
        }

    def visits(self, chunk, family: Row) -> list[Row]:
        rng, clock = self.rng, self.clock
        centres = self.reference.centres
        # The first visit is the one at which she was registered; the others come on later days, so a
        # family registered on the last working day has only that one.
        moments = [min(family.created_at + dt.timedelta(minutes=rng.randint(2, 15)), clock.now)]
        next_day = family.created_at.date() + dt.timedelta(days=1)
        if next_day <= clock.last_day:
            moments += [clock.at_work(clock.day(next_day, clock.last_day)) for _ in range(VISITS.pick(rng) - 1)]
        visits = []
        for index, arrived in enumerate(sorted(moments)):
            centre = family.centre
            if index and len(centres) > 1 and rng.random() < 0.05:
                centre = rng.choice([c for c in centres if c.pk != family.centre_id])
            visits.append(self._visit(chunk, family, centre, arrived))
        # What families.services.family_open_to_centre records, in bulk: the other districts' centres she came to.
        first: dict[int, Row] = {}
        if family.created_at.date() < clock.today and rng.random() < self.today_chance[family.centre_id]:
            visits.append(self._visit(chunk, family, family.centre, clock.in_the_last(TODAY_WINDOW)))
        for visit in visits:
            if visit.centre.district_id != family.district_id:
                first.setdefault(visit.centre.pk, visit)
        for visit in first.values():
            chunk.guests.add(centre_id=visit.centre.pk, family_id=family.pk, since=visit.arrived_at)
        return visits

    def _visit(self, chunk, family: Row, centre: Centre, arrived: dt.datetime) -> Row:
        rng, now = self.rng, self.clock.now
        purposes = self.reference.purpose_picks.picks(rng, 2 if rng.random() < 0.3 else 1)
        purposes = list(dict.fromkeys(purposes))
        checked_in_by = rng.choice(self.reference.desk(centre.pk))
        served_at = arrived + dt.timedelta(minutes=rng.randint(10, 75))
        # The queue at the front desk: some of the mothers who came in the last two hours still wait.
        waiting = served_at > now or (now - arrived < QUEUE_WINDOW and rng.random() < 0.5)
        served_by = what_was_done = None
        if not waiting:
            code = purposes[0].code
            served_by = rng.choice(self.reference.staff_of(centre.pk, PURPOSE_STAFF.get(code)))
            what_was_done = in_language(family.language, rng.choice(WHAT_WAS_DONE.get(code, GENERIC_WHAT_WAS_DONE)))
        visit = chunk.visits.add(
            family_id=family.pk,
            centre_id=centre.pk,
            arrived_at=arrived,
            checked_in_by_id=checked_in_by.pk,
            status=Visit.Status.WAITING.value if waiting else Visit.Status.SERVED.value,
            served_at=None if waiting else served_at,
            served_by_id=served_by.pk if served_by else None,
            what_was_done=what_was_done or "",
            # Not columns: what its timeline entry names.
            centre=centre,
            purposes=purposes,
        )
        for purpose in purposes:
            chunk.visit_purposes.add(visit_id=visit.pk, visitpurpose_id=purpose.pk)
        return visit

    def appeals(self, chunk, family: Row, visits: list[Row]) -> list[Row]:
        """The family's appeals, each with the steps and referrals made (``steps_made``, ``referrals_made``)."""
        rng, reference = self.rng, self.reference
        appeals = []
        for _ in range(APPEALS.pick(rng)):
            # An appeal is opened during a visit, at the centre she came to.
            visit = rng.choice(visits)
            kind = reference.kinds.pick(rng)
            opened_at = min(visit.arrived_at + dt.timedelta(minutes=rng.randint(5, 40)), self.clock.now)
            opened_by = rng.choice(reference.desk(visit.centre_id))
            appeal = chunk.appeals.add(
                family_id=family.pk,
                centre_id=visit.centre_id,
                kind=kind.value,
                opened_at=opened_at,
                opened_by_id=opened_by.pk,
                description=in_language(family.language, rng.choice(REQUEST_KINDS[kind].descriptions)),
                status=Status.OPEN.value,
                closed_at=None,
            )
            # Not columns: what the appeal's messages are about.
            appeal.steps_made, appeal.referrals_made = [], []
            appeals.append(appeal)
            self._step(chunk, appeal, "", Status.OPEN, opened_at, opened_by)
            recent = (self.clock.now - opened_at).days < RECENT_DAYS
            path = (reference.recent_paths if recent else reference.older_paths).pick(rng)
            self._moves(chunk, appeal, path, family.language)
        return appeals

    def _moves(self, chunk, appeal: Row, path: tuple[str, ...], language: str) -> None:
        rng = self.rng
        at, status = appeal.opened_at, Status.OPEN
        referral = None
        for to_status in path:
            at = self.clock.later(at, within_days=21)
            by = rng.choice(self.reference.staff_of(appeal.centre_id))
            comment = ""
            if to_status == Status.REFERRED:
                # As families.services.referral_create: the referral names the agency, the step nothing.
                referral = self._referral(chunk, appeal, at, by, language)
            elif to_status == Status.RESOLVED:
                comment = in_language(language, rng.choice(GOOD_OUTCOMES))
            elif to_status == Status.DECLINED:
                comment = in_language(language, rng.choice(DECLINED_COMMENTS))
            self._step(chunk, appeal, status, to_status, at, by, comment)
            if status == Status.REFERRED:
                # The agency answered before the appeal moved on; a resolved appeal ends with its answer.
                outcome = comment if to_status == Status.RESOLVED else in_language(language, rng.choice(OUTCOMES))
                _answer(referral, on=at.date(), by=by, outcome=outcome)
            status = to_status
        appeal.status = str(status)
        appeal.closed_at = at if status in (Status.RESOLVED, Status.DECLINED) else None
        if status == Status.REFERRED:
            self._waiting_referral(referral, appeal, language)

    def _step(self, chunk, appeal: Row, from_status: str, to_status: str, at: dt.datetime, by: User, comment: str = "") -> None:
        step = chunk.steps.add(
            appeal_id=appeal.pk, from_status=str(from_status), to_status=str(to_status), at=at, by_id=by.pk, comment=comment
        )
        step.appeal = appeal
        appeal.steps_made.append(step)

    def _waiting_referral(self, referral: Row, appeal: Row, language: str) -> None:
        """Some agencies have answered an appeal that is still "referred" (staff have yet to act on
        it); the other referrals are due, or overdue."""
        today = self.clock.today
        sent_on = referral.sent_at.date()
        if sent_on < today and self.rng.random() < 0.3:
            answered_on = sent_on + dt.timedelta(days=self.rng.randint(1, (today - sent_on).days))
            by = self.rng.choice(self.reference.staff_of(appeal.centre_id))
            _answer(referral, on=answered_on, by=by, outcome=in_language(language, self.rng.choice(OUTCOMES)))

    def _referral(self, chunk, appeal: Row, at: dt.datetime, by: User, language: str) -> Row:
        rng = self.rng
        agency = self.reference.agency_for.get(appeal.kind) or rng.choice(self.reference.agencies)
        referral = chunk.referrals.add(
            appeal_id=appeal.pk,
            agency_id=agency.pk,
            expected_outcome=in_language(language, EXPECTED_OUTCOME),
            due_on=at.date() + dt.timedelta(days=rng.randint(10, 30)),
            sent_at=at,
            sent_by_id=by.pk,
            outcome="",
            outcome_on=None,
            outcome_recorded_by_id=None,
        )
        referral.agency, referral.family_id = agency, appeal.family_id
        appeal.referrals_made.append(referral)
        return referral


def _answer(referral: Row, *, on: dt.date, by: User, outcome: str) -> None:
    referral.outcome, referral.outcome_on, referral.outcome_recorded_by_id = outcome, on, by.pk
