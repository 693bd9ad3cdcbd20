"""Synthetic member profiles for the demo and for benchmarks (Faker; no real person)."""

import random

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone, translation
from faker import Faker

from directory.documents import MEMBERS
from directory.models import Experience, MemberProfile
from portal import search
from portal.charter.acceptance import current_charter_version
from portal.charter.models import CharterAcceptance
from portal.demo.bulk import batches, weighted_municipalities
from portal.demo.common import DEMO_MEMBERS_DOMAIN, GERMAN_SPEAKING
from portal.places.models import Municipality
from portal.search.backends import index_backends
from portal.search.database import DatabaseBackend
from portal.search.text import fold
from portal.taxonomy.models import Language, Profession, Sector

DEMO_DOMAIN = DEMO_MEMBERS_DOMAIN  # the name bench/run_directory.py reads

BIOS = {
    "fr": [
        "{profession} à {place}, je travaille avec des associations, des PME et des institutions culturelles.",
        "Après dix ans en agence, je me suis installée comme {profession_lower} à {place}. J'aime les projets longs et les équipes mixtes.",
        "{profession} indépendant, membre de la coopérative depuis {year}. Disponible pour des missions partout en Wallonie et à Bruxelles.",
    ],
    "nl": [
        "{profession} in {place}. Ik werk voor verenigingen, kmo's en culturele organisaties.",
        "Na tien jaar in een bureau ben ik als {profession_lower} zelfstandig begonnen in {place}. Ik hou van lange projecten.",
        "Zelfstandige {profession_lower}, lid van de coöperatie sinds {year}. Beschikbaar in heel Vlaanderen en Brussel.",
    ],
    "de": [
        "{profession} in {place}. Ich arbeite für Vereine, kleine Unternehmen und Kultureinrichtungen.",
        "Seit {year} selbstständig als {profession_lower} in Ostbelgien, oft auch in Lüttich und Aachen.",
    ],
    "en": [
        "{profession} based in {place}, working with non-profits, small businesses and cultural venues.",
        "Freelance {profession_lower} and member of the cooperative since {year}; happy to work in English, remotely or on site.",
    ],
}
SKILLS = [
    "Photoshop",
    "Lightroom",
    "drone",
    "portrait",
    "reportage",
    "Figma",
    "InDesign",
    "Illustrator",
    "WordPress",
    "Django",
    "React",
    "accessibilité",
    "toegankelijkheid",
    "Barrierefreiheit",
    "montage vidéo",
    "videomontage",
    "mixage",
    "Pro Tools",
    "Ableton",
    "sous-titrage",
    "ondertiteling",
    "Untertitelung",
    "SEO",
    "copywriting",
    "storytelling",
    "facilitation",
    "médiation culturelle",
    "scénographie",
    "Blender",
    "Unity",
    "3D",
    "motion design",
    "éclairage",
    "lichttechniek",
    "couture",
    "keramiek",
    "céramique",
    "menuiserie",
    "podcast",
    "formation",
]


def _faker_for(municipality):
    if municipality.refnis in GERMAN_SPEAKING:
        return "de"
    return {"02000": "nl", "03000": "fr", "04000": random.choice(["fr", "fr", "nl", "en"])}[
        municipality.region.refnis
    ]


def _languages_for(main):
    spoken = {main}
    others = {
        "fr": ["nl", "en", "de", "es", "it", "ar"],
        "nl": ["fr", "en", "de", "tr", "pl"],
        "de": ["fr", "nl", "en"],
        "en": ["fr", "nl", "es", "pt", "ro", "uk"],
    }[main]
    for lang in others:
        if random.random() < 0.35:
            spoken.add(lang)
    if main != "en" and random.random() < 0.5:
        spoken.add("en")
    return spoken


