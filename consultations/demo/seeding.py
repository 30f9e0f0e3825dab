"""The consultations step of ``seed_demo`` (see the package's docstring)."""

from __future__ import annotations

import datetime as dt
import random
import time
from collections import defaultdict
from dataclasses import dataclass
from functools import partial

from django.db.models import Model
from django.utils import timezone

from accounts.models import User
from centres.models import Centre
from consultations import freshness
from consultations.demo import staff, texts
from consultations.kinds import Channel, Kind, kind_of
from consultations.models import Appointment, CaseNote, LegalIssue, Placement, SalaryBand
from consultations.selectors import calendar, plan_of, workplaces
from consultations.timeline import STATUS_KINDS, entry_params
from core.roles import Role
from families.demo import parts
from families.demo.tables import Chunks, Table
from families.demo.weights import Weighted
from families.models import Agency, Family, TimelineEntry

HISTORY_DAYS = 730
AHEAD_DAYS = 21
PER_FAMILY = 4  # consultations a family has in two years, on average
BUSY_AHEAD = 0.45  # the share of slots booked in the weeks to come
SPECIALISTS_PER_CHUNK = 10
PARALLEL_FROM = 100  # from this many specialists' histories to write, they are made in parts (a district each)
Status = Appointment.Status
# Drawn from in every booking: the values and their added-up weights made once.
CHANNELS = Weighted(Channel.values, [80, 15, 5])
PAST_STATUSES = Weighted([Status.DONE, Status.NO_SHOW, Status.CANCELLED], [80, 12, 8])
SALARY_BANDS = Weighted(SalaryBand.values, [15, 40, 30, 10, 5])
LEGAL_ISSUES = LegalIssue.values


def seed(*, options, out) -> None:
    started = time.monotonic()
    rng = random.Random(User.objects.filter(role=Role.SPECIALIST).count())
    today = timezone.localdate()
    centres = list(Centre.objects.select_related("district").order_by("pk"))
    holidays = staff.holidays_for(range(today.year - 2, today.year))
    added = len(staff.add_specialists(centres, options["password"]))
    planned = staff.add_plans(centres, rng)
    written = History(rng, today, centres).write()
    freshness.all_weeks_changed()  # written in bulk, past the receivers
    freshness.follow_ups_changed()
    out(
        f"Consultations: {added} specialists added, {planned} plans, {holidays} holidays, "
        f"{written} appointments in {time.monotonic() - started:.0f} s"
    )


@dataclass(frozen=True)
class Who:
    """The specialist of a workplace, as each of her bookings there needs her."""

    specialist_id: int
    centre_id: int
    kind: str
    name: str


