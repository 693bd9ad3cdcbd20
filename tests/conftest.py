import pytest
from django.core.cache import cache
from django.utils import translation
from wagtail.models import Locale

from portal.demo.seed import DEMO_PASSWORD, Seeder
from portal.models import EthicsCommitteePage, HomePage, ValuesCharterPage

LANGUAGES = ["fr", "nl", "de", "en"]


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The demo site, built once per session; each test runs in a rolled-back transaction."""
    with django_db_blocker.unblock():
        Seeder().run()


@pytest.fixture(autouse=True)
def _default_language():
    # URLs reversed in a test follow the active language: start each test in French.
    translation.activate("fr")
    yield
    translation.activate("fr")


@pytest.fixture(autouse=True)
def _clear_cache():
    # Rate-limit counters live in the cache.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def password():
    return DEMO_PASSWORD


def page_in(model, language):
    return model.objects.get(locale=Locale.objects.get(language_code=language))


@pytest.fixture
def homes(db):
    return {lang: page_in(HomePage, lang) for lang in LANGUAGES}


@pytest.fixture
def charters(db):
    return {lang: page_in(ValuesCharterPage, lang) for lang in LANGUAGES}


@pytest.fixture
def committees(db):
    return {lang: page_in(EthicsCommitteePage, lang) for lang in LANGUAGES}
