"""The family registry's models, one module per part (import them from here)."""

from families.models.appeals import Agency, Appeal, AppealStep, Referral
from families.models.consent import Consent, ConsentText, consent_scan_path
from families.models.emergency import EmergencyAccess
from families.models.family import CentreGuest, Child, Family, FamilyPartQuerySet, FamilyRecordQuerySet, Housing, MaritalStatus
from families.models.people import Person, Sex
from families.models.search import NameWord
from families.models.thresholds import CategoryChange, CategoryThresholds
from families.models.timeline import TimelineEntry
from families.models.visits import Visit, VisitPurpose

__all__ = [
    "Agency",
    "Appeal",
    "AppealStep",
    "CategoryChange",
    "CategoryThresholds",
    "CentreGuest",
    "Child",
    "Consent",
    "ConsentText",
    "EmergencyAccess",
    "Family",
    "FamilyPartQuerySet",
    "FamilyRecordQuerySet",
    "Housing",
    "MaritalStatus",
    "NameWord",
    "Person",
    "Referral",
    "Sex",
    "TimelineEntry",
    "Visit",
    "VisitPurpose",
    "consent_scan_path",
]
