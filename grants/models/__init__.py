"""The grants' models, one module per part (import them from here)."""

from grants.models.applications import (
    APPROVED_STATUSES,
    ENDED_STATUSES,
    Application,
    ApplicationVersion,
    Document,
    Sector,
    Status,
    Transition,
    application_number,
)
from grants.models.money import MonitoringVisit, RevenueBand, Tranche
from grants.models.programmes import Allocation, Budget, Criterion, Programme, Round, RoundMove
from grants.models.reviews import Review, ReviewerProfile, Score

__all__ = [
    "APPROVED_STATUSES",
    "ENDED_STATUSES",
    "RevenueBand",
    "Sector",
    "Status",
    "Allocation",
    "Application",
    "ApplicationVersion",
    "Budget",
    "Criterion",
    "Document",
    "MonitoringVisit",
    "Programme",
    "Review",
    "ReviewerProfile",
    "Round",
    "RoundMove",
    "Score",
    "Tranche",
    "Transition",
    "application_number",
]
