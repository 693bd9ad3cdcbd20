"""Parsers that turn calls for tenders (eForms XML, TED Search API answers, RSS/Atom feeds) into
neutral `Notice` objects. No Django imports here: the import command maps notices to models."""

from .notice import DownloadError, HostileInput, Lot, Notice, ParseError

__all__ = ["DownloadError", "HostileInput", "Lot", "Notice", "ParseError"]
