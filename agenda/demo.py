"""Demo events: the cooperative's calendar over the last two months and the next three, in the
three regions, every title and description in French, Dutch, German and English.

Meet&Connect evenings, breakfasts, information sessions, workshops, regional assemblies,
talks, open studios and partners' events; at the coworking spaces (found through the core's
venue registry: this app does not import coworking), at other addresses, and online. The
monthly breakfast in Liège is a recurring series (every first Tuesday) with one date cancelled;
one workshop moved online; some events are paid with a ticketing page; a few are full, with
people waiting in order.

`seed()` is run by `manage.py seed_demo` after the coworking seeder. Dates are counted from the
week it runs in. Running it again changes nothing: an event is found by its French title (each
title is used once in the demo), the series by its own, and an event that exists keeps its
date and its registrations. Registrations are written as rows (nobody is e-mailed): the
directory's demo members (…@demo.coop.example) when there are any, otherwise invented guests
with addresses at example.org. No real person's data.
"""

import datetime
import time
from decimal import Decimal
from pathlib import Path

from django.db import transaction
from django.utils import timezone, translation
from django.utils.text import slugify

from agenda.models import Event, EventFormat, Registration, Series, Venue, clock
from portal import registry
from portal.demo.common import (
    LANGS,
    Counter,
    demo_members,
    ensure_named_rows,
    local_language,
    place_names,
    translated,
)
from portal.demo.common import t as T
from portal.places.models import Municipality
from portal.taxonomy.models import Language, Sector

GUESTS_DOMAIN = "example.org"
COOP = "Coop"
LIEGE_OFFICE = {
    "fr": f"{COOP} – Bureau régional de Liège",
    "nl": f"{COOP} – Regionaal kantoor Luik",
    "de": f"{COOP} – Regionalbüro Lüttich",
    "en": f"{COOP} – Liège regional office",
}
SERIES_ONLY = {"rule", "first_date", "until", "start_time", "end_time", "exceptions"}
FORMATS_CSV = Path(__file__).resolve().parent / "data" / "formats.csv"


# The spaces events are held at, by their French name, and where they are when the coworking
# demo is not there (the event then gives the address itself).
SPACES = {
    "Bureau régional de Bruxelles": ("Rue de Flandre 46", "1000", "21004"),
    "Bureau régional de Liège": ("Rue Saint-Gilles 58", "4000", "62063"),
    "Bureau régional de Namur": ("Rue de Fer 31", "5000", "92094"),
    "Bureau régional de Gand": ("Sint-Pietersnieuwstraat 77", "9000", "44021"),
    "Bureau régional d'Anvers": ("Kammenstraat 19", "2000", "11002"),
    "Bureau régional de Louvain": ("Tiensestraat 64", "3000", "24062"),
    "Bureau régional d'Eupen": ("Gospertstraße 42", "4700", "63023"),
    "Loods 9": ("Dok-Noord 7", "9000", "44021"),
    "Atelier Lumière": ("Rue Puits-en-Sock 45", "4020", "62063"),
    "Studio Klankkast": ("Lange Kievitstraat 88", "2018", "11002"),
    "Ateliers de la Sambre": ("Quai de Brabant 18", "6000", "52011"),
    "Kreativraum Göhltal": ("Kirchstraße 31", "4720", "63040"),
    "La Serre": ("Rue du Belvédère 27", "1050", "21009"),
    "Studio Mérode": ("Rue de Mérode 60", "1060", "21013"),
    "Cowork Vaartkom": ("Vaartkom 31", "3000", "24062"),
    "La Manufacture": ("Rue de Nimy 70", "7000", "53053"),
    "La Fabrique des Brasseurs": ("Rue des Brasseurs 12", "5000", "92094"),
}

STEP_FREE_FR = "Entrée de plain-pied, toilettes accessibles. Interprétation en langue des signes sur demande."
STEP_FREE_NL = "Gelijkvloerse toegang en aangepast toilet. Tolk Vlaamse Gebarentaal op aanvraag."

