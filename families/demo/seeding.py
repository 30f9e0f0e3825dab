"""``seed_demo``'s families step: tops the registry up to ``--families`` families, a chunk at a time."""

from __future__ import annotations

import random
import time
from collections import Counter
from functools import partial

from django.db.models import Model

from families.demo import parts
from families.demo.clock import Clock
from families.demo.households import SERIALS, Households
from families.demo.reference import Reference
from families.demo.tables import Chunks, Table
from families.models import (
    Appeal,
    AppealStep,
    CategoryChange,
    CentreGuest,
    Child,
    Consent,
    Family,
    Person,
    Referral,
    TimelineEntry,
    Visit,
)
from families.timeline import (
    appeal_step_entry,
    category_change_entry,
    consent_given_entry,
    message_entry,
    referral_answer_entry,
    referral_entry,
    visit_entry,
    visit_served_entry,
)
from notifications.models import Notification

CHUNK = 2_000  # families per transaction: an interrupted run keeps the chunks already written
PROGRESS_EVERY = 10_000
PARALLEL_FROM = 20_000  # from this many families to add, they are made in parts, in processes of their own
PART = 12_000  # families in one part: a few parts for each core, each with a share of the IINs' serials


# In the order their tables are written: each after the tables its rows point to.
MODELS = [
    Person,
    Family,
    Child,
    Consent,
    Visit,
    CentreGuest,
    Visit.purposes.through,
    Appeal,
    AppealStep,
    Referral,
    CategoryChange,
    Notification,
    TimelineEntry,
]


class Chunk:
    """The new rows of a few thousand families, written in one transaction (``Chunks.chunk``)."""

    def __init__(self, tables: dict[type[Model], Table]) -> None:
        self._tables = tables
        self.people, self.families, self.children = self._tables[Person], self._tables[Family], self._tables[Child]
        self.consents, self.visits, self.guests = self._tables[Consent], self._tables[Visit], self._tables[CentreGuest]
        self.visit_purposes = self._tables[Visit.purposes.through]
        self.appeals, self.steps, self.referrals = self._tables[Appeal], self._tables[AppealStep], self._tables[Referral]
        self.category_changes, self.notifications = self._tables[CategoryChange], self._tables[Notification]
        self.timeline = self._tables[TimelineEntry]

    def add_timeline(self, reference: Reference) -> None:
        """What the services would have written on the families' timelines as they acted."""
        version, names = reference.consent_text.version, reference.names_of
        entries = [consent_given_entry(consent, version=version) for consent in self.consents.rows]
        for visit in self.visits.rows:
            entries.append(visit_entry(visit, centre=names(visit.centre), purposes=[names(p) for p in visit.purposes]))
            if visit.served_at is not None:
                entries.append(visit_served_entry(visit))
        entries += [appeal_step_entry(step.appeal, step) for step in self.steps.rows]
        for referral in self.referrals.rows:
            entries.append(referral_entry(referral, family_id=referral.family_id, agency=referral.agency))
            if referral.outcome_on:
                entries.append(referral_answer_entry(referral, family_id=referral.family_id, agency=referral.agency))
        entries += [category_change_entry(change) for change in self.category_changes.rows]
        entries += [fields for row in self.notifications.rows if (fields := message_entry(row, what=row.what, at=row.settled_at))]
        for fields in entries:
            self.timeline.add(**fields)


def seed(*, options, out) -> None:
    wanted = options["families"]
    existing = Family.objects.count()
    missing = wanted - existing
    if missing <= 0:
        out(f"Families: {existing} (none added)")
        return
    started = time.monotonic()
    # All of them, or a first chunk that measures the rows of a family before the rest is made in parts.
    first = CHUNK if parts.parallel() and missing >= PARALLEL_FROM else missing
    rows = _families(existing, wanted, first, out=out)
    if first < missing:
        part_sizes = parts.sizes(missing - first, PART)
        per_family = {model: rows[model] / first for model in MODELS}
        arguments = partial(_part_arguments, existing, wanted, part_sizes)
        done = first
        for counts in parts.in_parts(MODELS, part_sizes, per_family, _part, arguments, exact=[Family, Consent]):
            rows.update(dict(zip(MODELS, counts, strict=True)))
            done += counts[MODELS.index(Family)]
            out(f"  families: {existing + done} of {wanted}")
    summary = ", ".join(f"{model._meta.db_table} {rows[model]}" for model in MODELS)
    out(f"Families: {wanted} ({missing} added in {time.monotonic() - started:.0f} s: {summary})")


def _families(existing: int, wanted: int, count: int, *, out=None, seed=None, keys=None, serials=SERIALS) -> Counter:
    """Makes and writes ``count`` families, a chunk at a time; the rows written of each model."""
    # Seeded from the number already there, so a run is reproducible (up to the dates, which follow today).
    rng = random.Random(existing if seed is None else seed)
    clock = Clock(rng)
    reference = Reference(clock.today)
    households = Households(rng, clock, reference, registry_size=wanted, serials=serials)
    rows: Counter[type[Model]] = Counter()
    with Chunks(MODELS, keys=keys) as chunks:
        while rows[Family] < count:
            with chunks.chunk() as tables:
                chunk = Chunk(tables)
                for _ in range(min(CHUNK, count - rows[Family])):
                    households.family(chunk)
                chunk.add_timeline(reference)
            rows.update({model: len(table.rows) for model, table in tables.items()})
            done = rows[Family]
            if out is not None and done < count and done % PROGRESS_EVERY < CHUNK:
                out(f"  families: {existing + done} of {wanted}")
    return rows


def _part_arguments(existing: int, wanted: int, part_sizes: list[int], index: int, keys) -> tuple:
    # Each part its own draws and its own share of the IINs' serial numbers, so no two parts give one IIN.
    share = len(SERIALS) // len(part_sizes)
    return existing, wanted, part_sizes[index], f"{existing}/{index}", keys, range(index * share, (index + 1) * share)


def _part(existing: int, wanted: int, count: int, seed: str, keys, serials: range) -> list[int]:
    """One part of the families, in a process of its own (``families.demo.parts.in_parts``): the rows
    written of each model, in the order of ``MODELS``."""
    rows = _families(existing, wanted, count, seed=seed, keys=keys, serials=serials)
    return [rows[model] for model in MODELS]
