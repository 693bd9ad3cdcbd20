"""gunicorn settings of the portal: production and the benchmarks (bench/run_loadtest.py).

gunicorn reads this file when started from the project's directory (or with -c
gunicorn.conf.py); the command line still sets the workers and the address.

The application is loaded once, in the master, before the workers are forked (preload_app):
the workers start with Django, the URLs and the translations already in memory, and share
those pages with the master and with each other until they write to them (copy-on-write).
gc.freeze() keeps the garbage collector from writing to every one of those objects. A HUP
then starts new workers from the same code: restart gunicorn to deploy a new release.
"""

import gc

preload_app = True


def when_ready(server):
    """In the master, once the application is loaded and before the first worker is forked."""
    if not server.cfg.preload_app:  # (--no-preload: each worker loads the application itself)
        return
    from django.conf import settings
    from django.db import connections
    from django.urls import get_resolver
    from django.utils import translation

    # What every worker needs from its first requests: the URL modules (the views and the
    # admin they import), and each language's catalogues and reverse table (every page links
    # to its translations).
    resolver = get_resolver()
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            _ = resolver.reverse_dict
    # A connection opened here would be shared by the forked workers.
    connections.close_all()
    # Everything so far lives as long as the master: leave it out of the workers' collections,
    # which would otherwise write to each object and so copy every page.
    gc.collect()
    gc.freeze()
