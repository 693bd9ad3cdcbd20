"""Demo data for the coworking app: the cooperative's regional offices, partner and coworking
spaces across Belgium, their rooms and desks, drawn photos, a few bookings in the coming days
and the base space of a few members. Every text in French, Dutch, German and English.

`seed()` is run by `manage.py seed_demo` after the core's demo (pages, demo accounts) and after
the directory's seeder (its synthetic members, …@demo.coop.example). Running it again changes
nothing: spaces are found by their slug, rooms and photos by their place in the space, images by
title, and a member who already has upcoming bookings or a base space is left alone.

Addresses are invented (real street names, invented numbers); the places are Statbel's
municipalities. No real person's data: the bookings belong to the demo accounts.
"""

import datetime
import time
from decimal import Decimal
from pathlib import Path

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import F
from django.utils import timezone, translation

from coworking import hours
from coworking.models import Amenity, Booking, MemberBase, Resource, Space, SpacePhoto
from portal.demo.common import (
    DEMO_MEMBERS_DOMAIN,  # noqa: F401 (tests/coworking/test_demo.py reads it here)
    GERMAN_SPEAKING,
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

AMENITIES_CSV = Path(__file__).resolve().parent / "data" / "amenities.csv"


def D(price):
    return None if price is None else Decimal(price)


# Rooms and desks ---------------------------------------------------------------------------


def desk(n, member, public, amenities=("desks", "wifi")):
    return {
        "name": T(f"Poste de travail {n}", f"Werkplek {n}", f"Arbeitsplatz {n}", f"Desk {n}"),
        "kind": Resource.Kind.DESK,
        "unit": Resource.Unit.DAY,
        "capacity": 1,
        "amenities": amenities,
        "price": (member, public),
    }


def room(name, capacity, member, public, amenities=("meeting-room", "projector", "wifi"), max_hours=4):
    return {
        "name": name,
        "kind": Resource.Kind.ROOM,
        "unit": Resource.Unit.HOUR,
        "capacity": capacity,
        "amenities": amenities,
        "price": (member, public),
        "max_hours": max_hours,
    }


def meeting(fr, nl, de, en, capacity=8, member="8.00", public="20.00"):
    return room(
        T(f"Salle {fr}", f"Vergaderzaal {nl}", f"Besprechungsraum {de}", f"{en} meeting room"),
        capacity,
        member,
        public,
    )


# Photos: (drawing in coworking.demo_images, alternative text with the space's name) ----------

ALT = {
    "open-space": T(
        "{name} : l'espace de travail partagé, des bureaux alignés face à une grande fenêtre sur la ville.",
        "{name}: de gedeelde werkruimte, met bureaus in rijen voor een groot raam met uitzicht op de stad.",
        "{name}: der gemeinsame Arbeitsraum, Schreibtische in Reihen vor einem großen Fenster mit Blick auf die Stadt.",
        "{name}: the shared workspace, rows of desks facing a wide window over the town.",
    ),
    "meeting-room": T(
        "{name} : la salle de réunion vue d'en haut, une longue table de douze places et un écran au mur.",
        "{name}: de vergaderzaal van bovenaf gezien, een lange tafel met twaalf plaatsen en een scherm aan de muur.",
        "{name}: der Besprechungsraum von oben, ein langer Tisch mit zwölf Plätzen und ein Bildschirm an der Wand.",
        "{name}: the meeting room seen from above, a long table for twelve and a screen on the wall.",
    ),
    "rehearsal-room": T(
        "{name} : le local de répétition, avec une batterie, deux amplis et des panneaux acoustiques aux murs.",
        "{name}: de repetitieruimte, met een drumstel, twee versterkers en akoestische panelen aan de muren.",
        "{name}: der Proberaum mit Schlagzeug, zwei Verstärkern und Akustikplatten an den Wänden.",
        "{name}: the rehearsal room, with a drum kit, two amplifiers and acoustic panels on the walls.",
    ),
    "photo-studio": T(
        "{name} : le studio photo, un fond papier, deux boîtes à lumière et un appareil sur trépied.",
        "{name}: de fotostudio, met een papieren achtergrond, twee softboxen en een camera op statief.",
        "{name}: das Fotostudio mit Papierhintergrund, zwei Softboxen und einer Kamera auf dem Stativ.",
        "{name}: the photo studio, with a paper backdrop, two softboxes and a camera on a tripod.",
    ),
    "darkroom": T(
        "{name} : la chambre noire sous la lumière rouge, des bacs sur le plan de travail et des tirages qui sèchent.",
        "{name}: de donkere kamer in rood licht, met bakken op de werkbank en afdrukken die te drogen hangen.",
        "{name}: die Dunkelkammer im roten Licht, Schalen auf dem Arbeitstisch und Abzüge, die zum Trocknen hängen.",
        "{name}: the darkroom under its red safelight, trays on the bench and prints hanging to dry.",
    ),
    "recording-studio": T(
        "{name} : la régie, une table de mixage et deux enceintes devant la vitre de la salle de prise.",
        "{name}: de regiekamer, met een mengtafel en twee monitors voor het raam naar de opnameruimte.",
        "{name}: der Regieraum mit Mischpult und zwei Lautsprechern vor dem Fenster zum Aufnahmeraum.",
        "{name}: the control room, a mixing desk and two monitors in front of the window onto the live room.",
    ),
    "workshop": T(
        "{name} : l'atelier, des étagères de matériaux, un établi, un four et des pièces qui sèchent.",
        "{name}: het atelier, met rekken vol materiaal, een werkbank, een oven en stukken die drogen.",
        "{name}: die Werkstatt mit Materialregalen, einer Werkbank, einem Brennofen und trocknenden Stücken.",
        "{name}: the workshop, shelves of materials, a workbench, a kiln and pieces drying.",
    ),
    "loading-dock": T(
        "{name} : l'atelier, des étagères de matériaux, un établi et la porte sectionnelle du quai de chargement.",
        "{name}: de werkplaats, met rekken vol materiaal, een werkbank en de roldeur van de laadkade.",
        "{name}: die Werkstatt mit Materialregalen, einer Werkbank und dem Rolltor der Laderampe.",
        "{name}: the workshop, shelves of materials, a workbench and the roller door of the loading dock.",
    ),
}

OFFICE_AMENITIES = ["desks", "meeting-room", "wifi", "printing", "kitchen", "projector"]
OFFICE_PRICES = {"hour": ("8.00", "20.00"), "day": ("5.00", "15.00")}

# The cooperative's regional offices, then partner and coworking spaces. "refnis" and
# "postcode" name the place; "hours" and "adviser_hours" are OpenStreetMap opening_hours.
SPACES = [
    {
        "slug": "bureau-regional-bruxelles",
        "kind": Space.Kind.OFFICE,
        "name": T(
            "Bureau régional de Bruxelles",
            "Regionaal kantoor Brussel",
            "Regionalbüro Brüssel",
            "Brussels regional office",
        ),
        "description": T(
            "Le bureau de Bruxelles accueille les membres à deux pas de la place Sainte-Catherine. Nos conseillères et conseillers y répondent à vos questions sur les contrats, la facturation et la protection sociale, sans rendez-vous pendant les permanences. Des postes de travail et deux salles de réunion sont réservables en ligne.",
            "Het Brusselse kantoor ligt op een paar stappen van het Sint-Katelijneplein. Onze adviseurs beantwoorden er uw vragen over contracten, facturatie en sociale bescherming, zonder afspraak tijdens de spreekuren. Werkplekken en twee vergaderzalen reserveert u online.",
            "Das Brüsseler Büro liegt wenige Schritte vom Place Sainte-Catherine entfernt. Unsere Beraterinnen und Berater beantworten dort Ihre Fragen zu Verträgen, Rechnungsstellung und sozialer Absicherung, während der Sprechstunden ohne Termin. Arbeitsplätze und zwei Besprechungsräume können online gebucht werden.",
            "The Brussels office is a short walk from Place Sainte-Catherine. Our advisers answer your questions about contracts, invoicing and social protection, with no appointment needed during office hours. Desks and two meeting rooms can be booked online.",
        ),
        "street": "Rue de Flandre 46",
        "refnis": "21004",
        "postcode": "1000",
        "point": (50.8528, 4.3462),
        "hours": "Mo-Fr 09:00-17:00; PH off",
        "adviser_hours": "Mo,We,Th 09:30-12:30; Tu 14:00-19:00; PH off",
        "amenities": OFFICE_AMENITIES + ["lockers", "quiet-room", "bike-parking"],
        "access": {"wheelchair": "yes", "accessible_toilet": True, "hearing_loop": True, "lift": True},
        "capacity": 35,
        "prices": OFFICE_PRICES,
        "email": "bruxelles@coop.example",
        "phone": "+32 2 513 48 20",
        "resources": [
            meeting("Senne", "Zenne", "Senne", "Senne", capacity=10),
            meeting("Canal", "Kanaal", "Kanal", "Canal", capacity=6, member="6.00", public="15.00"),
            desk(1, "5.00", "15.00"),
            desk(2, "5.00", "15.00"),
            desk(3, "5.00", "15.00"),
        ],
        "photos": ["open-space", "meeting-room"],
    },
    {
        "slug": "bureau-regional-liege",
        "kind": Space.Kind.OFFICE,
        "name": T(
            "Bureau régional de Liège",
            "Regionaal kantoor Luik",
            "Regionalbüro Lüttich",
            "Liège regional office",
        ),
        "description": T(
            "Au cœur du quartier Saint-Gilles, le bureau liégeois est le point de rencontre des membres de la province. Les permanences du mardi et du jeudi matin sont l'occasion de faire le point sur un projet avec une conseillère. Le bureau ferme entre 12 h 30 et 13 h 30.",
            "Het kantoor in Luik, midden in de wijk Saint-Gilles, is het trefpunt voor de leden uit de provincie. Op dinsdag- en donderdagochtend kunt u tijdens het spreekuur uw project met een adviseur bespreken. Het kantoor is gesloten tussen 12.30 en 13.30 uur.",
            "Das Lütticher Büro im Viertel Saint-Gilles ist der Treffpunkt der Mitglieder aus der Provinz. In den Sprechstunden am Dienstag- und Donnerstagvormittag besprechen Sie Ihr Projekt mit einer Beraterin. Zwischen 12.30 und 13.30 Uhr ist das Büro geschlossen.",
            "In the heart of the Saint-Gilles district, the Liège office is where members from the province meet. On Tuesday and Thursday mornings, advisers hold office hours to talk your project through. The office closes for lunch from 12:30 to 13:30.",
        ),
        "street": "Rue Saint-Gilles 58",
        "refnis": "62063",
        "postcode": "4000",
        "point": (50.6410, 5.5640),
        "hours": "Mo-Fr 09:00-12:30,13:30-17:00; PH off",
        "adviser_hours": "Tu,Th 09:30-12:30; PH off",
        "amenities": OFFICE_AMENITIES,
        "access": {"wheelchair": "limited", "accessible_toilet": True, "hearing_loop": False, "lift": True},
        "capacity": 20,
        "prices": OFFICE_PRICES,
        "email": "liege@coop.example",
        "phone": "+32 4 223 61 40",
        "resources": [
            meeting("Meuse", "Maas", "Maas", "Meuse"),
            desk(1, "5.00", "15.00"),
            desk(2, "5.00", "15.00"),
        ],
        "photos": ["open-space"],
    },
    {
        "slug": "bureau-regional-namur",
        "kind": Space.Kind.OFFICE,
        "name": T(
            "Bureau régional de Namur",
            "Regionaal kantoor Namen",
            "Regionalbüro Namur",
            "Namur regional office",
        ),
        "description": T(
            "Le bureau de Namur occupe le premier étage d'une maison de maître de la rue de Fer, à cinq minutes de la gare. Les conseillers y reçoivent le mercredi, et la salle Citadelle accueille formations et réunions de membres. Il est fermé pendant les congés d'été, du 21 juillet au 15 août.",
            "Het kantoor in Namen bevindt zich op de eerste verdieping van een herenhuis in de Rue de Fer, vijf minuten van het station. De adviseurs houden er spreekuur op woensdag, en in de zaal Citadelle vinden opleidingen en ledenvergaderingen plaats. Tijdens de zomer, van 21 juli tot 15 augustus, is het gesloten.",
            "Das Büro in Namur liegt im ersten Stock eines Bürgerhauses in der Rue de Fer, fünf Minuten vom Bahnhof. Die Berater empfangen mittwochs, und im Saal Citadelle finden Schulungen und Mitgliedertreffen statt. In den Sommerferien, vom 21. Juli bis 15. August, bleibt es geschlossen.",
            "The Namur office takes up the first floor of a town house on Rue de Fer, five minutes from the station. Advisers see members on Wednesdays, and the Citadelle room hosts training sessions and members' meetings. It closes for the summer break, from 21 July to 15 August.",
        ),
        "street": "Rue de Fer 31",
        "refnis": "92094",
        "postcode": "5000",
        "point": (50.4668, 4.8655),
        "hours": "Mo-Fr 09:00-12:30,13:30-16:30; Jul 21-Aug 15 off; PH off",
        "adviser_hours": "We 09:30-12:30,13:30-16:00; Jul 21-Aug 15 off; PH off",
        "amenities": OFFICE_AMENITIES,
        "access": {"wheelchair": "no", "accessible_toilet": False, "hearing_loop": True, "lift": False},
        "capacity": 18,
        "prices": OFFICE_PRICES,
        "email": "namur@coop.example",
        "phone": "+32 81 22 57 90",
        "resources": [
            meeting("Citadelle", "Citadel", "Zitadelle", "Citadelle", capacity=14),
            desk(1, "5.00", "15.00"),
            desk(2, "5.00", "15.00"),
        ],
        "photos": ["meeting-room"],
    },
    {
        "slug": "bureau-regional-charleroi",
        "kind": Space.Kind.OFFICE,
        "name": T(
            "Bureau régional de Charleroi",
            "Regionaal kantoor Charleroi",
            "Regionalbüro Charleroi",
            "Charleroi regional office",
        ),
        "description": T(
            "Sur le boulevard Tirou, le bureau de Charleroi est ouvert du lundi au jeudi toute la journée et le vendredi matin. Les conseillers y tiennent une permanence le lundi et le jeudi après-midi. L'entrée est de plain-pied et un ascenseur dessert la salle de réunion.",
            "Het kantoor in Charleroi aan de Boulevard Tirou is open van maandag tot donderdag de hele dag en op vrijdagochtend. De adviseurs houden er spreekuur op maandag- en donderdagnamiddag. De ingang is gelijkvloers en een lift brengt u naar de vergaderzaal.",
            "Das Büro in Charleroi am Boulevard Tirou ist von Montag bis Donnerstag ganztägig und am Freitagvormittag geöffnet. Die Berater halten montags und donnerstags nachmittags Sprechstunde. Der Eingang ist stufenlos, ein Aufzug führt zum Besprechungsraum.",
            "On Boulevard Tirou, the Charleroi office is open all day Monday to Thursday and on Friday mornings. Advisers hold office hours on Monday and Thursday afternoons. The entrance is step-free and a lift serves the meeting room.",
        ),
        "street": "Boulevard Tirou 112",
        "refnis": "52011",
        "postcode": "6000",
        "point": (50.4098, 4.4470),
        "hours": "Mo-Th 09:00-17:00; Fr 09:00-13:00; PH off",
        "adviser_hours": "Mo,Th 13:30-16:30; PH off",
        "amenities": OFFICE_AMENITIES + ["bike-parking"],
        "access": {"wheelchair": "yes", "accessible_toilet": True, "hearing_loop": False, "lift": True},
        "capacity": 22,
        "prices": OFFICE_PRICES,
        "email": "charleroi@coop.example",
        "phone": "+32 71 30 44 15",
        "resources": [
            meeting("Terril", "Terril", "Halde", "Slag heap", capacity=10),
            desk(1, "5.00", "15.00"),
            desk(2, "5.00", "15.00"),
        ],
        "photos": ["open-space"],
    },
    {
        "slug": "bureau-regional-gent",
        "kind": Space.Kind.OFFICE,
        "name": T(
            "Bureau régional de Gand", "Regionaal kantoor Gent", "Regionalbüro Gent", "Ghent regional office"
        ),
        "description": T(
            "Le bureau de Gand se trouve dans la Sint-Pietersnieuwstraat, entre l'université et le centre. C'est le seul bureau ouvert le samedi matin, avec une permanence des conseillers pour celles et ceux qui travaillent en semaine. Les vélos se garent dans la cour.",
            "Het Gentse kantoor ligt in de Sint-Pietersnieuwstraat, tussen de universiteit en het centrum. Het is het enige kantoor dat op zaterdagochtend open is, met een spreekuur voor wie tijdens de week werkt. Fietsen kunt u kwijt op de binnenplaats.",
            "Das Genter Büro liegt in der Sint-Pietersnieuwstraat zwischen Universität und Innenstadt. Als einziges Büro ist es auch samstagvormittags geöffnet, mit einer Sprechstunde für alle, die unter der Woche arbeiten. Fahrräder finden im Innenhof Platz.",
            "The Ghent office is on Sint-Pietersnieuwstraat, between the university and the city centre. It is the only office open on Saturday mornings, with advisers' office hours for members who work during the week. Bikes go in the courtyard.",
        ),
        "street": "Sint-Pietersnieuwstraat 77",
        "refnis": "44021",
        "postcode": "9000",
        "point": (51.0450, 3.7270),
        "hours": "Mo-Fr 08:30-17:00; Sa 09:30-12:30; PH off",
        "adviser_hours": "Mo,We 09:00-12:00; Sa 09:30-12:30; PH off",
        "amenities": OFFICE_AMENITIES + ["bike-parking", "lockers"],
        "access": {"wheelchair": "yes", "accessible_toilet": True, "hearing_loop": True, "lift": False},
        "capacity": 28,
        "prices": OFFICE_PRICES,
        "email": "gent@coop.example",
        "phone": "+32 9 233 18 62",
        "resources": [
            meeting("Lys", "Leie", "Leie", "Leie", capacity=10),
            desk(1, "5.00", "15.00"),
            desk(2, "5.00", "15.00"),
            desk(3, "5.00", "15.00"),
        ],
        "photos": ["open-space", "meeting-room"],
    },
    {
        "slug": "bureau-regional-antwerpen",
        "kind": Space.Kind.OFFICE,
        "name": T(
            "Bureau régional d'Anvers",
            "Regionaal kantoor Antwerpen",
            "Regionalbüro Antwerpen",
            "Antwerp regional office",
        ),
        "description": T(
            "À Anvers, le bureau est installé au-dessus d'une librairie de la Kammenstraat, en plein quartier de la mode. Permanence des conseillers le mardi matin et le jeudi en soirée, jusqu'à 19 h. Trois postes de travail et une salle de réunion sont à la disposition des membres.",
            "In Antwerpen zit het kantoor boven een boekhandel in de Kammenstraat, midden in de modewijk. Spreekuur van de adviseurs op dinsdagochtend en op donderdag tot 19 uur. Leden kunnen er drie werkplekken en een vergaderzaal gebruiken.",
            "In Antwerpen befindet sich das Büro über einer Buchhandlung in der Kammenstraat, mitten im Modeviertel. Sprechstunde der Berater dienstagvormittags und donnerstags bis 19 Uhr. Den Mitgliedern stehen drei Arbeitsplätze und ein Besprechungsraum zur Verfügung.",
            "In Antwerp, the office sits above a bookshop on Kammenstraat, in the fashion district. Advisers' office hours are on Tuesday mornings and on Thursdays until 7 pm. Members can use three desks and a meeting room.",
        ),
        "street": "Kammenstraat 19",
        "refnis": "11002",
        "postcode": "2000",
        "point": (51.2168, 4.3995),
        "hours": "Mo-We,Fr 09:00-17:30; Th 09:00-19:00; PH off",
        "adviser_hours": "Tu 09:00-12:30; Th 13:30-19:00; PH off",
        "amenities": OFFICE_AMENITIES,
        "access": {"wheelchair": "no", "accessible_toilet": False, "hearing_loop": False, "lift": True},
        "capacity": 20,
        "prices": OFFICE_PRICES,
        "email": "antwerpen@coop.example",
        "phone": "+32 3 232 70 41",
        "resources": [
            meeting("Escaut", "Schelde", "Schelde", "Scheldt"),
            desk(1, "5.00", "15.00"),
            desk(2, "5.00", "15.00"),
            desk(3, "5.00", "15.00"),
        ],
        "photos": ["open-space"],
    },
    {
        "slug": "bureau-regional-leuven",
        "kind": Space.Kind.OFFICE,
        "name": T(
            "Bureau régional de Louvain",
            "Regionaal kantoor Leuven",
            "Regionalbüro Löwen",
            "Leuven regional office",
        ),
        "description": T(
            "Le bureau de Louvain, dans la Tiensestraat, est proche de la gare et des facultés. Il ferme de midi à 13 h et pendant les vacances d'été, du 21 juillet au 15 août. Les conseillers reçoivent le lundi et le vendredi matin.",
            "Het Leuvense kantoor in de Tiensestraat ligt dicht bij het station en de faculteiten. Het is gesloten tussen 12 en 13 uur en in de zomer, van 21 juli tot 15 augustus. De adviseurs ontvangen u op maandag- en vrijdagochtend.",
            "Das Büro in Löwen in der Tiensestraat liegt nahe am Bahnhof und an den Fakultäten. Mittags von 12 bis 13 Uhr und im Sommer vom 21. Juli bis 15. August ist es geschlossen. Die Berater empfangen montags und freitags vormittags.",
            "The Leuven office on Tiensestraat is close to the station and the university buildings. It closes from noon to 1 pm, and for the summer from 21 July to 15 August. Advisers see members on Monday and Friday mornings.",
        ),
        "street": "Tiensestraat 64",
        "refnis": "24062",
        "postcode": "3000",
        "point": (50.8770, 4.7065),
        "hours": "Mo-Fr 09:00-12:00,13:00-17:00; Jul 21-Aug 15 off; PH off",
        "adviser_hours": "Mo,Fr 09:30-12:00; Jul 21-Aug 15 off; PH off",
        "amenities": OFFICE_AMENITIES + ["bike-parking"],
        "access": {"wheelchair": "yes", "accessible_toilet": False, "hearing_loop": False, "lift": False},
        "capacity": 15,
        "prices": OFFICE_PRICES,
        "email": "leuven@coop.example",
        "phone": "+32 16 29 41 73",
        "resources": [
            meeting("Dyle", "Dijle", "Dijle", "Dijle", capacity=6, member="6.00", public="15.00"),
            desk(1, "5.00", "15.00"),
        ],
        "photos": ["meeting-room"],
    },
    {
        "slug": "bureau-regional-eupen",
        "kind": Space.Kind.OFFICE,
        "name": {
            "de": "Regionalbüro Eupen",
            "fr": "Bureau régional d'Eupen",
            "nl": "Regionaal kantoor Eupen",
            "en": "Eupen regional office",
        },
        "description": {
            "de": "Das Regionalbüro Eupen betreut die Mitglieder der Deutschsprachigen Gemeinschaft in ihrer Sprache. Beratung gibt es dienstagvormittags und donnerstagnachmittags, mittwochs ist nur vormittags geöffnet. Ein Besprechungsraum und ein Arbeitsplatz können gebucht werden.",
            "fr": "Le bureau régional d'Eupen accompagne les membres de la Communauté germanophone dans leur langue. Les conseillers reçoivent le mardi matin et le jeudi après-midi ; le mercredi, le bureau n'ouvre que le matin. Une salle de réunion et un poste de travail sont réservables.",
            "nl": "Het regionale kantoor in Eupen begeleidt de leden van de Duitstalige Gemeenschap in hun eigen taal. De adviseurs ontvangen op dinsdagochtend en donderdagnamiddag; op woensdag is het kantoor alleen 's ochtends open. Een vergaderzaal en een werkplek kunt u reserveren.",
            "en": "The Eupen regional office supports members of the German-speaking Community in their own language. Advisers see members on Tuesday mornings and Thursday afternoons; on Wednesdays the office opens in the morning only. A meeting room and a desk can be booked.",
        },
        "street": "Gospertstraße 42",
        "refnis": "63023",
        "postcode": "4700",
        "point": (50.6285, 6.0340),
        "hours": "Mo,Tu,Th,Fr 09:00-12:30,13:30-17:00; We 09:00-12:30; PH off",
        "adviser_hours": "Tu 09:00-12:30; Th 13:30-17:00; PH off",
        "amenities": OFFICE_AMENITIES,
        "access": {"wheelchair": "yes", "accessible_toilet": True, "hearing_loop": True, "lift": True},
        "capacity": 12,
        "prices": OFFICE_PRICES,
        "email": "eupen@coop.example",
        "phone": "+32 87 55 31 26",
        "resources": [
            meeting("Vesdre", "Vesder", "Weser", "Vesdre", capacity=6, member="6.00", public="15.00"),
            desk(1, "5.00", "15.00"),
        ],
        "photos": ["meeting-room"],
    },
    # Partner and coworking spaces ------------------------------------------------------------
    {
        "slug": "loods-9",
        "kind": Space.Kind.PARTNER,
        "name": T("Loods 9", "Loods 9", "Loods 9", "Loods 9"),
        "description": T(
            "Loods 9 est un ancien entrepôt portuaire du Dok Noord transformé en lieu de répétition et de travail pour musiciens, comédiens et danseurs. Ses deux locaux de répétition insonorisés, équipés d'un backline, sont ouverts tous les jours de 8 h à 23 h, week-end compris. En journée, des indépendants travaillent aux grandes tables près de la cuisine.",
            "Loods 9 is een oude havenloods aan Dok Noord, omgebouwd tot repetitie- en werkplek voor muzikanten, theatermakers en dansers. De twee geïsoleerde repetitieruimtes met backline zijn elke dag open van 8 tot 23 uur, ook in het weekend. Overdag werken freelancers aan de lange tafels naast de keuken.",
            "Loods 9 ist eine ehemalige Hafenhalle am Dok Noord, umgebaut zu Probe- und Arbeitsräumen für Musiker, Theaterleute und Tänzer. Die beiden schallisolierten Proberäume mit Backline sind täglich von 8 bis 23 Uhr geöffnet, auch am Wochenende. Tagsüber arbeiten Selbstständige an den langen Tischen neben der Küche.",
            "Loods 9 is a former harbour warehouse on Dok Noord, turned into rehearsal and work space for musicians, theatre makers and dancers. Its two soundproofed rehearsal rooms with backline are open every day from 8 am to 11 pm, weekends included. During the day, freelancers work at the long tables by the kitchen.",
        ),
        "street": "Dok-Noord 7",
        "refnis": "44021",
        "postcode": "9000",
        "point": (51.0668, 3.7297),
        "hours": "Mo-Su 08:00-23:00; PH off",
        "amenities": [
            "rehearsal-room",
            "meeting-room",
            "desks",
            "wifi",
            "kitchen",
            "lockers",
            "bike-parking",
        ],
        "access": {"wheelchair": "yes", "accessible_toilet": True, "hearing_loop": False, "lift": False},
        "capacity": 60,
        "prices": {"hour": ("9.00", "14.00"), "day": ("20.00", "32.00"), "month": ("150.00", "220.00")},
        "email": "loods9@coop.example",
        "phone": "+32 9 265 11 90",
        "website": "https://loods9.example",
        "resources": [
            room(
                T(
                    "Grand local de répétition",
                    "Grote repetitieruimte",
                    "Großer Proberaum",
                    "Large rehearsal room",
                ),
                8,
                "12.00",
                "18.00",
                amenities=("rehearsal-room",),
            ),
            room(
                T(
                    "Petit local de répétition",
                    "Kleine repetitieruimte",
                    "Kleiner Proberaum",
                    "Small rehearsal room",
                ),
                4,
                "8.00",
                "12.00",
                amenities=("rehearsal-room",),
            ),
            meeting("Dok", "Dok", "Dok", "Dok", capacity=10, member="10.00", public="16.00"),
            desk(1, "12.00", "20.00"),
            desk(2, "12.00", "20.00"),
        ],
        "photos": ["rehearsal-room", "open-space"],
    },
    {
        "slug": "fabrique-des-brasseurs",
        "kind": Space.Kind.PARTNER,
        "name": T(
            "La Fabrique des Brasseurs",
            "La Fabrique des Brasseurs",
            "La Fabrique des Brasseurs",
            "La Fabrique des Brasseurs",
        ),
        "description": T(
            "Dans une ancienne malterie de la rue des Brasseurs, la Fabrique réunit un local de répétition, une salle de réunion et quelques postes de travail. Le local, traité acoustiquement, accueille groupes et compagnies en soirée jusqu'à 22 h. Le samedi, la Fabrique est ouverte de 10 h à 18 h.",
            "In een oude mouterij in de Rue des Brasseurs brengt de Fabrique een repetitieruimte, een vergaderzaal en enkele werkplekken samen. De akoestisch behandelde ruimte ontvangt groepen en gezelschappen 's avonds tot 22 uur. Op zaterdag is de Fabrique open van 10 tot 18 uur.",
            "In einer ehemaligen Mälzerei in der Rue des Brasseurs vereint die Fabrique einen Proberaum, einen Besprechungsraum und einige Arbeitsplätze. Der akustisch behandelte Raum steht Bands und Ensembles abends bis 22 Uhr offen. Samstags ist die Fabrique von 10 bis 18 Uhr geöffnet.",
            "In a former malt house on Rue des Brasseurs, the Fabrique brings together a rehearsal room, a meeting room and a few desks. The acoustically treated room welcomes bands and companies in the evening until 10 pm. On Saturdays it is open from 10 am to 6 pm.",
        ),
        "street": "Rue des Brasseurs 12",
        "refnis": "92094",
        "postcode": "5000",
        "point": (50.4635, 4.8625),
        "hours": "Mo-Fr 09:00-22:00; Sa 10:00-18:00; PH off",
        "amenities": ["rehearsal-room", "meeting-room", "desks", "wifi", "kitchen", "projector"],
        "access": {"wheelchair": "limited", "accessible_toilet": False, "hearing_loop": False, "lift": False},
        "capacity": 30,
        "prices": {"hour": ("8.00", "12.00"), "day": ("15.00", "25.00")},
        "email": "fabrique.namur@coop.example",
        "phone": "+32 81 74 20 36",
        "resources": [
            room(
                T("Local de répétition", "Repetitieruimte", "Proberaum", "Rehearsal room"),
                6,
                "10.00",
                "15.00",
                amenities=("rehearsal-room",),
            ),
            meeting("Confluent", "Samenvloeiing", "Zusammenfluss", "Confluence", capacity=12),
            desk(1, "15.00", "25.00"),
        ],
        "photos": ["rehearsal-room"],
    },
    {
        "slug": "atelier-lumiere",
        "kind": Space.Kind.PARTNER,
        "name": T("Atelier Lumière", "Atelier Lumière", "Atelier Lumière", "Atelier Lumière"),
        "description": T(
            "L'Atelier Lumière est un studio photo partagé en Outremeuse, avec un cyclo blanc de six mètres, des flashs de studio et une chambre noire pour l'argentique. Les photographes membres y réservent le studio à l'heure et la chambre noire pour leurs tirages. L'accès se fait par un escalier, sans ascenseur.",
            "Atelier Lumière is een gedeelde fotostudio in Outremeuse, met een witte cyclorama van zes meter, studioflitsers en een donkere kamer voor analoge fotografie. Fotografen van de coöperatie huren er de studio per uur en de donkere kamer voor hun afdrukken. De studio is alleen via een trap bereikbaar, er is geen lift.",
            "Das Atelier Lumière ist ein gemeinsames Fotostudio in Outremeuse mit einer sechs Meter breiten weißen Hohlkehle, Studioblitzen und einer Dunkelkammer für analoge Fotografie. Fotografinnen und Fotografen der Genossenschaft buchen das Studio stundenweise und die Dunkelkammer für ihre Abzüge. Der Zugang erfolgt über eine Treppe, einen Aufzug gibt es nicht.",
            "Atelier Lumière is a shared photo studio in Outremeuse, with a six-metre white cyclorama, studio flashes and a darkroom for film. The cooperative's photographers book the studio by the hour and the darkroom for their prints. Access is by stairs only; there is no lift.",
        ),
        "street": "Rue Puits-en-Sock 45",
        "refnis": "62063",
        "postcode": "4020",
        "point": (50.6382, 5.5825),
        "hours": "Mo-Fr 09:00-19:00; Sa 10:00-16:00; PH off",
        "amenities": ["photo-studio", "darkroom", "desks", "wifi", "kitchen", "lockers"],
        "access": {"wheelchair": "no", "accessible_toilet": False, "hearing_loop": False, "lift": False},
        "capacity": 12,
        "prices": {"hour": ("15.00", "25.00"), "day": ("90.00", "150.00")},
        "email": "atelier.lumiere@coop.example",
        "phone": "+32 4 342 18 77",
        "website": "https://atelier-lumiere.example",
        "resources": [
            room(
                T(
                    "Studio photo (cyclo)",
                    "Fotostudio (cyclorama)",
                    "Fotostudio (Hohlkehle)",
                    "Photo studio (cyclorama)",
                ),
                6,
                "18.00",
                "28.00",
                amenities=("photo-studio",),
            ),
            room(
                T("Chambre noire", "Donkere kamer", "Dunkelkammer", "Darkroom"),
                2,
                "8.00",
                "12.00",
                amenities=("darkroom",),
            ),
            {
                **desk(1, "10.00", "18.00"),
                "name": T("Table de retouche", "Retoucheertafel", "Retuschiertisch", "Retouching desk"),
            },
        ],
        "photos": ["photo-studio", "darkroom"],
    },
    {
        "slug": "studio-klankkast",
        "kind": Space.Kind.PARTNER,
        "name": T("Studio Klankkast", "Studio Klankkast", "Studio Klankkast", "Studio Klankkast"),
        "description": T(
            "Le Studio Klankkast est un studio d'enregistrement à deux pas de la gare d'Anvers-Central, avec une régie, une salle de prise de quarante mètres carrés et une petite salle de mixage. Les membres y enregistrent avec ou sans technicien ; la régie se réserve à l'heure. Ouvert six jours sur sept jusqu'à 22 h.",
            "Studio Klankkast is een opnamestudio vlak bij Antwerpen-Centraal, met een regiekamer, een live room van veertig vierkante meter en een kleine mixkamer. Leden kunnen er met of zonder technicus opnemen; de regiekamer boekt u per uur. Zes dagen per week open tot 22 uur.",
            "Studio Klankkast ist ein Tonstudio nahe Antwerpen-Centraal mit Regieraum, einem vierzig Quadratmeter großen Aufnahmeraum und einem kleinen Mischraum. Mitglieder nehmen dort mit oder ohne Techniker auf; der Regieraum wird stundenweise gebucht. Sechs Tage die Woche bis 22 Uhr geöffnet.",
            "Studio Klankkast is a recording studio near Antwerp Central station, with a control room, a forty-square-metre live room and a small mixing room. Members record with or without an engineer; the control room is booked by the hour. Open six days a week until 10 pm.",
        ),
        "street": "Lange Kievitstraat 88",
        "refnis": "11002",
        "postcode": "2018",
        "point": (51.2120, 4.4185),
        "hours": "Mo-Sa 10:00-22:00; PH off",
        "amenities": ["recording-studio", "meeting-room", "wifi", "kitchen", "quiet-room"],
        "access": {"wheelchair": "yes", "accessible_toilet": True, "hearing_loop": False, "lift": False},
        "capacity": 10,
        "prices": {"hour": ("25.00", "40.00"), "day": ("160.00", "260.00")},
        "email": "klankkast@coop.example",
        "phone": "+32 3 218 64 02",
        "website": "https://klankkast.example",
        "resources": [
            room(
                T(
                    "Régie et salle de prise",
                    "Regiekamer en live room",
                    "Regieraum und Aufnahmeraum",
                    "Control room and live room",
                ),
                5,
                "25.00",
                "40.00",
                amenities=("recording-studio",),
                max_hours=6,
            ),
            room(
                T("Salle de mixage", "Mixkamer", "Mischraum", "Mixing room"),
                2,
                "15.00",
                "24.00",
                amenities=("recording-studio",),
                max_hours=6,
            ),
            meeting("Kievit", "Kievit", "Kievit", "Kievit", capacity=6),
        ],
        "photos": ["recording-studio"],
    },
    {
        "slug": "ateliers-de-la-sambre",
        "kind": Space.Kind.PARTNER,
        "name": T(
            "Ateliers de la Sambre", "Ateliers de la Sambre", "Ateliers de la Sambre", "Ateliers de la Sambre"
        ),
        "description": T(
            "Les Ateliers de la Sambre occupent un ancien hangar du quai de Brabant : un atelier bois, un atelier métal et des établis partagés pour les scénographes, constructeurs de décors et artisans. Le quai de chargement permet de décharger une camionnette à l'abri. Douches et vestiaires sont à disposition.",
            "De Ateliers de la Sambre zitten in een oude loods aan de Quai de Brabant: een houtatelier, een metaalatelier en gedeelde werkbanken voor scenografen, decorbouwers en ambachtslui. Via de laadkade laadt u een bestelwagen droog uit. Er zijn douches en kleedkamers.",
            "Die Ateliers de la Sambre befinden sich in einer ehemaligen Halle am Quai de Brabant: eine Holzwerkstatt, eine Metallwerkstatt und gemeinsame Werkbänke für Bühnenbildner, Kulissenbauer und Handwerker. An der Laderampe lässt sich ein Lieferwagen im Trockenen entladen. Duschen und Umkleiden stehen zur Verfügung.",
            "The Ateliers de la Sambre fill a former warehouse on Quai de Brabant: a wood shop, a metal shop and shared workbenches for set designers, scenery builders and craftspeople. The loading dock lets you unload a van under cover. Showers and changing rooms are available.",
        ),
        "street": "Quai de Brabant 18",
        "refnis": "52011",
        "postcode": "6000",
        "point": (50.4090, 4.4420),
        "hours": "Mo-Fr 07:30-19:00; Sa 08:00-13:00; PH off",
        "amenities": ["workshop", "loading-dock", "showers", "kitchen", "wifi", "lockers", "bike-parking"],
        "access": {"wheelchair": "yes", "accessible_toilet": True, "hearing_loop": False, "lift": False},
        "capacity": 25,
        "prices": {"hour": ("10.00", "16.00"), "day": ("35.00", "55.00"), "month": ("280.00", "420.00")},
        "email": "ateliers.sambre@coop.example",
        "phone": "+32 71 41 09 58",
        "resources": [
            room(
                T("Atelier bois", "Houtatelier", "Holzwerkstatt", "Wood shop"),
                4,
                "10.00",
                "16.00",
                amenities=("workshop",),
            ),
            room(
                T("Atelier métal", "Metaalatelier", "Metallwerkstatt", "Metal shop"),
                3,
                "12.00",
                "18.00",
                amenities=("workshop",),
            ),
            {
                **desk(1, "15.00", "25.00", amenities=("workshop",)),
                "name": T("Établi partagé", "Gedeelde werkbank", "Gemeinsame Werkbank", "Shared workbench"),
            },
        ],
        "photos": ["loading-dock"],
    },
    {
        "slug": "kreativraum-gohltal",
        "kind": Space.Kind.COWORKING,
        "name": {
            "de": "Kreativraum Göhltal",
            "fr": "Kreativraum Göhltal",
            "nl": "Kreativraum Göhltal",
            "en": "Kreativraum Göhltal",
        },
        "description": {
            "de": "Der Kreativraum Göhltal in Kelmis, zehn Minuten von Eupen, bietet ruhige Arbeitsplätze und einen Besprechungsraum für Selbstständige aus Ostbelgien und der Euregio. Drucker, Küche und ein Ruheraum gehören dazu. Fahrräder können im Hof abgestellt werden.",
            "fr": "Le Kreativraum Göhltal, à La Calamine, à dix minutes d'Eupen, propose des postes de travail au calme et une salle de réunion aux indépendants de l'Est de la Belgique et de l'Euregio. Imprimante, cuisine et salle calme sont comprises. Les vélos se garent dans la cour.",
            "nl": "De Kreativraum Göhltal in Kelmis, tien minuten van Eupen, biedt rustige werkplekken en een vergaderzaal voor zelfstandigen uit Oost-België en de Euregio. Printer, keuken en een stille ruimte zijn inbegrepen. Fietsen kunnen op de binnenplaats.",
            "en": "The Kreativraum Göhltal in Kelmis, ten minutes from Eupen, offers quiet desks and a meeting room to freelancers from East Belgium and the Euregio. A printer, a kitchen and a quiet room are included. Bikes can be left in the courtyard.",
        },
        "street": "Kirchstraße 31",
        "refnis": "63040",
        "postcode": "4720",
        "point": (50.7170, 6.0105),
        "hours": "Mo-Fr 08:00-18:00; PH off",
        "amenities": ["desks", "meeting-room", "wifi", "kitchen", "printing", "quiet-room", "bike-parking"],
        "access": {"wheelchair": "yes", "accessible_toilet": True, "hearing_loop": False, "lift": False},
        "capacity": 16,
        "prices": {"day": ("12.00", "20.00"), "month": ("140.00", "210.00")},
        "email": "goehltal@coop.example",
        "phone": "+32 87 63 40 12",
        "resources": [
            desk(1, "12.00", "20.00"),
            desk(2, "12.00", "20.00"),
            meeting("Gueule", "Geul", "Göhl", "Geul", capacity=8),
        ],
        "photos": ["open-space"],
    },
    {
        "slug": "la-serre",
        "kind": Space.Kind.COWORKING,
        "name": T("La Serre", "La Serre", "La Serre", "La Serre"),
        "description": T(
            "La Serre est un espace de coworking lumineux sous une verrière, entre la place Flagey et l'avenue Louise. On y trouve des postes de travail à la journée, une salle de réunion équipée d'un projecteur et une cabine calme pour les appels. Douches et parking vélos couvert pour celles et ceux qui arrivent à vélo.",
            "La Serre is een lichte coworkingruimte onder een glazen dak, tussen het Flageyplein en de Louizalaan. Er zijn werkplekken per dag, een vergaderzaal met projector en een stille cabine om te bellen. Wie met de fiets komt, vindt douches en een overdekte fietsenstalling.",
            "La Serre ist ein heller Coworking-Raum unter einem Glasdach zwischen Place Flagey und Avenue Louise. Es gibt Arbeitsplätze tageweise, einen Besprechungsraum mit Beamer und eine ruhige Kabine für Telefonate. Wer mit dem Rad kommt, findet Duschen und einen überdachten Fahrradstellplatz.",
            "La Serre is a bright coworking space under a glass roof, between Place Flagey and Avenue Louise. It offers desks by the day, a meeting room with a projector and a quiet booth for calls. Cyclists will find showers and covered bike parking.",
        ),
        "street": "Rue du Belvédère 27",
        "refnis": "21009",
        "postcode": "1050",
        "point": (50.8262, 4.3705),
        "hours": "Mo-Fr 08:00-20:00; PH off",
        "amenities": [
            "desks",
            "meeting-room",
            "quiet-room",
            "wifi",
            "printing",
            "lockers",
            "kitchen",
            "showers",
            "bike-parking",
            "projector",
        ],
        "access": {"wheelchair": "yes", "accessible_toilet": True, "hearing_loop": True, "lift": True},
        "capacity": 45,
        "prices": {"hour": ("4.00", "7.00"), "day": ("14.00", "24.00"), "month": ("190.00", "290.00")},
        "email": "la.serre@coop.example",
        "phone": "+32 2 640 27 15",
        "website": "https://la-serre.example",
        "resources": [
            desk(1, "14.00", "24.00"),
            desk(2, "14.00", "24.00"),
            desk(3, "14.00", "24.00"),
            meeting(
                "Belvédère",
                "Belvédère",
                "Belvédère",
                "Belvédère",
                capacity=10,
                member="12.00",
                public="20.00",
            ),
            room(
                T("Cabine calme", "Stille cabine", "Ruhige Kabine", "Quiet booth"),
                1,
                "3.00",
                "5.00",
                amenities=("quiet-room",),
                max_hours=2,
            ),
        ],
        "photos": ["open-space", "meeting-room"],
    },
    {
        "slug": "studio-merode",
        "kind": Space.Kind.PARTNER,
        "name": T("Studio Mérode", "Studio Mérode", "Studio Mérode", "Studio Mérode"),
        "description": T(
            "Le Studio Mérode, près de la gare du Midi, est un studio de danse au parquet flottant, doublé d'une petite salle de répétition pour la musique et le théâtre. Compagnies et artistes membres le réservent à l'heure, en semaine jusqu'à 22 h et le week-end de 10 h à 18 h. Vestiaires avec douches et casiers.",
            "Studio Mérode, vlak bij het Zuidstation, is een dansstudio met zwevende parketvloer en een kleine repetitieruimte voor muziek en theater. Gezelschappen en leden huren hem per uur, op weekdagen tot 22 uur en in het weekend tot 18 uur. Kleedkamers met douches en lockers.",
            "Das Studio Mérode nahe dem Bahnhof Brüssel-Süd ist ein Tanzstudio mit Schwingboden und einem kleinen Proberaum für Musik und Theater. Ensembles und Mitglieder buchen es stundenweise, werktags bis 22 Uhr und am Wochenende bis 18 Uhr. Umkleiden mit Duschen und Schließfächern.",
            "Studio Mérode, near Brussels-Midi station, is a dance studio with a sprung floor, plus a small rehearsal room for music and theatre. Companies and members book it by the hour, until 10 pm on weekdays and until 6 pm at weekends. Changing rooms with showers and lockers.",
        ),
        "street": "Rue de Mérode 60",
        "refnis": "21013",
        "postcode": "1060",
        "point": (50.8325, 4.3400),
        "hours": "Mo-Fr 10:00-22:00; Sa,Su 10:00-18:00; PH off",
        "amenities": ["rehearsal-room", "meeting-room", "showers", "lockers", "wifi"],
        "access": {"wheelchair": "limited", "accessible_toilet": True, "hearing_loop": False, "lift": False},
        "capacity": 30,
        "prices": {"hour": ("12.00", "20.00"), "day": ("70.00", "110.00")},
        "email": "studio.merode@coop.example",
        "phone": "+32 2 537 81 64",
        "resources": [
            room(
                T("Studio de danse", "Dansstudio", "Tanzstudio", "Dance studio"),
                15,
                "14.00",
                "22.00",
                amenities=("rehearsal-room", "showers"),
            ),
            room(
                T(
                    "Petite salle de répétition",
                    "Kleine repetitieruimte",
                    "Kleiner Proberaum",
                    "Small rehearsal room",
                ),
                4,
                "8.00",
                "12.00",
                amenities=("rehearsal-room",),
            ),
        ],
        "photos": ["rehearsal-room"],
    },
    {
        "slug": "cowork-vaartkom",
        "kind": Space.Kind.COWORKING,
        "name": T("Cowork Vaartkom", "Cowork Vaartkom", "Cowork Vaartkom", "Cowork Vaartkom"),
        "description": T(
            "Le Cowork Vaartkom est situé au bord de l'eau, sur l'ancien site des brasseries, à dix minutes à pied de la gare. Outre des postes flexibles et une salle de réunion, il dispose d'une petite cabine podcast équipée de deux micros. Parking vélos et imprimante compris.",
            "Cowork Vaartkom ligt aan het water op de oude brouwerijsite, tien minuten wandelen van het station. Naast flexplekken en een vergaderzaal is er een kleine podcastcabine met twee microfoons. Fietsenstalling en printer inbegrepen.",
            "Cowork Vaartkom liegt am Wasser auf dem ehemaligen Brauereigelände, zehn Gehminuten vom Bahnhof. Neben flexiblen Arbeitsplätzen und einem Besprechungsraum gibt es eine kleine Podcast-Kabine mit zwei Mikrofonen. Fahrradstellplatz und Drucker inklusive.",
            "Cowork Vaartkom sits by the water on the old brewery site, a ten-minute walk from the station. Besides flexible desks and a meeting room, it has a small podcast booth with two microphones. Bike parking and printing included.",
        ),
        "street": "Vaartkom 31",
        "refnis": "24062",
        "postcode": "3000",
        "point": (50.8855, 4.7040),
        "hours": "Mo-Fr 08:30-18:30; PH off",
        "amenities": [
            "desks",
            "meeting-room",
            "recording-studio",
            "wifi",
            "projector",
            "printing",
            "bike-parking",
            "kitchen",
        ],
        "access": {"wheelchair": "yes", "accessible_toilet": True, "hearing_loop": False, "lift": True},
        "capacity": 40,
        "prices": {"hour": ("4.00", "6.00"), "day": ("15.00", "25.00"), "month": ("180.00", "270.00")},
        "email": "vaartkom@coop.example",
        "phone": "+32 16 98 52 30",
        "resources": [
            desk(1, "15.00", "25.00"),
            desk(2, "15.00", "25.00"),
            meeting("Vaart", "Vaart", "Kanal", "Canal", capacity=8, member="10.00", public="18.00"),
            room(
                T("Cabine podcast", "Podcastcabine", "Podcast-Kabine", "Podcast booth"),
                2,
                "6.00",
                "10.00",
                amenities=("recording-studio",),
                max_hours=3,
            ),
        ],
        "photos": ["open-space"],
    },
    {
        "slug": "la-manufacture",
        "kind": Space.Kind.COWORKING,
        "name": T("La Manufacture", "La Manufacture", "La Manufacture", "La Manufacture"),
        "description": T(
            "La Manufacture est un espace de coworking de la rue de Nimy, à quelques minutes de la Grand-Place de Mons. Postes de travail, salle de réunion avec projecteur et cuisine partagée ; ouvert aussi le samedi matin. Fermé du 21 juillet au 15 août.",
            "La Manufacture is een coworkingruimte in de Rue de Nimy, op enkele minuten van de Grote Markt van Bergen. Werkplekken, een vergaderzaal met projector en een gedeelde keuken; ook op zaterdagochtend open. Gesloten van 21 juli tot 15 augustus.",
            "La Manufacture ist ein Coworking-Raum in der Rue de Nimy, wenige Minuten vom Grand-Place in Mons. Arbeitsplätze, ein Besprechungsraum mit Beamer und eine Gemeinschaftsküche; auch samstagvormittags geöffnet. Vom 21. Juli bis 15. August geschlossen.",
            "La Manufacture is a coworking space on Rue de Nimy, a few minutes from the Grand-Place in Mons. Desks, a meeting room with a projector and a shared kitchen; also open on Saturday mornings. Closed from 21 July to 15 August.",
        ),
        "street": "Rue de Nimy 70",
        "refnis": "53053",
        "postcode": "7000",
        "point": (50.4565, 3.9545),
        "hours": "Mo-Fr 09:00-18:00; Sa 09:00-13:00; Jul 21-Aug 15 off; PH off",
        "amenities": ["desks", "meeting-room", "wifi", "kitchen", "printing", "projector"],
        "access": {"wheelchair": "unknown", "accessible_toilet": False, "hearing_loop": False, "lift": False},
        "capacity": 24,
        "prices": {"day": ("12.00", "20.00"), "month": ("150.00", "230.00")},
        "email": "manufacture.mons@coop.example",
        "phone": "+32 65 84 27 19",
        "resources": [
            desk(1, "12.00", "20.00"),
            desk(2, "12.00", "20.00"),
            meeting("Beffroi", "Belfort", "Belfried", "Belfry", capacity=10),
        ],
        "photos": ["open-space"],
    },
    {
        "slug": "atelier-haverwerf",
        "kind": Space.Kind.PARTNER,
        "name": T("Atelier Haverwerf", "Atelier Haverwerf", "Atelier Haverwerf", "Atelier Haverwerf"),
        "description": T(
            "L'Atelier Haverwerf est un atelier partagé au bord de la Dyle pour illustrateurs, céramistes et designers. L'atelier céramique, avec tours et four, se loue à l'heure, les tables à dessin à la journée. Ouvert du mardi au samedi.",
            "Atelier Haverwerf is een gedeeld atelier aan de Dijle voor illustratoren, keramisten en ontwerpers. Het keramiekatelier met draaischijven en oven huurt u per uur, de tekentafels per dag. Open van dinsdag tot zaterdag.",
            "Das Atelier Haverwerf ist ein gemeinsames Atelier an der Dijle für Illustratoren, Keramikerinnen und Designer. Die Keramikwerkstatt mit Töpferscheiben und Brennofen wird stundenweise gebucht, die Zeichentische tageweise. Geöffnet von Dienstag bis Samstag.",
            "Atelier Haverwerf is a shared studio on the river Dijle for illustrators, ceramicists and designers. The ceramics workshop, with wheels and a kiln, is booked by the hour and the drawing tables by the day. Open Tuesday to Saturday.",
        ),
        "street": "Haverwerf 12",
        "refnis": "12025",
        "postcode": "2800",
        "point": (51.0290, 4.4775),
        "hours": "Tu-Sa 10:00-18:00; PH off",
        "amenities": ["workshop", "desks", "wifi", "kitchen"],
        "access": {"wheelchair": "limited", "accessible_toilet": False, "hearing_loop": False, "lift": False},
        "capacity": 14,
        "prices": {"hour": ("9.00", "14.00"), "day": ("18.00", "28.00"), "month": ("160.00", "240.00")},
        "email": "haverwerf@coop.example",
        "phone": "+32 15 27 93 48",
        "resources": [
            room(
                T("Atelier céramique", "Keramiekatelier", "Keramikwerkstatt", "Ceramics workshop"),
                6,
                "9.00",
                "14.00",
                amenities=("workshop",),
            ),
            {
                **desk(1, "18.00", "28.00"),
                "name": T("Table à dessin 1", "Tekentafel 1", "Zeichentisch 1", "Drawing table 1"),
            },
            {
                **desk(2, "18.00", "28.00"),
                "name": T("Table à dessin 2", "Tekentafel 2", "Zeichentisch 2", "Drawing table 2"),
            },
        ],
        "photos": ["workshop"],
    },
    {
        "slug": "werkplek-havermarkt",
        "kind": Space.Kind.COWORKING,
        "name": T("Werkplek Havermarkt", "Werkplek Havermarkt", "Werkplek Havermarkt", "Werkplek Havermarkt"),
        "description": T(
            "Werkplek Havermarkt est un coworking du centre de Hasselt, à cinq minutes de la Grand-Place. Le mercredi, il reste ouvert jusqu'à 21 h pour qui veut travailler en soirée. Postes fixes et flexibles, salle de réunion et salle calme.",
            "Werkplek Havermarkt is een coworking in het centrum van Hasselt, op vijf minuten van de Grote Markt. Op woensdag blijft het open tot 21 uur voor wie 's avonds wil doorwerken. Er zijn vaste en flexibele werkplekken, een vergaderzaal en een stille ruimte.",
            "Werkplek Havermarkt ist ein Coworking im Zentrum von Hasselt, fünf Minuten vom Grote Markt. Mittwochs ist bis 21 Uhr geöffnet, für alle, die abends weiterarbeiten möchten. Feste und flexible Arbeitsplätze, ein Besprechungsraum und ein Ruheraum.",
            "Werkplek Havermarkt is a coworking space in the centre of Hasselt, five minutes from the Grote Markt. On Wednesdays it stays open until 9 pm for those who like to work in the evening. Fixed and flexible desks, a meeting room and a quiet room.",
        ),
        "street": "Havermarkt 30",
        "refnis": "71072",
        "postcode": "3500",
        "point": (50.9300, 5.3365),
        "hours": "Mo-Fr 08:00-18:00; We 08:00-21:00; PH off",
        "amenities": ["desks", "meeting-room", "quiet-room", "wifi", "printing", "bike-parking"],
        "access": {"wheelchair": "yes", "accessible_toilet": True, "hearing_loop": True, "lift": True},
        "capacity": 32,
        "prices": {"day": ("13.00", "22.00"), "month": ("170.00", "250.00")},
        "email": "havermarkt@coop.example",
        "phone": "+32 11 49 06 83",
        "resources": [
            desk(1, "13.00", "22.00"),
            desk(2, "13.00", "22.00"),
            meeting("Demer", "Demer", "Demer", "Demer", capacity=8),
        ],
        "photos": ["open-space", "meeting-room"],
    },
]

# Who books what in the coming days: (account, space slug, room index, first day (1 is
# tomorrow), start time, hours; desks take the whole day). "member@coop.example" is the demo
# login Lotte Janssens, a photographer in Liège; ("demo", n) is the directory's n-th
# synthetic member, when the directory's demo was seeded.
BOOKINGS = [
    ("member@coop.example", "atelier-lumiere", 0, 1, "14:00", 3),
    ("member@coop.example", "atelier-lumiere", 1, 3, "10:00", 2),
    ("member@coop.example", "bureau-regional-liege", 1, 6, None, None),
    ("membre@coop.example", "la-serre", 0, 2, None, None),
    ("membre@coop.example", "la-serre", 3, 4, "10:00", 2),
    # The small room: the browser journey (tests/e2e) books the large one and counts its
    # taken slots.
    (("demo", 0), "loods-9", 1, 1, "19:00", 3),
    (("demo", 0), "loods-9", 1, 8, "19:00", 3),
    (("demo", 1), "studio-klankkast", 0, 2, "13:00", 5),
    (("demo", 2), "ateliers-de-la-sambre", 0, 1, "08:00", 4),
    (("demo", 2), "ateliers-de-la-sambre", 2, 3, None, None),
    (("demo", 3), "fabrique-des-brasseurs", 0, 2, "18:30", 3),
    (("demo", 4), "bureau-regional-gent", 0, 3, "10:00", 2),
    (("demo", 5), "cowork-vaartkom", 0, 1, None, None),
    (("demo", 6), "studio-merode", 0, 4, "10:00", 3),
]

# The space a few members work from.
BASES = [
    ("member@coop.example", "atelier-lumiere"),
    ("membre@coop.example", "la-serre"),
    (("demo", 0), "loods-9"),
    (("demo", 1), "studio-klankkast"),
    (("demo", 2), "ateliers-de-la-sambre"),
    (("demo", 3), "fabrique-des-brasseurs"),
    (("demo", 5), "cowork-vaartkom"),
    (("demo", 7), "kreativraum-gohltal"),
    (("demo", 8), "la-serre"),
    (("demo", 9), "werkplek-havermarkt"),
]


# Seeding -----------------------------------------------------------------------------------


def _is_original(model, field):
    # The untranslated field reads through modeltranslation (the active language): compare
    # the per-language fields only.
    return f"{field}_fr" in {f.name for f in model._meta.get_fields()}


def _sync(model, rows, existing, counts, label):
    """update_or_create for many rows at once. `rows`: (key, lookup, values, amenities or None);
    `existing`: key -> object already stored. An object that differs from its row is saved
    (signals and all); the missing ones are inserted in bulk, their amenities too, and the caller
    reindexes their spaces once. Unchanged objects are not written: a second run writes nothing.
    Returns key -> object."""
    found, new = {}, []
    for key, lookup, values, amenities in rows:
        obj = existing.get(key)
        if obj is None:
            obj = model(**lookup)
            for field, value in values.items():
                setattr(obj, field, value)
            new.append((key, obj, amenities))
            continue
        found[key] = obj
        changed = any(
            getattr(obj, field) != value for field, value in values.items() if not _is_original(model, field)
        )
        if amenities is not None and sorted(a.pk for a in amenities) != sorted(
            obj.amenities.values_list("pk", flat=True)
        ):
            obj.amenities.set(amenities)
            changed = True
        if changed:
            for field, value in values.items():
                setattr(obj, field, value)
            obj.save()
            if amenities is not None:
                obj.amenities.commit()
        counts.add(f"{label} updated" if changed else f"{label} kept")
    model.objects.bulk_create([obj for _key, obj, _amenities in new])
    links = []
    for key, obj, amenities in new:
        found[key] = obj
        if amenities:
            through = model.amenities.through
            links += [
                through(**{f"{model._meta.model_name}_id": obj.pk, "amenity_id": a.pk}) for a in amenities
            ]
    if links:
        model.amenities.through.objects.bulk_create(links)
    counts.add(f"{label} new", len(new))
    counts.add(f"{label} total", len(rows))
    return found, {key for key, _obj, _amenities in new}


def ensure_amenities():
    """{slug: amenity}, with the amenities of migration 0002 (a flushed test database has none)."""
    return ensure_named_rows(Amenity, AMENITIES_CSV)


def _ensure_collection():
    from wagtail.models import Collection

    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")


def _image(slug, number, drawing):
    from wagtail.images.models import Image

    from coworking import demo_images

    title = f"Coworking – {slug} – {number}"
    image = Image.objects.filter(title=title).first()
    if image is None:
        picture = demo_images.PICTURES[drawing](seed=sum(map(ord, slug)) + number)
        image = Image.objects.create(title=title, file=demo_images.as_file(picture, f"{slug}-{number}.jpg"))
        return image, True
    return image, False


def _space_values(spec, municipality):
    values = {
        "kind": spec["kind"],
        "street_address": spec["street"],
        "postal_code": spec["postcode"],
        "municipality": municipality,
        "latitude": spec["point"][0],
        "longitude": spec["point"][1],
        "capacity": spec["capacity"],
        "email": spec["email"],
        "phone": spec["phone"],
        "website": spec.get("website", ""),
        # The German-speaking Community's teams read German; elsewhere the region decides.
        "language": "de" if spec["refnis"] in GERMAN_SPEAKING else "",
        "opening_hours": spec["hours"],
        "adviser_hours": spec.get("adviser_hours", ""),
        "published": True,
        **spec["access"],
    }
    for unit in ("hour", "day", "month"):
        member, public = spec["prices"].get(unit, (None, None))
        values[f"price_{unit}_member"], values[f"price_{unit}_public"] = D(member), D(public)
    translated(values, "name", spec["name"])
    translated(values, "description", spec["description"])
    return values


def _resource_values(resource):
    member, public = resource["price"]
    values = {
        "kind": resource["kind"],
        "unit": resource["unit"],
        "capacity": resource["capacity"],
        "price_member": D(member),
        "price_public": D(public),
        "max_hours": resource.get("max_hours", 4),
        "bookable": True,
    }
    translated(values, "name", resource["name"])
    return values


def seed_spaces(counts):
    """The spaces, their rooms and desks, and their photos. Returns slug -> space."""
    from coworking.documents import SPACES as SPACE_DOCUMENT
    from portal import search

    amenities = ensure_amenities()
    _ensure_collection()
    municipalities = {
        m.refnis: m
        for m in Municipality.objects.filter(refnis__in={s["refnis"] for s in SPACES}).prefetch_related(
            "postal_codes"
        )
    }
    rows = []
    for spec in SPACES:
        municipality = municipalities[spec["refnis"]]
        if spec["postcode"] not in {p.code for p in municipality.postal_codes.all()}:
            raise ValueError(f"{spec['slug']}: {spec['postcode']} is not a postcode of {municipality}")
        rows.append(
            (
                spec["slug"],
                {"slug": spec["slug"]},
                _space_values(spec, municipality),
                [amenities[a] for a in spec["amenities"]],
            )
        )
    stored = Space.objects.filter(slug__in=[spec["slug"] for spec in SPACES])
    spaces, new_spaces = _sync(Space, rows, {s.slug: s for s in stored}, counts, "spaces")

    rows = [
        (
            (spec["slug"], order),
            {"space": spaces[spec["slug"]], "sort_order": order},
            _resource_values(resource),
            [amenities[a] for a in resource["amenities"]],
        )
        for spec in SPACES
        for order, resource in enumerate(spec["resources"])
    ]
    slugs = {space.pk: slug for slug, space in spaces.items()}
    stored = Resource.objects.filter(space__in=list(spaces.values()))
    _resources, new_resources = _sync(
        Resource, rows, {(slugs[r.space_id], r.sort_order): r for r in stored}, counts, "resources"
    )

    rows = []
    for spec in SPACES:
        for order, drawing in enumerate(spec["photos"]):
            image, drawn = _image(spec["slug"], order + 1, drawing)
            counts.add("images drawn", int(drawn))
            values = {"image": image}
            alt = {code: ALT[drawing][code].format(name=spec["name"][code]) for code in LANGS}
            translated(values, "alt", alt)
            rows.append(
                ((spec["slug"], order), {"space": spaces[spec["slug"]], "sort_order": order}, values, None)
            )
    stored = SpacePhoto.objects.filter(space__in=list(spaces.values()))
    _photos, new_photos = _sync(
        SpacePhoto, rows, {(slugs[p.space_id], p.sort_order): p for p in stored}, counts, "photos"
    )

    # What was inserted in bulk is indexed once (saved objects reindexed themselves).
    touched = sorted(
        {
            spaces[key[0] if isinstance(key, tuple) else key].pk
            for key in new_spaces | new_resources | new_photos
        }
    )
    if touched:
        transaction.on_commit(lambda: search.update(SPACE_DOCUMENT, touched))
    return spaces


def _accounts():
    """The accounts named in BOOKINGS and BASES that exist: e-mail or ("demo", n) -> user."""
    emails = {who for who, *_rest in BOOKINGS + BASES if isinstance(who, str)}
    found = {u.email: u for u in get_user_model().objects.filter(email__in=emails)}
    wanted = 1 + max(who[1] for who, *_rest in BOOKINGS + BASES if not isinstance(who, str))
    found.update({("demo", n): user for n, user in enumerate(demo_members(wanted))})
    return found


def _slot(resource, member, first_day, start, length, now):
    """The first (start, end) from `first_day` on that the booking rules accept and nobody
    holds, within two weeks; None when there is none."""
    from coworking.booking import BookingRefused, check, day_span

    for offset in range(14):
        day = first_day + datetime.timedelta(days=offset)
        if resource.unit == Resource.Unit.DAY:
            span = day_span(resource, day)
            if span is None:
                continue
            begin, end = span
        else:
            hour, minute = (int(part) for part in start.split(":"))
            begin = datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=hours.TZ)
            end = begin + datetime.timedelta(hours=length)
        try:
            check(resource, member, begin, end, now=now)
        except BookingRefused:
            continue
        if not Booking.objects.confirmed().filter(resource=resource).overlapping(begin, end).exists():
            return begin, end
    return None