# `when`: (weeks from this week, weekday 0 = Monday, start, end), Brussels time. `where`: a
# space's French name, ("address", street, postcode, REFNIS), or ("online", REFNIS of the
# organising office). `people`: confirmed seats ("full": every seat), people waiting, whether
# they were checked in (past events).
EVENTS = [
    # The last two months --------------------------------------------------------------------
    {
        "title": T(
            "Meet&Connect Bruxelles : rentrée des indépendant·es",
            "Meet&Connect Brussel: de freelancers zijn terug",
            "Meet&Connect Brüssel: die Freien sind zurück",
            "Meet&Connect Brussels: freelancers back in town",
        ),
        "description": T(
            "Une soirée pour rencontrer d'autres membres de la coopérative autour d'un verre, présenter son activité en une minute et trouver la personne qui vous manquait pour un projet. Les conseillères du bureau seront là pour répondre aux questions sur les contrats.",
            "Een avond om andere leden van de coöperatie te ontmoeten bij een drankje, je activiteit in één minuut voor te stellen en de persoon te vinden die je nog zocht voor een project. De adviseurs van het kantoor beantwoorden vragen over contracten.",
            "Ein Abend, um bei einem Getränk andere Mitglieder der Genossenschaft kennenzulernen, die eigene Tätigkeit in einer Minute vorzustellen und die Person zu finden, die für ein Projekt noch fehlte. Die Beraterinnen des Büros beantworten Fragen zu Verträgen.",
            "An evening to meet other members of the cooperative over a drink, pitch your work in one minute and find the person your project was missing. The office's advisers will be there to answer questions about contracts.",
        ),
        "format": "meet-and-connect",
        "when": (-7, 3, "18:30", "21:00"),
        "where": "Bureau régional de Bruxelles",
        "languages": ("fr", "nl"),
        "sectors": (),
        "capacity": 40,
        "companions": 1,
        "people": (31, 0, True),
    },
    {
        "title": T(
            "Séance d'information : travailler comme indépendant·e au sein de la coopérative",
            "Infosessie: als freelancer werken binnen de coöperatie",
            "Informationsveranstaltung: als Selbstständige in der Genossenschaft arbeiten",
            "Information session: freelancing within the cooperative",
        ),
        "description": T(
            "En une heure, tout ce qu'il faut savoir avant de rejoindre la coopérative : le contrat, la facturation à vos clients, la protection sociale et ce que coûte la mutualisation. Questions bienvenues dans le chat.",
            "In één uur alles wat je moet weten voor je lid wordt: het contract, de facturatie aan je klanten, de sociale bescherming en wat de gedeelde diensten kosten. Vragen zijn welkom in de chat.",
            "In einer Stunde alles, was Sie wissen sollten, bevor Sie der Genossenschaft beitreten: der Vertrag, die Rechnungsstellung an Ihre Kunden, die soziale Absicherung und was die gemeinsamen Dienste kosten. Fragen sind im Chat willkommen.",
            "In one hour, everything to know before joining the cooperative: the contract, invoicing your clients, social protection and what the shared services cost. Questions welcome in the chat.",
        ),
        "format": "information-session",
        "when": (-6, 1, "12:30", "13:30"),
        "where": ("online", "21004"),
        "languages": ("fr",),
        "sectors": (),
        "capacity": None,
        "people": (46, 0, False),
    },
    {
        "title": T(
            "Atelier : fixer ses tarifs sans se brader",
            "Workshop: je tarieven bepalen zonder jezelf te verkopen",
            "Workshop: Preise festlegen, ohne sich unter Wert zu verkaufen",
            "Workshop: pricing your work without selling yourself short",
        ),
        "description": T(
            "Calcul du coût réel d'une journée, tarifs à l'heure, au projet ou au forfait, et comment annoncer une hausse à un client fidèle. Apportez un devis récent : on le retravaille ensemble.",
            "Wat kost een werkdag echt, uur-, project- of forfaitprijzen, en hoe kondig je een prijsstijging aan bij een vaste klant? Breng een recente offerte mee: we werken ze samen uit.",
            "Was ein Arbeitstag wirklich kostet, Stunden-, Projekt- oder Pauschalpreise und wie man einem Stammkunden eine Preiserhöhung ankündigt. Bringen Sie ein aktuelles Angebot mit: Wir überarbeiten es gemeinsam.",
            "What a working day really costs, hourly, project or flat rates, and how to tell a loyal client your prices are going up. Bring a recent quote: we rework it together.",
        ),
        "format": "workshop",
        "when": (-5, 2, "14:00", "17:00"),
        "where": "Loods 9",
        "languages": ("nl", "en"),
        "sectors": ("graphic-design", "illustration", "photography"),
        "capacity": 16,
        "price": "25.00",
        "ticket_url": "https://tickets.example.org/coop/tarieven-gent",
        "people": ("full", 0, True),
    },
    {
        "title": T(
            "Assemblée régionale des membres – Wallonie",
            "Regionale ledenvergadering – Wallonië",
            "Regionale Mitgliederversammlung – Wallonien",
            "Regional members' assembly – Wallonia",
        ),
        "description": T(
            "Les membres wallons font le point sur l'année : comptes de la coopérative, services à développer et élection des délégué·es au conseil. Un lunch suit l'assemblée.",
            "De Waalse leden maken de balans op van het jaar: de rekeningen van de coöperatie, de diensten die we verder uitbouwen en de verkiezing van de afgevaardigden in de raad. Na de vergadering volgt een lunch.",
            "Die wallonischen Mitglieder ziehen Bilanz: Abschluss der Genossenschaft, auszubauende Dienste und Wahl der Delegierten für den Rat. Im Anschluss gibt es ein Mittagessen.",
            "Members in Wallonia review the year: the cooperative's accounts, the services to develop and the election of delegates to the board. Lunch follows the assembly.",
        ),
        "format": "members-assembly",
        "when": (-4, 5, "10:00", "13:00"),
        "where": "Bureau régional de Namur",
        "languages": ("fr",),
        "sectors": (),
        "capacity": 60,
        "people": (38, 0, True),
    },
    {
        "title": T(
            "Conférence : droit d'auteur et IA générative",
            "Lezing: auteursrecht en generatieve AI",
            "Vortrag: Urheberrecht und generative KI",
            "Talk: copyright and generative AI",
        ),
        "description": T(
            "Une juriste spécialisée en propriété intellectuelle explique ce que dit le droit belge et européen des œuvres utilisées pour entraîner les modèles, et comment protéger ses créations dans ses contrats.",
            "Een juriste gespecialiseerd in intellectuele eigendom legt uit wat het Belgische en Europese recht zegt over werken die gebruikt worden om modellen te trainen, en hoe je je creaties in je contracten beschermt.",
            "Eine auf geistiges Eigentum spezialisierte Juristin erklärt, was belgisches und europäisches Recht zu Werken sagt, mit denen Modelle trainiert werden, und wie man seine Werke in Verträgen schützt.",
            "A lawyer specialising in intellectual property explains what Belgian and European law say about works used to train models, and how to protect your creations in your contracts.",
        ),
        "format": "talk",
        "when": (-3, 3, "19:00", "21:00"),
        "where": "Studio Klankkast",
        "languages": ("nl", "en"),
        "sectors": ("writing-and-editing", "illustration", "sound-and-music"),
        "capacity": 50,
        "people": (44, 0, True),
    },
    {
        "title": T(
            "Atelier ouvert à l'Atelier Lumière",
            "Open atelier bij Atelier Lumière",
            "Offenes Atelier im Atelier Lumière",
            "Open studio at Atelier Lumière",
        ),
        "description": T(
            "Les photographes et plasticien·nes de l'Atelier Lumière ouvrent leurs portes : tirages en chambre noire, portfolios et démonstrations d'éclairage en studio. Entrée libre, sans inscription.",
            "De fotografen en beeldend kunstenaars van Atelier Lumière zetten hun deuren open: afdrukken in de donkere kamer, portfolio's en demonstraties van studiobelichting. Vrije toegang, zonder inschrijving.",
            "Die Fotografinnen und bildenden Künstler des Atelier Lumière öffnen ihre Türen: Abzüge in der Dunkelkammer, Portfolios und Vorführungen zur Studiobeleuchtung. Eintritt frei, ohne Anmeldung.",
            "The photographers and visual artists of Atelier Lumière open their doors: darkroom prints, portfolios and studio lighting demonstrations. Free entry, no registration needed.",
        ),
        "format": "open-studio",
        "when": (-2, 5, "14:00", "18:00"),
        "where": "Atelier Lumière",
        "languages": ("fr",),
        "sectors": ("photography", "visual-arts"),
        "capacity": None,
        "people": (0, 0, False),
    },
    {
        "title": T(
            "Salon des métiers d'art de Mons",
            "Beurs van de kunstambachten in Bergen",
            "Kunsthandwerksmesse in Mons",
            "Mons arts and crafts fair",
        ),
        "description": T(
            "Céramistes, relieurs, ébénistes et créatrices textiles exposent et vendent leur travail dans les anciens ateliers de la rue de Nimy. La coopérative y tient un stand pour présenter ses services aux artisan·es.",
            "Keramisten, boekbinders, meubelmakers en textielontwerpers stellen hun werk tentoon en verkopen het in de oude werkplaatsen van de Rue de Nimy. De coöperatie heeft er een stand om haar diensten voor ambachtslui voor te stellen.",
            "Keramikerinnen, Buchbinder, Kunsttischler und Textildesignerinnen stellen in den alten Werkstätten der Rue de Nimy aus und verkaufen ihre Arbeiten. Die Genossenschaft stellt an ihrem Stand ihre Dienste für Kunsthandwerker vor.",
            "Ceramicists, bookbinders, cabinetmakers and textile designers show and sell their work in the old workshops of Rue de Nimy. The cooperative has a stand there to present its services to craftspeople.",
        ),
        "format": "partner-event",
        "when": (-1, 6, "11:00", "18:00"),
        "where": "La Manufacture",
        "languages": ("fr",),
        "sectors": ("crafts-and-applied-arts", "fashion-and-textiles"),
        "capacity": None,
        "price": "5.00",
        "ticket_url": "https://tickets.example.org/salon-metiers-art-mons",
        "organiser": "Maison du design de Mons",
        "people": (0, 0, False),
    },
    {
        "title": T(
            "Séance d'information à Louvain",
            "Infosessie in Leuven",
            "Informationsveranstaltung in Löwen",
            "Information session in Leuven",
        ),
        "description": T(
            "Vous hésitez à démarrer une activité indépendante ? Un conseiller du bureau de Louvain présente la coopérative et répond à vos questions, en néerlandais.",
            "Twijfel je om als zelfstandige te starten? Een adviseur van het kantoor in Leuven stelt de coöperatie voor en beantwoordt je vragen.",
            "Sie zögern, sich selbstständig zu machen? Ein Berater des Büros in Löwen stellt die Genossenschaft vor und beantwortet Ihre Fragen auf Niederländisch.",
            "Thinking of going freelance? An adviser from the Leuven office presents the cooperative and answers your questions, in Dutch.",
        ),
        "format": "information-session",
        "when": (-1, 1, "18:00", "19:30"),
        "where": "Bureau régional de Louvain",
        "languages": ("nl",),
        "sectors": (),
        "capacity": 20,
        "people": (14, 0, True),
    },
    # The next three months ------------------------------------------------------------------
    {
        "title": T(
            "Meet&Connect Gand : créatifs et numériques",
            "Meet&Connect Gent: creatief en digitaal",
            "Meet&Connect Gent: Kreative und Digitale",
            "Meet&Connect Ghent: creative and digital",
        ),
        "description": T(
            "Graphistes, développeurs, vidéastes et rédacteurs gantois se retrouvent au bureau régional. Trois membres présentent un projet mené à plusieurs, puis place aux rencontres. Boissons offertes.",
            "Gentse grafisch ontwerpers, developers, videomakers en copywriters ontmoeten elkaar op het regionale kantoor. Drie leden stellen een project voor dat ze samen realiseerden, daarna is het tijd om te netwerken. Drankjes aangeboden.",
            "Grafikerinnen, Entwickler, Videomacher und Texterinnen aus Gent treffen sich im Regionalbüro. Drei Mitglieder stellen ein gemeinsames Projekt vor, danach ist Zeit zum Kennenlernen. Getränke sind frei.",
            "Ghent's designers, developers, video makers and copywriters meet at the regional office. Three members present a project they made together, then it is time to mingle. Drinks on the house.",
        ),
        "format": "meet-and-connect",
        "when": (1, 3, "18:30", "21:00"),
        "where": "Bureau régional de Gand",
        "languages": ("nl", "en", "fr"),
        "sectors": ("graphic-design", "web-development", "audiovisual-production", "writing-and-editing"),
        "capacity": 24,
        "companions": 2,
        "people": ("full", 3, False),
    },
    {
        "title": T(
            "Petit-déjeuner réseau à Eupen",
            "Netwerkontbijt in Eupen",
            "Netzwerkfrühstück in Eupen",
            "Networking breakfast in Eupen",
        ),
        "description": T(
            "Café, pistolets et tour de table avant le travail : les indépendant·es de la Communauté germanophone se rencontrent au bureau d'Eupen. On parle allemand et français.",
            "Koffie, broodjes en een rondje voorstellen voor het werk begint: de freelancers van de Duitstalige Gemeenschap ontmoeten elkaar in het kantoor in Eupen. Er wordt Duits en Frans gesproken.",
            "Kaffee, Brötchen und eine Vorstellungsrunde vor der Arbeit: Die Selbstständigen der Deutschsprachigen Gemeinschaft treffen sich im Büro in Eupen. Gesprochen wird Deutsch und Französisch.",
            "Coffee, rolls and a round of introductions before work: freelancers from the German-speaking Community meet at the Eupen office. German and French spoken.",
        ),
        "format": "breakfast",
        "when": (2, 4, "08:00", "09:30"),
        "where": "Bureau régional d'Eupen",
        "languages": ("de", "fr"),
        "sectors": (),
        "capacity": 15,
        "companions": 1,
        "people": (9, 0, False),
    },
    {
        "title": T(
            "Atelier en ligne : facturer des clients à l'étranger",
            "Online workshop: klanten in het buitenland factureren",
            "Online-Workshop: Kunden im Ausland Rechnungen stellen",
            "Online workshop: invoicing clients abroad",
        ),
        "description": T(
            "TVA intracommunautaire, autoliquidation, clients hors Union européenne et devises : les cas qui reviennent le plus, expliqués pas à pas avec des factures réelles anonymisées.",
            "Intracommunautaire btw, verlegging van heffing, klanten buiten de Europese Unie en vreemde munten: de meest voorkomende gevallen stap voor stap uitgelegd aan de hand van echte, geanonimiseerde facturen.",
            "Innergemeinschaftliche Mehrwertsteuer, Reverse-Charge, Kunden außerhalb der Europäischen Union und Fremdwährungen: die häufigsten Fälle Schritt für Schritt an echten, anonymisierten Rechnungen erklärt.",
            "Intra-EU VAT, reverse charge, clients outside the European Union and foreign currencies: the most frequent cases explained step by step with real, anonymised invoices.",
        ),
        "format": "workshop",
        "when": (2, 2, "10:00", "12:00"),
        "where": ("online", "21004"),
        "languages": ("fr", "en"),
        "sectors": ("translation-and-interpreting", "consulting", "software-development"),
        "capacity": 80,
        "people": (44, 0, False),
    },
    {
        "title": T(
            "Atelier : photographier ses créations pour le web",
            "Workshop: je creaties fotograferen voor het web",
            "Workshop: die eigenen Werke fürs Web fotografieren",
            "Workshop: photographing your work for the web",
        ),
        "description": T(
            "Une journée au studio de l'Atelier Lumière pour apprendre à éclairer et cadrer bijoux, céramiques ou vêtements avec un matériel simple, puis à préparer les images pour une boutique en ligne. Apportez trois pièces.",
            "Een dag in de studio van Atelier Lumière om juwelen, keramiek of kleding te leren belichten en kadreren met eenvoudig materiaal, en de beelden klaar te maken voor een webwinkel. Breng drie stukken mee.",
            "Ein Tag im Studio des Atelier Lumière: Schmuck, Keramik oder Kleidung mit einfachen Mitteln ausleuchten und ins Bild setzen und die Fotos für einen Onlineshop vorbereiten. Bringen Sie drei Stücke mit.",
            "A day in the Atelier Lumière studio learning to light and frame jewellery, ceramics or clothes with simple equipment, then to prepare the pictures for an online shop. Bring three pieces.",
        ),
        "format": "workshop",
        "when": (3, 5, "10:00", "16:00"),
        "where": "Atelier Lumière",
        "languages": ("fr",),
        "sectors": ("photography", "crafts-and-applied-arts", "fashion-and-textiles"),
        "capacity": 10,
        "price": "45.00",
        "ticket_url": "https://tickets.example.org/coop/photo-creations-liege",
        "people": ("full", 2, False),
    },
    {
        "title": T(
            "Séance d'information en anglais : indépendant·e international·e en Belgique",
            "Infosessie in het Engels: als internationale freelancer in België",
            "Informationsveranstaltung auf Englisch: international und selbstständig in Belgien",
            "Working in Belgium as an international freelancer",
        ),
        "description": T(
            "Pour les personnes arrivées récemment en Belgique : statut, sécurité sociale, comptes bancaires et premières factures. La séance se tient en anglais ; questions possibles en français et en néerlandais.",
            "Voor wie pas in België woont: statuut, sociale zekerheid, bankrekeningen en de eerste facturen. De sessie is in het Engels; vragen kunnen ook in het Nederlands en het Frans.",
            "Für alle, die neu in Belgien sind: Status, soziale Sicherheit, Bankkonten und die ersten Rechnungen. Die Veranstaltung ist auf Englisch; Fragen gern auch auf Französisch und Niederländisch.",
            "For people who recently moved to Belgium: status, social security, bank accounts and your first invoices. The session is in English; questions welcome in French and Dutch too.",
        ),
        "format": "information-session",
        "when": (3, 0, "18:00", "19:00"),
        "where": ("online", "21004"),
        "languages": ("en", "fr", "nl"),
        "sectors": (),
        "capacity": None,
        "people": (27, 0, False),
    },
    {
        "title": T(
            "Meet&Connect Bruxelles à La Serre",
            "Meet&Connect Brussel in La Serre",
            "Meet&Connect Brüssel in La Serre",
            "Meet&Connect Brussels at La Serre",
        ),
        "description": T(
            "La soirée bruxelloise des membres, cette fois sous la verrière de La Serre à Ixelles. Au programme : speed-meeting par secteur, puis un verre sur la terrasse.",
            "De Brusselse ledenavond, deze keer onder het glazen dak van La Serre in Elsene. Op het programma: speeddaten per sector en daarna een drankje op het terras.",
            "Der Brüsseler Mitgliederabend, diesmal unter dem Glasdach von La Serre in Ixelles. Auf dem Programm: Speed-Meeting nach Branchen, danach ein Getränk auf der Terrasse.",
            "The Brussels members' evening, this time under the glass roof of La Serre in Ixelles. On the programme: speed meetings by sector, then drinks on the terrace.",
        ),
        "format": "meet-and-connect",
        "when": (4, 3, "18:30", "21:30"),
        "where": "La Serre",
        "languages": ("fr", "nl", "en"),
        "sectors": (),
        "capacity": 60,
        "companions": 1,
        "people": (23, 0, False),
    },
    {
        "title": T(
            "Séance d'information à Anvers",
            "Infosessie in Antwerpen",
            "Informationsveranstaltung in Antwerpen",
            "Information session in Antwerp",
        ),
        "description": T(
            "Pendant la pause de midi, un conseiller présente la coopérative aux indépendant·es anversois·es : contrat, facturation, assurances. Sandwichs prévus.",
            "Tijdens de middagpauze stelt een adviseur de coöperatie voor aan Antwerpse freelancers: contract, facturatie, verzekeringen. Broodjes voorzien.",
            "In der Mittagspause stellt ein Berater Antwerpener Selbstständigen die Genossenschaft vor: Vertrag, Rechnungsstellung, Versicherungen. Für Brötchen ist gesorgt.",
            "Over lunch, an adviser presents the cooperative to Antwerp freelancers: contract, invoicing, insurance. Sandwiches provided.",
        ),
        "format": "information-session",
        "when": (4, 1, "12:30", "13:30"),
        "where": "Bureau régional d'Anvers",
        "languages": ("nl",),
        "sectors": (),
        "capacity": 25,
        "people": (11, 0, False),
    },
    {
        "title": T(
            "Conférence : concevoir durable, de l'atelier au client",
            "Lezing: duurzaam ontwerpen, van atelier tot klant",
            "Vortrag: nachhaltig gestalten, von der Werkstatt bis zum Kunden",
            "Talk: designing sustainably, from workshop to client",
        ),
        "description": T(
            "Deux designers et une architecte d'intérieur racontent comment ils choisissent leurs matériaux, chiffrent le réemploi et convainquent leurs clients. Suivi d'un échange avec la salle.",
            "Twee ontwerpers en een interieurarchitecte vertellen hoe ze hun materialen kiezen, hergebruik begroten en hun klanten overtuigen. Daarna gesprek met de zaal.",
            "Zwei Designer und eine Innenarchitektin erzählen, wie sie ihre Materialien auswählen, Wiederverwendung kalkulieren und ihre Kunden überzeugen. Anschließend Gespräch mit dem Publikum.",
            "Two designers and an interior architect explain how they choose materials, price reuse and win their clients over. Followed by questions from the floor.",
        ),
        "format": "talk",
        "when": (5, 2, "19:30", "21:00"),
        "where": "Cowork Vaartkom",
        "languages": ("nl", "en"),
        "sectors": ("product-design", "architecture-and-interior-design", "sustainability-and-environment"),
        "capacity": 45,
        "price": "8.00",
        "ticket_url": "https://tickets.example.org/coop/duurzaam-ontwerpen-leuven",
        "people": (19, 0, False),
    },
    {
        "title": T(
            "Atelier : un portfolio en ligne qui trouve des clients",
            "Werkcafé: een online portfolio dat klanten vindt",
            "Workshop: ein Online-Portfolio, das Kunden findet",
            "Workshop: an online portfolio that finds clients",
        ),
        "description": T(
            "Choisir ses projets, écrire des légendes qui parlent aux clients, être trouvé dans les moteurs de recherche. L'atelier, prévu à Gand, se tient finalement en ligne : le lien est envoyé aux inscrit·es.",
            "Je projecten kiezen, bijschriften schrijven die klanten aanspreken en gevonden worden in zoekmachines. Het werkcafé was gepland in Gent maar gaat online door: ingeschrevenen krijgen de link.",
            "Projekte auswählen, Bildunterschriften schreiben, die Kunden ansprechen, und in Suchmaschinen gefunden werden. Der Workshop war in Gent geplant und findet nun online statt: Angemeldete erhalten den Link.",
            "Choosing your projects, writing captions that speak to clients and being found by search engines. Planned in Ghent, the workshop now takes place online: registered people receive the link.",
        ),
        "format": "workshop",
        "when": (5, 1, "13:30", "16:30"),
        "where": ("online", "44021"),
        "status": Event.Status.MOVED_ONLINE,
        "languages": ("nl", "en"),
        "sectors": ("photography", "illustration", "ux-and-digital-design"),
        "capacity": 30,
        "people": (17, 0, False),
    },
    {
        "title": T(
            "Petit-déjeuner réseau à Saint-Gilles",
            "Netwerkontbijt in Sint-Gillis",
            "Netzwerkfrühstück in Saint-Gilles",
            "Networking breakfast in Saint-Gilles",
        ),
        "description": T(
            "Croissants et café au Studio Mérode pour les membres du sud de Bruxelles. Chacun·e présente en deux phrases ce qu'il ou elle cherche et ce qu'il ou elle peut offrir.",
            "Croissants en koffie in Studio Mérode voor de leden uit het zuiden van Brussel. Iedereen zegt in twee zinnen wat hij of zij zoekt en wat hij of zij te bieden heeft.",
            "Croissants und Kaffee im Studio Mérode für die Mitglieder aus dem Süden Brüssels. Alle sagen in zwei Sätzen, was sie suchen und was sie anbieten können.",
            "Croissants and coffee at Studio Mérode for members from the south of Brussels. Everyone says in two sentences what they are looking for and what they can offer.",
        ),
        "format": "breakfast",
        "when": (6, 2, "08:00", "09:30"),
        "where": "Studio Mérode",
        "languages": ("fr", "nl"),
        "sectors": (),
        "capacity": 18,
        "companions": 1,
        "people": ("full", 4, False),
    },
    {
        "title": T(
            "Assemblée régionale des membres – Bruxelles",
            "Regionale ledenvergadering – Brussel",
            "Regionale Mitgliederversammlung – Brüssel",
            "Regional members' assembly – Brussels",
        ),
        "description": T(
            "L'assemblée bilingue des membres bruxellois : rapport d'activité, budget des services partagés et vote sur l'ouverture d'un deuxième espace de coworking. Traduction simultanée français-néerlandais.",
            "De tweetalige vergadering van de Brusselse leden: jaarverslag, budget van de gedeelde diensten en stemming over een tweede coworkingruimte. Simultaanvertaling Frans-Nederlands.",
            "Die zweisprachige Versammlung der Brüsseler Mitglieder: Tätigkeitsbericht, Budget der gemeinsamen Dienste und Abstimmung über einen zweiten Coworking-Raum. Simultanübersetzung Französisch-Niederländisch.",
            "The bilingual assembly of Brussels members: annual report, budget of the shared services and a vote on opening a second coworking space. Simultaneous French-Dutch interpretation.",
        ),
        "format": "members-assembly",
        "when": (6, 5, "10:00", "12:30"),
        "where": "Bureau régional de Bruxelles",
        "languages": ("fr", "nl"),
        "sectors": (),
        "capacity": 80,
        "people": (34, 0, False),
        "accessibility": STEP_FREE_FR,
    },
    {
        "title": T(
            "Assemblée régionale des membres – Flandre",
            "Regionale ledenvergadering – Vlaanderen",
            "Regionale Mitgliederversammlung – Flandern",
            "Regional members' assembly – Flanders",
        ),
        "description": T(
            "Les membres flamands se réunissent à Malines, à mi-chemin entre Gand, Anvers et Louvain : comptes de l'année, nouveaux services et élection des délégué·es. Garderie pour les enfants sur inscription.",
            "De Vlaamse leden komen samen in Mechelen, halfweg tussen Gent, Antwerpen en Leuven: de jaarrekening, nieuwe diensten en de verkiezing van de afgevaardigden. Kinderopvang op aanvraag.",
            "Die flämischen Mitglieder treffen sich in Mechelen, auf halbem Weg zwischen Gent, Antwerpen und Löwen: Jahresabschluss, neue Dienste und Wahl der Delegierten. Kinderbetreuung auf Anfrage.",
            "Members in Flanders meet in Mechelen, halfway between Ghent, Antwerp and Leuven: the year's accounts, new services and the election of delegates. Childcare on request.",
        ),
        "format": "members-assembly",
        "when": (7, 5, "10:00", "13:00"),
        "where": ("address", "Ijzerenleen 38", "2800", "12025"),
        "languages": ("nl",),
        "sectors": (),
        "capacity": 90,
        "people": (41, 0, False),
        "accessibility": STEP_FREE_NL,
    },
    {
        "title": T(
            "Atelier ouvert au Kreativraum Göhltal",
            "Open atelier in Kreativraum Göhltal",
            "Offenes Atelier im Kreativraum Göhltal",
            "Open studio at Kreativraum Göhltal",
        ),
        "description": T(
            "Les créateurs de La Calamine montrent leur travail : sérigraphie, reliure, bijoux et une petite exposition de dessins. Café et gâteaux sur place.",
            "De makers uit Kelmis tonen hun werk: zeefdruk, boekbinden, juwelen en een kleine tentoonstelling van tekeningen. Koffie en taart ter plaatse.",
            "Die Kreativen aus Kelmis zeigen ihre Arbeit: Siebdruck, Buchbinderei, Schmuck und eine kleine Zeichnungsausstellung. Kaffee und Kuchen vor Ort.",
            "The makers of Kelmis show their work: screen printing, bookbinding, jewellery and a small exhibition of drawings. Coffee and cake on site.",
        ),
        "format": "open-studio",
        "when": (8, 5, "14:00", "18:00"),
        "where": "Kreativraum Göhltal",
        "languages": ("de", "fr", "nl"),
        "sectors": ("crafts-and-applied-arts", "visual-arts", "illustration"),
        "capacity": None,
        "people": (0, 0, False),
    },
    {
        "title": T(
            "Marché des créateurs de Bruges",
            "Makersmarkt Brugge",
            "Markt der Kreativen in Brügge",
            "Bruges makers' market",
        ),
        "description": T(
            "Une journée de marché dans une ancienne brasserie du centre de Bruges : une quarantaine de créateurs, des ateliers pour enfants et un coin conseil tenu par la coopérative.",
            "Een marktdag in een oude brouwerij in het centrum van Brugge: een veertigtal makers, workshops voor kinderen en een adviespunt van de coöperatie.",
            "Ein Markttag in einer ehemaligen Brauerei im Zentrum von Brügge: rund vierzig Kreative, Workshops für Kinder und eine Beratungsecke der Genossenschaft.",
            "A market day in a former brewery in the centre of Bruges: some forty makers, workshops for children and an advice corner run by the cooperative.",
        ),
        "format": "partner-event",
        "when": (9, 6, "10:00", "17:00"),
        "where": ("address", "Langestraat 47", "8000", "31005"),
        "languages": ("nl", "en", "fr"),
        "sectors": ("crafts-and-applied-arts", "fashion-and-textiles", "product-design"),
        "capacity": None,
        "organiser": "Vzw Brugse Makers",
        "people": (0, 0, False),
        "accessibility": "Rolstoeltoegankelijk via de zij-ingang; aangepast toilet op het gelijkvloers.",
    },
    {
        "title": T(
            "Conférence : la protection sociale des artistes, ce qui change",
            "Lezing: de sociale bescherming van kunstenaars, wat verandert er",
            "Vortrag: soziale Absicherung von Künstlern, was sich ändert",
            "Talk: social protection for artists, what is changing",
        ),
        "description": T(
            "Attestation du travail des arts, chômage, pension : une juriste de la coopérative fait le point sur les réformes et répond aux situations concrètes des participant·es.",
            "Kunstwerkattest, werkloosheid, pensioen: een juriste van de coöperatie overloopt de hervormingen en beantwoordt concrete vragen van de deelnemers.",
            "Künstlerbescheinigung, Arbeitslosengeld, Rente: Eine Juristin der Genossenschaft erklärt die Reformen und beantwortet konkrete Fragen der Teilnehmenden.",
            "Arts work certificate, unemployment benefits, pensions: a lawyer from the cooperative reviews the reforms and answers participants' own situations.",
        ),
        "format": "talk",
        "when": (10, 3, "18:30", "20:30"),
        "where": "Ateliers de la Sambre",
        "languages": ("fr",),
        "sectors": ("performing-arts", "sound-and-music", "visual-arts"),
        "capacity": 40,
        "people": (12, 0, False),
    },
    {
        "title": T(
            "Atelier : rédiger un dossier de subvention",
            "Workshop: een subsidiedossier schrijven",
            "Workshop: einen Förderantrag schreiben",
            "Workshop: writing a grant application",
        ),
        "description": T(
            "Lire un appel à projets, construire un budget crédible et écrire une note d'intention qui se lit jusqu'au bout. Chaque participant·e repart avec un plan pour son propre dossier.",
            "Een projectoproep lezen, een geloofwaardige begroting opstellen en een beleidsnota schrijven die tot het einde gelezen wordt. Iedereen gaat naar huis met een plan voor het eigen dossier.",
            "Eine Ausschreibung lesen, ein glaubwürdiges Budget aufstellen und ein Konzept schreiben, das bis zum Ende gelesen wird. Alle gehen mit einem Plan für ihren eigenen Antrag nach Hause.",
            "Reading a call for projects, building a credible budget and writing a statement that gets read to the end. Everyone leaves with a plan for their own application.",
        ),
        "format": "workshop",
        "when": (11, 2, "09:30", "12:30"),
        "where": "Bureau régional de Namur",
        "languages": ("fr",),
        "sectors": ("performing-arts", "heritage-and-cultural-mediation", "social-and-community-work"),
        "capacity": 12,
        "people": (5, 0, False),
    },
    {
        "title": T(
            "Meet&Connect Anvers : son et image",
            "Meet&Connect Antwerpen: beeld en geluid",
            "Meet&Connect Antwerpen: Bild und Ton",
            "Meet&Connect Antwerp: sound and image",
        ),
        "description": T(
            "Musicien·nes, ingénieur·es du son, monteurs et réalisatrices se retrouvent au Studio Klankkast. Visite des studios, écoute de trois projets de membres, puis rencontres au bar.",
            "Muzikanten, geluidstechnici, monteurs en regisseurs ontmoeten elkaar in Studio Klankkast. Rondleiding door de studio's, drie projecten van leden beluisteren en daarna netwerken aan de bar.",
            "Musikerinnen, Tontechniker, Cutter und Regisseurinnen treffen sich im Studio Klankkast. Führung durch die Studios, drei Mitgliederprojekte zum Anhören, danach Austausch an der Bar.",
            "Musicians, sound engineers, editors and directors meet at Studio Klankkast. A tour of the studios, three members' projects to listen to, then drinks at the bar.",
        ),
        "format": "meet-and-connect",
        "when": (12, 3, "19:00", "22:00"),
        "where": "Studio Klankkast",
        "languages": ("nl", "en"),
        "sectors": ("sound-and-music", "audiovisual-production"),
        "capacity": 45,
        "companions": 1,
        "people": (8, 0, False),
    },
    {
        "title": T(
            "Conférence à Arlon : travailler de part et d'autre de la frontière",
            "Lezing in Aarlen: werken aan beide kanten van de grens",
            "Vortrag in Arlon: arbeiten diesseits und jenseits der Grenze",
            "Talk in Arlon: working on both sides of the border",
        ),
        "description": T(
            "Clients au Luxembourg, en France ou en Allemagne : où payer ses cotisations, comment facturer et que dit la convention fiscale. Une soirée avec des membres frontaliers et un conseiller de la coopérative.",
            "Klanten in Luxemburg, Frankrijk of Duitsland: waar betaal je je bijdragen, hoe factureer je en wat zegt het belastingverdrag? Een avond met grensarbeiders-leden en een adviseur van de coöperatie.",
            "Kunden in Luxemburg, Frankreich oder Deutschland: Wo zahlt man Beiträge, wie stellt man Rechnungen und was sagt das Doppelbesteuerungsabkommen? Ein Abend mit Mitgliedern aus der Grenzregion und einem Berater der Genossenschaft.",
            "Clients in Luxembourg, France or Germany: where to pay contributions, how to invoice and what the tax treaty says. An evening with cross-border members and an adviser from the cooperative.",
        ),
        "format": "talk",
        "when": (8, 1, "19:00", "21:00"),
        "where": ("address", "Grand-Rue 24", "6700", "81001"),
        "languages": ("fr", "de"),
        "sectors": ("consulting", "translation-and-interpreting", "software-development"),
        "capacity": 35,
        "people": (9, 0, False),
        "accessibility": "Salle au rez-de-chaussée, accessible en fauteuil roulant.",
    },
    {
        "title": T(
            "Festival des savoir-faire à Namur",
            "Festival van het vakmanschap in Namen",
            "Festival des Handwerks in Namur",
            "Namur crafts festival",
        ),
        "description": T(
            "Le week-end des artisan·es namurois·es à La Fabrique des Brasseurs : démonstrations, marché et table ronde sur la transmission des métiers. Entrée libre ; ateliers d'initiation payants sur réservation.",
            "Het weekend van de Naamse ambachtslui in La Fabrique des Brasseurs: demonstraties, markt en rondetafel over het doorgeven van vakmanschap. Vrije toegang; betalende initiatieworkshops na reservatie.",
            "Das Wochenende der Handwerker aus Namur in der Fabrique des Brasseurs: Vorführungen, Markt und eine Gesprächsrunde über die Weitergabe von Handwerk. Eintritt frei; kostenpflichtige Schnupperkurse nach Anmeldung.",
            "The weekend of Namur's craftspeople at La Fabrique des Brasseurs: demonstrations, a market and a round table on passing skills on. Free entry; paid taster workshops on booking.",
        ),
        "format": "partner-event",
        "when": (9, 5, "10:00", "18:00"),
        "where": "La Fabrique des Brasseurs",
        "languages": ("fr",),
        "sectors": ("crafts-and-applied-arts", "heritage-and-cultural-mediation"),
        "capacity": None,
        "organiser": "Collectif Savoir-faire namurois",
        "people": (0, 0, False),
    },
    {
        "title": T(
            "Petit-déjeuner réseau à Louvain",
            "Netwerkontbijt in Leuven",
            "Netzwerkfrühstück in Löwen",
            "Networking breakfast in Leuven",
        ),
        "description": T(
            "Un petit-déjeuner au bord du canal chez Cowork Vaartkom, pour les indépendant·es de Louvain et du Brabant flamand. Présentations courtes, café à volonté.",
            "Een ontbijt aan de vaart bij Cowork Vaartkom, voor de freelancers uit Leuven en Vlaams-Brabant. Korte voorstellingsrondes, koffie naar believen.",
            "Ein Frühstück am Kanal bei Cowork Vaartkom für die Selbstständigen aus Löwen und Flämisch-Brabant. Kurze Vorstellungsrunden, Kaffee so viel man möchte.",
            "Breakfast by the canal at Cowork Vaartkom for freelancers from Leuven and Flemish Brabant. Short introductions, bottomless coffee.",
        ),
        "format": "breakfast",
        "when": (10, 4, "08:00", "09:30"),
        "where": "Cowork Vaartkom",
        "languages": ("nl", "en"),
        "sectors": (),
        "capacity": 20,
        "companions": 1,
        "people": (6, 0, False),
    },
]

