"""HTTP clients of the bench: one persistent connection and its own cookies each, signed in through
the login form like a browser (or not at all, for the anonymous one)."""

from __future__ import annotations

import html.parser
import http.client
import http.cookies
from urllib.parse import urlencode

from benchlib.database import HOST, BenchError, say

PASSWORD = "otbasy-demo"  # seed_demo's password for every demo user
REQUEST_TIMEOUT = 60.0
LOGIN_PATH = "/kk/accounts/login/"


class Client:
    """One persistent connection and its own cookies. gunicorn's sync workers close the connection
    after each answer; http.client then reconnects by itself on the next request."""

    def __init__(self, port: int, cookies: dict[str, str] | None = None) -> None:
        self.port = port
        self.cookies = dict(cookies or {})
        self.connection = http.client.HTTPConnection(HOST, port, timeout=REQUEST_TIMEOUT)

    def request(
        self, method: str, path: str, body: str | None = None, headers: dict[str, str] | None = None
    ) -> tuple[int, http.client.HTTPResponse, bytes]:
        headers = {"User-Agent": "otbasy-bench", **(headers or {})}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        for attempt in (1, 2):
            try:
                self.connection.request(method, path, body=body, headers=headers)
                response = self.connection.getresponse()
                content = response.read()
                break
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                # A connection the server had already closed: open a new one, once (GETs only: they
                # can safely be sent twice).
                self.connection.close()
                if attempt == 2 or method != "GET":
                    raise
        self.remember_cookies(response)
        return response.status, response, content

    def get(self, path: str) -> tuple[int, bytes]:
        status, _, content = self.request("GET", path)
        return status, content

    def remember_cookies(self, response: http.client.HTTPResponse) -> None:
        for header in response.msg.get_all("Set-Cookie") or []:
            jar = http.cookies.SimpleCookie()
            jar.load(header)
            for name, morsel in jar.items():
                if morsel["max-age"] == "0" or morsel.value == "":
                    self.cookies.pop(name, None)  # Django deletes a cookie by expiring it
                else:
                    self.cookies[name] = morsel.value

    def close(self) -> None:
        self.connection.close()


class CsrfFieldFinder(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.token: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        fields = dict(attrs)
        if tag == "input" and fields.get("name") == "csrfmiddlewaretoken":
            self.token = fields.get("value")


def sign_in(port: int, username: str) -> dict[str, str]:
    """Signs ``username`` in through the login form; returns the cookies (sessionid, csrftoken...)."""
    client = Client(port)
    try:
        status, page = client.get(LOGIN_PATH)
        if status != 200:
            raise BenchError(f"GET {LOGIN_PATH} answered {status}")
        finder = CsrfFieldFinder()
        finder.feed(page.decode("utf-8", errors="replace"))
        if not finder.token or "csrftoken" not in client.cookies:
            raise BenchError(f"no CSRF token on {LOGIN_PATH}")
        status = _post_login(client, port, username, finder.token)
        if status != 302 or "sessionid" not in client.cookies:
            hint = " (wrong password, or locked out by axes?)" if status == 200 else ""
            raise BenchError(f"signing in as {username} failed: POST {LOGIN_PATH} answered {status}{hint}")
        status, _ = client.get("/kk/accounts/profile/")  # a page only a signed-in user gets
        if status != 200:
            raise BenchError(f"signed in as {username}, but the profile page answered {status}")
    finally:
        client.close()
    say(f"   signed in as {username}")
    return client.cookies


def _post_login(client: Client, port: int, username: str, token: str) -> int:
    form = urlencode({"username": username, "password": PASSWORD, "csrfmiddlewaretoken": token})
    status, _response, _content = client.request(
        "POST",
        LOGIN_PATH,
        body=form,
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            # Django checks the Referer of a POST only over HTTPS, but a browser sends it anyway.
            "Referer": f"http://{HOST}:{port}{LOGIN_PATH}",
        },
    )
    return status
