"""Domain errors: refusals a user can act on, raised by services and shown by views."""

from __future__ import annotations

from typing import Any


class DomainError(Exception):
    """A refusal the user can act on. The message is already translated; ``field`` names the form field
    it belongs to (None for the whole form; a tuple path for forms made of parts) and ``link`` an
    optional page that helps (an existing record). ``record`` is a record the refusal tells the user
    about (the family a duplicate check found): the service's transaction is rolled back with the
    refusal, so the view that shows it writes the access-log row."""

    def __init__(self, message: Any, *, field: str | tuple | None = None, link: str | None = None, record: Any = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field
        self.link = link
        self.record = record


class EditConflict(DomainError):
    """An edit made on a page opened before someone else saved the same record (optimistic concurrency:
    the record's ``version`` moved on since). Nothing is saved; the page shows her input again with the
    current ``version``, so that once she has compared it with the current data (``link``) she can save."""

    def __init__(self, message: Any, *, version: int, link: str | None = None) -> None:
        super().__init__(message, link=link)
        self.version = version


def show_on_form(form, error: DomainError) -> None:
    """Puts a service's refusal next to the field it is about (or at the top of the form)."""
    form.add_error(error.field if isinstance(error.field, str) and error.field in form.fields else None, error.message)
