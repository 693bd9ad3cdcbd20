"""Demo calls: the three eForms sample notices imported as a source would bring them (they are
real TED examples from the OP-TED eForms SDK, CC BY 4.0, see data/samples/README.md), and
regional, national and European calls written for this project in French, Dutch, German and
English: open ones, some closing within days, a forthcoming one, closed and awarded ones, and a
rolling call without a deadline. The issuing bodies are invented or generic.

Dates are counted from the day it runs. Running it again changes nothing: a demo call is found
by its source reference ("demo-…"), and the samples by their notice identifiers (the importer is
idempotent). A few demo members (the directory's synthetic ones, when there are any) follow
calls or look for partners.
"""

import datetime
from collections import Counter
from decimal import Decimal
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from calls.models import Call, Interest, Kind, Level, SourceKind, Status
from portal.demo.common import LANGS, demo_members, local_language
from portal.places.models import Province, Region
from portal.taxonomy.models import Sector

SAMPLES = Path(__file__).resolve().parent / "data" / "samples"

# (reference, kind, level, status, days to the deadline (None: rolling), published days ago,
#  value in euros, buyer, regions, provinces, sectors, CPV codes, titles, summaries)
CALLS = [
    {
        "ref": "demo-brussels-festival-identity",
        "kind": Kind.TENDER,
        "level": Level.REGIONAL,
        "deadline": 24,
        "published": 12,
        "value": "45000",
        "buyer": "Brussels Culture Festival asbl/vzw",
        "regions": ["04000"],
        "nuts": "BE100",
        "sectors": ["graphic-design"],
        "cpv": "79822500",
        "procedure": "open",
        "title": {
            "fr": "Identité visuelle et affiches d’un festival bruxellois des cultures urbaines",
            "nl": "Visuele identiteit en affiches voor een Brussels festival van stadsculturen",
            "de": "Visuelle Identität und Plakate für ein Brüsseler Festival der Stadtkulturen",
            "en": "Visual identity and posters for a Brussels festival of urban cultures",
        },
        "summary": {
            "fr": "Conception d’un logo, d’une charte graphique et de trois affiches déclinées pour l’édition 2027, avec les fichiers pour l’impression et les réseaux sociaux.",
            "nl": "Ontwerp van een logo, een huisstijl en drie affiches voor de editie 2027, met bestanden voor druk en sociale media.",
            "de": "Entwurf eines Logos, eines Erscheinungsbilds und dreier Plakate für die Ausgabe 2027, mit Dateien für Druck und soziale Medien.",
            "en": "Design of a logo, a visual identity and three posters for the 2027 edition, with files for print and social media.",
        },
    },
    {
        "ref": "demo-federal-photo-report",
        "kind": Kind.TENDER,
        "level": Level.NATIONAL,
        "deadline": 5,
        "published": 30,
        "value": "82000",
        "buyer": "Régie fédérale des bâtiments publics / Federale Regie der Openbare Gebouwen",
        "regions": ["02000", "03000", "04000"],
        "nuts": "BE",
        "sectors": ["photography"],
        "cpv": "79961000|79961100",
        "procedure": "open",
        "title": {
            "fr": "Reportage photographique des bâtiments publics rénovés",
            "nl": "Fotoreportage van de gerenoveerde openbare gebouwen",
            "de": "Fotoreportage der renovierten öffentlichen Gebäude",
            "en": "Photographic report of renovated public buildings",
        },
        "summary": {
            "fr": "Photographies d’architecture de quinze bâtiments dans les trois régions, avec droits d’usage pour les publications et le site web.",
            "nl": "Architectuurfotografie van vijftien gebouwen in de drie gewesten, met gebruiksrechten voor publicaties en website.",
            "de": "Architekturfotografie von fünfzehn Gebäuden in den drei Regionen, mit Nutzungsrechten für Veröffentlichungen und Website.",
            "en": "Architectural photography of fifteen buildings in the three regions, with rights of use for publications and the website.",
        },
    },
    {
        "ref": "demo-liege-travelling-exhibition",
        "kind": Kind.TENDER,
        "level": Level.REGIONAL,
        "deadline": 3,
        "published": 40,
        "value": "120000",
        "buyer": "Province de Liège – Service de la culture",
        "regions": ["03000"],
        "provinces": ["60000"],
        "nuts": "BE332",
        "sectors": ["heritage-and-cultural-mediation", "architecture-and-interior-design"],
        "cpv": "79956000|92521000",
        "procedure": "neg-w-call",
        "title": {
            "fr": "Conception et réalisation d’une exposition itinérante sur le patrimoine industriel",
            "nl": "Ontwerp en bouw van een reizende tentoonstelling over industrieel erfgoed",
            "de": "Konzeption und Bau einer Wanderausstellung über das Industrieerbe",
            "en": "Design and production of a travelling exhibition on industrial heritage",
        },
        "summary": {
            "fr": "Scénographie, textes en trois langues et mobilier démontable pour une exposition qui circulera dans huit communes.",
            "nl": "Scenografie, teksten in drie talen en demonteerbaar meubilair voor een tentoonstelling die langs acht gemeenten reist.",
            "de": "Szenografie, Texte in drei Sprachen und zerlegbares Mobiliar für eine Ausstellung, die durch acht Gemeinden reist.",
            "en": "Scenography, texts in three languages and demountable furniture for an exhibition touring eight municipalities.",
        },
    },
    {
        "ref": "demo-ostbelgien-kulturprojekte",
        "kind": Kind.PROJECTS,
        "level": Level.REGIONAL,
        "deadline": 45,
        "published": 8,
        "value": "15000",
        "buyer": "Kulturbüro Ostbelgien",
        "regions": ["03000"],
        "provinces": ["60000"],
        "nuts": "BE336",
        "sectors": ["performing-arts", "cultural-management-and-production"],
        "cpv": "92300000",
        "procedure": "",
        "title": {
            "de": "Projektaufruf: Kulturprojekte mit Jugendlichen in Ostbelgien",
            "fr": "Appel à projets : projets culturels avec des jeunes en Belgique de l’Est",
            "en": "Call for projects: cultural projects with young people in East Belgium",
        },
        "summary": {
            "de": "Förderung von Theater-, Musik- und Tanzprojekten, die Jugendliche aus mindestens zwei Gemeinden zusammenbringen.",
            "fr": "Soutien à des projets de théâtre, de musique et de danse réunissant des jeunes d’au moins deux communes.",
            "en": "Support for theatre, music and dance projects bringing together young people from at least two municipalities.",
        },
    },
    {
        "ref": "demo-ghent-residency",
        "kind": Kind.ARTIST,
        "level": Level.REGIONAL,
        "deadline": 18,
        "published": 20,
        "value": "6000",
        "buyer": "Kunstenhuis Gent vzw",
        "regions": ["02000"],
        "provinces": ["40000"],
        "nuts": "BE234",
        "sectors": ["visual-arts", "illustration"],
        "cpv": "92310000",
        "procedure": "",
        "title": {
            "nl": "Oproep: werkresidentie van drie maanden voor beeldend kunstenaars in Gent",
            "en": "Call: three-month working residency for visual artists in Ghent",
        },
        "summary": {
            "nl": "Een atelier, een woning en een werkbeurs van 6.000 euro, met een open atelier op het einde van de residentie.",
            "en": "A studio, a flat and a 6,000 euro working grant, with an open studio at the end of the residency.",
        },
    },
    {
        "ref": "demo-antwerp-mural",
        "kind": Kind.ARTIST,
        "level": Level.REGIONAL,
        "deadline": 10,
        "published": 15,
        "value": "25000",
        "buyer": "Stad Antwerpen – Cultuur",
        "regions": ["02000"],
        "provinces": ["10000"],
        "nuts": "BE211",
        "sectors": ["visual-arts"],
        "cpv": "92311000",
        "procedure": "",
        "title": {
            "nl": "Kunstenaarsoproep: muurschildering voor een nieuw buurthuis in Antwerpen-Noord",
            "fr": "Appel à artistes : fresque pour une nouvelle maison de quartier à Anvers-Nord",
            "de": "Künstleraufruf: Wandbild für ein neues Nachbarschaftshaus in Antwerpen-Nord",
            "en": "Call for artists: a mural for a new community centre in Antwerp North",
        },
        "summary": {
            "nl": "Een ontwerp samen met de buurtbewoners, uitgevoerd op een gevel van 14 bij 8 meter.",
            "fr": "Un projet conçu avec les habitants du quartier, réalisé sur une façade de 14 mètres sur 8.",
            "de": "Ein mit den Anwohnern entwickelter Entwurf, ausgeführt auf einer Fassade von 14 auf 8 Metern.",
            "en": "A design made with the neighbours, painted on a 14 by 8 metre façade.",
        },
    },
    {
        "ref": "demo-flanders-awareness-video",
        "kind": Kind.TENDER,
        "level": Level.REGIONAL,
        "status": Status.FORTHCOMING,
        "deadline": 75,
        "published": 2,
        "value": "160000",
        "buyer": "Vlaams Renovatieagentschap",
        "regions": ["02000"],
        "nuts": "BE2",
        "sectors": ["audiovisual-production", "communication-and-pr"],
        "cpv": "92111000|79341400",
        "procedure": "open",
        "title": {
            "nl": "Vooraankondiging: audiovisuele productie voor een sensibiliseringscampagne over renovatie",
            "fr": "Préinformation : production audiovisuelle pour une campagne de sensibilisation à la rénovation",
            "en": "Prior information: audiovisual production for an awareness campaign on renovation",
        },
        "summary": {
            "nl": "Vijf korte video’s en een reeks podcasts; de opdracht wordt in het voorjaar gepubliceerd.",
            "fr": "Cinq courtes vidéos et une série de podcasts ; le marché sera publié au printemps.",
            "en": "Five short videos and a podcast series; the tender will be published in the spring.",
        },
    },
    {
        "ref": "demo-creative-europe-cooperation",
        "kind": Kind.GRANT,
        "level": Level.EUROPEAN,
        "deadline": 60,
        "published": 25,
        "value": "200000",
        "buyer": "Programme européen de coopération culturelle (secrétariat)",
        "regions": [],
        "nuts": "",
        "sectors": [
            "cultural-management-and-production",
            "performing-arts",
            "heritage-and-cultural-mediation",
        ],
        "cpv": "",
        "procedure": "",
        "title": {
            "en": "European cooperation projects in the cultural and creative sectors",
            "fr": "Projets de coopération européenne dans les secteurs culturels et créatifs",
            "nl": "Europese samenwerkingsprojecten in de culturele en creatieve sectoren",
            "de": "Europäische Kooperationsprojekte in der Kultur- und Kreativbranche",
        },
        "summary": {
            "en": "Grants for partnerships of at least three organisations from three countries; small-scale projects up to 200,000 euros.",
            "fr": "Subventions pour des partenariats d’au moins trois organisations de trois pays ; petits projets jusqu’à 200 000 euros.",
            "nl": "Subsidies voor partnerschappen van minstens drie organisaties uit drie landen; kleine projecten tot 200.000 euro.",
            "de": "Zuschüsse für Partnerschaften von mindestens drei Organisationen aus drei Ländern; kleine Projekte bis 200.000 Euro.",
        },
    },
    {
        "ref": "demo-namur-coworking-residencies",
        "kind": Kind.PROJECTS,
        "level": Level.REGIONAL,
        "deadline": None,
        "published": 50,
        "value": None,
        "buyer": "Province de Namur – Service de l’économie créative",
        "regions": ["03000"],
        "provinces": ["90000"],
        "nuts": "BE352",
        "sectors": ["crafts-and-applied-arts", "product-design"],
        "cpv": "",
        "procedure": "",
        "title": {
            "fr": "Appel permanent : résidences d’artisans et de designers dans les espaces partagés",
            "nl": "Doorlopende oproep: residenties voor ambachtslui en ontwerpers in gedeelde werkplaatsen",
            "en": "Rolling call: residencies for craftspeople and designers in shared workshops",
        },
        "summary": {
            "fr": "Trois mois d’accès gratuit aux ateliers, candidatures examinées chaque trimestre.",
            "nl": "Drie maanden gratis toegang tot de werkplaatsen, kandidaturen elk kwartaal bekeken.",
            "en": "Three months of free access to the workshops, applications reviewed every quarter.",
        },
    },
    {
        "ref": "demo-illustration-grant",
        "kind": Kind.GRANT,
        "level": Level.REGIONAL,
        "status": Status.CLOSED,
        "deadline": -20,
        "published": 80,
        "value": "8000",
        "buyer": "Fédération Wallonie-Bruxelles – Service des arts plastiques",
        "regions": ["03000", "04000"],
        "nuts": "BE3|BE1",
        "sectors": ["illustration"],
        "cpv": "",
        "procedure": "",
        "title": {
            "fr": "Bourse d’aide à la création en illustration et bande dessinée",
            "nl": "Creatiebeurs voor illustratie en strips",
            "en": "Creation grant for illustration and comics",
        },
        "summary": {
            "fr": "Une aide de 8 000 euros pour un projet de livre illustré, avec un accompagnement éditorial.",
            "nl": "Een steun van 8.000 euro voor een geïllustreerd boekproject, met redactionele begeleiding.",
            "en": "An 8,000 euro grant for an illustrated book project, with editorial support.",
        },
    },
    {
        "ref": "demo-museum-signage-translation",
        "kind": Kind.TENDER,
        "level": Level.NATIONAL,
        "status": Status.AWARDED,
        "deadline": -45,
        "published": 100,
        "value": "38000",
        "buyer": "Musée des Arts appliqués de Bruxelles / Museum voor Toegepaste Kunst Brussel",
        "regions": ["04000"],
        "nuts": "BE100",
        "sectors": ["translation-and-interpreting"],
        "cpv": "79530000",
        "procedure": "open",
        "title": {
            "fr": "Traduction de la signalétique et des cartels d’un musée en quatre langues",
            "nl": "Vertaling van de bewegwijzering en zaalteksten van een museum in vier talen",
            "de": "Übersetzung der Beschilderung und Objekttexte eines Museums in vier Sprachen",
            "en": "Translation of a museum’s signage and labels into four languages",
        },
        "summary": {
            "fr": "Environ 60 000 mots du français vers le néerlandais, l’allemand et l’anglais.",
            "nl": "Ongeveer 60.000 woorden uit het Frans naar het Nederlands, Duits en Engels.",
            "de": "Etwa 60.000 Wörter aus dem Französischen ins Niederländische, Deutsche und Englische.",
            "en": "About 60,000 words from French into Dutch, German and English.",
        },
    },
    {
        "ref": "demo-charleroi-website",
        "kind": Kind.TENDER,
        "level": Level.REGIONAL,
        "deadline": 14,
        "published": 6,
        "value": "28000",
        "buyer": "Ville de Charleroi – Échevinat de la culture",
        "regions": ["03000"],
        "provinces": ["50000"],
        "nuts": "BE32B",
        "sectors": ["web-development", "ux-and-digital-design"],
        "cpv": "72413000|72212224",
        "procedure": "neg-wo-call",
        "title": {
            "fr": "Refonte accessible du site web des bibliothèques communales",
            "nl": "Toegankelijke vernieuwing van de website van de gemeentelijke bibliotheken",
            "en": "Accessible redesign of the municipal libraries’ website",
        },
        "summary": {
            "fr": "Un site conforme au niveau AA des WCAG, un catalogue relié au système de prêt et une formation des équipes.",
            "nl": "Een website conform WCAG-niveau AA, een catalogus gekoppeld aan het uitleensysteem en een opleiding voor de teams.",
            "en": "A site meeting WCAG level AA, a catalogue linked to the lending system and training for the teams.",
        },
    },
]


