"""How often SMS codes may be asked for and tried, per phone number (or IIN typed) and per client
address, counted by django-ratelimit in the cache (Redis in production).

Asking for a code counts every request, sent or not (a number nobody has counts too, so that a refusal
tells nothing about accounts). Trying a code counts the wrong ones only: ``attempts_left`` is asked
before the code is checked, ``count_wrong_attempt`` after a refusal. A limit reached refuses with a
message saying how long to wait, and changes nothing.
"""

from __future__ import annotations

from django.conf import settings
from django_ratelimit.core import get_usage

REQUESTS = "mothers.code_requests"
ATTEMPTS = "mothers.code_attempts"
SENT = "mothers.codes_sent"


def _by_number(identity: str):
    return lambda group, request: identity


def _over(
    request,
    *,
    group: str,
    identity: str,
    rates: tuple[tuple[int, int], tuple[int, int]],
    increment: bool,
    per_client: bool = True,
) -> bool:
    """Counts a hit (``increment``) and says whether it went past a limit; or, without ``increment``,
    whether the limits are used up already (django-ratelimit's own test is for the hit being counted)."""
    per_number, client_rate = rates
    keys = [(f"{group}.number", _by_number(identity), per_number)]
    if per_client:
        keys.append((f"{group}.client", "ip", client_rate))
    over = False
    for name, key, rate in keys:
        usage = get_usage(request, group=name, key=key, rate=rate, increment=increment)
        if usage is not None:
            over |= usage["should_limit"] or (not increment and usage["count"] >= usage["limit"])
    return over


def code_request_allowed(request, *, identity: str) -> bool:
    """Counts one request for a code to ``identity``; False once the number or the client asked too often."""
    rates = (settings.MOTHERS_CODE_REQUESTS_PER_NUMBER, settings.MOTHERS_CODE_REQUESTS_PER_CLIENT)
    return not _over(request, group=REQUESTS, identity=identity, rates=rates, increment=True)


def code_sending_allowed(request, *, phone: str) -> bool:
    """Counts one code about to be sent to ``phone`` when what was typed was not that number (her IIN):
    the number's own limit, so that typing her IIN and her number in turn gets no more codes."""
    rates = (settings.MOTHERS_CODE_REQUESTS_PER_NUMBER, settings.MOTHERS_CODE_REQUESTS_PER_CLIENT)
    return not _over(request, group=SENT, identity=phone, rates=rates, increment=True, per_client=False)


def attempts_left(request, *, identity: str) -> bool:
    """Whether a code for ``identity`` may still be tried from this client (counts nothing)."""
    rates = (settings.MOTHERS_CODE_ATTEMPTS_PER_NUMBER, settings.MOTHERS_CODE_ATTEMPTS_PER_CLIENT)
    return not _over(request, group=ATTEMPTS, identity=identity, rates=rates, increment=False)


def count_wrong_attempt(request, *, identity: str) -> None:
    rates = (settings.MOTHERS_CODE_ATTEMPTS_PER_NUMBER, settings.MOTHERS_CODE_ATTEMPTS_PER_CLIENT)
    _over(request, group=ATTEMPTS, identity=identity, rates=rates, increment=True)


def wait_minutes(*rates: tuple[int, int]) -> int:
    """The longest window of ``rates`` ((count, seconds), as django-ratelimit takes them), in minutes:
    how long a refused client may have to wait."""
    return max(1, *(seconds // 60 for _count, seconds in rates))
