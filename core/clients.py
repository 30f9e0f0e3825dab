"""Who is on the other end of a request, behind the portal's reverse proxies.

Each trusted proxy appends the address it received the request from to ``X-Forwarded-For``. With
``PROXY_COUNT`` proxies in front of gunicorn, the last ``PROXY_COUNT`` entries were written by them,
and the left-most of those is the client's address. Anything further left is whatever the client sent
and is never believed: otherwise an attacker could choose whose address her failed sign-ins count
against. With no proxy (``PROXY_COUNT=0``), or a request that did not come through all of them, the
address is the socket's (``REMOTE_ADDR``).
"""

from django.conf import settings
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str | None:
    remote_addr = request.META.get("REMOTE_ADDR")
    proxies: int = settings.PROXY_COUNT
    if proxies == 0:
        return remote_addr
    chain = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()]
    if len(chain) < proxies:
        return remote_addr
    return chain[-proxies]
