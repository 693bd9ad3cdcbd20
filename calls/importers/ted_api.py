"""Answers of the TED Search API v3 (POST https://api.ted.europa.eu/v3/notices/search).

The API returns the fields asked for, each either a string, a list, a number, or a dict keyed by
ISO 639-3 language codes whose values may themselves be lists; any of them may be missing. The
parser accepts all these shapes. Lots are not identified in the answer (lot fields are parallel
lists), so deadlines are paired with their times and lots only when the lists line up.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from decimal import Decimal

from .notice import (
    Lot,
    Notice,
    ParseError,
    cpv_code,
    decimal_value,
    form_from_notice_type,
    language_code,
    parse_date,
    parse_datetime,
    publication_number,
    ted_notice_url,
    unique,
)

SEARCH_URL = "https://api.ted.europa.eu/v3/notices/search"
# The fields the parser understands; pass them (or a subset) to fetch_all.
DEFAULT_FIELDS = [
    "publication-number",
    "notice-identifier",
    "notice-version",
    "procedure-identifier",
    "notice-type",
    "form-type",
    "change-notice-version-identifier",
    "notice-title",
    "description-proc",
    "publication-date",
    "deadline-receipt-tender-date-lot",
    "deadline-receipt-tender-time-lot",
    "identifier-lot",
    "main-classification-proc",
    "classification-cpv",
    "place-of-performance",
    "place-of-performance-subdiv-proc",
    "place-of-performance-subdiv-lot",
    "buyer-name",
    "buyer-country",
    "estimated-value-proc",
    "estimated-value-cur-proc",
    "estimated-value-lot",
    "estimated-value-cur-lot",
    "procedure-type",
    "links",
]
FORM_TYPES = {"planning": "pin", "competition": "cn", "result": "can", "change": "change"}
_NUTS = re.compile(r"^[A-Z]{2}[0-9A-Z]{1,3}$")


def _values(value) -> list[str]:
    """Flatten a string, number, list or language dict into a list of non-empty strings."""
    if value is None:
        return []
    if isinstance(value, dict):
        return [text for item in value.values() for text in _values(item)]
    if isinstance(value, list | tuple):
        return [text for item in value for text in _values(item)]
    text = str(value).strip()
    return [text] if text else []


def _first(value) -> str:
    values = _values(value)
    return values[0] if values else ""


def _by_language(value) -> dict[str, str]:
    """{"fra": "..." | ["..."], "nld": ...} -> {"fr": "...", "nl": ...}; a bare string has no language."""
    if not isinstance(value, dict):
        return {}
    result: dict[str, str] = {}
    for key, item in value.items():
        language = language_code(str(key))
        text = " ".join(" ".join(_values(item)).split())
        if language and text and language not in result:
            result[language] = text
    return result


def _nuts(codes) -> list[str]:
    # place-of-performance mixes countries (BEL), "anyw" and NUTS codes; three letters is a country.
    return [code for code in (c.upper() for c in codes) if _NUTS.match(code) and not code.isalpha()]


def _estimated_value(record) -> tuple[Decimal | None, str]:
    value = decimal_value(_first(record.get("estimated-value-proc")), "estimated-value-proc")
    if value is not None:
        return value, _first(record.get("estimated-value-cur-proc")).upper()
    # Otherwise the lots' total, when they all share one currency.
    amounts = [
        decimal_value(text, "estimated-value-lot") for text in _values(record.get("estimated-value-lot"))
    ]
    currencies = {code.upper() for code in _values(record.get("estimated-value-cur-lot"))}
    if amounts and len(currencies) <= 1:
        return sum(amounts, Decimal(0)), next(iter(currencies), "")
    return None, ""


def parse_notice(record: dict) -> Notice:
    """One element of the answer's "notices" list."""
    if not isinstance(record, dict):
        raise ParseError("A TED notice is not a JSON object.")
    written = _first(record.get("publication-number"))
    if not written:
        raise ParseError("The TED notice has no publication-number.")
    number = publication_number(written)
    if not number:
        raise ParseError(f"The TED notice has an invalid publication-number: {written!r}.")
    title = _by_language(record.get("notice-title"))
    if not title:
        raise ParseError(f"The TED notice {number} has no notice-title.")

    notice_type = _first(record.get("notice-type"))
    changes = unique(_values(record.get("change-notice-version-identifier")))
    form = FORM_TYPES.get(_first(record.get("form-type")).lower()) or form_from_notice_type(notice_type)
    if changes:
        form = "change"

    dates = _values(record.get("deadline-receipt-tender-date-lot"))
    times = _values(record.get("deadline-receipt-tender-time-lot"))
    if len(times) != len(dates):
        times = []  # cannot pair them safely: keep the dates alone
    deadlines = [
        parse_datetime(day, times[index] if times else None, "deadline-receipt-tender-date-lot")
        for index, day in enumerate(dates)
    ]
    lot_ids = _values(record.get("identifier-lot"))
    lots = [
        Lot(identifier=identifier, deadline=deadlines[index][0] if len(deadlines) == len(lot_ids) else None)
        for index, identifier in enumerate(unique(lot_ids))
    ]
    deadline, deadline_timezone = min(deadlines, key=lambda pair: pair[0]) if deadlines else (None, "")

    published = _first(record.get("publication-date"))
    buyer_names = record.get("buyer-name") or record.get("organisation-name-buyer")
    buyer_name = _by_language(buyer_names)
    value, currency = _estimated_value(record)
    cpvs = [*_values(record.get("main-classification-proc")), *_values(record.get("classification-cpv"))]
    places = [
        *_values(record.get("place-of-performance-subdiv-proc")),
        *_values(record.get("place-of-performance-subdiv-lot")),
        *_values(record.get("place-of-performance")),
    ]
    countries = _values(record.get("buyer-country")) or _values(record.get("organisation-country-buyer"))

    return Notice(
        source_kind="ted-api",
        source_id=number,
        notice_uuid=_first(record.get("notice-identifier")),
        version=_first(record.get("notice-version")),
        publication_number=number,
        procedure_id=_first(record.get("procedure-identifier")),
        notice_type=notice_type,
        form=form,
        changes=changes,
        title=title,
        summary=_by_language(record.get("description-proc")),
        # The answer has no notice language, but buyer names come only in the original one.
        original_language=next(iter(buyer_name)) if len(buyer_name) == 1 else "",
        buyer_name=next(iter(buyer_name.values()), "") or _first(buyer_names),
        buyer_country=countries[0].upper() if countries else "",
        nuts_codes=unique(_nuts(places)),
        cpv_codes=unique(cpv_code(code) for code in cpvs),
        estimated_value=value,
        currency=currency,
        procedure_type=_first(record.get("procedure-type")),
        lots=lots,
        publication_date=parse_date(published, "publication-date")[0] if published else None,
        deadline=deadline,
        deadline_timezone=deadline_timezone,
        url=ted_notice_url(number),
    )


