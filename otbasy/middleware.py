import re

from django.conf import settings
from django.http import HttpResponseRedirect
from django.middleware.locale import LocaleMiddleware
from django.urls import get_urlconf, is_valid_path
from django.utils import translation
from django.utils.translation.trans_real import parse_accept_lang_header

# "/kz/...", "/ru-RU/...", "/qaz/...": a first path segment that looks like a language code.
_LANGUAGE_LIKE = re.compile(r"^/(?P<code>[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})?)(?P<rest>/.*)?$")
# Codes people type for our languages that are not ISO 639-1 (kz is the country, not the language).
_ALIASES = {"kz": "kk", "kaz": "kk", "qaz": "kk", "rus": "ru", "eng": "en"}


class PublicLocaleMiddleware(LocaleMiddleware):
    """Django's LocaleMiddleware, except that a browser's Accept-Language never picks English.

    English is for administrators (README, "Languages"): a visitor whose browser is set to English lands
    on the first public language she also accepts, else on Kazakh. A language she chose (in the
    address, or in the switcher, which sets the cookie) is obeyed as before."""

    def process_request(self, request):
        super().process_request(request)
        language = request.LANGUAGE_CODE
        if language in settings.PUBLIC_LANGUAGES or translation.get_language_from_path(request.path_info):
            return
        if request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME) == language:
            return
        translation.activate(_public_language_accepted(request))
        request.LANGUAGE_CODE = translation.get_language()


def _public_language_accepted(request) -> str:
    for code, _quality in parse_accept_lang_header(request.META.get("HTTP_ACCEPT_LANGUAGE", "")):
        variant = _supported_variant(code) if code != "*" else None
        if variant in settings.PUBLIC_LANGUAGES:
            return variant
    return settings.LANGUAGE_CODE


class LanguagePrefixRedirectMiddleware:
    """Sends a path with an unknown language prefix to the same page under a language we serve.

    Django's LocaleMiddleware already adds a prefix to a path without one; this handles a wrong one.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code != 404:
            return response
        match = _LANGUAGE_LIKE.match(request.path_info)
        if not match:
            return response
        code = match["code"].lower().replace("_", "-")
        if code in dict(settings.LANGUAGES):
            return response  # a real 404 in a language we serve
        language = _ALIASES.get(code) or _supported_variant(code) or translation.get_language()
        new_path = f"/{language}{match['rest'] or '/'}"
        if not is_valid_path(new_path, get_urlconf()):
            return response
        query = request.META.get("QUERY_STRING", "")
        return HttpResponseRedirect(request.META.get("SCRIPT_NAME", "") + new_path + (f"?{query}" if query else ""))


def _supported_variant(code: str) -> str | None:
    try:
        return translation.get_supported_language_variant(code)
    except LookupError:
        return None


class AdminInEnglishMiddleware:
    """The administration site is for administrators, in English (see README, "Languages")."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info.startswith("/admin/"):
            translation.activate("en")
            request.LANGUAGE_CODE = "en"
        return self.get_response(request)
