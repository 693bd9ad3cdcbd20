"""What the apps' demo seeders share: texts in the four languages and their modeltranslation
columns, the small vocabularies a data migration loads, the directory's synthetic members and
the language spoken in a municipality."""

from django.contrib.auth import get_user_model

from portal.utils import read_csv

LANGS = ("fr", "nl", "de", "en")
# The directory's synthetic members are …@demo.coop.example: the other apps' demos find them
# by this domain (domain apps do not import each other).
DEMO_MEMBERS_DOMAIN = "demo.coop.example"
# REFNIS codes of the nine municipalities of the German-speaking Community.
GERMAN_SPEAKING = {"63001", "63012", "63013", "63023", "63040", "63048", "63061", "63067", "63087"}
FLANDERS = "02000"


def t(fr, nl, de, en):
    """A text in every language."""
    return {"fr": fr, "nl": nl, "de": de, "en": en}


def translated(values, field, texts):
    """modeltranslation fields: the original column gets the French text, each language its own."""
    values[field] = texts["fr"]
    for code in LANGS:
        values[f"{field}_{code}"] = texts[code]


class Counter(dict):
    def add(self, key, n=1):
        self[key] = self.get(key, 0) + n


def ensure_named_rows(model, path):
    """{slug: object} of `model`, with the rows of the CSV file at `path` (slug, order,
    name_<language>) added where missing: a data migration loads them, but a flushed test
    database has lost them. Names editors changed are left as they are."""
    found = {obj.slug: obj for obj in model.objects.all()}
    for row in read_csv(path):
        if row["slug"] not in found:
            values = {"order": int(row["order"])}
            translated(values, "name", {code: row[f"name_{code}"] for code in LANGS})
            found[row["slug"]] = model.objects.create(slug=row["slug"], **values)
    return found


def demo_members(limit):
    """The directory's first `limit` synthetic members (none when its demo was not seeded)."""
    users = get_user_model().objects.filter(email__endswith=f"@{DEMO_MEMBERS_DOMAIN}")
    return list(users.order_by("pk")[:limit])


def local_language(municipality):
    """The language of the place, as the demo data has it: German in the German-speaking
    Community, Dutch in Flanders, French elsewhere (Brussels included)."""
    if municipality.refnis in GERMAN_SPEAKING:
        return "de"
    return "nl" if municipality.region.refnis == FLANDERS else "fr"


def place_names(municipality):
    """{language: the municipality's name}, the French one where a language has none."""
    names = {code: getattr(municipality, f"name_{code}", "") or municipality.name for code in LANGS}
    return {code: names[code] or names["fr"] for code in LANGS}
