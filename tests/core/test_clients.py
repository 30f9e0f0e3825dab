import pytest
from django.test import RequestFactory

from core.clients import client_ip


def request_with(**meta):
    return RequestFactory().get("/", **meta)


def test_without_a_proxy_the_forwarded_header_is_ignored(settings):
    settings.PROXY_COUNT = 0
    assert client_ip(request_with(REMOTE_ADDR="203.0.113.5", HTTP_X_FORWARDED_FOR="198.51.100.9")) == "203.0.113.5"


@pytest.mark.parametrize(
    ("proxies", "chain", "client"),
    [
        (1, "203.0.113.5", "203.0.113.5"),
        (1, "198.51.100.9, 203.0.113.5", "203.0.113.5"),  # the left entry came from the client
        (2, "198.51.100.9, 203.0.113.5, 10.0.0.7", "203.0.113.5"),
    ],
)
def test_behind_proxies_the_client_is_the_entry_the_outermost_proxy_wrote(settings, proxies, chain, client):
    settings.PROXY_COUNT = proxies
    assert client_ip(request_with(REMOTE_ADDR="10.0.0.254", HTTP_X_FORWARDED_FOR=chain)) == client


def test_a_request_that_did_not_pass_every_proxy_counts_as_the_socket_address(settings):
    settings.PROXY_COUNT = 2
    assert client_ip(request_with(REMOTE_ADDR="10.0.0.254", HTTP_X_FORWARDED_FOR="203.0.113.5")) == "10.0.0.254"
    assert client_ip(request_with(REMOTE_ADDR="10.0.0.254")) == "10.0.0.254"
