"""TED eForms notices (UBL 2.3 with eForms extensions), one notice per XML document."""

from __future__ import annotations

from lxml import etree

from . import safexml
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

NS = {
    "cac": "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2",
    "cbc": "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2",
    "ext": "urn:oasis:names:specification:ubl:schema:xsd:CommonExtensionComponents-2",
    "efac": "http://data.europa.eu/p27/eforms-ubl-extension-aggregate-components/1",
    "efbc": "http://data.europa.eu/p27/eforms-ubl-extension-basic-components/1",
    "efext": "http://data.europa.eu/p27/eforms-ubl-extensions/1",
}
ROOTS = {
    "ContractNotice": "cn",
    "ContractAwardNotice": "can",
    "PriorInformationNotice": "pin",
    "BusinessRegistrationInformationNotice": "other",
}
# The notice-level eForms extension (not the ones nested inside lots or criteria).
_EXT = "ext:UBLExtensions/ext:UBLExtension/ext:ExtensionContent/efext:EformsExtension"
_DEADLINE = "cac:TenderingProcess/cac:TenderSubmissionDeadlinePeriod"
_DOCUMENTS = (
    "cac:TenderingTerms/cac:CallForTendersDocumentReference/cac:Attachment/cac:ExternalReference/cbc:URI"
)


def _xpath(node, path: str) -> list:
    # None-safe, so optional parents (a lot without a project, an unknown buyer) need no checks.
    return node.xpath(path, namespaces=NS) if node is not None else []


def _first(node, path: str):
    found = _xpath(node, path)
    return found[0] if found else None


def _text(node, path: str) -> str:
    for found in _xpath(node, path):
        text = (found.text if isinstance(found, etree._Element) else str(found)) or ""
        if text.strip():
            return text.strip()
    return ""


def _texts(node, path: str) -> list[str]:
    return [found.text.strip() for found in _xpath(node, path) if found.text and found.text.strip()]


def _by_language(node, path: str, fallback_language: str) -> dict[str, str]:
    """Texts at `path` keyed by the two-letter form of their languageID (first one wins)."""
    result: dict[str, str] = {}
    for found in _xpath(node, path):
        text = " ".join((found.text or "").split())
        language = language_code(found.get("languageID")) or fallback_language
        if text and language and language not in result:
            result[language] = text
    return result


def _deadline(node, what: str):
    end_date = _text(node, f"{_DEADLINE}/cbc:EndDate")
    if not end_date:
        return None, ""
    return parse_datetime(end_date, _text(node, f"{_DEADLINE}/cbc:EndTime"), what)


def _project_cpvs(project) -> list[str]:
    codes = _texts(project, "cac:MainCommodityClassification/cbc:ItemClassificationCode[@listName='cpv']")
    codes += _texts(
        project, "cac:AdditionalCommodityClassification/cbc:ItemClassificationCode[@listName='cpv']"
    )
    return unique(cpv_code(code) for code in codes)


def _award_status(root) -> str | None:
    # The SDK examples write cbc:TenderResultCode, the field list efbc:...; the listName is stable.
    codes = set(
        _texts(root, f"{_EXT}/efac:NoticeResult/efac:LotResult/*[@listName='winner-selection-status']")
    )
    if "selec-w" in codes:
        return "awarded"
    if codes and codes <= {"clos-nw"}:
        return "closed"
    return None


def _buyer(root, organization_id: str):
    """The efac:Company whose id the contracting party names, or None."""
    if not organization_id:
        return None
    companies = root.xpath(
        f"{_EXT}/efac:Organizations/efac:Organization/efac:Company[cac:PartyIdentification/cbc:ID = $org]",
        namespaces=NS,
        org=organization_id,
    )
    return companies[0] if companies else None


