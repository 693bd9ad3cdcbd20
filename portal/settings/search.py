PAGE_ANALYZERS = {"fr": "french", "nl": "dutch", "de": "german", "en": "english"}


def page_search_backends(url, prefix):
    """Wagtail page search on OpenSearch: "default" (the admin) plus one index per language,
    each analysed by its language's analyzer; the site search asks the active language's
    index. Rebuilt behind aliases (ATOMIC_REBUILD)."""

    def backend(index_prefix, analyzer=None):
        options = {
            "BACKEND": "wagtail.search.backends.opensearch3",
            "URLS": [url],
            "INDEX_PREFIX": index_prefix,
            "ATOMIC_REBUILD": True,
            "TIMEOUT": 5,
            "OPTIONS": {},
            "INDEX_SETTINGS": {},
        }
        if analyzer:
            options["INDEX_SETTINGS"] = {
                "settings": {"index": {"analysis": {"analyzer": {"default": {"type": analyzer}}}}}
            }
        return options

    backends = {"default": backend(f"{prefix}-pages-")}
    for code, analyzer in PAGE_ANALYZERS.items():
        backends[code] = backend(f"{prefix}-pages-{code}-", analyzer)
    return backends
