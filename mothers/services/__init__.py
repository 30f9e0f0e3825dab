"""Every change to mothers' accounts goes through these functions (each in one transaction, with an
audit row, refusing with a translated ``core.errors.DomainError``)."""

from mothers.services.accounts import (
    SignUp,
    mother_change_phone,
    mother_forget,
    mother_reset_password,
    mother_set_preferences,
    mother_sign_up,
)
from mothers.services.codes import code_send, code_use, codes_forget
from mothers.services.desk import mother_link

__all__ = [
    "SignUp",
    "code_send",
    "code_use",
    "codes_forget",
    "mother_change_phone",
    "mother_forget",
    "mother_link",
    "mother_reset_password",
    "mother_set_preferences",
    "mother_sign_up",
]
