"""The neutral result every parser returns, and the helpers they share.

Pure Python: no Django import, so the parsers can be tested and reused without a database.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta, timezone
from decimal import Decimal
from zoneinfo import ZoneInfo

FORMS = ("pin", "cn", "can", "change", "other")
BRUSSELS = ZoneInfo("Europe/Brussels")
TED_NOTICE_URL = "https://ted.europa.eu/en/notice/-/detail/{}"


class ParseError(Exception):
    """A source document could not be read; the message says what is wrong, in English."""


class HostileInput(ParseError):
    """The document looks like an attack (DTD, entity declarations, external entities, oversize)."""


class DownloadError(ParseError):
    """A download was refused or failed (bad scheme, too large, too slow, HTTP error)."""


@dataclass
class Lot:
    identifier: str
    title: dict[str, str] = field(default_factory=dict)
    cpv_codes: list[str] = field(default_factory=list)
    deadline: datetime | None = None


@dataclass
class Notice:
    source_kind: str
    source_id: str
    notice_uuid: str = ""
    version: str = ""
    publication_number: str = ""
    procedure_id: str = ""
    notice_type: str = ""
    form: str = "other"
    changes: list[str] = field(default_factory=list)
    title: dict[str, str] = field(default_factory=dict)
    summary: dict[str, str] = field(default_factory=dict)
    original_language: str = ""
    kind: str | None = None
    buyer_name: str = ""
    buyer_country: str = ""
    nuts_codes: list[str] = field(default_factory=list)
    cpv_codes: list[str] = field(default_factory=list)
    estimated_value: Decimal | None = None
    currency: str = ""
    procedure_type: str = ""
    lots: list[Lot] = field(default_factory=list)
    publication_date: date | None = None
    deadline: datetime | None = None
    deadline_timezone: str = ""
    url: str = ""
    documents_url: str = ""
    award_status: str | None = None
    updated_at: datetime | None = None


# ISO 639-3 (and 639-2/B) codes used by TED and feeds, to the two-letter codes the portal uses.
# fmt: off
_LANGUAGES = {
    "bul": "bg", "ces": "cs", "cze": "cs", "dan": "da", "deu": "de", "ger": "de", "ell": "el",
    "gre": "el", "eng": "en", "spa": "es", "est": "et", "fin": "fi", "fra": "fr", "fre": "fr",
    "gle": "ga", "hrv": "hr", "hun": "hu", "ita": "it", "lit": "lt", "lav": "lv", "mlt": "mt",
    "nld": "nl", "dut": "nl", "pol": "pl", "por": "pt", "ron": "ro", "rum": "ro", "slk": "sk",
    "slo": "sk", "slv": "sl", "swe": "sv", "nor": "no", "nob": "nb", "nno": "nn", "isl": "is",
    "ice": "is", "ltz": "lb", "cat": "ca", "eus": "eu", "baq": "eu", "glg": "gl", "cym": "cy",
    "wel": "cy", "mkd": "mk", "mac": "mk", "sqi": "sq", "alb": "sq", "srp": "sr", "bos": "bs",
    "tur": "tr", "ukr": "uk", "rus": "ru", "ara": "ar", "zho": "zh", "chi": "zh", "jpn": "ja",
}
# fmt: on


def language_code(code: str | None) -> str:
    """'FRA', 'fra', 'fr-BE', 'fr_BE' -> 'fr'; unknown three-letter codes are kept lower-case."""
    if not code:
        return ""
    code = code.strip().lower().replace("_", "-").split("-")[0]
    if len(code) == 3:
        return _LANGUAGES.get(code, code)
    return code


_CPV = re.compile(r"^(\d{8})(?:-\d)?$")


def cpv_code(value: str | None) -> str:
    """'71630000-5' or '71630000' -> '71630000'; anything else -> ''."""
    match = _CPV.match((value or "").strip())
    return match.group(1) if match else ""


def unique(values) -> list:
    """Keep the first occurrence of each truthy value, in order."""
    seen, result = set(), []
    for value in values:
        if value and value not in seen:
            seen.add(value)
            result.append(value)
    return result


# xs:date / xs:time with an optional zone, as eForms and the TED API write them.
_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(Z|[+-]\d{2}:\d{2})?$")
_TIME = re.compile(r"^(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:\d{2})?$")


def _zone(text: str | None) -> timezone | None:
    if not text:
        return None
    if text == "Z":
        return UTC
    sign = -1 if text[0] == "-" else 1
    hours, minutes = int(text[1:3]), int(text[4:6])
    if hours > 14 or minutes > 59:
        raise ValueError(text)
    return timezone(sign * timedelta(hours=hours, minutes=minutes))


def parse_date(text: str, what: str) -> tuple[date, str]:
    """'2020-12-17+01:00' -> (date(2020, 12, 17), '+01:00'); raises ParseError naming `what`."""
    match = _DATE.match((text or "").strip())
    try:
        if not match:
            raise ValueError(text)
        _zone(match.group(4))
        return date(int(match.group(1)), int(match.group(2)), int(match.group(3))), match.group(4) or ""
    except ValueError:
        raise ParseError(f"The notice has an invalid {what}: {text!r}.") from None


def parse_datetime(date_text: str, time_text: str | None, what: str) -> tuple[datetime, str]:
    """Combine an xs:date and an optional xs:time into an aware datetime.

    The time's zone wins over the date's; with no zone at all Brussels time is assumed (the
    notices read here are Belgian, and so are the people answering them). A date without a
    time stands for the end of that day (a deadline "on the 3rd" is still open during the 3rd).
    Returns the datetime and the offset as written ('+01:00', 'Z' or '').
    """
    day, offset = parse_date(date_text, what)
    moment = time(23, 59, 59)
    if time_text and time_text.strip():
        match = _TIME.match(time_text.strip())
        try:
            if not match:
                raise ValueError(time_text)
            moment = time(int(match.group(1)), int(match.group(2)), int(match.group(3) or 0))
            offset = match.group(4) or offset
        except ValueError:
            raise ParseError(f"The notice has an invalid {what} time: {time_text!r}.") from None
    return datetime.combine(day, moment, tzinfo=_zone(offset) or BRUSSELS), offset


def decimal_value(value, what: str) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        result = Decimal(str(value).strip())
    except ArithmeticError:
        raise ParseError(f"The notice has an invalid {what}: {value!r}.") from None
    if not result.is_finite():
        raise ParseError(f"The notice has an invalid {what}: {value!r}.")
    return result


def form_from_notice_type(notice_type: str) -> str:
    """eForms notice type (BT-02) -> pin | cn | can | change | other."""
    code = (notice_type or "").strip().lower()
    if code == "corr":
        return "change"
    if code.startswith("pin-"):
        return "pin"
    if code.startswith("cn-") or code in ("qu-sy", "subco"):
        return "cn"
    if code.startswith("can-") and code != "can-modif":
        return "can"
    return "other"


_PUBLICATION_NUMBER = re.compile(r"^0*(\d{1,8})-(\d{4})$")


def publication_number(value: str | None) -> str:
    """OJ S publication number, zero-padded as eForms writes it: '505197-2025' -> '00505197-2025'.

    The Search API drops the leading zeros that efbc:NoticePublicationID keeps; one spelling lets
    the importer match a notice whichever way it arrived. Returns '' when the value is not one.
    """
    match = _PUBLICATION_NUMBER.match((value or "").strip())
    return f"{int(match.group(1)):08d}-{match.group(2)}" if match else ""


def ted_notice_url(publication_number: str) -> str:
    return TED_NOTICE_URL.format(publication_number) if publication_number else ""
