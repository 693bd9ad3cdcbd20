"""The client's address behind a proxy: believed only from the proxies named in TRUSTED_PROXIES."""

import pytest
from django.test import RequestFactory

from portal.middleware import ClientAddressMiddleware

pytestmark = pytest.mark.django_db


def seen(settings, remote, forwarded=None, proxies=()):
    settings.TRUSTED_PROXIES = list(proxies)
    request = RequestFactory().get("/", REMOTE_ADDR=remote)
    if forwarded is not None:
        request.META["HTTP_X_FORWARDED_FOR"] = forwarded
    ClientAddressMiddleware(lambda r: None)(request)
    return request.META["REMOTE_ADDR"]


def test_without_trusted_proxies_the_header_is_ignored(settings):
    assert seen(settings, "203.0.113.9", "198.51.100.1") == "203.0.113.9"


def test_behind_the_trusted_proxy_the_address_it_saw_counts(settings):
    proxies = ["127.0.0.1"]
    # nginx appends the peer it saw: the right-most entry.
    assert seen(settings, "127.0.0.1", "198.51.100.7", proxies) == "198.51.100.7"
    # A client that writes the header itself cannot choose its address.
    assert seen(settings, "127.0.0.1", "10.0.0.1, 198.51.100.7", proxies) == "198.51.100.7"
    # Several trusted hops (a network) are skipped from the right.
    assert seen(settings, "10.0.0.2", "198.51.100.7, 10.0.0.3", ["10.0.0.0/8"]) == "198.51.100.7"
    # No header, or garbage: the proxy's own address, never an error.
    assert seen(settings, "127.0.0.1", None, proxies) == "127.0.0.1"
    assert seen(settings, "127.0.0.1", "not-an-address", proxies) == "127.0.0.1"


def test_a_direct_client_cannot_claim_another_address(settings):
    assert seen(settings, "203.0.113.9", "127.0.0.1, 198.51.100.1", ["127.0.0.1"]) == "203.0.113.9"


def test_rate_limits_count_per_visitor_behind_the_proxy(client, settings, committees):
    """Two visitors behind the same proxy each have their own budget; one visitor cannot
    escape theirs by sending a forged header."""
    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    settings.REFERRAL_RATE_LIMIT = "1/h"
    url = committees["fr"].url + "saisine/"
    data = {"topic": "question", "subject": "Tarifs", "message": "Une question assez longue sur les tarifs."}

    def post(forwarded):
        return client.post(url, data, REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR=forwarded).status_code

    assert post("198.51.100.1") == 302
    assert post("198.51.100.1") == 429
    assert post("198.51.100.2") == 302  # another visitor
    assert post("203.0.113.50, 198.51.100.1") == 429  # forged left part: still the same visitor
