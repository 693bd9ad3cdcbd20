"""Demo content written for this project, in French (the source) and its translations.

Each text is a dict with one entry per language. The French pages are built from the
"fr" entries; the other languages go through wagtail-localize, as an editor would.
"""

from portal.demo.common import t


def p(*paragraphs):
    """Rich text made of plain paragraphs, one translation unit per paragraph."""
    return paragraphs


HOME = {
    "hero_alt": t(
        "Dessin : une douzaine de membres réunis autour d'une grande table, vus d'en haut.",
        "Tekening: een twaalftal leden rond een grote tafel, van bovenaf gezien.",
        "Zeichnung: etwa zwölf Mitglieder an einem großen Tisch, von oben gesehen.",
        "Drawing: a dozen members around a large table, seen from above.",
    ),
    "title": t(
        "Bienvenue à la coopérative",
        "Welkom bij de coöperatie",
        "Willkommen in der Genossenschaft",
        "Welcome to the cooperative",
    ),
    "slug": t("accueil", "home-nl", "startseite", "home"),
    "intro": t(
        "Une coopérative de freelances, d'artistes et de travailleurs créatifs qui partagent des moyens, des valeurs et du travail, partout en Belgique.",
        "Een coöperatie van freelancers, kunstenaars en creatieve werkers die middelen, waarden en werk delen, overal in België.",
        "Eine Genossenschaft von Freiberuflern, Kunstschaffenden und Kreativen, die Mittel, Werte und Arbeit teilen, überall in Belgien.",
        "A cooperative of freelancers, artists and creative workers who share resources, values and work, all over Belgium.",
    ),
    "search_description": t(
        "Coopérative belge de freelances et d'artistes : charte des valeurs, comité d'éthique, annuaire des membres.",
        "Belgische coöperatie van freelancers en kunstenaars: waardenhandvest, ethisch comité, ledengids.",
        "Belgische Genossenschaft von Freiberuflern und Kunstschaffenden: Wertecharta, Ethikkomitee, Mitgliederverzeichnis.",
        "Belgian cooperative of freelancers and artists: values charter, ethics committee, member directory.",
    ),
    "heading": t(
        "Ce que nous faisons ensemble", "Wat we samen doen", "Was wir gemeinsam tun", "What we do together"
    ),
    "body": p(
        t(
            "Nos membres facturent leurs prestations par la coopérative, gardent leur indépendance et bénéficient d'une protection sociale de salarié.",
            "Onze leden factureren hun prestaties via de coöperatie, blijven zelfstandig in hun werk en genieten de sociale bescherming van een werknemer.",
            "Unsere Mitglieder stellen ihre Leistungen über die Genossenschaft in Rechnung, bleiben in ihrer Arbeit unabhängig und genießen den sozialen Schutz von Angestellten.",
            "Our members invoice their work through the cooperative, keep their independence and enjoy the social protection of employees.",
        ),
        t(
            "Une douzaine de bureaux régionaux accueillent les membres, des espaces de coworking leur sont ouverts et des rencontres professionnelles ont lieu chaque mois.",
            "Een tiental regionale kantoren ontvangen de leden, coworkingruimtes staan voor hen open en elke maand zijn er professionele ontmoetingen.",
            "Rund ein Dutzend Regionalbüros empfangen die Mitglieder, Coworking-Räume stehen ihnen offen, und jeden Monat finden berufliche Treffen statt.",
            "A dozen regional offices welcome members, coworking spaces are open to them and professional meetups take place every month.",
        ),
    ),
    "quote": t(
        "Entreprendre seul, sans être seul.",
        "Zelfstandig ondernemen, zonder alleen te staan.",
        "Selbstständig arbeiten, ohne allein zu sein.",
        "Working for yourself, without working alone.",
    ),
    "cta_charter": t(
        "Lire notre charte des valeurs",
        "Lees ons waardenhandvest",
        "Unsere Wertecharta lesen",
        "Read our values charter",
    ),
    "cta_committee": t(
        "Découvrir le comité d'éthique",
        "Maak kennis met het ethisch comité",
        "Das Ethikkomitee kennenlernen",
        "Meet the ethics committee",
    ),
}

