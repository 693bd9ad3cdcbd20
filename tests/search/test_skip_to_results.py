"""Every list with a filter panel (directory, spaces, events, calls) starts with the same link
over its filters to its results (search/skip_to_results.html), in the visitor's language."""

import pytest
from django.urls import reverse
from django.utils import translation

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("language", ["fr", "nl", "de", "en"])
@pytest.mark.parametrize("listing", ["directory:index", "coworking:index", "agenda:index", "calls:index"])
def test_a_list_offers_to_skip_its_filters(client, listing, language):
    with translation.override(language):
        path = reverse(listing)
        label = translation.gettext("Skip the filters, go to the results")
    html = client.get(path).content.decode()
    skip = f'<a class="skip-results" href="#results">{label}</a>'
    assert skip in html, path
    assert html.index(skip) < html.index('id="filters"') < html.index('id="results"'), path
