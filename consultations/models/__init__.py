"""The consultations' models, one module per part (import them from here)."""

from consultations.models.appointments import Appointment, AppointmentQuerySet
from consultations.models.notes import CaseNote, LegalIssue, Placement, SalaryBand
from consultations.models.plans import PlanBreak, TimeOff, Weekday, WorkingHours, Workplace

__all__ = [
    "Appointment",
    "AppointmentQuerySet",
    "CaseNote",
    "LegalIssue",
    "Placement",
    "PlanBreak",
    "SalaryBand",
    "TimeOff",
    "Weekday",
    "WorkingHours",
    "Workplace",
]