ABOUT = {
    "image_alt": t(
        "Dessin : un atelier partagé, des étagères de matériaux colorés, un établi et une lampe.",
        "Tekening: een gedeeld atelier met rekken vol kleurrijke materialen, een werkbank en een lamp.",
        "Zeichnung: eine gemeinsame Werkstatt mit Regalen voller bunter Materialien, einer Werkbank und einer Lampe.",
        "Drawing: a shared workshop with shelves of colourful materials, a workbench and a lamp.",
    ),
    "title": t(
        "À propos de la coopérative", "Over de coöperatie", "Über die Genossenschaft", "About the cooperative"
    ),
    "slug": t("a-propos", "over-ons", "ueber-uns", "about"),
    "intro": t(
        "Fondée par des travailleurs autonomes, la coopérative appartient à ses membres, qui la gouvernent selon le principe une personne, une voix.",
        "De coöperatie werd opgericht door zelfstandige werkers en is eigendom van haar leden, die haar besturen volgens het principe één persoon, één stem.",
        "Von selbstständig Tätigen gegründet, gehört die Genossenschaft ihren Mitgliedern, die sie nach dem Grundsatz eine Person, eine Stimme lenken.",
        "Founded by self-employed workers, the cooperative belongs to its members, who govern it on the principle of one person, one vote.",
    ),
    "body": p(
        t(
            "Chaque membre peut devenir coopérateur en prenant une part du capital. L'assemblée générale élit le conseil d'administration et approuve les comptes chaque année.",
            "Elk lid kan coöperant worden door een aandeel in het kapitaal te nemen. De algemene vergadering verkiest de raad van bestuur en keurt elk jaar de rekeningen goed.",
            "Jedes Mitglied kann durch den Erwerb eines Anteils Genossenschafter werden. Die Generalversammlung wählt den Verwaltungsrat und genehmigt jedes Jahr die Jahresrechnung.",
            "Every member can become a co-owner by taking a share of the capital. The general assembly elects the board and approves the accounts every year.",
        ),
        t(
            "Les bénéfices sont réinvestis dans les services aux membres : accompagnement, formation, assurance et fonds de solidarité.",
            "De winst wordt opnieuw geïnvesteerd in diensten voor de leden: begeleiding, opleiding, verzekering en een solidariteitsfonds.",
            "Gewinne werden in Leistungen für die Mitglieder reinvestiert: Begleitung, Weiterbildung, Versicherung und ein Solidaritätsfonds.",
            "Profits are reinvested in services for members: coaching, training, insurance and a solidarity fund.",
        ),
    ),
}

