import datetime

import pytest

from directory.documents import MEMBERS
from directory.factories import ProfileFactory
from directory.models import MemberProfile
from portal import search


@pytest.fixture(params=["database", "opensearch"])
def backend(request, settings):
    """Every backend the contract tests run against."""
    if request.param == "opensearch":
        request.getfixturevalue("search_engine")
    else:
        settings.SEARCH_BACKEND = "database"
    return search.get_backend(MEMBERS)


# A small directory whose answers are known: (name, place REFNIS, postcode, profession,
# sectors, languages, experience, mentor).
PEOPLE = [
    ("Élodie Lambert", "62063", "4000", "photographer", ["photography"], ["fr", "en"], "senior", True),
    (
        "Jan Peeters",
        "62063",
        "4020",
        "photographer",
        ["photography", "audiovisual-production"],
        ["nl", "fr"],
        "experienced",
        False,
    ),
    ("Sofie Claes", "44021", "9000", "graphic-designer", ["graphic-design"], ["nl", "en"], "starting", False),
    ("Lukas Schmitz", "63023", "4700", "photographer", ["photography"], ["de", "fr"], "experienced", True),
    (
        "Amira Haddad",
        "21004",
        "1000",
        "translator",
        ["translation-and-interpreting"],
        ["fr", "ar", "en"],
        "senior",
        True,
    ),
    (
        "Pieter De Smet",
        "11002",
        "2000",
        "web-developer",
        ["web-development"],
        ["nl", "en"],
        "experienced",
        False,
    ),
    ("Chloé Dubois", "92094", "5000", "illustrator", ["illustration"], ["fr"], "starting", False),
    ("Marc Renard", "62096", "4100", "sound-engineer", ["sound-and-music"], ["fr", "nl"], "senior", False),
    (
        "Hanne Wouters",
        "24062",
        "3000",
        "translator",
        ["translation-and-interpreting"],
        ["nl", "de", "en"],
        "experienced",
        True,
    ),
    ("Noah Lejeune", "53053", "7000", "actor", ["performing-arts"], ["fr"], "starting", False),
    ("Zoë Van Damme", "31005", "8000", "photographer", ["photography"], ["nl"], "experienced", False),
    (
        "Gaspard Mertens",
        "25072",
        "1300",
        "graphic-designer",
        ["graphic-design", "illustration"],
        ["fr", "en"],
        "senior",
        True,
    ),
]


@pytest.fixture
def people(db):
    profiles = {}
    for name, place, code, profession, sectors, languages, experience, mentor in PEOPLE:
        first, last = name.split(" ", 1)
        profile = ProfileFactory(
            user__first_name=first,
            user__last_name=last,
            display_name=name,
            place=place,
            postal_code=code,
            profession_slug=profession,
            sectors=sectors,
            languages=languages,
            experience=experience,
            mentor=mentor,
            skills="portrait, Lightroom" if profession == "photographer" else "",
            bio_fr="Travail soigné et délais tenus." if "fr" in languages else "",
        )
        profiles[name] = profile
    # Not public in four different ways: none of them may show up anywhere.
    hidden = ProfileFactory(
        display_name="Hidden Photographer", place="62063", status=MemberProfile.Status.HIDDEN
    )
    unlisted = ProfileFactory(display_name="Unlisted Photographer", place="62063", listed=False)
    paused = ProfileFactory(display_name="Paused Photographer", place="62063", paused=True)
    old_charter = ProfileFactory(
        display_name="Old Charter Photographer", place="62063", charter_version="1.0"
    )
    profiles["_invisible"] = [hidden, unlisted, paused, old_charter]
    search.rebuild(MEMBERS)
    return profiles


@pytest.fixture
def day():
    return datetime.date(2026, 11, 26)
