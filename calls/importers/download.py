"""Bounded HTTP(S) downloads for the importers, with the standard library only.

Only http and https are ever opened, including on redirects (urllib's default opener would also
follow file:, ftp: and data: URLs). Only public addresses are reached unless the caller allows
private ones: the address checked is the one the socket actually connected to, after DNS, so
neither a name resolving to 127.0.0.1 nor a redirect to the intranet reaches the portal's own
services (its search node, its database). Bodies are read in chunks and abandoned past
`max_bytes`, and the whole download (not just each socket read) must finish within `timeout`
seconds.
"""

from __future__ import annotations

import http.client
import ipaddress
import json
import ssl
import time
import urllib.error
import urllib.request
from urllib.parse import urljoin, urlsplit

from .notice import DownloadError

MAX_BYTES = 20_000_000
MAX_REDIRECTS = 5
USER_AGENT = "portal-calls-importer/1.0"
_CHUNK = 64 * 1024


def _check_scheme(url: str, what: str = "URL") -> None:
    scheme = urlsplit(url).scheme.lower()
    if scheme not in ("http", "https"):
        shown = url if len(url) <= 100 else url[:100] + "…"
        raise DownloadError(f"The {what} {shown!r} is not http or https; only web addresses are downloaded.")


class _RedirectHandler(urllib.request.HTTPRedirectHandler):
    max_redirections = MAX_REDIRECTS

    def http_error_302(self, req, fp, code, msg, headers):
        location = headers.get("location") or headers.get("uri")
        if location:
            # Checked here, before urllib's own test, so the refusal is ours and clearly worded.
            _check_scheme(urljoin(req.full_url, location), "redirect target")
        return super().http_error_302(req, fp, code, msg, headers)

    http_error_301 = http_error_303 = http_error_307 = http_error_308 = http_error_302


def _check_peer(sock, host: str) -> None:
    address = ipaddress.ip_address(sock.getpeername()[0].split("%")[0])
    if getattr(address, "ipv4_mapped", None):
        address = address.ipv4_mapped
    if not address.is_global:
        sock.close()
        raise DownloadError(
            f"{host} is a private or local address ({address}); only public web addresses are downloaded."
        )


class _PublicHTTPConnection(http.client.HTTPConnection):
    def connect(self):
        super().connect()
        _check_peer(self.sock, self.host)


class _PublicHTTPSConnection(http.client.HTTPSConnection):
    def connect(self):
        super().connect()
        _check_peer(self.sock, self.host)


class _PublicHTTPHandler(urllib.request.HTTPHandler):
    def http_open(self, req):
        return self.do_open(_PublicHTTPConnection, req)


class _PublicHTTPSHandler(urllib.request.HTTPSHandler):
    def https_open(self, req):
        return self.do_open(_PublicHTTPSConnection, req, context=self._context)


def _opener(allow_private: bool) -> urllib.request.OpenerDirector:
    opener = urllib.request.OpenerDirector()
    context = ssl.create_default_context()
    for handler in (
        urllib.request.ProxyHandler(),
        urllib.request.UnknownHandler(),
        urllib.request.HTTPHandler() if allow_private else _PublicHTTPHandler(),
        urllib.request.HTTPSHandler(context=context)
        if allow_private
        else _PublicHTTPSHandler(context=context),
        urllib.request.HTTPDefaultErrorHandler(),
        _RedirectHandler(),
        urllib.request.HTTPErrorProcessor(),
    ):
        opener.add_handler(handler)
    return opener


def _request(request: urllib.request.Request, max_bytes: int, timeout: float, allow_private: bool) -> bytes:
    url = request.full_url
    _check_scheme(url)
    started = time.monotonic()
    try:
        with _opener(allow_private).open(request, timeout=timeout) as response:
            length = response.headers.get("Content-Length")
            if length and length.isdigit() and int(length) > max_bytes:
                raise DownloadError(
                    f"The answer from {url} is {int(length):,} bytes, more than {max_bytes:,}."
                )
            chunks, size = [], 0
            while chunk := response.read(_CHUNK):
                size += len(chunk)
                if size > max_bytes:
                    raise DownloadError(f"The answer from {url} is larger than {max_bytes:,} bytes.")
                if time.monotonic() - started > timeout:
                    raise DownloadError(f"The download of {url} took more than {timeout:g} seconds.")
                chunks.append(chunk)
            return b"".join(chunks)
    except DownloadError:
        raise
    except urllib.error.HTTPError as error:
        error.close()
        if 300 <= error.code < 400:
            raise DownloadError(f"{url} redirects more than {MAX_REDIRECTS} times (or in a loop).") from None
        raise DownloadError(f"The server answered {error.code} {error.reason} for {url}.") from None
    except TimeoutError:
        raise DownloadError(f"The download of {url} took more than {timeout:g} seconds.") from None
    except urllib.error.URLError as error:
        if isinstance(error.reason, DownloadError):
            raise error.reason from None
        if isinstance(error.reason, TimeoutError):
            raise DownloadError(f"The download of {url} took more than {timeout:g} seconds.") from None
        raise DownloadError(f"{url} could not be downloaded: {error.reason}.") from None
    except (http.client.HTTPException, OSError, ValueError) as error:
        raise DownloadError(f"{url} could not be downloaded: {error}.") from None


def fetch(url: str, max_bytes: int = MAX_BYTES, timeout: float = 30, allow_private: bool = False) -> bytes:
    """The body of `url` (GET), or DownloadError with a message saying why not."""
    _check_scheme(url)
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    return _request(request, max_bytes, timeout, allow_private)


def post_json(
    url: str, body: dict, max_bytes: int = MAX_BYTES, timeout: float = 30, allow_private: bool = False
) -> dict:
    """POST `body` as JSON and return the decoded JSON answer (for the TED Search API)."""
    _check_scheme(url)
    request = urllib.request.Request(
        url,
        data=json.dumps(body).encode(),
        headers={"User-Agent": USER_AGENT, "Content-Type": "application/json", "Accept": "application/json"},
        method="POST",
    )
    data = _request(request, max_bytes, timeout, allow_private)
    try:
        return json.loads(data)
    except ValueError:
        raise DownloadError(f"The answer from {url} is not JSON.") from None
