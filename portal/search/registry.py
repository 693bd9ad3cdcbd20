"""The searchable documents the domain apps declare (from their AppConfig.ready)."""

_DOCUMENTS = {}


def register(document):
    if document.name in _DOCUMENTS and _DOCUMENTS[document.name] is not document:
        raise ValueError(f"A search document named {document.name!r} is registered already.")
    _DOCUMENTS[document.name] = document
    return document


def unregister(document):
    _DOCUMENTS.pop(document.name, None)


def documents():
    return list(_DOCUMENTS.values())


def get(name):
    return _DOCUMENTS[name]
