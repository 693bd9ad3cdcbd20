"""Builds the demo site: the page tree in four languages, the organisation and demo accounts."""

import datetime
import html
from urllib.parse import urlsplit

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from wagtail.models import Locale, Page, Site
from wagtail_localize.models import Translation, TranslationSource

from portal.accounts import groups
from portal.charter.acceptance import record_acceptance
from portal.charter.models import CharterVersion, ValuesCharterPage
from portal.demo import content as c
from portal.ethics.models import CommitteeMember, EthicsCommitteePage, EthicsOpinionPage
from portal.pages.models import HomePage, OrganisationSettings, StandardPage

SOURCE = "fr"
TARGETS = ["nl", "de", "en"]

DEMO_PASSWORD = "demo-portal-2026"
DEMO_USERS = [
    # e-mail, first name, last name, group, superuser
    ("admin@coop.example", "Ada", "Admin", None, True),
    ("editor@coop.example", "Elise", "Peeters", groups.EDITORS, False),
    ("moderator@coop.example", "Marc", "Dumont", groups.MODERATORS, False),
    ("ethics@coop.example", "Amélie", "Dufrasne", groups.ETHICS_COMMITTEE, False),
    ("member@coop.example", "Lotte", "Janssens", None, False),
    ("membre@coop.example", "Hugo", "Lemaire", None, False),
]


def fr(text):
    return text[SOURCE]


def richtext(paragraphs):
    return "".join(f"<p>{html.escape(fr(par), quote=False)}</p>" for par in paragraphs)


def _units():
    """Every translation unit of the demo content, found by walking the content module."""
    found = []

    def walk(value):
        if isinstance(value, dict):
            if set(value) == {"fr", "nl", "de", "en"}:
                found.append(value)
            else:
                for v in value.values():
                    walk(v)
        elif isinstance(value, (list, tuple)):
            for v in value:
                walk(v)

    for name in ("HOME", "ABOUT", "CHARTER", "COMMITTEE", "OPINIONS"):
        walk(getattr(c, name))
    return found


def translation_table(language):
    return {html.unescape(u[SOURCE]): u[language] for u in _units()}


def _publish(page):
    page.save_revision().publish()
    return page


def _date(value):
    return datetime.date.fromisoformat(value)