def seed_bookings(spaces, accounts, counts):
    """Bookings made as `coworking.booking.book` would (same rules), without its e-mails. A
    member who already has upcoming bookings in the demo spaces gets no more."""
    now = timezone.now()
    tomorrow = hours.aware(now).date() + datetime.timedelta(days=1)
    demo_spaces = [s.pk for s in spaces.values()]
    busy = set(
        Booking.objects.confirmed()
        .filter(end__gt=now, resource__space__in=demo_spaces)
        .values_list("member_id", flat=True)
    )
    for who, slug, index, first, start, length in BOOKINGS:
        member = accounts.get(who)
        if member is None or member.pk in busy:
            continue
        resource = spaces[slug].resources.order_by("sort_order")[index]
        slot = _slot(resource, member, tomorrow + datetime.timedelta(days=first - 1), start, length, now)
        if slot is None:
            continue
        # As book() does: the resource's row first, so that a booking made meanwhile waits.
        Resource.objects.filter(pk=resource.pk).update(lock_version=F("lock_version") + 1)
        Booking.objects.create(
            resource=resource,
            member=member,
            start=slot[0],
            end=slot[1],
            language=getattr(member, "preferred_language", "") or "fr",
        )
        counts.add("bookings new")


def seed_bases(spaces, accounts, counts):
    """A member's own choice of base space is kept."""
    for who, slug in BASES:
        user = accounts.get(who)
        if user is None:
            continue
        _base, created = MemberBase.objects.get_or_create(user=user, defaults={"space": spaces[slug]})
        counts.add("bases new" if created else "bases kept")