SERIES = {
    "title": T(
        "Petit-déjeuner réseau de Liège",
        "Netwerkontbijt in Luik",
        "Netzwerkfrühstück in Lüttich",
        "Liège networking breakfast",
    ),
    "description": T(
        "Chaque premier mardi du mois, les membres liégeois se retrouvent au bureau régional autour d'un café et de couques. Un tour de table rapide, une présentation d'un membre, et chacun·e repart au travail à 9 h 30.",
        "Elke eerste dinsdag van de maand ontmoeten de Luikse leden elkaar op het regionale kantoor bij koffie en koffiekoeken. Een korte voorstellingsronde, een lid stelt zijn werk voor, en om half tien gaat iedereen weer aan de slag.",
        "Jeden ersten Dienstag im Monat treffen sich die Lütticher Mitglieder im Regionalbüro bei Kaffee und Gebäck. Eine kurze Vorstellungsrunde, ein Mitglied stellt seine Arbeit vor, und um halb zehn geht es zurück an die Arbeit.",
        "Every first Tuesday of the month, members in Liège meet at the regional office over coffee and pastries. A quick round of introductions, one member presents their work, and everyone is back at work by 9:30.",
    ),
    "format": "breakfast",
    "rule": "FREQ=MONTHLY;BYDAY=1TU",
    "start": "08:00",
    "end": "09:30",
    "where": "Bureau régional de Liège",
    "languages": ("fr", "en"),
    "capacity": 25,
    "companions": 1,
}