@transaction.atomic
def create_profiles(count, seed=2026, stdout=None):
    """Create `count` demo members with listed profiles, quickly (bulk inserts)."""
    if count <= 0:
        return 0
    rng_state = random.getstate()
    random.seed(seed + MemberProfile.objects.count())
    fakers = {"fr": Faker("fr_BE"), "nl": Faker("nl_BE"), "de": Faker("de_DE"), "en": Faker("en_GB")}
    for i, f in enumerate(fakers.values()):
        f.seed_instance(seed + i + MemberProfile.objects.count())
    municipalities, weights = weighted_municipalities("region", "province")
    professions = list(Profession.objects.select_related("sector"))
    # Some trades are far more common among the cooperative's members than others.
    common = {
        "photographer": 8,
        "graphic-designer": 8,
        "web-developer": 6,
        "translator": 5,
        "illustrator": 5,
        "video-maker": 5,
        "trainer": 4,
        "musician": 4,
        "actor": 3,
        "sound-engineer": 3,
    }
    profession_weights = [common.get(p.slug, 1) for p in professions]
    sectors = list(Sector.objects.all())
    languages = {lang.code: lang for lang in Language.objects.all()}
    version = current_charter_version() or ""
    User = get_user_model()
    database = DatabaseBackend(MEMBERS)
    start = User.objects.filter(email__endswith=f"@{DEMO_DOMAIN}").count()
    now = timezone.now()
    for created, n in batches(count, 5000, stdout, "member profiles"):
        users, plans = [], []
        for k in range(n):
            number = start + created + k + 1
            place = random.choices(municipalities, weights)[0]
            main = _faker_for(place)
            fake = fakers[main]
            # Members choose how their profession is written: about half of the demo members
            # are women who chose the feminine form, a few the neutral one.
            form = random.choices(list(Profession.TitleForm), [45, 47, 8])[0]
            first = fake.first_name_female() if form == Profession.TitleForm.FEMININE else fake.first_name()
            last = fake.last_name()
            users.append(
                User(
                    email=f"member{number}@{DEMO_DOMAIN}",
                    first_name=first,
                    last_name=last,
                    preferred_language=main if main != "en" else "fr",
                    password="!demo",
                )
            )
            plans.append((place, main, first, last, form))
        users = User.objects.bulk_create(users, batch_size=1000)
        profiles, extra = [], []
        for user, (place, main, first, last, form) in zip(users, plans, strict=True):
            profession = random.choices(professions, profession_weights)[0]
            chosen_sectors = {profession.sector}
            if random.random() < 0.4:
                chosen_sectors.add(random.choice(sectors))
            spoken = _languages_for(main)
            codes = [p.code for p in place.postal_codes.all()]
            postal_code = random.choice(codes) if codes else ""
            bio_languages = [main] + (["en"] if main != "en" and random.random() < 0.3 else [])
            bios = {}
            for code in bio_languages:
                template = random.choice(BIOS[code])
                with translation.override(code):
                    name = profession.title_for(form)
                bios[f"bio_{code}"] = template.format(
                    profession=name,
                    profession_lower=name.lower(),
                    place=getattr(place, f"name_{code}"),
                    year=random.randint(2008, 2025),
                )
            skills = ", ".join(random.sample(SKILLS, random.randint(1, 4)))
            days_ago = random.randint(0, 900)
            profile = MemberProfile(
                user=user,
                display_name=f"{first} {last}",
                profession=profession,
                profession_form=form,
                municipality=place,
                postal_code=postal_code,
                experience=random.choice(Experience.values),
                mentor=random.random() < 0.2,
                skills=skills,
                website=f"https://{fold(first + last).replace(' ', '')}.example"
                if random.random() < 0.5
                else "",
                in_good_standing=random.random() < 0.85,
                status=MemberProfile.Status.REVIEWED,
                charter_version=version,
                listed=True,
                show_postal_code=random.random() < 0.3,
                created_at=now - timezone.timedelta(days=days_ago + 30),
                updated_at=now - timezone.timedelta(days=days_ago, minutes=random.randint(0, 1440)),
                **bios,
            )
            profiles.append(profile)
            extra.append((chosen_sectors, spoken))
        profiles = MemberProfile.objects.bulk_create(profiles, batch_size=1000)
        sector_links, language_links, acceptances = [], [], []
        for profile, (chosen_sectors, spoken) in zip(profiles, extra, strict=True):
            sector_links += [
                MemberProfile.sectors.through(memberprofile_id=profile.pk, sector_id=s.pk)
                for s in chosen_sectors
            ]
            language_links += [
                MemberProfile.languages.through(memberprofile_id=profile.pk, language_id=languages[c].pk)
                for c in spoken
                if c in languages
            ]
            if version:
                acceptances.append(CharterAcceptance(user_id=profile.user_id, version=version, language="fr"))
        MemberProfile.sectors.through.objects.bulk_create(sector_links, batch_size=5000)
        MemberProfile.languages.through.objects.bulk_create(language_links, batch_size=5000)
        CharterAcceptance.objects.bulk_create(acceptances, batch_size=5000, ignore_conflicts=True)
        # Straight into the database index, read back with everything it needs.
        database.index(MEMBERS.objects([p.pk for p in profiles]), fresh=True)
    random.setstate(rng_state)
    return count


def demo_member_profile():
    """The demo login member@coop.example gets a profile: a photographer in Liège."""
    user = get_user_model().objects.filter(email="member@coop.example").first()
    if user is None or MemberProfile.objects.filter(user=user).exists():
        return
    liege = Municipality.objects.get(refnis="62063")
    profile = MemberProfile.objects.create(
        user=user,
        display_name=user.get_full_name() or "Lotte Janssens",
        profession=Profession.objects.get(slug="photographer"),
        profession_form=Profession.TitleForm.FEMININE,
        title="Fotografe van podiumkunsten",
        municipality=liege,
        postal_code="4000",
        experience=Experience.EXPERIENCED,
        mentor=True,
        bio_nl="Ik fotografeer theater, dans en concerten in Luik en omstreken.",
        bio_fr="Je photographie le théâtre, la danse et les concerts à Liège et alentour.",
        skills="portrait, reportage, Lightroom",
        website="https://lotte.example",
        in_good_standing=True,
        status=MemberProfile.Status.REVIEWED,
        charter_version=current_charter_version() or "",
    )
    profile.sectors.set(Sector.objects.filter(slug__in=["photography", "performing-arts"]))
    profile.languages.set(Language.objects.filter(code__in=["nl", "fr", "en"]))
    search.update(MEMBERS, [profile.pk])


def seed(stdout=None, members=None):
    """Top the demo up to 300 profiles, or add `members` more (benchmarks)."""
    demo_member_profile()
    if members is None:
        existing = MemberProfile.objects.filter(user__email__endswith=f"@{DEMO_DOMAIN}").count()
        members = max(0, 300 - existing)
    created = create_profiles(members, stdout=stdout)
    # Bulk loads fill the database index; a search engine gets a fresh index behind its alias.
    for backend in index_backends(MEMBERS):
        if backend.name != "database" and (created or not backend.count()):
            backend.rebuild()
    return created