def seed(stdout=None, members=None):
    """Create or bring up to date the demo spaces; `members` (the directory's count of
    synthetic profiles) does not apply here. Returns how many objects were created."""
    began = time.monotonic()
    counts = Counter()
    with translation.override("fr"), transaction.atomic():
        spaces = seed_spaces(counts)
        accounts = _accounts()
        seed_bookings(spaces, accounts, counts)
        seed_bases(spaces, accounts, counts)
    if stdout:
        stdout.write(
            "Coworking: {spaces} spaces ({new} new, {updated} updated), {resources} rooms and desks, "
            "{photos} photos, {bookings} new bookings, {bases} new base spaces ({seconds:.1f} s).".format(
                spaces=len(spaces),
                new=counts.get("spaces new", 0),
                updated=counts.get("spaces updated", 0),
                resources=counts.get("resources total", 0),
                photos=counts.get("photos total", 0),
                bookings=counts.get("bookings new", 0),
                bases=counts.get("bases new", 0),
                seconds=time.monotonic() - began,
            )
        )
    return sum(
        counts.get(key, 0)
        for key in ("spaces new", "resources new", "photos new", "bookings new", "bases new")
    )


# Many spaces (benchmarks) --------------------------------------------------------------------

# Names of invented spaces: a word in each language, then the town's name in that language.
SPACE_WORDS = [
    T("L'Atelier", "Het Atelier", "Das Atelier", "The Workshop"),
    T("La Ruche", "De Bijenkorf", "Der Bienenstock", "The Hive"),
    T("Le Hangar", "De Loods", "Die Halle", "The Shed"),
    T("La Fabrique", "De Fabriek", "Die Fabrik", "The Factory"),
    T("Le Studio", "De Studio", "Das Studio", "The Studio"),
    T("La Serre", "De Serre", "Das Gewächshaus", "The Greenhouse"),
    T("Le Comptoir", "De Toonbank", "Der Tresen", "The Counter"),
    T("La Filature", "De Spinnerij", "Die Spinnerei", "The Mill"),
    T("Le Quai", "De Kaai", "Der Kai", "The Quay"),
    T("La Cour", "Het Hof", "Der Hof", "The Yard"),
    T("L'Imprimerie", "De Drukkerij", "Die Druckerei", "The Print Works"),
    T("La Gare", "Het Station", "Der Bahnhof", "The Station"),
]
SPACE_KINDS = T("Espace de coworking", "Coworkingruimte", "Coworking-Space", "Coworking space")
SPACE_DESCRIPTIONS = [
    T(
        "{name} accueille les indépendants de {place} dans un ancien bâtiment industriel rénové : "
        "postes de travail, salles de réunion et une cuisine partagée.",
        "{name} ontvangt de freelancers uit {place} in een gerenoveerd industriegebouw: werkplekken, "
        "vergaderzalen en een gedeelde keuken.",
        "{name} empfängt die Selbstständigen aus {place} in einem renovierten Industriegebäude: "
        "Arbeitsplätze, Besprechungsräume und eine Gemeinschaftsküche.",
        "{name} welcomes freelancers from {place} in a renovated industrial building: desks, meeting "
        "rooms and a shared kitchen.",
    ),
    T(
        "À deux pas de la gare de {place}, {name} loue des bureaux à la journée ou au mois, avec une "
        "connexion rapide et un espace calme pour téléphoner.",
        "Op een paar stappen van het station van {place} verhuurt {name} werkplekken per dag of per "
        "maand, met snel internet en een stille ruimte om te bellen.",
        "Wenige Schritte vom Bahnhof {place} entfernt vermietet {name} Arbeitsplätze tageweise oder "
        "monatlich, mit schnellem Internet und einem ruhigen Raum zum Telefonieren.",
        "A short walk from {place} station, {name} rents desks by the day or by the month, with fast "
        "internet and a quiet room for phone calls.",
    ),
    T(
        "{name} est un lieu de création partagé à {place} : ateliers, local de répétition et studio, "
        "ouverts aux membres de la coopérative à prix réduit.",
        "{name} is een gedeelde creatieve plek in {place}: ateliers, repetitieruimte en studio, voor "
        "leden van de coöperatie tegen een lager tarief.",
        "{name} ist ein gemeinsamer Schaffensort in {place}: Werkstätten, Proberaum und Studio, für "
        "Mitglieder der Genossenschaft zum ermäßigten Preis.",
        "{name} is a shared creative venue in {place}: workshops, a rehearsal room and a studio, open "
        "to the cooperative's members at a reduced price.",
    ),
    T(
        "Au centre de {place}, {name} réunit graphistes, traducteurs et développeurs autour de grandes "
        "tables lumineuses. Visites sur rendez-vous.",
        "In het centrum van {place} brengt {name} grafici, vertalers en ontwikkelaars samen aan grote, "
        "lichte tafels. Bezoek op afspraak.",
        "Im Zentrum von {place} bringt {name} Grafiker, Übersetzer und Entwickler an großen, hellen "
        "Tischen zusammen. Besuche nach Vereinbarung.",
        "In the centre of {place}, {name} brings graphic designers, translators and developers together "
        "around large, bright tables. Visits by appointment.",
    ),
]
STREETS = {
    "fr": ["Rue de la Station", "Rue du Moulin", "Rue de l'Église", "Chaussée de Bruxelles", "Rue Haute"],
    "nl": ["Stationsstraat", "Kerkstraat", "Molenstraat", "Nieuwstraat", "Dorpsstraat"],
    "de": ["Bahnhofstraße", "Kirchstraße", "Hauptstraße", "Mühlenweg", "Marktplatz"],
}