# Invented guests (first name, last name, language): their addresses are at example.org.
GUESTS = [
    ("Amélie", "Dubois", "fr"),
    ("Lotte", "Peeters", "nl"),
    ("Jonas", "Maes", "nl"),
    ("Sophie", "Lambert", "fr"),
    ("Hannah", "Schmitz", "de"),
    ("Youssef", "El Amrani", "fr"),
    ("Elise", "Claes", "nl"),
    ("Thomas", "Renard", "fr"),
    ("Marie", "Jacobs", "nl"),
    ("Lukas", "Kessler", "de"),
    ("Inès", "Martin", "fr"),
    ("Pieter", "Wouters", "nl"),
    ("Chloé", "Leclercq", "fr"),
    ("Bram", "Goossens", "nl"),
    ("Fatima", "Benali", "fr"),
    ("Ruben", "Verhoeven", "nl"),
    ("Julie", "Simon", "fr"),
    ("Anna", "Kraus", "de"),
    ("Nathan", "Dupont", "fr"),
    ("Femke", "Mertens", "nl"),
    ("Olivia", "Hughes", "en"),
    ("Arthur", "Lemaire", "fr"),
    ("Noor", "Janssens", "nl"),
    ("Léa", "Fontaine", "fr"),
    ("Milan", "De Smet", "nl"),
    ("Clara", "Hoffmann", "de"),
    ("Hugo", "Collard", "fr"),
    ("Sara", "Vermeulen", "nl"),
    ("Daniel", "Okafor", "en"),
    ("Emma", "Willems", "nl"),
    ("Louis", "Mathieu", "fr"),
    ("Zoë", "Van Damme", "nl"),
    ("Camille", "Gérard", "fr"),
    ("Tim", "Lenaerts", "nl"),
    ("Alice", "Moreau", "fr"),
    ("Jan", "Pauwels", "nl"),
    ("Sofia", "Rossi", "en"),
    ("Maxime", "Delvaux", "fr"),
    ("Laura", "Becker", "de"),
    ("Wout", "Hermans", "nl"),
    ("Nina", "Lejeune", "fr"),
    ("Kobe", "Desmet", "nl"),
    ("Marta", "Nowak", "en"),
    ("Baptiste", "Lefèvre", "fr"),
    ("Jana", "Müller", "de"),
    ("Stijn", "Van den Broeck", "nl"),
    ("Salomé", "Gillet", "fr"),
    ("Lars", "Hendrickx", "nl"),
    ("Manon", "Noël", "fr"),
    ("Ilse", "Aerts", "nl"),
]
# Parties: how many people each registrant brings, in turn (up to what the event allows).
PARTIES = (0, 0, 1, 0, 2, 0, 0, 1, 0, 0)


