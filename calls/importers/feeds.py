"""RSS 2.0 and Atom feeds of calls (for projects, for tenders) via feedparser.

feedparser drops most entity declarations but re-inserts the ones it deems "safe" and falls back to
a loose parser on errors, so the bytes go through safexml first: any DTD is refused and the feed
must be well-formed XML. The data is wrapped in a stream because feedparser treats bytes that
look like a path or URL as something to open.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from urllib.parse import urljoin

import lxml.html
from lxml import etree

from . import safexml
from .notice import Notice, ParseError, language_code

_BLOCKS = {
    "p",
    "div",
    "br",
    "li",
    "ul",
    "ol",
    "tr",
    "td",
    "th",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
}


def html_to_text(value: str) -> str:
    """Text content of an HTML fragment, whitespace collapsed."""
    if not value or not value.strip():
        return ""
    try:
        root = lxml.html.fragment_fromstring(value, create_parent="div")
    except (etree.ParserError, ValueError):
        return " ".join(value.split())
    # text_content() glues "<p>a</p><p>b</p>" into "ab"; a space after each block keeps words apart.
    for element in root.iter():
        if isinstance(element.tag, str) and element.tag.lower() in _BLOCKS:
            element.tail = " " + (element.tail or "")
    return " ".join(root.text_content().split())


def _datetime(raw: str, parsed) -> datetime | None:
    """Keep the offset as written when the raw date can be read; else feedparser's UTC value."""
    raw = (raw or "").strip()
    if raw:
        try:
            moment = parsedate_to_datetime(raw)  # RFC 822, as RSS writes it
            # "-0000" (no zone known) reads as UTC: an aware value, comparable with the stored ones.
            return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
        except (TypeError, ValueError, IndexError):
            pass
        try:
            moment = datetime.fromisoformat(raw.replace("Z", "+00:00"))  # RFC 3339, as Atom writes it
            if moment.tzinfo:
                return moment
        except ValueError:
            pass
    if parsed:
        return datetime(*parsed[:6], tzinfo=UTC)
    return None


def _entry(entry, index: int, feed_language: str, base_url: str, kind: str | None) -> Notice:
    link = urljoin(base_url, entry.get("link", "")) if entry.get("link") else ""
    source_id = (entry.get("id") or "").strip() or link
    if not source_id:
        raise ParseError(f"Entry {index + 1} of the feed has neither an id nor a link.")
    title_text = html_to_text(entry.get("title", ""))
    if not title_text:
        raise ParseError(f"Entry {index + 1} of the feed ({source_id}) has no title.")
    title_language = language_code((entry.get("title_detail") or {}).get("language")) or feed_language

    summary_detail = entry.get("summary_detail") or {}
    summary_html = entry.get("summary", "")
    if not summary_html and entry.get("content"):
        summary_detail = entry["content"][0]
        summary_html = summary_detail.get("value", "")
    summary_text = html_to_text(summary_html)
    summary_language = language_code(summary_detail.get("language")) or title_language

    # dict.get: feedparser's own get() maps a missing "updated" to "published", with a warning.
    published = _datetime(dict.get(entry, "published", ""), dict.get(entry, "published_parsed"))
    updated = _datetime(dict.get(entry, "updated", ""), dict.get(entry, "updated_parsed")) or published
    return Notice(
        source_kind="feed",
        source_id=source_id,
        title={title_language: title_text},
        summary={summary_language: summary_text} if summary_text else {},
        original_language=title_language,
        kind=kind,
        publication_date=(published or updated).date() if (published or updated) else None,
        url=link,
        updated_at=updated,
    )


def parse(
    data: bytes,
    base_url: str = "",
    *,
    language: str = "",
    kind: str | None = None,
    on_error: Callable[[int, ParseError], None] | None = None,
) -> list[Notice]:
    """Notices of an RSS 2.0 or Atom feed.

    `language` is used when neither the feed nor its entries say theirs; `kind` is copied to every
    notice (the importer's default for this source). A bad entry raises ParseError unless
    `on_error(index, error)` is given, which then receives it while the others are kept.
    """
    # Imported here: only imports read feeds, web workers never do (worker memory).
    import feedparser

    safexml.parse(data)
    headers = {"content-location": base_url} if base_url else {}
    result = feedparser.parse(io.BytesIO(data), response_headers=headers)
    if not result.get("version"):
        reason = f" ({result.get('bozo_exception')})" if result.get("bozo") else ""
        raise ParseError(f"The document is not an RSS or Atom feed{reason}.")

    feed_language = language_code(result.feed.get("language")) or language_code(
        (result.feed.get("title_detail") or {}).get("language")
    )
    feed_language = feed_language or language_code(language)
    notices = []
    for index, entry in enumerate(result.entries):
        try:
            entry_language = language_code((entry.get("title_detail") or {}).get("language"))
            if not (entry_language or feed_language):
                raise ParseError(
                    "The feed does not say its language (no <language> or xml:lang); "
                    "configure the language of this source."
                )
            notices.append(_entry(entry, index, feed_language, base_url, kind))
        except ParseError as error:
            if on_error is None:
                raise
            on_error(index, error)
    return notices