def _import_samples(counts):
    """The eForms samples through the importer, as a source would bring them."""
    from calls.importers import eforms
    from calls.importing import import_notices

    notices = [eforms.parse(path.read_bytes()) for path in sorted(SAMPLES.glob("*.xml"))]
    if notices:
        run = import_notices(notices, kind=SourceKind.EFORMS, origin="demo: eForms SDK examples")
        counts["samples created"] += run.created


def _demo_calls(counts, now):
    sectors = dict(Sector.objects.values_list("slug", "pk"))
    regions = dict(Region.objects.values_list("refnis", "pk"))
    provinces = dict(Province.objects.values_list("refnis", "pk"))
    existing = set(Call.objects.filter(source_ref__startswith="demo-").values_list("source_ref", flat=True))
    today = timezone.localdate(now)
    for spec in CALLS:
        if spec["ref"] in existing:
            counts["kept"] += 1
            continue
        deadline = None
        if spec["deadline"] is not None:
            day = today + datetime.timedelta(days=spec["deadline"])
            deadline = timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))
        values = {
            "kind": spec["kind"],
            "level": spec["level"],
            "status": spec.get("status", Status.OPEN),
            "buyer_name": spec["buyer"],
            "buyer_country": "BEL" if spec["level"] != Level.EUROPEAN else "",
            "nuts_codes": spec["nuts"],
            "cpv_codes": spec["cpv"],
            "estimated_value": Decimal(spec["value"]) if spec["value"] else None,
            "currency": "EUR",
            "procedure_type": spec["procedure"],
            "publication_date": today - datetime.timedelta(days=spec["published"]),
            "deadline": deadline,
            "deadline_timezone": "+01:00" if deadline else "",
            "original_language": next(iter(spec["title"])),
            "source_kind": SourceKind.MANUAL,
            "source_ref": spec["ref"],
            "sectors_edited": True,
        }
        for code in LANGS:
            values[f"title_{code}"] = spec["title"].get(code, "")
            values[f"summary_{code}"] = spec["summary"].get(code, "")
        call = Call.objects.create(**values)
        call.sectors.set([sectors[slug] for slug in spec["sectors"] if slug in sectors])
        call.regions.set([regions[code] for code in spec["regions"] if code in regions])
        call.provinces.set([provinces[code] for code in spec.get("provinces", []) if code in provinces])
        counts["created"] += 1


