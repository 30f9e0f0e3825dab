"""The grants' writes (import them from here)."""

from grants.services.applications import (
    application_amend,
    application_create,
    application_edit,
    application_submit,
    application_update,
    document_add,
)
from grants.services.money import application_approve, tranche_record, visit_record
from grants.services.reviews import review_assign, review_submit
from grants.services.rounds import round_move
from grants.services.workflow import application_check, application_move

__all__ = [
    "application_amend",
    "application_approve",
    "application_check",
    "application_create",
    "application_edit",
    "application_move",
    "application_submit",
    "application_update",
    "document_add",
    "review_assign",
    "review_submit",
    "round_move",
    "tranche_record",
    "visit_record",
]
