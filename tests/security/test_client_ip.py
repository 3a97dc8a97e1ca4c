"""Per-client limits behind proxies count visitors, not the proxy, and never
believe an address a client wrote itself."""

import pytest
from django.test import RequestFactory

from portal.serving.client_address import client_ip


def request(remote="10.0.0.2", forwarded=None):
    extra = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded is not None else {}
    return RequestFactory().get("/", REMOTE_ADDR=remote, **extra)


def test_without_proxies_the_connection_is_the_client(settings):
    settings.TRUSTED_PROXY_COUNT = 0
    assert client_ip(request(forwarded="198.51.100.1")) == "10.0.0.2"


@pytest.mark.parametrize(
    ("forwarded", "count", "expected"),
    [
        ("198.51.100.1", 1, "198.51.100.1"),
        # The client made up the first entry; our proxy added the real one.
        ("203.0.113.66, 198.51.100.1", 1, "198.51.100.1"),
        # Two proxies: the outer one saw the client, the inner one the outer.
        ("203.0.113.66, 198.51.100.1, 10.0.0.9", 2, "198.51.100.1"),
        # Fewer entries than proxies: the header is not ours to believe.
        ("", 1, "10.0.0.2"),
        ("198.51.100.1", 2, "10.0.0.2"),
    ],
)
def test_behind_proxies_the_client_is_the_entry_the_outermost_proxy_added(
    settings, forwarded, count, expected
):
    settings.TRUSTED_PROXY_COUNT = count
    settings.TRUSTED_PROXY_ADDRESSES = ["10.0.0.0/24"]
    assert client_ip(request(forwarded=forwarded)) == expected


def test_a_client_reaching_gunicorn_directly_cannot_choose_its_address(settings):
    # Behind one proxy at 10.0.0.2, a request from elsewhere that writes its
    # own X-Forwarded-For is counted under the address it comes from.
    settings.TRUSTED_PROXY_COUNT = 1
    settings.TRUSTED_PROXY_ADDRESSES = ["10.0.0.2"]
    assert client_ip(request(remote="203.0.113.9", forwarded="198.51.100.1")) == "203.0.113.9"
    assert client_ip(request(remote="10.0.0.2", forwarded="198.51.100.1")) == "198.51.100.1"


def test_sign_in_throttling_reads_the_same_address(settings):
    from axes.helpers import get_client_ip_address

    settings.TRUSTED_PROXY_COUNT = 1
    settings.TRUSTED_PROXY_ADDRESSES = ["10.0.0.2"]
    assert get_client_ip_address(request(forwarded="198.51.100.7")) == "198.51.100.7"