def _interests(counts):
    """A few demo members follow calls or look for partners (their public profiles show)."""
    members = demo_members(6)
    calls = {c.source_ref: c for c in Call.objects.filter(source_ref__startswith="demo-")}
    plan = [
        (
            "demo-brussels-festival-identity",
            True,
            "Graphiste, je cherche un·e illustrateur·rice pour les affiches.",
        ),
        (
            "demo-liege-travelling-exhibition",
            True,
            "Scénographe : je cherche un atelier de menuiserie et une graphiste.",
        ),
        (
            "demo-creative-europe-cooperation",
            True,
            "Compagnie de théâtre, nous cherchons deux partenaires hors Belgique.",
        ),
        ("demo-ghent-residency", False, ""),
    ]
    for member, (ref, seeks, note) in zip(members, plan, strict=False):
        call = calls.get(ref)
        if call is None:
            continue
        _interest, created = Interest.objects.get_or_create(
            user=member, call=call, defaults={"follows": True, "seeks_partners": seeks, "note": note}
        )
        counts["interests"] += int(created)


def seed(stdout=None, members=None):
    """Create the demo calls (what exists is kept). Returns how many calls were created."""
    counts = Counter()
    now = timezone.now()
    with transaction.atomic():
        _demo_calls(counts, now)
        _interests(counts)
    _import_samples(counts)
    if stdout:
        stdout.write(
            "Calls: {created} new, {kept} kept, {samples} imported from the eForms samples.".format(
                created=counts["created"], kept=counts["kept"], samples=counts["samples created"]
            )
        )
    return counts["created"] + counts["samples created"]


