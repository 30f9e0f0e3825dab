"""Domain errors: refusals a user can act on, raised by services and shown by views."""

from __future__ import annotations

from typing import Any


class DomainError(Exception):
    """A refusal the user can act on. The message is already translated; ``field`` names the form field
    it belongs to (None for the whole form; a tuple path for forms made of parts) and ``link`` an
    optional page that helps (an existing record)."""

    def __init__(self, message: Any, *, field: str | tuple | None = None, link: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field
        self.link = link


def show_on_form(form, error: DomainError) -> None:
    """Puts a service's refusal next to the field it is about (or at the top of the form)."""
    form.add_error(error.field if isinstance(error.field, str) and error.field in form.fields else None, error.message)
