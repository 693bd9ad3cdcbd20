"""Answers compressed for clients that accept gzip (issue 13): pages, kept pages with each
visitor's CSRF token, the API; not what is compressed already."""

import gzip
import re

import pytest
from django.http import HttpResponse
from django.test import Client, RequestFactory

from coworking.models import Space
from portal.middleware import GZipMiddleware

pytestmark = pytest.mark.django_db

TOKEN = re.compile(rb'name="csrfmiddlewaretoken" value="([^"]+)"')


def vary(response):
    return {part.strip() for part in response["Vary"].split(",")}


def test_a_page_comes_gzipped_to_a_client_that_accepts_it_and_decompresses_to_the_page(client):
    plain = client.get("/fr/")
    assert plain.status_code == 200 and not plain.has_header("Content-Encoding")
    assert "Accept-Encoding" in vary(plain)

    compressed = client.get("/fr/", HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    assert compressed.status_code == 200
    assert compressed["Content-Encoding"] == "gzip"
    assert int(compressed["Content-Length"]) == len(compressed.content) < len(plain.content) / 2
    # The kept page, compressed on the way out: the same page once decompressed.
    assert gzip.decompress(compressed.content) == plain.content
    # Caches keep one copy per encoding, per visitor (cookie) and per language.
    assert {"Accept-Encoding", "Cookie", "Accept-Language"} <= vary(compressed)


def test_a_kept_page_with_a_form_is_compressed_with_each_visitors_own_token():
    url = Space.objects.public().order_by("pk").first().get_absolute_url()
    bodies = []
    for _visitor in range(3):  # the first builds and keeps the page, the others get it kept
        response = Client().get(url, HTTP_ACCEPT_ENCODING="gzip")
        assert response.status_code == 200 and response["Content-Encoding"] == "gzip"
        bodies.append(gzip.decompress(response.content))
    tokens = [TOKEN.findall(body) for body in bodies]
    assert all(tokens) and len({found[0] for found in tokens}) == 3
    assert not any(b"portal-csrf-token" in body for body in bodies)
    # Apart from the token, the very same page.
    assert len({TOKEN.sub(b"", body) for body in bodies}) == 1


def test_api_answers_are_compressed_too(client):
    response = client.get("/api/v1/spaces/", HTTP_ACCEPT_ENCODING="gzip")
    assert response["Content-Encoding"] == "gzip"
    assert gzip.decompress(response.content).startswith(b"{")


def test_what_is_compressed_already_is_left_alone():
    request = RequestFactory().get("/media/photo.jpg", HTTP_ACCEPT_ENCODING="gzip")
    for content_type in ("image/jpeg", "application/pdf", "application/zip"):
        response = HttpResponse(b"x" * 5000, content_type=content_type)
        middleware = GZipMiddleware(lambda request, response=response: response)
        response = middleware(request)
        assert not response.has_header("Content-Encoding") and len(response.content) == 5000
        assert not response.has_header("Vary")


def test_each_compressed_answer_is_padded_at_random_against_breach():
    """Django's Heal The Breach: random bytes in the gzip header, so sizes do not tell."""
    request = RequestFactory().get("/", HTTP_ACCEPT_ENCODING="gzip")
    middleware = GZipMiddleware(lambda request: HttpResponse(b"<p>same page</p>" * 100))
    sizes = {len(middleware(request).content) for _ in range(20)}
    assert len(sizes) > 1


def test_static_files_are_compressed_by_collectstatic(settings, tmp_path):
    """WhiteNoise's storage writes a .gz and a .br beside each text file; WhiteNoise serves
    them by Accept-Encoding (its middleware answers before GZipMiddleware)."""
    from django.core.management import call_command

    settings.STATIC_ROOT = str(tmp_path)
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    call_command("collectstatic", interactive=False, verbosity=0)
    css = [p for p in tmp_path.glob("portal/**/*.css") if p.suffix == ".css"]
    assert css and all(p.with_name(p.name + ".gz").exists() for p in css)
    assert all(p.with_name(p.name + ".br").exists() for p in css)
