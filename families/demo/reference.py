"""What the demo families are made of that is already in the database, read once: the centres and
their staff, the visit purposes, the agencies, today's thresholds and the consent text."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from types import SimpleNamespace

from django.core.management.base import CommandError

from accounts.models import User
from centres.models import Centre
from core.i18n import translated_fields
from core.roles import CENTRE_ROLES, Role
from families.categories import Thresholds
from families.demo.texts import REQUEST_KINDS
from families.demo.weights import DISTRICT_WEIGHTS, PURPOSE_WEIGHTS, REQUEST_PATHS, Status, Weighted
from families.models import Agency, CategoryThresholds, ConsentText, VisitPurpose
from notifications.models import MessageTemplate


class Reference:
    def __init__(self, today: dt.date) -> None:
        self.centres = list(Centre.objects.select_related("district").order_by("pk"))
        if not self.centres:
            raise CommandError("Demo families need the centres: run the centres step first.")
        weights = [DISTRICT_WEIGHTS.get(c.district.code, 10) for c in self.centres]
        self.centre_picks = Weighted(self.centres, weights)
        self._centres = {centre.pk: centre for centre in self.centres}
        # Of the registry's families, how many each centre registers.
        self.centre_share = {c.pk: weight / sum(weights) for c, weight in zip(self.centres, weights, strict=True)}
        self.limits = Thresholds.of(CategoryThresholds.on(today))
        # Every set of thresholds so far, oldest first: the demo's daily checks of the past use them.
        self.thresholds = [(row.valid_from, Thresholds.of(row)) for row in CategoryThresholds.objects.order_by("valid_from")]
        consent_text = ConsentText.current()
        if consent_text is None:
            raise CommandError(f"No consent text is valid on {today}.")
        self.consent_text = consent_text
        self.purposes = list(VisitPurpose.objects.order_by("position", "pk"))
        if not self.purposes:
            raise CommandError("Demo visits need the visit purposes of the families data migration.")
        self.purpose_picks = Weighted(self.purposes, [PURPOSE_WEIGHTS.get(p.code, 5) for p in self.purposes])
        self.kinds = Weighted({kind: spec.weight for kind, spec in REQUEST_KINDS.items()})
        self._load_agencies()
        self._load_staff()
        self.templates = {template.key: template for template in MessageTemplate.objects.all()}
        self.names = {(type(record), record.pk): _names(record) for record in [*self.centres, *self.purposes]}

    def _load_agencies(self) -> None:
        self.agencies = list(Agency.objects.filter(is_active=True).order_by("pk"))
        # Agencies have no code, so they are matched by name; a kind without a match goes to any agency.
        self.agency_for = {
            kind: agency
            for kind, spec in REQUEST_KINDS.items()
            if (agency := next((a for a in self.agencies if spec.agency_hint in (a.name_ru or "")), None))
        }
        # Without an agency to refer to, appeals are never referred.
        usable = [entry for entry in REQUEST_PATHS if self.agencies or Status.REFERRED not in entry[0]]
        self.recent_paths = Weighted([path for path, _, _ in usable], [recent for _, recent, _ in usable])
        self.older_paths = Weighted([path for path, _, _ in usable], [older for _, _, older in usable])

    def _load_staff(self) -> None:
        # centre id -> a role (or, for specialists, a specialty) -> users.
        self.staff: dict[int, dict[str, list[User]]] = defaultdict(lambda: defaultdict(list))
        for user in User.objects.filter(role__in=CENTRE_ROLES, centre__isnull=False, is_active=True).order_by("pk"):
            self.staff[user.centre_id][user.specialty or user.role].append(user)
            self.staff[user.centre_id]["any"].append(user)
        self.admins = list(User.objects.filter(role=Role.ADMINISTRATOR, is_active=True).order_by("pk"))
        missing = [c for c in self.centres if not self.desk(c.pk)]
        if missing:
            raise CommandError(
                f"Demo families need a registrar, a centre head or an administrator to record them; {missing[0]} has none."
            )

    def centre(self, pk: int) -> Centre:
        return self._centres[pk]

    def limits_on(self, day: dt.date) -> Thresholds:
        """The thresholds in force on ``day`` (the oldest ones before any was)."""
        return next((limits for valid_from, limits in reversed(self.thresholds) if valid_from <= day), self.thresholds[0][1])

    def names_of(self, record):
        """A centre's or a visit purpose's name in every language, as plain attributes that
        ``families.timeline.translated`` reads without going through modeltranslation each time."""
        return self.names[type(record), record.pk]

    def desk(self, centre_id: int) -> list[User]:
        """Who records a family or a visit at this centre: its registrars, else its head, else an administrator."""
        staff = self.staff[centre_id]
        return staff[Role.REGISTRAR] or staff[Role.CENTRE_HEAD] or self.admins

    def staff_of(self, centre_id: int, kind: str | None = None) -> list[User]:
        staff = self.staff[centre_id]
        return (kind and staff[kind]) or staff["any"] or self.desk(centre_id)


def _names(record) -> SimpleNamespace:
    return SimpleNamespace(**{field: getattr(record, field, None) for field in translated_fields("name")})