CHARTER = {
    "title": t("Charte des valeurs", "Waardenhandvest", "Wertecharta", "Values charter"),
    "slug": t("charte-des-valeurs", "waardenhandvest", "wertecharta", "values-charter"),
    "search_description": t(
        "Les principes que chaque membre de la coopérative s'engage à respecter.",
        "De principes die elk lid van de coöperatie belooft na te leven.",
        "Die Grundsätze, zu deren Einhaltung sich jedes Mitglied der Genossenschaft verpflichtet.",
        "The principles every member of the cooperative commits to.",
    ),
    "summary": p(
        t(
            "En bref : nous travaillons de manière honnête, nous nous traitons avec respect, nous partageons les décisions et nous prenons soin des personnes comme de la planète.",
            "Kort gezegd: we werken eerlijk, we behandelen elkaar met respect, we delen de beslissingen en we zorgen voor mensen en voor de planeet.",
            "Kurz gesagt: Wir arbeiten ehrlich, behandeln einander mit Respekt, entscheiden gemeinsam und tragen Sorge für Menschen und Planet.",
            "In short: we work honestly, we treat each other with respect, we share decisions and we take care of people and of the planet.",
        ),
        t(
            "Chaque membre accepte la charte en adhérant, et à nouveau à chaque nouvelle version.",
            "Elk lid aanvaardt het handvest bij de aansluiting, en opnieuw bij elke nieuwe versie.",
            "Jedes Mitglied nimmt die Charta beim Beitritt an, und erneut bei jeder neuen Fassung.",
            "Every member accepts the charter on joining, and again with each new version.",
        ),
    ),
    "version": "3.0",
    "in_force_since": "2026-09-01",
    "changes": p(
        t(
            "La version 3.0 ajoute le principe de sobriété écologique et précise comment saisir le comité d'éthique.",
            "Versie 3.0 voegt het principe van ecologische soberheid toe en verduidelijkt hoe men het ethisch comité kan aanspreken.",
            "Version 3.0 ergänzt den Grundsatz der ökologischen Genügsamkeit und präzisiert, wie man das Ethikkomitee anruft.",
            "Version 3.0 adds the principle of ecological restraint and explains how to refer a matter to the ethics committee.",
        ),
    ),
    "principles": [
        (
            t("Solidarité", "Solidariteit", "Solidarität", "Solidarity"),
            t(
                "Nous mutualisons les risques et les moyens. Quand un membre traverse une période difficile, la coopérative et ses membres l'aident à la franchir.",
                "We delen risico's en middelen. Wanneer een lid het moeilijk heeft, helpen de coöperatie en haar leden om die periode door te komen.",
                "Wir teilen Risiken und Mittel. Wenn ein Mitglied eine schwierige Zeit durchlebt, helfen ihm die Genossenschaft und ihre Mitglieder hindurch.",
                "We pool risks and resources. When a member goes through a hard time, the cooperative and its members help them through it.",
            ),
        ),
        (
            t("Démocratie", "Democratie", "Demokratie", "Democracy"),
            t(
                "Une personne, une voix. Les décisions qui engagent la coopérative se prennent en assemblée, après un débat ouvert à tous les membres.",
                "Eén persoon, één stem. Beslissingen die de coöperatie binden, worden in de vergadering genomen na een debat dat openstaat voor alle leden.",
                "Eine Person, eine Stimme. Entscheidungen, die die Genossenschaft binden, fallen in der Versammlung nach einer Aussprache, die allen Mitgliedern offensteht.",
                "One person, one vote. Decisions that bind the cooperative are taken in the assembly, after a debate open to all members.",
            ),
        ),
        (
            t("Honnêteté", "Eerlijkheid", "Ehrlichkeit", "Honesty"),
            t(
                "Nous facturons le travail réellement fait, au prix annoncé, et nous disons à nos clients ce que nous savons faire et ce que nous ne savons pas faire.",
                "We factureren het werk dat echt gedaan is, tegen de aangekondigde prijs, en we zeggen onze klanten wat we wel en niet kunnen.",
                "Wir berechnen die tatsächlich geleistete Arbeit zum angekündigten Preis und sagen unseren Kunden, was wir können und was nicht.",
                "We invoice the work actually done, at the announced price, and we tell our clients what we can and cannot do.",
            ),
        ),
        (
            t("Respect", "Respect", "Respekt", "Respect"),
            t(
                "Nous refusons toute discrimination et tout harcèlement, entre membres comme avec les clients et les partenaires.",
                "We weigeren elke vorm van discriminatie en intimidatie, tussen leden en ook met klanten en partners.",
                "Wir lehnen jede Diskriminierung und jede Belästigung ab, unter Mitgliedern wie auch gegenüber Kunden und Partnern.",
                "We refuse all discrimination and harassment, between members as well as with clients and partners.",
            ),
        ),
        (
            t("Juste rémunération", "Eerlijke verloning", "Faire Vergütung", "Fair pay"),
            t(
                "Nous ne cassons pas les prix. Un tarif doit permettre de vivre de son métier, de se former et de cotiser pour ses vieux jours.",
                "We breken de prijzen niet af. Een tarief moet toelaten van zijn beroep te leven, zich bij te scholen en pensioen op te bouwen.",
                "Wir unterbieten keine Preise. Ein Honorar muss es erlauben, vom eigenen Beruf zu leben, sich weiterzubilden und fürs Alter vorzusorgen.",
                "We do not undercut prices. A rate must let people live from their trade, keep learning and save for retirement.",
            ),
        ),
        (
            t(
                "Sobriété écologique",
                "Ecologische soberheid",
                "Ökologische Genügsamkeit",
                "Ecological restraint",
            ),
            t(
                "Nous choisissons, quand c'est possible, le train plutôt que l'avion, le matériel réparé plutôt que neuf, et des partenaires qui font de même.",
                "We kiezen waar mogelijk de trein boven het vliegtuig, hersteld materiaal boven nieuw, en partners die hetzelfde doen.",
                "Wir wählen, wo möglich, den Zug statt des Flugzeugs, repariertes statt neues Material und Partner, die es ebenso halten.",
                "Where we can, we choose the train over the plane, repaired equipment over new, and partners who do the same.",
            ),
        ),
    ],
    "previous_versions": [
        (
            "2.0",
            "2021-03-01",
            "2026-08-31",
            t(
                "Ajout du principe de juste rémunération et création du comité d'éthique.",
                "Toevoeging van het principe van eerlijke verloning en oprichting van het ethisch comité.",
                "Aufnahme des Grundsatzes der fairen Vergütung und Gründung des Ethikkomitees.",
                "Added the fair pay principle and created the ethics committee.",
            ),
        ),
        (
            "1.0",
            "2015-06-15",
            "2021-02-28",
            t(
                "Première charte, adoptée par l'assemblée fondatrice : solidarité, démocratie, honnêteté et respect.",
                "Eerste handvest, aangenomen door de stichtingsvergadering: solidariteit, democratie, eerlijkheid en respect.",
                "Erste Charta, von der Gründungsversammlung angenommen: Solidarität, Demokratie, Ehrlichkeit und Respekt.",
                "First charter, adopted by the founding assembly: solidarity, democracy, honesty and respect.",
            ),
        ),
    ],
}

