"""The spoken languages members can choose from, named in every portal language."""

# Languages members may say they speak: the country's three, then the most common others.
SPOKEN_LANGUAGES = [
    ("fr", "Français", "Frans", "Französisch", "French"),
    ("nl", "Néerlandais", "Nederlands", "Niederländisch", "Dutch"),
    ("de", "Allemand", "Duits", "Deutsch", "German"),
    ("en", "Anglais", "Engels", "Englisch", "English"),
    ("es", "Espagnol", "Spaans", "Spanisch", "Spanish"),
    ("it", "Italien", "Italiaans", "Italienisch", "Italian"),
    ("pt", "Portugais", "Portugees", "Portugiesisch", "Portuguese"),
    ("ar", "Arabe", "Arabisch", "Arabisch", "Arabic"),
    ("tr", "Turc", "Turks", "Türkisch", "Turkish"),
    ("pl", "Polonais", "Pools", "Polnisch", "Polish"),
    ("ro", "Roumain", "Roemeens", "Rumänisch", "Romanian"),
    ("ru", "Russe", "Russisch", "Russisch", "Russian"),
    ("uk", "Ukrainien", "Oekraïens", "Ukrainisch", "Ukrainian"),
    ("ln", "Lingala", "Lingala", "Lingala", "Lingala"),
    ("zh", "Chinois", "Chinees", "Chinesisch", "Chinese"),
    (
        "vgt",
        "Langue des signes flamande",
        "Vlaamse Gebarentaal",
        "Flämische Gebärdensprache",
        "Flemish Sign Language",
    ),
    (
        "lsfb",
        "Langue des signes de Belgique francophone",
        "Frans-Belgische Gebarentaal",
        "Französisch-belgische Gebärdensprache",
        "French Belgian Sign Language",
    ),
]