def parse(
    payload: dict | bytes | str, on_error: Callable[[int, ParseError], None] | None = None
) -> tuple[list[Notice], str | None, int]:
    """Return (notices, next iteration token or None, totalNoticeCount).

    A bad notice raises ParseError, unless `on_error(index, error)` is given: then it is reported
    there and skipped, so one odd notice does not block a whole import.
    """
    if isinstance(payload, bytes | str):
        try:
            payload = json.loads(payload)
        except ValueError as error:
            raise ParseError(f"The TED answer is not valid JSON: {error}") from None
    if not isinstance(payload, dict) or not isinstance(payload.get("notices", []), list):
        raise ParseError("The TED answer has no list of notices.")
    notices = []
    for index, record in enumerate(payload.get("notices", [])):
        try:
            notices.append(parse_notice(record))
        except ParseError as error:
            if on_error is None:
                raise ParseError(f"Notice {index + 1} of the TED answer: {error}") from None
            on_error(index, error)
    total = payload.get("totalNoticeCount")
    token = payload.get("iterationNextToken") or None
    return notices, token, total if isinstance(total, int) else len(notices)


def fetch_all(
    url: str,
    query: str,
    fields: list[str] | None = None,
    limit: int = 100,
    post: Callable[[str, dict], dict] | None = None,
    on_error: Callable[[int, ParseError], None] | None = None,
    max_pages: int = 1000,
) -> list[Notice]:
    """Run `query` in ITERATION mode and follow iterationNextToken until there is none.

    `post(url, json_body) -> dict` does the HTTP request (download.post_json by default).
    """
    if post is None:
        from .download import post_json as post
    body = {
        "query": query,
        "fields": list(fields or DEFAULT_FIELDS),
        "limit": limit,
        "paginationMode": "ITERATION",
    }
    notices: list[Notice] = []
    seen_tokens: set[str] = set()
    for _page in range(max_pages):
        page, token, _total = parse(post(url, body), on_error=on_error)
        notices.extend(page)
        # An empty page or a repeated token would otherwise loop for ever.
        if not token or not page or token in seen_tokens:
            return notices
        seen_tokens.add(token)
        body = {**body, "iterationNextToken": token}
    raise ParseError(f"The TED search did not end after {max_pages} pages; narrow the query.")
