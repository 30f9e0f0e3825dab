class DomainError(Exception):
    """A refusal the user can act on. The message is already translated; ``field`` names the form field
    it belongs to (None for the whole form) and ``link`` an optional page that helps (an existing record)."""

    def __init__(self, message, *, field: str | None = None, link: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field
        self.link = link


def show_on_form(form, error: DomainError) -> None:
    """Puts a service's refusal next to the field it is about (or at the top of the form)."""
    form.add_error(error.field if isinstance(error.field, str) and error.field in form.fields else None, error.message)
