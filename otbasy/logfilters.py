"""Filters for settings.LOGGING, and gunicorn's logger."""

import logging
import re

from gunicorn.glogging import Logger


class RefusalsWithoutTraceback(logging.Filter):
    """A 403 is a permission rule saying no, not a fault: Django logs it with the PermissionDenied's
    traceback, which buries the real errors in the log. Keep the one line ("Forbidden (Permission
    denied): /kk/centres/"), drop the traceback."""

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "status_code", None) == 403:
            record.exc_info = None
            record.exc_text = None
        return True


# An IIN (twelve digits), or a Kazakhstan phone number with the separators people and URLs put in it
# (87011234567, 8 701 123 45 67, +7 (701) 123-45-67, %2B77011234567, 8+701+123+45+67).
_GAP = r"(?:[\s()+\-]|%20|%2[bB])*"
_NUMBER = re.compile(
    rf"(?<!\d)(?:\d{{12}}|(?:\+|%2[bB])?[78]{_GAP}\d{{3}}{_GAP}\d{{3}}{_GAP}\d{{2}}{_GAP}\d{{2}}|\d{{10}})(?!\d)"
)
MASK = "[number]"


def without_numbers(text: str) -> str:
    """``text`` with every IIN and phone number replaced by ``[number]``."""
    return _NUMBER.sub(MASK, text)


def without_query(uri: str) -> str:
    """A request URI without its query string: a search's IIN, phone or name stays out of the log."""
    path, _, query = uri.partition("?")
    return f"{path}?…" if query else path


class NoPersonalNumbers(logging.Filter):
    """Keeps IINs and phone numbers out of every log line: a database error quoting a duplicate IIN, a
    simulated SMS's number, a path someone typed. The message is formatted here and then masked, and so
    is a traceback."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        masked = without_numbers(message)
        if masked != message:
            record.msg, record.args = masked, None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = without_numbers(record.exc_text)
        return True


class GunicornLogger(Logger):
    """gunicorn's logger (``gunicorn.conf.py``): the access log shows each request's path without its
    query string, and no IIN or phone number anywhere in a line (the referring page's address and the
    headers included); the error log goes through the same mask."""

    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        atoms["r"] = f"{environ['REQUEST_METHOD']} {without_query(environ.get('RAW_URI', ''))} {environ['SERVER_PROTOCOL']}"
        atoms["q"] = ""
        atoms["f"] = without_query(atoms.get("f") or "-")
        return {key: without_numbers(value) if isinstance(value, str) else value for key, value in atoms.items()}

    def setup(self, cfg) -> None:
        super().setup(cfg)
        for handler in (*self.error_log.handlers, *self.access_log.handlers):
            handler.addFilter(NoPersonalNumbers())