COMMITTEE = {
    "title": t("Comité d'éthique", "Ethisch comité", "Ethikkomitee", "Ethics committee"),
    "slug": t("comite-ethique", "ethisch-comite", "ethikkomitee", "ethics-committee"),
    "search_description": t(
        "Le comité d'éthique de la coopérative : mission, fonctionnement, membres, avis publiés et saisine.",
        "Het ethisch comité van de coöperatie: opdracht, werking, leden, gepubliceerde adviezen en aanmelding.",
        "Das Ethikkomitee der Genossenschaft: Auftrag, Arbeitsweise, Mitglieder, veröffentlichte Stellungnahmen und Eingaben.",
        "The cooperative's ethics committee: mission, working methods, members, published opinions and referrals.",
    ),
    "intro": t(
        "Un lieu indépendant où chacun peut poser une question ou signaler une situation qui touche aux valeurs de la coopérative.",
        "Een onafhankelijke plek waar iedereen een vraag kan stellen of een situatie kan melden die de waarden van de coöperatie raakt.",
        "Ein unabhängiger Ort, an dem alle eine Frage stellen oder eine Situation melden können, die die Werte der Genossenschaft berührt.",
        "An independent place where anyone can ask a question or report a situation that touches the cooperative's values.",
    ),
    "mission": p(
        t(
            "Le comité veille à ce que la charte des valeurs vive au quotidien. Il répond aux questions des membres, des clients et des équipes, et rend des avis sur les situations qui lui sont soumises.",
            "Het comité waakt erover dat het waardenhandvest elke dag geleefd wordt. Het beantwoordt vragen van leden, klanten en medewerkers en geeft adviezen over de situaties die het voorgelegd krijgt.",
            "Das Komitee achtet darauf, dass die Wertecharta im Alltag gelebt wird. Es beantwortet Fragen von Mitgliedern, Kunden und Mitarbeitenden und gibt Stellungnahmen zu den ihm vorgelegten Situationen ab.",
            "The committee makes sure the values charter is lived day to day. It answers questions from members, clients and staff, and gives opinions on the situations brought before it.",
        ),
        t(
            "Il ne juge pas les personnes et ne remplace ni les tribunaux ni les procédures internes : il éclaire les choix.",
            "Het oordeelt niet over personen en vervangt noch de rechtbanken noch de interne procedures: het helpt keuzes te verhelderen.",
            "Es urteilt nicht über Personen und ersetzt weder Gerichte noch interne Verfahren: Es hilft, Entscheidungen zu klären.",
            "It does not judge people and replaces neither the courts nor internal procedures: it sheds light on choices.",
        ),
    ),
    "how_it_works": p(
        t(
            "Le comité compte huit membres élus pour trois ans par l'assemblée générale : des membres, des clients, des permanents et des partenaires.",
            "Het comité telt acht leden die voor drie jaar verkozen worden door de algemene vergadering: leden, klanten, vaste medewerkers en partners.",
            "Das Komitee hat acht Mitglieder, die von der Generalversammlung für drei Jahre gewählt werden: Mitglieder, Kunden, Festangestellte und Partner.",
            "The committee has eight members elected for three years by the general assembly: members, clients, permanent staff and partners.",
        ),
        t(
            "Il se réunit chaque mois. Chaque saisine reçoit un accusé de réception, puis une réponse dans les deux mois. Les avis d'intérêt général sont publiés sans nommer personne.",
            "Het komt elke maand samen. Elke aanmelding krijgt een ontvangstbevestiging en daarna een antwoord binnen twee maanden. Adviezen van algemeen belang worden gepubliceerd zonder iemand bij naam te noemen.",
            "Es tagt jeden Monat. Jede Eingabe erhält eine Eingangsbestätigung und danach innerhalb von zwei Monaten eine Antwort. Stellungnahmen von allgemeinem Interesse werden veröffentlicht, ohne jemanden zu nennen.",
            "It meets every month. Every referral is acknowledged, then answered within two months. Opinions of general interest are published without naming anyone.",
        ),
    ),
    "referral_intro": p(
        t(
            "Vous pouvez nous écrire au sujet d'une question sur la charte, d'une situation vécue ou observée, ou d'un conflit d'intérêts. Vous pouvez rester anonyme.",
            "U kunt ons schrijven over een vraag over het handvest, een situatie die u meemaakte of zag, of een belangenconflict. U kunt anoniem blijven.",
            "Sie können uns zu einer Frage zur Charta, einer erlebten oder beobachteten Situation oder einem Interessenkonflikt schreiben. Sie können anonym bleiben.",
            "You can write to us about a question on the charter, a situation you experienced or witnessed, or a conflict of interest. You may stay anonymous.",
        ),
    ),
    # Invented people; names are not translated.
    "members": [
        (
            "Amélie Dufrasne",
            "members",
            t(
                "Graphiste, présidente",
                "Grafisch vormgever, voorzitter",
                "Grafikdesignerin, Vorsitzende",
                "Graphic designer, chair",
            ),
        ),
        (
            "Joris Vandenbergh",
            "members",
            t("Régisseur son", "Geluidstechnicus", "Tontechniker", "Sound engineer"),
        ),
        (
            "Nadia El Khatib",
            "clients",
            t(
                "Responsable culture d'une commune",
                "Cultuurverantwoordelijke van een gemeente",
                "Kulturverantwortliche einer Gemeinde",
                "Head of culture for a municipality",
            ),
        ),
        (
            "Pieter Claessens",
            "clients",
            t(
                "Directeur d'une agence de communication",
                "Directeur van een communicatiebureau",
                "Leiter einer Kommunikationsagentur",
                "Director of a communication agency",
            ),
        ),
        (
            "Sophie Lambotte",
            "staff",
            t("Conseillère juridique", "Juridisch adviseur", "Rechtsberaterin", "Legal adviser"),
        ),
        (
            "Lukas Hermann",
            "staff",
            t(
                "Accompagnateur de projets, Eupen",
                "Projectbegeleider, Eupen",
                "Projektbegleiter, Eupen",
                "Project coach, Eupen",
            ),
        ),
        (
            "Marie-Claire Ngoy",
            "partners",
            t(
                "Fédération des arts de la scène",
                "Federatie van de podiumkunsten",
                "Verband der darstellenden Künste",
                "Performing arts federation",
            ),
        ),
        (
            "Thomas Wouters",
            "partners",
            t(
                "Université, éthique du travail",
                "Universiteit, arbeidsethiek",
                "Universität, Arbeitsethik",
                "University, work ethics",
            ),
        ),
    ],
}

