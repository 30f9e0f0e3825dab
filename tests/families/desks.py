"""Staff at several desks sending real HTTP requests to the live server at the same moment (threads),
for the tests of races on PostgreSQL."""

from __future__ import annotations

import functools
import re
import threading
import urllib.error
import urllib.parse
import urllib.request
from contextlib import nullcontext
from unittest import mock

from django.db import connections
from django.test import Client


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


_OPENER = urllib.request.build_opener(_NoRedirect)
# The hidden inputs a form page carries that a browser sends back as they are.
_HIDDEN = re.compile(r'<input type="hidden" name="([^"]+)" value="([^"]*)"')


class Desk:
    """A signed-in browser session at one desk (cookies kept by hand, as a browser would)."""

    def __init__(self, live_server, user):
        client = Client()
        client.force_login(user)
        self.base = live_server.url
        self.cookies = {"sessionid": client.cookies["sessionid"].value}

    def open(self, path: str, data: dict | None = None, *, htmx: bool = False) -> tuple[int, str]:
        url = f"{self.base}{path}"
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items()), "Referer": url}
        if htmx:
            headers["HX-Request"] = "true"
        body = urllib.parse.urlencode(data, doseq=True).encode() if data is not None else None
        try:
            response = _OPENER.open(urllib.request.Request(url, data=body, headers=headers))
        except urllib.error.HTTPError as error:
            response = error
        for header in response.headers.get_all("Set-Cookie") or []:
            name, value = header.split(";", 1)[0].split("=", 1)
            self.cookies[name] = value
        return response.status if hasattr(response, "status") else response.code, response.read().decode()

    def form(self, path: str, *, htmx: bool = False) -> dict:
        """Opens a form and returns its hidden inputs (the CSRF token, the form's token, a version)."""
        status, page = self.open(path, htmx=htmx)
        assert status == 200, page[:300]
        return dict(_HIDDEN.findall(page))

    def submit(self, path: str, data: dict, *, hidden: dict | None = None, htmx: bool = False) -> tuple[int, str]:
        """Posts ``data`` with the hidden inputs of the form as it was opened (now, unless given)."""
        hidden = self.form(path, htmx=htmx) if hidden is None else hidden
        return self.open(path, {**hidden, **data}, htmx=htmx)


def at_once(calls, *, meeting_after: tuple | None = None) -> list:
    """Runs each call in a thread of its own. With ``meeting_after=(owner, "name")`` every request waits
    just after ``owner.name`` returns until all of them have got there, so that none goes on before
    the others have done the same step."""
    barrier = threading.Barrier(len(calls), timeout=20)
    patch = nullcontext()
    if meeting_after is not None:
        owner, name = meeting_after
        original = getattr(owner, name)

        @functools.wraps(original)
        def then_wait(*args, **kwargs):
            result = original(*args, **kwargs)
            barrier.wait()
            return result

        patch = mock.patch.object(owner, name, then_wait)
    results: list = [None] * len(calls)

    def run(index):
        try:
            results[index] = calls[index]()
        finally:
            connections.close_all()  # a call that read the database in this thread opened a connection of its own

    with patch:
        threads = [threading.Thread(target=run, args=(index,)) for index in range(len(calls))]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
    return results