# Many calls (benchmarks) ---------------------------------------------------------------------

# CPV codes of invented calls: a fifth in the creative sectors, the others what most public
# buyers ask for (medical supplies, transport, food, works…), which map to no sector.
CREATIVE_CPV = [
    "79961000", "79822500", "79341400", "92111000", "92312000", "79530000", "72413000",
    "79952000", "80500000", "71220000", "79340000",
]  # fmt: skip
OTHER_CPV = ["33100000", "34100000", "15800000", "30200000", "60100000", "66100000", "09100000", "45000000", "90910000"]  # fmt: skip
BUYERS = {
    "fr": ["Ville de {place}", "Commune de {place}", "CPAS de {place}", "Centre culturel de {place}"],
    "nl": ["Stad {place}", "Gemeente {place}", "OCMW {place}", "Cultuurcentrum {place}"],
    "de": ["Gemeinde {place}", "Stadt {place}", "ÖSHZ {place}", "Kulturzentrum {place}"],
}
NATIONAL_BUYERS = [
    "SPF Économie / FOD Economie",
    "Régie des Bâtiments / Regie der Gebouwen",
    "Institut royal du Patrimoine artistique / Koninklijk Instituut voor het Kunstpatrimonium",
    "SNCB / NMBS",
]
EUROPEAN_BUYERS = ["European Commission, DG EAC", "European Parliament", "Creative Europe Desk"]
CALL_SUMMARIES = {
    "fr": "{label} pour {buyer}, à {place} ; lot unique ou par lots, selon le cahier des charges.",
    "nl": "{label} voor {buyer}, in {place}; één perceel of meerdere percelen volgens het bestek.",
    "de": "{label} für {buyer}, in {place}; ein Los oder mehrere Lose laut Lastenheft.",
    "en": "{label} for {buyer}, in {place}; a single lot or several, as the tender documents say.",
}


