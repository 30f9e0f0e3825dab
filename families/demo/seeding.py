"""``seed_demo``'s families step: tops the registry up to ``--families`` families, a chunk at a time."""

from __future__ import annotations

import random
import time
from collections import Counter

from django.db.models import Model

from families.demo.clock import Clock
from families.demo.households import Households
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

    def tables(self) -> list[Table]:
        return list(self._tables.values())

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
    # Seeded from the number already there, so a run is reproducible (up to the dates, which follow today).
    rng = random.Random(existing)
    clock = Clock(rng)
    reference = Reference(clock.today)
    households = Households(rng, clock, reference, registry_size=wanted)
    rows: Counter[str] = Counter()
    done = 0
    with Chunks(MODELS) as chunks:
        while done < missing:
            with chunks.chunk() as tables:
                chunk = Chunk(tables)
                for _ in range(min(CHUNK, missing - done)):
                    households.family(chunk)
                chunk.add_timeline(reference)
            rows.update({table.name: len(table.rows) for table in chunk.tables()})
            done += len(chunk.families.rows)
            if done < missing and done % PROGRESS_EVERY < CHUNK:
                out(f"  families: {existing + done} of {wanted}")
    summary = ", ".join(f"{table} {count}" for table, count in rows.items())
    out(f"Families: {existing + done} ({done} added in {time.monotonic() - started:.0f} s: {summary})")