def ensure_formats():
    """{slug: format}, with the formats of data/formats.csv (a migration loads them; a flushed
    test database has lost them)."""
    return ensure_named_rows(EventFormat, FORMATS_CSV)


def _time(text):
    hour, minute = (int(part) for part in text.split(":"))
    return datetime.time(hour, minute)


def _venues():
    """{French name: registry.Venue} of the spaces events can be held at."""
    with translation.override("fr"):
        ids = [pk for pk, _label in registry.venue_choices()]
        return {venue.name: venue for venue in registry.venues(ids).values()}


def _where(spec_where, venues, municipalities):
    """The event's venue fields for a space's name, ("address", …) or ("online", REFNIS)."""
    if isinstance(spec_where, str):
        venue = venues.get(spec_where)
        if venue is not None:
            return {"venue": Venue.SPACE, "space_id": venue.id, "municipality_id": venue.municipality_id}
        street, postcode, refnis = SPACES[spec_where]
        spec_where = ("address", f"{spec_where}, {street}", postcode, refnis)
    kind = spec_where[0]
    if kind == "online":
        return {
            "venue": Venue.ONLINE,
            "online_url": f"https://visio.coop.example/{slugify(spec_where[1])}-demo",
            "municipality_id": municipalities[spec_where[1]],
        }
    _kind, street, postcode, refnis = spec_where
    return {
        "venue": Venue.ADDRESS,
        "street_address": street,
        "postal_code": postcode,
        "municipality_id": municipalities[refnis],
    }