@transaction.atomic
def create_calls(count, seed=2026, stdout=None, days_back=5 * 365, days_ahead=120):
    """Create `count` invented calls with deadlines over the past `days_back` and the next
    `days_ahead` days, quickly (bulk inserts, then the database search index): those whose
    deadline passed closed or awarded, the others open or forthcoming, a few rolling; titles
    from the CPV labels in the buyer's language (often English too, French and Dutch for federal
    buyers), regions and provinces from the buyer's town, lots. For benchmarks."""
    import csv
    import random

    from calls import mapping
    from calls.documents import CALLS as CALL_DOCUMENT
    from calls.models import Lot
    from portal.demo.bulk import batches, insert_rows, weighted_municipalities
    from portal.search.database import DatabaseBackend

    if count <= 0:
        return 0
    first_number = Call.objects.count() + 1
    rng = random.Random(seed + first_number)
    now = timezone.now()
    with open(mapping.DATA / "nuts_be.csv", encoding="utf-8") as f:
        nuts = {
            row["province_refnis"] or row["region_refnis"]: row["code"]
            for row in csv.DictReader(f)
            if row["nuts_level"] == "2"
        }
    municipalities, weights = weighted_municipalities("region", "province")
    regions = dict(Region.objects.values_list("refnis", "pk"))
    provinces = dict(Province.objects.values_list("refnis", "pk"))
    database = DatabaseBackend(CALL_DOCUMENT)
    sectors_of = {}  # CPV codes -> sector ids
    for created, n in batches(count, 2000, stdout, "calls"):
        calls, plans = [], []
        for _k in range(n):
            number = first_number + created + len(calls)
            level = rng.choices(list(Level), [45, 40, 15])[0]
            place = rng.choices(municipalities, weights)[0]
            local = local_language(place)
            town = getattr(place, f"name_{local}", "") or place.name
            if level == Level.REGIONAL:
                buyer, languages = rng.choice(BUYERS[local]).format(place=town), [local]
                region_codes = [place.region.refnis]
                province_codes = [place.province.refnis] if place.province_id else []
                nuts_codes = nuts.get(province_codes[0] if province_codes else region_codes[0], "BE")
            elif level == Level.NATIONAL:
                buyer, languages = rng.choice(NATIONAL_BUYERS), ["fr", "nl"]
                region_codes, province_codes, nuts_codes = list(mapping.ALL_REGIONS), [], "BE"
            else:
                buyer, languages = rng.choice(EUROPEAN_BUYERS), ["en"]
                region_codes, province_codes, nuts_codes = [], [], ""
            if "en" not in languages and rng.random() < 0.4:
                languages.append("en")
            pool = CREATIVE_CPV if rng.random() < 0.2 else OTHER_CPV
            cpv = rng.sample(pool, rng.choice([1, 1, 2]))
            offset = rng.uniform(-days_back, days_ahead)
            deadline = now + datetime.timedelta(days=offset)
            deadline = deadline.replace(minute=0, second=0, microsecond=0)
            if offset < 0:
                status = Status.CLOSED if rng.random() < 0.65 else Status.AWARDED
            else:
                status = Status.FORTHCOMING if rng.random() < 0.15 else Status.OPEN
            if status == Status.FORTHCOMING and rng.random() < 0.5 or rng.random() < 0.01:
                deadline = None  # not announced yet, or a rolling call
            published = timezone.localdate(deadline or now) - datetime.timedelta(days=rng.randint(15, 60))
            values = {
                "kind": rng.choices(list(Kind), [75, 12, 8, 5])[0],
                "level": level,
                "status": status,
                "buyer_name": buyer,
                "buyer_country": "" if level == Level.EUROPEAN else "BEL",
                "nuts_codes": nuts_codes,
                "cpv_codes": "|".join(cpv),
                "estimated_value": Decimal(rng.randrange(5_000, 3_000_000, 500))
                if rng.random() < 0.7
                else None,
                "currency": "EUR",
                "procedure_type": rng.choice(["open", "open", "restricted", "neg-w-call", "comp-dial"]),
                "publication_date": published,
                "deadline": deadline,
                "deadline_timezone": "+01:00" if deadline else "",
                "original_language": languages[0],
                "source_kind": SourceKind.TED_API,
                "source_ref": f"{number:08d}-{published.year}",
                "publication_number": f"{number:08d}-{published.year}",
                "procedure_id": f"invented-{number}",
                "created_at": timezone.make_aware(datetime.datetime.combine(published, datetime.time(6))),
                "published": rng.random() < 0.99,
            }
            for code in LANGS:
                if code in languages:
                    label = mapping.cpv_label(cpv[0], code)
                    values[f"title_{code}"] = f"{label} – {buyer}"
                    values[f"summary_{code}"] = CALL_SUMMARIES[code].format(
                        label=label, buyer=buyer, place=town
                    )
                else:
                    values[f"title_{code}"] = values[f"summary_{code}"] = ""
            values["title"], values["summary"] = (
                values[f"title_{languages[0]}"],
                values[f"summary_{languages[0]}"],
            )
            calls.append(Call(**values))
            plans.append(
                (cpv, region_codes, province_codes, rng.choices([0, 1, 2, 3, 4], [20, 55, 12, 8, 5])[0])
            )
        Call.objects.bulk_create(calls)
        sector_links, region_links, province_links, lots = [], [], [], []
        for call, (cpv, region_codes, province_codes, lot_count) in zip(calls, plans, strict=True):
            key = tuple(cpv)
            if key not in sectors_of:
                sectors_of[key] = sorted(mapping.sectors_of(cpv))
            sector_links += [(call.pk, pk) for pk in sectors_of[key]]
            region_links += [(call.pk, regions[c]) for c in region_codes]
            province_links += [(call.pk, provinces[c]) for c in province_codes]
            language = call.original_language
            lots += [
                Lot(
                    call=call,
                    identifier=f"LOT-{i + 1:04d}",
                    titles={language: f"{mapping.cpv_label(cpv[i % len(cpv)], language)} ({i + 1})"},
                    cpv_codes=cpv[i % len(cpv)],
                    deadline=call.deadline,
                )
                for i in range(lot_count)
            ]
        for field, rows in (
            ("sectors", sector_links),
            ("regions", region_links),
            ("provinces", province_links),
        ):
            through = getattr(Call, field).through
            insert_rows(
                through._meta.db_table, ("call_id", f"{through._meta.get_field(field[:-1]).attname}"), rows
            )
        Lot.objects.bulk_create(lots, batch_size=5000)
        # Straight into the database index, read back with everything it needs.
        database.index(CALL_DOCUMENT.objects([c.pk for c in calls if c.published]), fresh=True)
    return count