OPINIONS = [
    {
        "title": t(
            "Peut-on travailler pour un client concurrent d'un autre membre ?",
            "Mag je werken voor een klant die concurreert met een ander lid?",
            "Darf man für einen Kunden arbeiten, der mit einem anderen Mitglied konkurriert?",
            "May a member work for a client who competes with another member?",
        ),
        "slug": t("client-concurrent", "concurrerende-klant", "konkurrierender-kunde", "competing-client"),
        "reference": "2026-01",
        "date": "2026-02-10",
        "question": t(
            "Une illustratrice nous demande si elle peut accepter une commande d'une agence qui fait concurrence à l'agence d'un autre membre.",
            "Een illustratrice vraagt ons of ze een opdracht mag aannemen van een bureau dat concurreert met het bureau van een ander lid.",
            "Eine Illustratorin fragt, ob sie einen Auftrag einer Agentur annehmen darf, die mit der Agentur eines anderen Mitglieds konkurriert.",
            "An illustrator asks whether she may accept a commission from an agency that competes with another member's agency.",
        ),
        "opinion": p(
            t(
                "Oui. La coopérative ne crée pas d'exclusivité entre ses membres. La loyauté demandée par la charte porte sur la manière de travailler : ne pas dénigrer l'autre membre et ne pas utiliser d'informations obtenues grâce à la coopérative.",
                "Ja. De coöperatie schept geen exclusiviteit tussen haar leden. De loyauteit die het handvest vraagt, gaat over de manier van werken: het andere lid niet zwartmaken en geen informatie gebruiken die via de coöperatie verkregen werd.",
                "Ja. Die Genossenschaft begründet keine Exklusivität zwischen ihren Mitgliedern. Die von der Charta verlangte Loyalität betrifft die Arbeitsweise: das andere Mitglied nicht herabsetzen und keine über die Genossenschaft erlangten Informationen nutzen.",
                "Yes. The cooperative creates no exclusivity between its members. The loyalty the charter asks for concerns how one works: not disparaging the other member and not using information obtained through the cooperative.",
            ),
        ),
    },
    {
        "title": t(
            "Un tarif très bas pour décrocher un premier contrat",
            "Een heel laag tarief om een eerste opdracht binnen te halen",
            "Ein sehr niedriges Honorar für den ersten Auftrag",
            "A very low rate to win a first contract",
        ),
        "slug": t("tarif-tres-bas", "heel-laag-tarief", "sehr-niedriges-honorar", "very-low-rate"),
        "reference": "2026-02",
        "date": "2026-04-14",
        "question": t(
            "Un nouveau membre souhaite proposer un tarif inférieur au prix de revient pour se faire connaître d'un grand client. Est-ce compatible avec la juste rémunération ?",
            "Een nieuw lid wil een tarief onder de kostprijs voorstellen om zich bij een grote klant bekend te maken. Is dat verenigbaar met eerlijke verloning?",
            "Ein neues Mitglied möchte ein Honorar unter den Selbstkosten anbieten, um bei einem großen Kunden bekannt zu werden. Ist das mit fairer Vergütung vereinbar?",
            "A new member wants to offer a rate below cost to get known by a large client. Is that compatible with fair pay?",
        ),
        "opinion": p(
            t(
                "Non, pas de manière durable. Un geste commercial ponctuel et annoncé comme tel reste possible, mais un prix sous le coût fragilise le membre et tire les tarifs de tous vers le bas. Le comité recommande de demander conseil au bureau régional avant de répondre.",
                "Nee, niet op lange termijn. Een eenmalig commercieel gebaar dat als zodanig wordt aangekondigd, blijft mogelijk, maar een prijs onder de kostprijs verzwakt het lid en trekt ieders tarieven omlaag. Het comité raadt aan eerst advies te vragen aan het regionale kantoor.",
                "Nein, nicht dauerhaft. Ein einmaliges, als solches angekündigtes Entgegenkommen bleibt möglich, aber ein Preis unter den Kosten schwächt das Mitglied und drückt die Honorare aller. Das Komitee empfiehlt, vor der Antwort das Regionalbüro um Rat zu fragen.",
                "No, not as a habit. A one-off commercial gesture, announced as such, remains possible, but a price below cost weakens the member and drags everyone's rates down. The committee recommends asking the regional office for advice before answering.",
            ),
        ),
    },
    {
        "title": t(
            "Accepter un cadeau d'un client public",
            "Een geschenk van een overheidsklant aannemen",
            "Ein Geschenk eines öffentlichen Auftraggebers annehmen",
            "Accepting a gift from a public client",
        ),
        "slug": t(
            "cadeau-client-public",
            "geschenk-overheidsklant",
            "geschenk-oeffentlicher-auftraggeber",
            "gift-public-client",
        ),
        "reference": "2026-03",
        "date": "2026-06-02",
        "question": t(
            "Après un marché public, une administration offre des places de concert au membre qui a réalisé la mission. Peut-il les accepter ?",
            "Na een overheidsopdracht biedt een administratie concertkaarten aan het lid dat de opdracht uitvoerde. Mag hij die aannemen?",
            "Nach einem öffentlichen Auftrag schenkt eine Verwaltung dem Mitglied, das den Auftrag ausgeführt hat, Konzertkarten. Darf es sie annehmen?",
            "After a public contract, an administration offers concert tickets to the member who carried out the assignment. May he accept them?",
        ),
        "opinion": p(
            t(
                "Un cadeau de faible valeur, reçu après la fin de la mission et sans lien avec un futur marché, peut être accepté. Dès qu'un nouveau marché est en vue, le membre doit le refuser poliment et le signaler à la coopérative.",
                "Een geschenk van geringe waarde, ontvangen na het einde van de opdracht en zonder verband met een toekomstige opdracht, mag aanvaard worden. Zodra een nieuwe opdracht in zicht is, moet het lid het beleefd weigeren en het melden aan de coöperatie.",
                "Ein Geschenk von geringem Wert, das nach Abschluss des Auftrags und ohne Bezug zu einem künftigen Auftrag erhalten wird, darf angenommen werden. Sobald ein neuer Auftrag in Aussicht ist, muss das Mitglied es höflich ablehnen und der Genossenschaft melden.",
                "A gift of small value, received after the assignment has ended and unrelated to any future contract, may be accepted. As soon as a new contract is in sight, the member must politely refuse it and tell the cooperative.",
            ),
        ),
    },
]

ORGANISATION = {
    "name": "Coop",
    "legal_name_fr": "Coop, société coopérative",
    "legal_name_nl": "Coop, coöperatieve vennootschap",
    "legal_name_de": "Coop, Genossenschaft",
    "legal_name_en": "Coop, cooperative society",
    "contact_email": "info@coop.example",
    "telephone": "+32 2 000 00 00",
    "street_address_fr": "Rue de l'Exemple 1",
    "street_address_nl": "Voorbeeldstraat 1",
    "street_address_de": "Rue de l'Exemple 1",
    "street_address_en": "Rue de l'Exemple 1",
    "postal_code": "1000",
    "locality_fr": "Bruxelles",
    "locality_nl": "Brussel",
    "locality_de": "Brüssel",
    "locality_en": "Brussels",
    "company_number": "BE 0000.000.000",
}
