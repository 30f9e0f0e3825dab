"""Every change to the family registry goes through these functions. Each takes the acting user,
runs in one transaction, leaves an audit row (and an access-log row for personal data), writes the
family's timeline and raises ``core.errors.DomainError`` with a translated message when it refuses."""

from families.services.anonymise import consent_scans_delete_superseded, family_anonymise
from families.services.appeals import appeal_move, appeal_open, referral_create, referral_record_outcome
from families.services.categories import categories_recompute_all, categories_refresh
from families.services.consent import consent_record, consent_withdraw, require_consent
from families.services.name_words import name_words_forget_unused
from families.services.preferences import family_set_phone, family_set_preferences, family_stop_optional_messages
from families.services.registration import (
    ChildData,
    ConsentData,
    FamilyDetails,
    PersonData,
    family_register,
    family_update,
)
from families.services.self_registration import (
    family_discard_sign_up,
    family_link_account,
    family_self_register,
    family_verify,
)
from families.services.visits import family_open_to_centre, visit_check_in, visit_mark_served

__all__ = [
    "ChildData",
    "ConsentData",
    "FamilyDetails",
    "PersonData",
    "appeal_move",
    "appeal_open",
    "categories_recompute_all",
    "categories_refresh",
    "consent_record",
    "consent_scans_delete_superseded",
    "consent_withdraw",
    "family_anonymise",
    "family_discard_sign_up",
    "family_link_account",
    "family_open_to_centre",
    "family_register",
    "family_self_register",
    "family_set_phone",
    "family_set_preferences",
    "family_stop_optional_messages",
    "family_update",
    "family_verify",
    "name_words_forget_unused",
    "referral_create",
    "referral_record_outcome",
    "require_consent",
    "visit_check_in",
    "visit_mark_served",
]
