"""Calls as a member uses them, in a real browser: from the home page to an alert built from
their directory profile; an import brings a matching call; the daily digest arrives in their
language; from the e-mail's link they say they are looking for partners, and the call's page
shows them to other members."""

import datetime
import re
from decimal import Decimal

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone, translation
from playwright.sync_api import expect

from portal.demo.seed import DEMO_PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)


def _notice():
    """A TED notice for a photo report in Liège, as the TED Search API would bring it."""
    from calls.importers.notice import Lot, Notice

    deadline = timezone.now().replace(microsecond=0) + datetime.timedelta(days=20)
    return Notice(
        source_kind="ted-api",
        source_id="00999001-2026",
        publication_number="00999001-2026",
        procedure_id="demo-journey-photo-liege",
        notice_type="cn-standard",
        form="cn",
        title={
            "fr": "Reportage photo des chantiers du tram de Liège",
            "nl": "Fotoreportage van de tramwerken in Luik",
            "en": "Photo report of the Liège tram works",
        },
        summary={"fr": "Photographies mensuelles des chantiers pendant deux ans."},
        original_language="fr",
        buyer_name="Opérateur de transport de Wallonie",
        buyer_country="BEL",
        nuts_codes=["BE332"],
        cpv_codes=["79961000"],
        estimated_value=Decimal("60000"),
        currency="EUR",
        procedure_type="open",
        lots=[Lot("LOT-0001", {"fr": "Reportage"}, ["79961000"], deadline)],
        publication_date=timezone.localdate(),
        deadline=deadline,
        deadline_timezone="+01:00",
        url="https://ted.europa.eu/en/notice/-/detail/00999001-2026",
    )


def test_a_member_gets_an_alert_from_their_profile_and_looks_for_partners(
    live_server, demo_site, page, shoot
):
    from calls.importing import import_notices

    base = live_server.url
    page.goto(f"{base}/nl/accounts/login/?next=/nl/")
    page.locator("input[name=login]").fill("member@coop.example")
    page.locator("input[name=password]").fill(DEMO_PASSWORD)
    page.locator("form").get_by_role("button").last.click()
    page.wait_for_load_state("load")

    # From the home page to the calls, then to a new alert started from the profile.
    with translation.override("nl"):
        from django.urls import reverse

        listing = reverse("calls:index")
    page.locator(f"header nav a[href='{listing}']").first.click()
    page.wait_for_load_state("load")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    page.locator("a.alert-link").click()
    page.wait_for_load_state("load")
    page.locator("a[href='?profile=1']").click()
    page.wait_for_load_state("load")
    # Lotte's profile: photography and performing arts, in Wallonia.
    from portal.places.models import Region
    from portal.taxonomy.models import Sector

    photography, wallonia = Sector.objects.get(slug="photography").pk, Region.objects.get(refnis="03000").pk
    expect(page.locator(f"input[name=sectors][value='{photography}']")).to_be_checked()
    expect(page.locator(f"input[name=regions][value='{wallonia}']")).to_be_checked()
    page.locator("input[name=name]").fill("Foto in Wallonië")
    page.locator("input[name=frequency][value='daily']").check()
    shoot("40-call-alert-form-nl")
    page.locator("form.stacked-form button[type=submit]").click()
    page.wait_for_load_state("load")
    expect(page.locator("main")).to_contain_text("Foto in Wallonië")

    # An import brings a call that fits; the daily digest arrives, in Dutch.
    run = import_notices([_notice()], kind="ted-api", origin="journey")
    assert run.created == 1
    mail.outbox.clear()
    call_command("send_call_alerts", "--frequency", "daily", verbosity=0)
    (digest,) = [m for m in mail.outbox if m.to == ["member@coop.example"]]
    assert "Fotoreportage van de tramwerken in Luik" in digest.body
    assert digest.extra_headers.get("List-Unsubscribe")
    from calls.models import Call

    call = Call.objects.get(publication_number="00999001-2026")
    link = next(url for url in re.findall(r"https?://\S+", digest.body) if f"/{call.pk}-" in url)
    call_command("send_call_alerts", "--frequency", "daily", verbosity=0)
    assert len([m for m in mail.outbox if m.to == ["member@coop.example"]]) == 1  # never twice

    # From the e-mail to the call; Lotte says she looks for partners.
    page.goto(base + re.sub(r"^https?://[^/]+", "", link))
    expect(page.get_by_role("heading", level=1)).to_have_text("Fotoreportage van de tramwerken in Luik")
    page.locator("#partner-note").fill("Fotografe, zoek een videomaker.")
    page.locator("button[name=action][value=seek]").click()
    page.wait_for_load_state("load")
    partners = page.locator(".call-interest .partners")
    expect(partners).to_contain_text("Lotte Janssens")
    expect(partners).to_contain_text("Fotografe, zoek een videomaker.")
    assert "member@coop.example" not in page.content()
    shoot("41-call-partners-nl")