def _people(members):
    """Who registers: the directory's demo members when there are any, then invented guests.
    [(name, e-mail, language, user or None)]"""
    people = [
        (m.get_full_name() or m.email.split("@")[0], m.email, m.preferred_language or "fr", m)
        for m in members
    ]
    for first, last, language in GUESTS:
        email = f"{slugify(first)}.{slugify(last).replace('-', '')}@{GUESTS_DOMAIN}"
        people.append((f"{first} {last}", email, language, None))
    return people


def _registrations(event, plan, people, offset, now):
    """Rows for an event: confirmed parties up to `seats` (companions as the event allows),
    then people waiting in order; checked in at the door when the event is over."""
    seats, waiting, checked_in = plan
    if seats == "full":
        seats = event.capacity
    rows, taken, n = [], 0, 0
    # Registrations open when the event is announced and come in over the following weeks.
    first = min(event.created_at, event.start - datetime.timedelta(days=21), now - datetime.timedelta(days=1))
    last = min(now, event.start - datetime.timedelta(hours=1))
    span = (last - first).total_seconds()
    total = max(1, seats + waiting)

    def moment(i):
        return first + datetime.timedelta(seconds=span * (i + 1) / (total + 2))

    while taken < seats and n < len(people):
        name, email, language, user = people[(offset + n) % len(people)]
        companions = min(PARTIES[n % len(PARTIES)], event.max_companions, seats - taken - 1)
        at = moment(n)
        rows.append(
            Registration(
                event=event,
                user=user,
                name=name,
                email=email,
                companions=companions,
                status=Registration.Status.CONFIRMED,
                language=language,
                created_at=at,
                queued_at=at,
                confirmed_at=at,
                checked_in_at=event.start + datetime.timedelta(minutes=5 + n % 20)
                if checked_in and n % 7
                else None,
            )
        )
        taken += companions + 1
        n += 1
    for _k in range(waiting):
        name, email, language, user = people[(offset + n) % len(people)]
        at = moment(n)
        rows.append(
            Registration(
                event=event,
                user=user,
                name=name,
                email=email,
                companions=0,
                status=Registration.Status.WAITLISTED,
                language=language,
                created_at=at,
                queued_at=at,
            )
        )
        n += 1
    return rows