class Seeder:
    def __init__(self, stdout=None):
        self.stdout = stdout
        self.missing = []

    def log(self, message):
        if self.stdout:
            self.stdout.write(message)

    def run(self):
        pages = self.build()
        # Tasks Wagtail runs when the transaction commits save the translated parents with
        # stale child counts; count again once they are done.
        for parent in Page.objects.all():
            Page.objects.filter(pk=parent.pk).update(numchild=Page.objects.child_of(parent).count())
        return pages

    @transaction.atomic
    def build(self):
        self.locales()
        groups.ensure_moderation_workflow()
        self.organisation()
        pages = self.pages()
        for page in pages:
            for language in TARGETS:
                self.translate(page, language)
        self.users()
        return pages

    def locales(self):
        for code, _name in settings.LANGUAGES:
            Locale.objects.get_or_create(language_code=code)

    def organisation(self):
        org = OrganisationSettings.load()
        # Also fills the languages of a demo seeded before the organisation's words were translated.
        if not org.legal_name_nl:
            for field, value in c.ORGANISATION.items():
                setattr(org, field, value)
            org.save()

    def pages(self):
        locale = Locale.objects.get(language_code=SOURCE)
        home = HomePage.objects.filter(locale=locale).first()
        if home:
            self.log("Pages already exist; keeping them.")
            self.point_site_at(home)
            return [home, *home.get_descendants().specific().order_by("path")]

        hero, workshop = self.images()
        root = Page.get_first_root_node()
        home = root.add_child(
            instance=HomePage(
                title=fr(c.HOME["title"]),
                slug=fr(c.HOME["slug"]),
                intro=fr(c.HOME["intro"]),
                hero_image=hero,
                hero_alt=fr(c.HOME["hero_alt"]),
                search_description=fr(c.HOME["search_description"]),
                locale=locale,
            )
        )
        self.point_site_at(home)

        about = home.add_child(
            instance=StandardPage(
                title=fr(c.ABOUT["title"]),
                slug=fr(c.ABOUT["slug"]),
                intro=fr(c.ABOUT["intro"]),
                show_in_menus=True,
                locale=locale,
                body=[
                    ("paragraph", richtext(c.ABOUT["body"])),
                    ("image", {"image": workshop, "decorative": False, "alt_text": fr(c.ABOUT["image_alt"])}),
                ],
            )
        )
        charter = ValuesCharterPage(
            title=fr(c.CHARTER["title"]),
            slug=fr(c.CHARTER["slug"]),
            show_in_menus=True,
            locale=locale,
            search_description=fr(c.CHARTER["search_description"]),
            summary=richtext(c.CHARTER["summary"]),
            version=c.CHARTER["version"],
            in_force_since=_date(c.CHARTER["in_force_since"]),
            changes=richtext(c.CHARTER["changes"]),
            principles=[
                ("principle", {"number": i, "title": fr(title), "text": richtext([text])})
                for i, (title, text) in enumerate(c.CHARTER["principles"], start=1)
            ],
        )
        charter.previous_versions = [
            CharterVersion(
                version=v,
                in_force_from=_date(start),
                in_force_until=_date(end),
                changes=fr(text),
                locale=locale,
            )
            for v, start, end, text in c.CHARTER["previous_versions"]
        ]
        home.add_child(instance=charter)

        committee = EthicsCommitteePage(
            title=fr(c.COMMITTEE["title"]),
            slug=fr(c.COMMITTEE["slug"]),
            show_in_menus=True,
            locale=locale,
            search_description=fr(c.COMMITTEE["search_description"]),
            intro=fr(c.COMMITTEE["intro"]),
            mission=richtext(c.COMMITTEE["mission"]),
            how_it_works=richtext(c.COMMITTEE["how_it_works"]),
            referral_intro=richtext(c.COMMITTEE["referral_intro"]),
        )
        committee.committee_members = [
            CommitteeMember(name=name, category=category, role=fr(role), locale=locale)
            for name, category, role in c.COMMITTEE["members"]
        ]
        home.add_child(instance=committee)
        opinions = [
            committee.add_child(
                instance=EthicsOpinionPage(
                    title=fr(o["title"]),
                    slug=fr(o["slug"]),
                    reference=o["reference"],
                    opinion_date=_date(o["date"]),
                    question=fr(o["question"]),
                    opinion=richtext(o["opinion"]),
                    locale=locale,
                )
            )
            for o in c.OPINIONS
        ]

        home.body = [
            ("heading", {"text": fr(c.HOME["heading"]), "level": "h2"}),
            ("paragraph", richtext(c.HOME["body"])),
            ("quote", {"quote": fr(c.HOME["quote"]), "source": ""}),
            ("link", {"text": fr(c.HOME["cta_charter"]), "page": charter}),
            ("link", {"text": fr(c.HOME["cta_committee"]), "page": committee}),
        ]
        pages = [home, about, charter, committee, *opinions]
        for page in pages:
            _publish(page)
        self.log(f"Created {len(pages)} pages in French.")
        return pages

    def images(self):
        """The demo's pictures in the image library, drawn by portal.demo.images."""
        from wagtail.images.models import Image
        from wagtail.models import Collection

        from portal.demo import images

        if Collection.get_first_root_node() is None:
            # Wagtail's migration makes the root collection; a flushed database has none.
            Collection.add_root(name="Root")
        made = []
        for title, draw, name in (
            ("Coop – réunion de membres", images.gathering, "coop-gathering.png"),
            ("Coop – atelier partagé", images.workshop, "coop-workshop.png"),
        ):
            image = Image.objects.filter(title=title).first()
            if image is None:
                image = Image.objects.create(title=title, file=images.as_file(draw(), name))
            made.append(image)
        return made

    def point_site_at(self, home):
        site = Site.objects.filter(is_default_site=True).first() or Site(is_default_site=True)
        old_root = site.root_page if site.pk else None
        # Absolute links (sitemap, canonical, e-mails) use the address the portal is served on.
        address = urlsplit(settings.WAGTAILADMIN_BASE_URL)
        site.hostname = address.hostname or "localhost"
        site.port = address.port or (443 if address.scheme == "https" else 80)
        site.root_page = home
        site.site_name = c.ORGANISATION["name"]
        site.save()
        if old_root and old_root.pk != home.pk and old_root.specific_class != HomePage:
            # Wagtail's "Welcome" page, replaced by the demo home page.
            old_root.delete()

    def translate(self, page, language):
        """Translate a page as an editor would in wagtail-localize: fill the strings, publish."""
        locale = Locale.objects.get(language_code=language)
        if page.get_translations().filter(locale=locale).exists():
            return
        source, _created = TranslationSource.get_or_create_from_instance(page)
        translation, _created = Translation.objects.get_or_create(
            source=source, target_locale=locale, defaults={"enabled": True}
        )
        table = translation_table(language)
        po = translation.export_po()
        for entry in po:
            text = table.get(html.unescape(entry.msgid))
            if text is None:
                self.missing.append((language, entry.msgid))
                continue
            escaped = entry.msgid != html.unescape(entry.msgid)
            entry.msgstr = (
                html.escape(text, quote="&quot;" in entry.msgid or "&#x27;" in entry.msgid)
                if escaped
                else text
            )
        translation.import_po(po)
        translation.save_target(publish=True)

    def users(self):
        User = get_user_model()
        charter = ValuesCharterPage.in_force()
        for email, first, last, group_name, superuser in DEMO_USERS:
            user = User.objects.filter(email=email).first()
            if user is None:
                create = User.objects.create_superuser if superuser else User.objects.create_user
                user = create(email=email, password=DEMO_PASSWORD, first_name=first, last_name=last)
            if group_name:
                user.groups.add(Group.objects.get(name=group_name))
            EmailAddress.objects.get_or_create(
                user=user, email=email, defaults={"verified": True, "primary": True}
            )
            if charter and email == "membre@coop.example":
                # This member accepted an earlier version: the portal asks again.
                record_acceptance(user, "2.0", "fr")
            elif charter:
                record_acceptance(user, charter.version, "fr")
