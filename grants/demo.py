"""The grants' demo at the seed's scale: the two "Isker Ana" programmes (up to 555,000 ₸ and up to
5,000,000 ₸) with a yearly budget of 700 million tenge split between them and the eight districts, a
round of each over two years (last year's closed, this year's at the commission's decision), and
applications of the registry's verified families in every status, with reviews, decisions, tranches and
monitoring visits (about 63 % of last year's grants found operating, as 557 of 888 in the seed).

A step tops up: programmes, budgets and rounds are made once (by code and year), a round that has
applications gets none, and every row goes in with ``bulk_create`` (the database's triggers keep the
budget counters and the sums paid), a few thousand rows whatever the size of the registry."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from django.db import transaction
from django.db.models import OuterRef, Subquery
from django.utils import timezone

from accounts.models import User
from centres.models import District
from core.roles import Role
from families.models import Family
from grants import freshness
from grants.dates import months_after
from grants.models import (
    Allocation,
    Application,
    ApplicationVersion,
    Budget,
    Criterion,
    MonitoringVisit,
    Programme,
    Review,
    ReviewerProfile,
    Round,
    Status,
    Tranche,
    Transition,
)

PROGRAMMES = [
    # code, name kk, name ru, cap, yearly budget, applications per round (at most), share of a registry
    ("isker-ana-small", "Іскер Ана — шағын грант", "Іскер Ана — малый грант", 555_000, 300_000_000, 1200, 0.06),
    ("isker-ana-large", "Іскер Ана — үлкен грант", "Іскер Ана — крупный грант", 5_000_000, 400_000_000, 300, 0.015),
]
CRITERIA = [
    ("Бизнес идеясы", "Бизнес-идея", 3),
    ("Нарық пен тұтынушылар", "Рынок и клиенты", 2),
    ("Жұмыс орындары", "Рабочие места", 1),
]
PATH = [
    Status.SUBMITTED,
    Status.ELIGIBILITY,
    Status.UNDER_REVIEW,
    Status.APPROVED,
    Status.AGREEMENT,
    Status.DISBURSED,
    Status.MONITORING,
]
LAST_YEAR = {
    Status.OPERATING: 0.30,
    Status.BUSINESS_CLOSED: 0.12,
    Status.REJECTED: 0.28,
    Status.INELIGIBLE: 0.12,
    Status.RESERVE: 0.1,
    Status.WITHDRAWN: 0.08,
}
THIS_YEAR = {
    Status.UNDER_REVIEW: 0.35,
    Status.RESERVE: 0.1,
    Status.APPROVED: 0.15,
    Status.AGREEMENT: 0.1,
    Status.DISBURSED: 0.1,
    Status.MONITORING: 0.05,
    Status.ELIGIBILITY: 0.05,
    Status.SUBMITTED: 0.05,
    Status.DRAFT: 0.05,
}


def seed(*, options, out) -> None:
    rng = random.Random(12)
    today = timezone.localdate()
    with transaction.atomic():
        officer = User.objects.filter(role=Role.GRANT_OFFICER).order_by("pk").first()
        reviewer = User.objects.filter(role=Role.GRANT_REVIEWER).order_by("pk").first()
        if officer is None or reviewer is None:
            return
        ReviewerProfile.objects.get_or_create(user=reviewer, defaults={"iin": "800101400019"})
        made = 0
        for code, name_kk, name_ru, cap, amount, most, share in PROGRAMMES:
            programme = _programme(code, name_kk, name_ru, cap)
            for year, stage, mix in (
                (today.year - 1, Round.Stage.CLOSED, LAST_YEAR),
                (today.year, Round.Stage.DECISION, THIS_YEAR),
            ):
                round_ = _round(programme, year, stage, Decimal(amount))
                if not round_.applications.exists():
                    made += _applications(round_, mix, most, share, officer=officer, reviewer=reviewer, rng=rng, today=today)
        freshness.all_rankings_changed()  # written in bulk, past the receivers
    out(f"Grants: {made} new applications")


def _programme(code: str, name_kk: str, name_ru: str, cap: int) -> Programme:
    programme, created = Programme.objects.get_or_create(
        code=code,
        defaults={"name": name_ru, "name_kk": name_kk, "name_ru": name_ru, "family_code": "isker-ana", "cap": Decimal(cap)},
    )
    if created:
        Criterion.objects.bulk_create(
            Criterion(programme=programme, name=ru, name_kk=kk, name_ru=ru, weight=weight, order=order)
            for order, (kk, ru, weight) in enumerate(CRITERIA)
        )
    return programme


def _round(programme: Programme, year: int, stage: str, amount: Decimal) -> Round:
    budget, created = Budget.objects.get_or_create(programme=programme, year=year, defaults={"amount": amount})
    if created:
        districts = list(District.objects.order_by("pk"))
        Allocation.objects.bulk_create(Allocation(budget=budget, district=d, amount=amount / len(districts)) for d in districts)
    round_, _ = Round.objects.get_or_create(
        programme=programme,
        budget=budget,
        defaults={
            "name": f"{year}",
            "name_kk": f"{year} жылғы кезең",
            "name_ru": f"Этап {year} года",
            "opens_on": dt.date(year, 2, 1),
            "closes_on": dt.date(year, 3, 31),
            "stage": stage,
        },
    )
    return round_


def _candidates(round_: Round) -> list[tuple[int, int, str]]:
    """The verified families whose mother got no grant of the programme family yet."""
    return list(
        Family.objects.verified()
        .filter(anonymised_at__isnull=True, mother__iin__isnull=False)
        .exclude(
            grant_applications__programme__family_code=round_.programme.family_code,
            grant_applications__status__in=["approved", "agreement", "disbursed", "monitoring", "operating", "business_closed"],
        )
        .values_list("pk", "district_id", "mother__iin")
    )


def _applications(round_: Round, mix: dict, most: int, share: float, *, officer, reviewer, rng, today) -> int:
    families = _candidates(round_)
    chosen = rng.sample(families, min(most, max(1, int(len(families) * share * 4)), len(families)))
    left = {a.district_id: a.amount for a in round_.budget.allocations.all()}
    submitted = dt.datetime.combine(round_.opens_on + dt.timedelta(days=10), dt.time(10), tzinfo=dt.UTC)
    rows = []
    for pk, district_id, iin in chosen:
        status = rng.choices(list(mix), weights=list(mix.values()))[0]
        requested = Decimal(rng.randrange(int(round_.programme.cap) // 5, int(round_.programme.cap) + 1, 5000))
        approved = None
        if status in PATH[3:] or status in (Status.OPERATING, Status.BUSINESS_CLOSED):
            approved = requested
            if left.get(district_id, 0) < approved:
                status, approved = Status.RESERVE, None
            else:
                left[district_id] -= approved
        rows.append(_row(round_, pk, district_id, iin, status, requested, approved, submitted, officer, rng))
    applications = Application.objects.bulk_create(rows, batch_size=1000)
    _history(applications, officer=officer, reviewer=reviewer, rng=rng, today=today)
    return len(applications)


def _row(round_, family_id, district_id, iin, status, requested, approved, submitted, officer, rng) -> Application:
    decided = approved or status in (Status.REJECTED, Status.INELIGIBLE)
    return Application(
        round=round_,
        programme=round_.programme,
        budget=round_.budget,
        family_id=family_id,
        district_id=district_id,
        applicant_iin=iin if status != Status.DRAFT else "",
        status=status,
        cap=round_.programme.cap,
        business_idea=rng.choice(["Тігін цехы", "Наубайхана", "Сұлулық салоны", "Жылыжай", "Балалар киімі дүкені"]),
        sector=rng.choice(["sewing", "food", "beauty", "farming", "trade"]),
        requested_amount=requested,
        own_contribution=requested / 10,
        expected_jobs=rng.randint(1, 4),
        approved_amount=approved,
        decided_at=submitted + dt.timedelta(days=40) if decided else None,
        submitted_at=None if status == Status.DRAFT else submitted,
        version=0 if status == Status.DRAFT else 1,
        created_by=officer,
        created_at=submitted - dt.timedelta(days=3),
    )


def _path(status: str) -> list[str]:
    if status in PATH:
        return PATH[: PATH.index(status) + 1]
    ends = {
        Status.OPERATING: [*PATH, Status.OPERATING],
        Status.BUSINESS_CLOSED: [*PATH, Status.BUSINESS_CLOSED],
        Status.REJECTED: [*PATH[:3], Status.REJECTED],
        Status.RESERVE: [*PATH[:3], Status.RESERVE],
        Status.INELIGIBLE: [*PATH[:2], Status.INELIGIBLE],
        Status.WITHDRAWN: [Status.SUBMITTED, Status.WITHDRAWN],
    }
    return ends.get(status, [])


def _history(applications: list[Application], *, officer, reviewer, rng, today) -> None:
    rows: dict[type, list] = {Transition: [], ApplicationVersion: [], Review: [], Tranche: [], MonitoringVisit: []}
    for application in applications:
        for model, records in _records(application, officer=officer, reviewer=reviewer, rng=rng, today=today).items():
            rows[model] += records
    for model, records in rows.items():
        model.objects.bulk_create(records, batch_size=2000)
    first = Tranche.objects.filter(application=OuterRef("pk")).order_by("paid_on").values("paid_on")[:1]
    Application.objects.filter(pk__in=[t.application_id for t in rows[Tranche]]).update(first_paid_on=Subquery(first))


def _records(application: Application, *, officer, reviewer, rng, today) -> dict[type, list]:
    """The application's moves, its first version, a review, a tranche and its visits, as its status says."""
    at, path = application.submitted_at, _path(application.status)
    records: dict[type, list] = {
        Transition: [
            Transition(
                application=application,
                name="demo",
                source=source,
                target=target,
                actor=officer,
                at=at + dt.timedelta(days=7 * day),
            )
            for day, (source, target) in enumerate(zip([Status.DRAFT, *path], path, strict=False))
        ]
    }
    if at:
        data = {"business_idea": application.business_idea}
        records[ApplicationVersion] = [
            ApplicationVersion(application=application, number=1, data=data, created_by=officer, created_at=at)
        ]
    if Status.UNDER_REVIEW in path and application.status != Status.UNDER_REVIEW:
        total = Decimal(rng.randint(40, 95))
        records[Review] = [
            Review(
                application=application,
                reviewer=reviewer,
                assigned_by=officer,
                assigned_at=at,
                declared_at=at,
                submitted_at=at,
                total=total,
            )
        ]
    if application.approved_amount and application.status not in (Status.APPROVED, Status.AGREEMENT):
        paid_on = (at + dt.timedelta(days=60)).date()
        amount = application.approved_amount / 2 if application.status == Status.DISBURSED else application.approved_amount
        records[Tranche] = [Tranche(application=application, amount=amount, paid_on=paid_on, recorded_by=officer)]
        records[MonitoringVisit] = _visits(application, paid_on, officer=officer, rng=rng, today=today)
    return records


def _visits(application: Application, paid_on: dt.date, *, officer, rng, today) -> list[MonitoringVisit]:
    """The 6- and 12-month visits; those already due were made (most businesses found operating)."""
    closed = application.status == Status.BUSINESS_CLOSED
    visits = []
    for months in (6, 12):
        due = months_after(paid_on, months)
        done = due if due < today else None
        operating = (not closed and rng.random() < 0.9) if months == 12 else (not closed or rng.random() < 0.5)
        visits.append(
            MonitoringVisit(
                application=application,
                months=months,
                due_on=due,
                done_on=done,
                operating=operating if done else None,
                jobs_created=rng.randint(0, 3) if done else None,
                revenue_band="lt200" if done else "",
                recorded_by=officer if done else None,
            )
        )
    return visits
