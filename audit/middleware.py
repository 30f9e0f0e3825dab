"""The security log of refused requests: every 403, and every 404 for a record that exists but lies
outside the user's scope (``core.scoping.OutOfScope``), so that an administrator sees someone walking
through other districts' ids."""

import re

from django.http import HttpRequest

from audit.models import SecurityEvent
from audit.services import security_log
from core.clients import client_ip
from core.scoping import OutOfScope

# A run of ten digits or more in a path is no id of ours (an IIN has twelve, a phone eleven): masked.
_LONG_NUMBER = re.compile(r"\d{10,}")
_OUT_OF_SCOPE = "_security_out_of_scope"


def where(request: HttpRequest) -> dict:
    """The request as the security log keeps it: method, path (no query string) and client address."""
    return {"method": request.method or "", "path": _LONG_NUMBER.sub("…", request.path), "ip_address": client_ip(request)}


class SecurityLogMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code == 403:
            kind = SecurityEvent.Kind.FORBIDDEN
        elif response.status_code == 404 and getattr(request, _OUT_OF_SCOPE, False):
            kind = SecurityEvent.Kind.OUT_OF_SCOPE
        else:
            return response
        user = getattr(request, "user", None)
        security_log(kind=kind, actor=user if user is not None and user.is_authenticated else None, **where(request))
        return response

    def process_exception(self, request, exception):
        if isinstance(exception, OutOfScope):
            setattr(request, _OUT_OF_SCOPE, True)
        return None  # Django answers the 404 as for any other
