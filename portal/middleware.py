import contextlib
import ipaddress
import logging
import re
from urllib.parse import unquote

from django.conf import settings
from django.middleware import gzip
from django.middleware.locale import LocaleMiddleware

logger = logging.getLogger(__name__)

# Paths outside the language prefix: their 404s stay 404s (JSON for the API).
UNPREFIXED = (
    "/api/",
    "/admin/",
    "/documents/",
    "/sitemap.xml",
    "/sitemap-",
    "/robots.txt",
    "/static/",
    "/media/",
    "/health/",
)


# Text worth compressing: pages, JSON and XML (API, sitemaps, feeds), calendars, CSV, SVG.
_COMPRESSIBLE = re.compile(
    r"(text/|image/svg\+xml|application/(json|xml|javascript|[\w.+-]*\+(json|xml)|vnd\.oai\.openapi))",
    re.IGNORECASE,
)


class GZipMiddleware(gzip.GZipMiddleware):
    """Django's GZipMiddleware, for text only: images, PDFs and archives (documents, photos)
    are compressed already, and a gzipped download would lose its Content-Length.

    BREACH (guessing a secret in a compressed page from the response sizes) is mitigated as
    Django does it: CSRF tokens are masked differently in each response, and each compressed
    response carries up to 100 random bytes in its gzip header (Heal The Breach, Django 4.2+).
    Kept pages (portal.cache) are stored uncompressed and compressed per response, each
    visitor's CSRF token already in place; `Vary: Accept-Encoding` is added to every answer
    this may compress."""

    def process_response(self, request, response):
        if not _COMPRESSIBLE.match(response.get("Content-Type", "")):
            return response
        return super().process_response(request, response)


class PortalLocaleMiddleware(LocaleMiddleware):
    """Django's LocaleMiddleware, minus the redirect of unprefixed 404s to /<lang>/…"""

    def process_response(self, request, response):
        if request.path_info.startswith(UNPREFIXED):
            return response
        return super().process_response(request, response)


class ClientAddressMiddleware:
    """REMOTE_ADDR becomes the client's address when the request came through a trusted proxy.

    settings.TRUSTED_PROXIES names the proxies (addresses or networks). Only when the TCP peer
    is one of them is X-Forwarded-For read, from the right: the last address that is not a
    trusted proxy is the one our own proxy saw connecting, which the client cannot forge (what
    the client wrote itself sits further left and is ignored). Without TRUSTED_PROXIES the header
    is never read. Everything that needs the client's address (rate limits, allauth) reads
    REMOTE_ADDR, so this is the one place that decides it.
    """

    warned = False

    def __init__(self, get_response):
        self.get_response = get_response
        self.proxies = [ipaddress.ip_network(p, strict=False) for p in settings.TRUSTED_PROXIES]

    def _trusted(self, address):
        try:
            ip = ipaddress.ip_address(address.strip())
        except ValueError:
            return False
        return any(ip in network for network in self.proxies)

    def __call__(self, request):
        peer = request.META.get("REMOTE_ADDR", "")
        if not self.proxies and not self.warned and "HTTP_X_FORWARDED_FOR" in request.META:
            # Probably behind a proxy that nobody named: every visitor would share its address
            # (and its rate limits). Said once per process.
            logger.warning("X-Forwarded-For received but TRUSTED_PROXIES is empty: see README, Production.")
            ClientAddressMiddleware.warned = True
        if self.proxies and self._trusted(peer):
            chain = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if a.strip()]
            for address in reversed(chain):
                if self._trusted(address):
                    continue
                # Garbage from a misconfigured hop: keep the proxy's address.
                with contextlib.suppress(ValueError):
                    request.META["REMOTE_ADDR"] = str(ipaddress.ip_address(address))
                break
        return self.get_response(request)


class MovedSegmentsMiddleware:
    """/nl/directory/12-x/ → /nl/ledengids/12-x/: an address whose path segments are another
    language's (English ones from before the segments were translated, or a French address with
    its prefix changed by hand) is sent on to the visitor's language's, for every translated
    pattern at once. Only what would otherwise be a "page not found" is looked at."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code == 404:
            target = self._translated(request)
            if target:
                from portal.utils import moved_permanently

                return moved_permanently(request, target)
        return response

    def _translated(self, request):
        from django.urls import NoReverseMatch, Resolver404, resolve, reverse
        from django.utils.translation import get_language, override

        from portal.utils import language_codes

        language = get_language()
        prefix = f"/{language}/"
        if not request.path_info.startswith(prefix):
            return None
        rest = request.path_info[len(prefix) :]
        others = sorted((c for c in language_codes() if c != language), key=lambda c: c != "en")
        for code in others:
            with override(code):
                try:
                    match = resolve(f"/{code}/{rest}")
                except Resolver404:
                    continue
            if match.url_name and match.view_name != "wagtail_serve":
                break
        else:
            return None
        try:
            target = reverse(match.view_name, args=match.args, kwargs=match.kwargs)
        except NoReverseMatch:
            return None
        # reverse() quotes what it puts in the path; path_info is unquoted (a non-ASCII token
        # would otherwise be sent to itself for ever).
        return target if unquote(target) != request.path_info else None