def seed_events(venues, formats, municipalities, languages, sectors, people, counts, now):
    """The one-off events, inserted in bulk (then indexed once); existing ones are kept."""
    today = timezone.localdate(now)
    monday = today - datetime.timedelta(days=today.weekday())
    existing = set(
        Event.objects.filter(
            series__isnull=True, title_fr__in=[s["title"]["fr"] for s in EVENTS]
        ).values_list("title_fr", flat=True)
    )
    new = []
    for spec in EVENTS:
        if spec["title"]["fr"] in existing:
            counts.add("events kept")
            continue
        weeks, weekday, begins, ends = spec["when"]
        day = monday + datetime.timedelta(weeks=weeks, days=weekday)
        start, end = clock(day, _time(begins)), clock(day, _time(ends))
        values = {
            "format": formats[spec["format"]],
            "start": start,
            "end": end,
            "status": spec.get("status", Event.Status.SCHEDULED),
            "capacity": spec["capacity"],
            "max_companions": spec.get("companions", 0),
            "price": Decimal(spec["price"]) if spec.get("price") else None,
            "ticket_url": spec.get("ticket_url", ""),
            "accessibility": spec.get("accessibility", ""),
            # Announced four to six weeks ahead, one after the other (the Atom feed lists the
            # newest first).
            "created_at": min(
                start - datetime.timedelta(days=28 + 7 * (len(new) % 3)),
                now - datetime.timedelta(hours=5 * (len(EVENTS) - len(new))),
            ),
            **_where(spec["where"], venues, municipalities),
        }
        translated(values, "title", spec["title"])
        translated(values, "description", spec["description"])
        # Partners' names are the same in every language.
        translated(values, "organiser", {code: spec.get("organiser", COOP) for code in LANGS})
        new.append((spec, Event(**values)))
    Event.objects.bulk_create([event for _spec, event in new])
    links_languages, links_sectors, rows = [], [], []
    for index, (spec, event) in enumerate(new):
        links_languages += [
            Event.languages.through(event_id=event.pk, language_id=languages[code])
            for code in spec["languages"]
        ]
        links_sectors += [
            Event.sectors.through(event_id=event.pk, sector_id=sectors[slug]) for slug in spec["sectors"]
        ]
        rows += _registrations(event, spec["people"], people, index * 7, now)
    Event.languages.through.objects.bulk_create(links_languages)
    Event.sectors.through.objects.bulk_create(links_sectors)
    Registration.objects.bulk_create(rows)
    counts.add("events new", len(new))
    counts.add("registrations new", len(rows))
    return [event.pk for _spec, event in new]


def _first_tuesday_since(day):
    """The first "first Tuesday of a month" on or after `day`."""
    while True:
        first = day.replace(day=1)
        tuesday = first + datetime.timedelta(days=(1 - first.weekday()) % 7)
        if tuesday >= day:
            return tuesday
        day = (first + datetime.timedelta(days=32)).replace(day=1)


def seed_series(venues, formats, municipalities, languages, people, counts, now):
    """The monthly breakfast in Liège from two months ago to three months ahead: the dates to
    come made by agenda.series.materialize, the ones already held written here as materialize
    would have made them then; one upcoming date cancelled. A series that exists is kept."""
    from agenda import series as series_dates
    from agenda.recurrence import occurrences

    spec = SERIES
    if Series.objects.filter(title_fr=spec["title"]["fr"]).exists():
        counts.add("series kept")
        return
    today = timezone.localdate(now)
    values = {
        "format": formats[spec["format"]],
        "rule": spec["rule"],
        "first_date": _first_tuesday_since(today - datetime.timedelta(days=60)),
        "until": today + datetime.timedelta(days=92),
        "start_time": _time(spec["start"]),
        "end_time": _time(spec["end"]),
        "capacity": spec["capacity"],
        "max_companions": spec["companions"],
        **_where(spec["where"], venues, municipalities),
    }
    translated(values, "title", spec["title"])
    translated(values, "description", spec["description"])
    translated(values, "organiser", LIEGE_OFFICE)
    series = Series.objects.create(**values)
    series.languages.set([languages[code] for code in spec["languages"]])
    # The dates already held (materialize only makes the ones to come).
    uid_for = getattr(series_dates, "occurrence_uid", None)
    shared = {k: v for k, v in values.items() if k not in SERIES_ONLY}
    held = [
        Event(
            series=series,
            start=start,
            end=end,
            **({"uid": uid_for(series, timezone.localtime(start).date())} if uid_for else {}),
            **shared,
        )
        for start, end in occurrences(series, start=series.first_date, end=today)
        if start <= now
    ]
    Event.objects.bulk_create(held)
    Event.languages.through.objects.bulk_create(
        [
            Event.languages.through(event_id=e.pk, language_id=languages[c])
            for e in held
            for c in spec["languages"]
        ]
    )
    series_dates.materialize(series)
    # Announced a fortnight before its first date.
    announced = clock(series.first_date, series.start_time) - datetime.timedelta(days=14)
    series.events.update(created_at=min(announced, now))
    events = list(series.events.order_by("start"))
    upcoming = [e for e in events if e.end >= now]
    # The second upcoming date is called off (the office is closed that week); calendars get
    # STATUS:CANCELLED and a higher SEQUENCE. Nobody had registered yet: nobody to tell.
    cancelled = upcoming[1] if len(upcoming) > 1 else None
    if cancelled is not None:
        cancelled.status = Event.Status.CANCELLED
        cancelled.detached = True
        cancelled.sequence += 1
        cancelled.save()
    rows = []
    for index, event in enumerate(events):
        if event is cancelled:
            continue
        if event.end < now:
            plan = (20 - index, 0, True)
        elif event is upcoming[0]:
            plan = (14, 0, False)
        else:
            plan = (4, 0, False)
        rows += _registrations(event, plan, people, 11 + index * 5, now)
    Registration.objects.bulk_create(rows)
    counts.add("series new")
    counts.add("events new", len(events))
    counts.add("registrations new", len(rows))
    return [e.pk for e in held]


def seed(stdout=None, members=None):
    """Create the demo calendar (what exists is kept); `members` (the directory's count of
    synthetic profiles) does not apply here. Returns how many objects were created."""
    from agenda.documents import EVENTS as EVENT_DOCUMENT
    from portal import search

    began = time.monotonic()
    counts = Counter()
    now = timezone.now()
    with translation.override("fr"), transaction.atomic():
        formats = ensure_formats()
        refnis = {s[2] for s in SPACES.values()} | {
            spec["where"][-1] for spec in EVENTS if not isinstance(spec["where"], str)
        }
        municipalities = dict(Municipality.objects.filter(refnis__in=refnis).values_list("refnis", "pk"))
        languages = dict(Language.objects.values_list("code", "pk"))
        sectors = dict(Sector.objects.values_list("slug", "pk"))
        venues = _venues()
        people = _people(demo_members(60))
        new = seed_events(venues, formats, municipalities, languages, sectors, people, counts, now)
        new += seed_series(venues, formats, municipalities, languages, people, counts, now) or []
        if new:
            # Inserted in bulk: indexed once (saved events reindex themselves).
            transaction.on_commit(lambda: search.update(EVENT_DOCUMENT, new))
    if stdout:
        stdout.write(
            "Events: {new} new, {kept} kept, {registrations} registrations ({seconds:.1f} s).".format(
                new=counts.get("events new", 0),
                kept=counts.get("events kept", 0),
                registrations=counts.get("registrations new", 0),
                seconds=time.monotonic() - began,
            )
        )
    return sum(counts.get(key, 0) for key in ("events new", "series new", "registrations new"))


# Many events (benchmarks) --------------------------------------------------------------------

