"""Parse untrusted XML with lxml, refusing every DTD.

Notices and feeds never need a document type declaration, and a DTD is what billion-laughs,
quadratic-blowup and external-entity (XXE) attacks are built from, so any <!DOCTYPE> is refused
outright. A first pass reads only the prolog, with a parser target that stops at the DOCTYPE
event (before libxml2 reads the internal subset) or at the first element. The second pass builds
the tree with entity resolution, DTD loading and network access all switched off, and checks the
result again. Neither pass reads files or the network: the input is always the bytes given.
"""

from __future__ import annotations

from lxml import etree

from .notice import HostileInput, ParseError

MAX_BYTES = 10 * 1024 * 1024


class _DoctypeFound(Exception):
    pass


class _PrologRead(Exception):
    pass


class _PrologScanner:
    """lxml parser target: raises as soon as the prolog tells us what we need."""

    def doctype(self, name, public_id, system_url):
        raise _DoctypeFound(system_url or public_id or "")

    def start(self, tag, attrib, nsmap=None):
        raise _PrologRead

    def close(self):
        return None


def _parser(**extra) -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_blank_text=False,
        **extra,
    )


def _refuse_doctype(reference: str = "") -> HostileInput:
    if reference:
        return HostileInput(
            f"The XML document refers to an external DTD or entity ({reference}); "
            "documents with a DTD are refused and nothing is fetched."
        )
    return HostileInput(
        "The XML document has a DTD (<!DOCTYPE>), which could declare entities for a "
        "billion-laughs or external-entity (XXE) attack; documents with a DTD are refused."
    )


def _as_bytes(data) -> bytes:
    if isinstance(data, bytes | bytearray | memoryview):
        return bytes(data)
    raise TypeError(f"safexml.parse expects bytes, not {type(data).__name__}")


def parse(data: bytes, max_bytes: int = MAX_BYTES) -> etree._Element:
    """Return the root element of `data`, or raise HostileInput / ParseError."""
    data = _as_bytes(data)
    if len(data) > max_bytes:
        raise HostileInput(
            f"The XML document is {len(data):,} bytes long, more than the {max_bytes:,}-byte limit."
        )
    if not data.strip():
        raise ParseError("The XML document is empty.")

    try:
        etree.fromstring(data, _parser(target=_PrologScanner()))
    except _DoctypeFound as found:
        raise _refuse_doctype(str(found)) from None
    except _PrologRead:
        pass
    except etree.XMLSyntaxError as error:
        raise ParseError(f"The document is not well-formed XML: {error}") from None

    try:
        root = etree.fromstring(data, _parser())
    except etree.XMLSyntaxError as error:
        raise ParseError(f"The document is not well-formed XML: {error}") from None
    # Belt and braces: the first pass should already have refused these.
    docinfo = root.getroottree().docinfo
    if docinfo.doctype or docinfo.internalDTD is not None or docinfo.externalDTD is not None:
        raise _refuse_doctype(docinfo.system_url or "")
    return root
