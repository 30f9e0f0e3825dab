"""What the sign-up, reset and phone pages share: the refusals of the rate limits."""

from django.conf import settings
from django.shortcuts import render
from django.utils.translation import ngettext

from mothers import limits

BACKEND = "mothers.backends.PhoneOrIinBackend"


def _refuse(request, template: str, context: dict, form, message: str):
    """The page again with what she typed, the refusal above it, and status 429."""
    return render(request, template, {**context, "form": form, "refusal": message}, status=429)


def too_many_requests(request, template: str, context: dict, form):
    minutes = limits.wait_minutes(settings.MOTHERS_CODE_REQUESTS_PER_NUMBER, settings.MOTHERS_CODE_REQUESTS_PER_CLIENT)
    message = ngettext(
        "Too many codes were asked for. Please try again in %(minutes)d minute at most.",
        "Too many codes were asked for. Please try again in %(minutes)d minutes at most.",
        minutes,
    ) % {"minutes": minutes}
    return _refuse(request, template, context, form, message)


def too_many_attempts(request, template: str, context: dict, form):
    minutes = limits.wait_minutes(settings.MOTHERS_CODE_ATTEMPTS_PER_NUMBER, settings.MOTHERS_CODE_ATTEMPTS_PER_CLIENT)
    message = ngettext(
        "Too many wrong codes. Please try again in %(minutes)d minute at most.",
        "Too many wrong codes. Please try again in %(minutes)d minutes at most.",
        minutes,
    ) % {"minutes": minutes}
    return _refuse(request, template, context, form, message)