class History:
    """Two years of appointments (and three weeks ahead) for the specialists who have none yet."""

    def __init__(self, rng: random.Random, today: dt.date, centres: list[Centre]) -> None:
        self.rng, self.today = rng, today
        self.now = timezone.now()
        self.days = [today - dt.timedelta(days=offset) for offset in range(HISTORY_DAYS, -AHEAD_DAYS, -1)]
        held = set(Appointment.objects.values_list("specialist_id", flat=True).distinct())
        every = workplaces()
        self.specialists_at: dict[int, int] = defaultdict(int)
        for place in every:
            self.specialists_at[place.centre_id] += 1
        self.places = [place for place in every if place.specialist_id not in held]
        ready = Family.objects.filter(anonymised_at__isnull=True).exclude(consents__withdrawn_on__isnull=False)
        self.families: dict[int, list[int]] = defaultdict(list)
        for pk, district in ready.values_list("pk", "district_id").order_by("pk"):
            self.families[district].append(pk)
        self.district_of = {c.pk: c.district_id for c in centres}
        self.desk = {
            c.pk: User.objects.filter(centre=c, role=Role.REGISTRAR).values_list("pk", flat=True).first() for c in centres
        }
        self.agencies = list(Agency.objects.filter(is_active=True).values_list("pk", flat=True))
        # A mother is never booked twice at once: her busy times, this run's and those already there.
        self.busy: dict[tuple[int, dt.date], list[tuple[dt.datetime, dt.datetime]]] = defaultdict(list)
        if held:
            for family, starts, ends in Appointment.objects.active().values_list("family_id", "starts_at", "ends_at"):
                self.busy[family, timezone.localtime(starts).date()].append((starts, ends))

    def write(self) -> int:
        """Writes the histories, a district at a time (its mothers' times are its own): all in this
        process, or the largest district first, which measures the rows of a slot of a plan, then the
        others in parts, in processes of their own (``families.demo.parts``), the largest first."""
        by_district: dict[int, list] = defaultdict(list)
        for place in self.places:
            by_district[self.district_of[place.centre_id]].append(place)
        groups = sorted(by_district.values(), key=len, reverse=True)
        if not (parts.parallel() and len(self.places) >= PARALLEL_FROM and len(groups) > 1):
            return self._write(self.places)[0]
        first, groups = groups[0], groups[1:]
        rows = self._write(first)
        per_slot = {model: rows[index] / sum(map(self._weekly_slots, first)) for index, model in enumerate(MODELS)}
        sizes = [sum(map(self._weekly_slots, group)) for group in groups]
        arguments = partial(_part_arguments, self, groups, self.rng.getrandbits(64))
        for counts in parts.in_parts(MODELS, sizes, per_slot, _part, arguments):
            rows = [have + more for have, more in zip(rows, counts, strict=True)]
        return rows[0]  # the appointments

    def _write(self, places: list, keys=None) -> list[int]:
        """The histories of ``places``, a few specialists a chunk: the rows written of each model (in the
        order of ``MODELS``)."""
        rows = [0] * len(MODELS)
        with Chunks(MODELS, keys=keys) as chunks:
            for first in range(0, len(places), SPECIALISTS_PER_CHUNK):
                with chunks.chunk() as tables:
                    chunk = Chunk(tables)
                    for place in places[first : first + SPECIALISTS_PER_CHUNK]:
                        self.place(chunk, place)
                rows = [have + len(tables[model].rows) for have, model in zip(rows, MODELS, strict=True)]
        return rows

    def _weekly_slots(self, place) -> int:
        monday = self.today - dt.timedelta(days=self.today.weekday())
        return sum(len(plan_of(place, monday + dt.timedelta(days=offset))) for offset in range(7)) or 1

    def _share(self, place, days: int) -> float:
        """The share of her past slots taken: the district's families, four consultations each in two
        years, spread over its specialists."""
        families = len(self.families[self.district_of[place.centre_id]])
        specialists = max(1, self.specialists_at[place.centre_id])
        per_day = len(plan_of(place, self.today - dt.timedelta(days=self.today.weekday()))) or 10
        return min(0.7, families * PER_FAMILY / specialists / (days * per_day * 5 / 7))

    def place(self, chunk: Chunk, place) -> None:
        families = self.families[self.district_of[place.centre_id]]
        if not families:
            return
        share = self._share(place, HISTORY_DAYS)
        # Her free slots as the calendar computes them (plan, breaks, holidays, time off), before any booking.
        cells = calendar([place], self.days, now=self.now - dt.timedelta(days=HISTORY_DAYS + 1)).rows[0].cells
        # What every booking of hers reads, read once.
        who = Who(place.specialist_id, place.centre_id, kind_of(place.specialist), place.specialist.get_full_name())
        for cell in cells:
            ahead = cell.day >= self.today
            for slot in cell.free:
                if self.rng.random() < (BUSY_AHEAD if ahead else share):
                    self.book(chunk, who, slot, families)

    def book(self, chunk: Chunk, who: Who, slot, families: list[int]) -> None:
        family = self._family(families, slot)
        if family is None:
            return
        past = slot.ends_at <= self.now
        status = self._status(past)
        booked_at = slot.starts_at - dt.timedelta(days=self.rng.randint(1, 14), hours=self.rng.randint(0, 8))
        kind = who.kind
        row = chunk.appointments.add(
            family_id=family,
            specialist_id=who.specialist_id,
            centre_id=who.centre_id,
            kind=kind,
            channel=CHANNELS.pick(self.rng),
            starts_at=slot.starts_at,
            ends_at=slot.ends_at,
            status=status,
            cancel_reason=self.rng.choice(texts.CANCEL_REASONS) if status == Status.CANCELLED else "",
            booked_by_id=self.desk[who.centre_id] or who.specialist_id,
            booked_at=booked_at,
            status_changed_by_id=None if status == Status.BOOKED else who.specialist_id,
            status_changed_at=None if status == Status.BOOKED else slot.ends_at,
        )
        self.busy[family, slot.starts_at.date()].append((slot.starts_at, slot.ends_at))
        params = entry_params(row, specialist_name=who.name)
        if status == Status.CANCELLED:
            params["reason"] = row.cancel_reason
        chunk.timeline.add(
            family_id=family,
            kind=STATUS_KINDS.get(status, "consultations.booked"),
            actor_id=row.status_changed_by_id or row.booked_by_id,
            at=row.status_changed_at or booked_at,
            params=params,
            ref=f"consultations.appointment:{row.pk}",
        )
        if status == Status.DONE:
            self.note(chunk, row, kind)

    def _family(self, families: list[int], slot) -> int | None:
        for _ in range(3):
            family = self.rng.choice(families)
            taken = self.busy[family, slot.starts_at.date()]
            if not any(start < slot.ends_at and slot.starts_at < end for start, end in taken):
                return family
        return None

    def _status(self, past: bool) -> str:
        if not past:
            return Status.CANCELLED if self.rng.random() < 0.04 else Status.BOOKED
        return PAST_STATUSES.pick(self.rng)

    def note(self, chunk: Chunk, appointment, kind: str) -> None:
        rng = self.rng
        legal = kind == Kind.LEGAL
        issue = rng.choice(LEGAL_ISSUES) if legal else ""
        follow_up = appointment.starts_at.date() + dt.timedelta(days=rng.randint(7, 45)) if rng.random() < 0.3 else None
        note = chunk.notes.add(
            appointment_id=appointment.pk,
            author_id=appointment.specialist_id,
            summary=rng.choice(texts.SUMMARIES[Kind(kind)]),
            advice=rng.choice(texts.ADVICE),
            outcome=rng.choice(texts.OUTCOMES),
            follow_up_on=follow_up,
            legal_issue=issue,
            legal_resolved=(rng.random() < 0.6) if legal else None,
            written_at=appointment.ends_at,
        )
        if legal and self.agencies and rng.random() < 0.15:
            chunk.referrals.add(casenote_id=note.pk, agency_id=rng.choice(self.agencies))
        if kind == Kind.EMPLOYMENT and rng.random() < 0.25:
            chunk.placements.add(
                appointment_id=appointment.pk,
                employer=rng.choice(texts.EMPLOYERS),
                position=rng.choice(texts.POSITIONS),
                starts_on=appointment.starts_at.date() + dt.timedelta(days=rng.randint(3, 30)),
                formal=rng.random() < 0.7,
                salary_band=SALARY_BANDS.pick(rng),
            )


MODELS = [Appointment, CaseNote, CaseNote.referrals.through, Placement, TimelineEntry]


def _part_arguments(history: History, groups: list[list], seed: int, index: int, keys) -> tuple:
    return history, groups[index], f"{seed}/{index}", keys


def _part(history: History, places: list, seed: str, keys) -> list[int]:
    """One district's histories, in a process of its own (``families.demo.parts.in_parts``), with its
    own draws."""
    history.rng = random.Random(seed)
    return history._write(places, keys)


class Chunk:
    """The rows of a few specialists' histories, written in one transaction (``Chunks.chunk``)."""

    def __init__(self, tables: dict[type[Model], Table]) -> None:
        self._tables = tables
        self.appointments, self.notes = self._tables[Appointment], self._tables[CaseNote]
        self.referrals, self.placements = self._tables[CaseNote.referrals.through], self._tables[Placement]
        self.timeline = self._tables[TimelineEntry]