# What invented events are about; a title is the format's name, the town and one of these.
TOPICS = [
    T(
        "réseauter entre graphistes",
        "netwerken onder grafici",
        "Netzwerken unter Grafikern",
        "networking for graphic designers",
    ),
    T("fixer ses tarifs", "je tarieven bepalen", "Preise festlegen", "pricing your work"),
    T(
        "droits d'auteur et licences",
        "auteursrechten en licenties",
        "Urheberrecht und Lizenzen",
        "copyright and licences",
    ),
    T(
        "trouver ses premiers clients",
        "je eerste klanten vinden",
        "die ersten Kunden finden",
        "finding your first clients",
    ),
    T(
        "la facturation sans stress",
        "factureren zonder stress",
        "Rechnungen ohne Stress",
        "invoicing without stress",
    ),
    T("photographie et vidéo", "fotografie en video", "Fotografie und Video", "photography and video"),
    T(
        "répondre à un marché public",
        "inschrijven op een overheidsopdracht",
        "sich auf eine Ausschreibung bewerben",
        "answering a public tender",
    ),
    T(
        "musiciens et techniciens du son",
        "muzikanten en geluidstechnici",
        "Musiker und Tontechniker",
        "musicians and sound engineers",
    ),
    T(
        "traduction et interprétation",
        "vertalen en tolken",
        "Übersetzen und Dolmetschen",
        "translation and interpreting",
    ),
    T(
        "le numérique pour les artistes",
        "digitaal voor kunstenaars",
        "Digitales für Kunstschaffende",
        "digital tools for artists",
    ),
    T(
        "protection sociale des indépendants",
        "sociale bescherming van freelancers",
        "soziale Absicherung von Selbstständigen",
        "social protection for freelancers",
    ),
    T(
        "portfolio et présentation",
        "portfolio en presentatie",
        "Portfolio und Präsentation",
        "portfolio and pitching",
    ),
    T("les arts de la scène", "podiumkunsten", "darstellende Künste", "the performing arts"),
    T("écrire pour le web", "schrijven voor het web", "Schreiben fürs Web", "writing for the web"),
    T(
        "subsides et appels à projets",
        "subsidies en projectoproepen",
        "Zuschüsse und Projektaufrufe",
        "grants and calls for projects",
    ),
    T("la rentrée des membres", "de leden zijn terug", "die Mitglieder sind zurück", "members back in town"),
]


@transaction.atomic
def create_events(count, seed=2026, stdout=None, days_back=5 * 365, days_ahead=365):
    """Create `count` invented events over the past `days_back` and the next `days_ahead` days,
    quickly (bulk inserts, then the database search index): titles from the formats, towns and
    TOPICS in four languages, the demo events' descriptions, venues at the spaces there are, at
    other addresses and online, registrations with companions, full events and waitlists. For
    benchmarks."""
    import random

    from agenda.documents import EVENTS as EVENT_DOCUMENT
    from portal.demo.bulk import batches, insert_rows, weighted_municipalities
    from portal.search.database import DatabaseBackend

    if count <= 0:
        return 0
    first_number = Event.objects.count() + 1
    rng = random.Random(seed + first_number)
    now = timezone.now()
    formats = ensure_formats()
    format_names = {
        slug: {code: getattr(f, f"name_{code}") or f.name for code in LANGS} for slug, f in formats.items()
    }
    descriptions = {}
    for spec in EVENTS:
        descriptions.setdefault(spec["format"], []).append(spec["description"])
    municipalities, weights = weighted_municipalities("region")
    by_pk = {m.pk: m for m in municipalities}
    venues = list(registry.venues([pk for pk, _label in registry.venue_choices()]).values())
    languages = dict(Language.objects.filter(code__in=LANGS).values_list("code", "pk"))
    sectors = list(Sector.objects.values_list("pk", flat=True))
    format_weights = {
        "meet-and-connect": 6,
        "workshop": 6,
        "information-session": 4,
        "breakfast": 4,
        "talk": 3,
    }
    slugs = list(formats)
    database = DatabaseBackend(EVENT_DOCUMENT)
    for created, n in batches(count, 2000, stdout, "events"):
        events, plans = [], []
        for _k in range(n):
            slug = rng.choices(slugs, [format_weights.get(s, 1) for s in slugs])[0]
            where = rng.random()
            if where < 0.4 and venues:
                venue = rng.choice(venues)
                place = by_pk[venue.municipality_id]
                fields = {"venue": Venue.SPACE, "space_id": venue.id, "municipality_id": place.pk}
            else:
                place = rng.choices(municipalities, weights)[0]
                if where < 0.8:
                    codes = [p.code for p in place.postal_codes.all()]
                    fields = {
                        "venue": Venue.ADDRESS,
                        "street_address": f"Rue du Marché {rng.randint(1, 120)}",
                        "postal_code": rng.choice(codes) if codes else "",
                        "municipality_id": place.pk,
                    }
                else:
                    fields = {
                        "venue": Venue.ONLINE,
                        "online_url": f"https://visio.coop.example/{first_number + created + len(events)}",
                        "municipality_id": place.pk,
                    }
            towns = place_names(place)
            topic = rng.choice(TOPICS)
            separator = {"fr": " : "}
            titles = {
                code: f"{format_names[slug][code]} {towns[code]}{separator.get(code, ': ')}{topic[code]}"
                for code in LANGS
            }
            day = now + datetime.timedelta(days=rng.uniform(-days_back, days_ahead))
            start = clock(
                timezone.localtime(day).date(),
                datetime.time(rng.choice([9, 10, 12, 14, 18, 19]), rng.choice([0, 30])),
            )
            length = datetime.timedelta(
                hours=rng.choice([1, 1.5, 2, 3]), days=1 if rng.random() < 0.03 else 0
            )
            capacity = rng.choice([12, 16, 20, 30, 40, 60]) if rng.random() < 0.6 else None
            paid = rng.random() < 0.3
            values = {
                "format": formats[slug],
                "start": start,
                "end": start + length,
                "status": rng.choices(list(Event.Status), [95, 3, 1, 1])[0],
                "capacity": capacity,
                "max_companions": rng.choice([0, 0, 1, 2]),
                "price": Decimal(rng.choice(["5.00", "10.00", "15.00", "25.00", "40.00"])) if paid else None,
                "ticket_url": f"https://tickets.example/{first_number + created + len(events)}"
                if paid
                else "",
                "published": rng.random() < 0.99,
                "created_at": min(start - datetime.timedelta(days=rng.randint(10, 60)), now),
                **fields,
            }
            translated(values, "title", titles)
            translated(values, "description", rng.choice(descriptions.get(slug) or descriptions["workshop"]))
            office = rng.random() >= 0.7  # else the cooperative itself
            translated(
                values, "organiser", {code: f"{COOP} – {towns[code]}" if office else COOP for code in LANGS}
            )
            events.append(Event(**values))
            spoken = (
                {local_language(place)}
                | ({"en"} if rng.random() < 0.25 else set())
                | ({"fr", "nl"} if rng.random() < 0.1 else set())
            )
            plans.append((spoken, rng.sample(sectors, rng.choice([0, 0, 1, 1, 2, 3]))))
        Event.objects.bulk_create(events)
        links_languages, links_sectors, rows = [], [], []
        for event, (spoken, chosen) in zip(events, plans, strict=True):
            links_languages += [(event.pk, languages[c]) for c in sorted(spoken)]
            links_sectors += [(event.pk, pk) for pk in chosen]
            rows += _invented_registrations(event, rng, now)
        insert_rows(Event.languages.through._meta.db_table, ("event_id", "language_id"), links_languages)
        insert_rows(Event.sectors.through._meta.db_table, ("event_id", "sector_id"), links_sectors)
        insert_rows(
            Registration._meta.db_table,
            REGISTRATION_COLUMNS,
            rows,
            dates=("created_at", "queued_at", "confirmed_at"),
        )
        # Straight into the database index, read back with everything it needs.
        database.index(EVENT_DOCUMENT.objects([e.pk for e in events if e.published]), fresh=True)
    return count


def _invented_registrations(event, rng, now):
    """Rows of guests at example.org, as tuples of REGISTRATION_COLUMNS: an event with places is
    full one time in six (with people waiting), else partly taken; one without a limit gets a
    few people."""
    if event.status == Event.Status.CANCELLED:
        return []
    if event.capacity:
        seats = event.capacity if rng.random() < 1 / 6 else int(event.capacity * rng.uniform(0, 0.6))
        waiting = rng.randint(1, 4) if seats == event.capacity else 0
    else:
        seats, waiting = rng.randint(0, 8), 0
    at = min(event.created_at + datetime.timedelta(days=1), now)

    def row(n, companions, status):
        first, last, language = GUESTS[n % len(GUESTS)]
        confirmed = at if status == Registration.Status.CONFIRMED else None
        email = f"{slugify(first)}.{n}@{GUESTS_DOMAIN}"
        return (event.pk, f"{first} {last}", email, companions, status, language, at, at, confirmed)

    rows, taken = [], 0
    while taken < seats:
        companions = min(rng.choice(PARTIES), event.max_companions, seats - taken - 1)
        rows.append(row(len(rows), companions, Registration.Status.CONFIRMED))
        taken += companions + 1
    rows += [row(len(rows) + k, 0, Registration.Status.WAITLISTED) for k in range(waiting)]
    return rows


REGISTRATION_COLUMNS = (
    "event_id", "name", "email", "companions", "status", "language", "created_at", "queued_at", "confirmed_at",
)  # fmt: skip