def parse(data: bytes) -> Notice:
    root = safexml.parse(data)
    name = etree.QName(root).localname
    if name not in ROOTS:
        raise ParseError(
            f"The XML root element is <{name}>, not an eForms notice "
            "(ContractNotice, ContractAwardNotice or PriorInformationNotice)."
        )
    notice_uuid = _text(root, "cbc:ID[@schemeName='notice-id']")
    if not notice_uuid:
        raise ParseError("The notice has no notice-id (cbc:ID with schemeName 'notice-id').")
    version = _text(root, "cbc:VersionID")
    if not version:
        raise ParseError("The notice has no version (cbc:VersionID).")

    language = language_code(_text(root, "cbc:NoticeLanguageCode"))
    if not language:
        raise ParseError("The notice has no language (cbc:NoticeLanguageCode).")
    project = _first(root, "cac:ProcurementProject")
    if project is None:
        raise ParseError("The notice has no procurement project (cac:ProcurementProject).")
    title = _by_language(project, "cbc:Name", language)
    if not title:
        raise ParseError("The notice has no title (cac:ProcurementProject/cbc:Name).")

    notice_type = _text(root, "cbc:NoticeTypeCode")
    changes = _texts(root, f"{_EXT}/efac:Changes/efbc:ChangedNoticeIdentifier")
    form = "change" if changes else form_from_notice_type(notice_type)
    if form == "other" and not notice_type:
        form = ROOTS[name]

    lots, lot_deadlines = [], []
    for node in _xpath(root, "cac:ProcurementProjectLot"):
        identifier = _text(node, "cbc:ID")
        if not identifier:
            raise ParseError("A lot of the notice has no identifier (cac:ProcurementProjectLot/cbc:ID).")
        lot_project = _first(node, "cac:ProcurementProject")
        lot_deadline = _deadline(node, f"deadline of lot {identifier}")
        if lot_deadline[0]:
            lot_deadlines.append(lot_deadline)
        lots.append(
            Lot(
                identifier=identifier,
                title=_by_language(lot_project, "cbc:Name", language),
                cpv_codes=_project_cpvs(lot_project),
                deadline=lot_deadline[0],
            )
        )
    # The earliest lot deadline, else the procedure's; keep the offset of the one chosen.
    deadline, deadline_timezone = (
        min(lot_deadlines, key=lambda pair: pair[0]) if lot_deadlines else _deadline(root, "deadline")
    )

    buyer = _buyer(root, _text(root, "cac:ContractingParty/cac:Party/cac:PartyIdentification/cbc:ID"))
    buyer_names = _by_language(buyer, "cac:PartyName/cbc:Name", language)
    buyer_name = buyer_names.get(language) or next(iter(buyer_names.values()), "")

    locations = _xpath(root, "cac:ProcurementProject/cac:RealizedLocation/cac:Address")
    locations += _xpath(
        root, "cac:ProcurementProjectLot/cac:ProcurementProject/cac:RealizedLocation/cac:Address"
    )
    nuts = unique(code for address in locations for code in _texts(address, "cbc:CountrySubentityCode"))
    buyer_nuts = _texts(buyer, "cac:PostalAddress/cbc:CountrySubentityCode")
    buyer_country = _text(buyer, "cac:PostalAddress/cac:Country/cbc:IdentificationCode")
    if not buyer_country:
        buyer_country = next(
            (code for address in locations for code in _texts(address, "cac:Country/cbc:IdentificationCode")),
            "",
        )

    amount = _first(project, "cac:RequestedTenderTotal/cbc:EstimatedOverallContractAmount")
    estimated_value = decimal_value(amount.text, "estimated value") if amount is not None else None
    currency = (amount.get("currencyID") or "").strip().upper() if amount is not None else ""

    written_number = _text(root, f"{_EXT}/efac:Publication/efbc:NoticePublicationID")
    number = publication_number(written_number)
    if written_number and not number:
        raise ParseError(f"The notice has an invalid publication number: {written_number!r}.")
    publication_text = _text(root, f"{_EXT}/efac:Publication/efbc:PublicationDate")
    issue_date = _text(root, "cbc:IssueDate")
    updated_at = (
        parse_datetime(issue_date, _text(root, "cbc:IssueTime"), "issue date")[0] if issue_date else None
    )
    # Before TED publishes a notice it has no publication date; its issue date stands in.
    publication_date = None
    if publication_text or issue_date:
        publication_date = parse_date(publication_text or issue_date, "publication date")[0]

    return Notice(
        source_kind="eforms",
        source_id=f"{notice_uuid}-{version}",
        notice_uuid=notice_uuid,
        version=version,
        publication_number=number,
        procedure_id=_text(root, "cbc:ContractFolderID"),
        notice_type=notice_type,
        form=form,
        changes=changes,
        title=title,
        summary=_by_language(project, "cbc:Description", language),
        original_language=language,
        buyer_name=buyer_name,
        buyer_country=buyer_country,
        nuts_codes=nuts or unique(buyer_nuts),
        cpv_codes=unique([*_project_cpvs(project), *(code for lot in lots for code in lot.cpv_codes)]),
        estimated_value=estimated_value,
        currency=currency,
        procedure_type=_text(root, "cac:TenderingProcess/cbc:ProcedureCode"),
        lots=lots,
        publication_date=publication_date,
        deadline=deadline,
        deadline_timezone=deadline_timezone,
        url=ted_notice_url(number),
        documents_url=_text(root, f"cac:ProcurementProjectLot/{_DOCUMENTS}") or _text(root, _DOCUMENTS),
        award_status=_award_status(root) if form == "can" else None,
        updated_at=updated_at,
    )
