"""Middleware of the shared core."""

from django.utils.cache import patch_cache_control, patch_vary_headers


class NoStoreForSignedInMiddleware:
    """Pages for a signed-in user show personal data (a family's file, a list of mothers, an export), and
    front-desk computers are shared: nothing answered to a signed-in user is kept by the browser or a
    proxy (``Cache-Control: no-store``). Public pages stay cacheable."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            patch_cache_control(response, private=True, no_store=True, max_age=0)
            patch_vary_headers(response, ["Cookie"])
        return response