@transaction.atomic
def create_spaces(count, seed=2026, stdout=None):
    """Create `count` invented spaces across Belgium, quickly (bulk inserts, then the database
    search index): names and descriptions in four languages, rooms, desks and photos taken from
    the demo spaces (run seed() first for the photos), the demo's opening hours. For benchmarks."""
    import random

    from django.utils.text import slugify
    from wagtail.images.models import Image

    from coworking.documents import SPACES as SPACE_DOCUMENT
    from portal.demo.bulk import batches, weighted_municipalities
    from portal.search.database import DatabaseBackend

    if count <= 0:
        return 0
    first = Space.objects.count() + 1
    rng = random.Random(seed + first)
    amenities = ensure_amenities()
    images = {image.title: image for image in Image.objects.filter(title__startswith="Coworking – ")}
    municipalities, weights = weighted_municipalities("region")
    database = DatabaseBackend(SPACE_DOCUMENT)
    for created, n in batches(count, 1000, stdout, "spaces"):
        spaces, plans = [], []
        for _k in range(n):
            template = rng.choice(SPACES)
            place = rng.choices(municipalities, weights)[0]
            local = local_language(place)
            towns = place_names(place)
            kind = rng.choices(list(Space.Kind), [2, 60, 38])[0]
            word = rng.choice(SPACE_WORDS)
            if kind == Space.Kind.COWORKING and rng.random() < 0.3:
                word = SPACE_KINDS
            names = {code: f"{word[code]} {towns[code]}" for code in LANGS}
            text = rng.choice(SPACE_DESCRIPTIONS)
            descriptions = {code: text[code].format(name=names[code], place=towns[code]) for code in LANGS}
            codes = [p.code for p in place.postal_codes.all()]
            spec = {
                **template,
                "kind": kind,
                "street": f"{rng.choice(STREETS[local])} {rng.randint(1, 180)}",
                "refnis": place.refnis,
                "postcode": rng.choice(codes) if codes else "1000",
                "point": (
                    place.latitude + rng.uniform(-0.015, 0.015),
                    place.longitude + rng.uniform(-0.02, 0.02),
                ),
                "name": names,
                "description": descriptions,
                "access": {
                    "wheelchair": rng.choice(list(Space.Wheelchair)),
                    "accessible_toilet": rng.random() < 0.5,
                    "hearing_loop": rng.random() < 0.15,
                    "lift": rng.random() < 0.4,
                },
                "capacity": rng.choice([None, 8, 12, 20, 35, 60]),
                "email": f"contact@space-{first + created + len(spaces)}.example",
            }
            if kind != Space.Kind.OFFICE:
                spec.pop("adviser_hours", None)
            values = _space_values(spec, place)
            values["language"] = "de" if local == "de" else ""
            values["published"] = rng.random() < 0.98
            # As Space.save() would (bulk inserts do not call it).
            space = Space(slug=slugify(names["fr"])[:120] or "space", **values)
            spaces.append(space)
            chosen = rng.sample(sorted(amenities), rng.randint(2, 8))
            plans.append((template, chosen))
        Space.objects.bulk_create(spaces)
        links, resources, resource_amenities, photos = [], [], [], []
        for space, (template, chosen) in zip(spaces, plans, strict=True):
            links += [Space.amenities.through(space_id=space.pk, amenity_id=amenities[a].pk) for a in chosen]
            for order, resource in enumerate(template["resources"][: rng.randint(0, 5)]):
                resources.append(Resource(space=space, sort_order=order, **_resource_values(resource)))
                resource_amenities.append(resource["amenities"])
            for order, drawing in enumerate(template["photos"]):
                image = images.get(f"Coworking – {template['slug']} – {order + 1}")
                if image is None:
                    continue
                values = {"image": image}
                translated(values, "alt", {c: ALT[drawing][c].format(name=space.name) for c in LANGS})
                photos.append(SpacePhoto(space=space, sort_order=order, **values))
        Space.amenities.through.objects.bulk_create(links)
        Resource.objects.bulk_create(resources)
        Resource.amenities.through.objects.bulk_create(
            [
                Resource.amenities.through(resource_id=resource.pk, amenity_id=amenities[a].pk)
                for resource, chosen in zip(resources, resource_amenities, strict=True)
                for a in chosen
            ]
        )
        SpacePhoto.objects.bulk_create(photos)
        # Straight into the database index, read back with everything it needs.
        database.index(SPACE_DOCUMENT.objects([s.pk for s in spaces if s.published]), fresh=True)
    return count
