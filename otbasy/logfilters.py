"""Filters for settings.LOGGING."""

import logging


class RefusalsWithoutTraceback(logging.Filter):
    """A 403 is a permission rule saying no, not a fault: Django logs it with the PermissionDenied's
    traceback, which buries the real errors in the log. Keep the one line ("Forbidden (Permission
    denied): /kk/centres/"), drop the traceback."""

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "status_code", None) == 403:
            record.exc_info = None
            record.exc_text = None
        return True
