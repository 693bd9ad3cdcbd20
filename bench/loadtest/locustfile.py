"""The mixed load of `make loadtest`: visitors browsing in four languages, searching the
directory, reading profiles, calling the API and fetching the sitemap; a few members log in
and open their pages. Users wait no time between requests: the figures are those of the
throughput the site reaches with that many users."""

import random

from locust import HttpUser, constant, task

LANGUAGES = ["fr", "nl", "de", "en"]
# The directory's and the site search's addresses in each language (portal/segments.py and
# directory/urls.py translate the path segments).
DIRECTORY = {
    "fr": "/fr/annuaire/",
    "nl": "/nl/ledengids/",
    "de": "/de/mitgliederverzeichnis/",
    "en": "/en/directory/",
}
SEARCH = {"fr": "/fr/recherche/", "nl": "/nl/zoeken/", "de": "/de/suche/", "en": "/en/search/"}
SEARCHES = [
    "",
    "?q=photographe",
    "?q=fotograaf",
    "?sector=photography",
    "?region=03000",
    "?near=Luik&radius_km=25",
    "?q=web&language=en",
    "?province=60000&ordering=name",
    "?experience=senior&mentor=true",
    "?page=2",
]
DEMO_PASSWORD = "demo-portal-2026"


class Visitor(HttpUser):
    weight = 6
    wait_time = constant(0)

    def on_start(self):
        answer = self.client.get("/api/v1/members/?page_size=50", name="/api/v1/members/ (ids)").json()
        self.profiles = [member["url"].split("://", 1)[-1].split("/", 1)[-1] for member in answer["results"]]

    @task(3)
    def home(self):
        self.client.get(f"/{random.choice(LANGUAGES)}/", name="/<lang>/ (home)")

    @task(6)
    def directory(self):
        self.client.get(
            DIRECTORY[random.choice(LANGUAGES)] + random.choice(SEARCHES),
            name="/<lang>/directory/?…",
        )

    @task(4)
    def profile(self):
        self.client.get("/" + random.choice(self.profiles), name="/<lang>/directory/<profile>/")

    @task(3)
    def api(self):
        self.client.get(f"/api/v1/members/{random.choice(SEARCHES)}", name="/api/v1/members/?…")

    @task(1)
    def pages(self):
        self.client.get(SEARCH[random.choice(LANGUAGES)] + "?q=charte", name="/<lang>/search/?q=")

    @task(1)
    def sitemap(self):
        self.client.get("/sitemap.xml", name="/sitemap.xml")
        self.client.get("/sitemap-members.xml", name="/sitemap-<section>.xml")


class Member(HttpUser):
    weight = 2
    wait_time = constant(0)

    def on_start(self):
        self.client.get("/fr/accounts/login/", name="/fr/accounts/login/")
        token = self.client.cookies.get("csrftoken", "")
        with self.client.post(
            "/fr/accounts/login/",
            {"login": "member@coop.example", "password": DEMO_PASSWORD, "csrfmiddlewaretoken": token},
            headers={"Referer": self.host + "/fr/accounts/login/"},
            name="/fr/accounts/login/ (POST)",
            catch_response=True,
        ) as response:
            if response.status_code >= 400 or "/accounts/login/" in response.url:
                response.failure(f"login failed ({response.status_code})")

    @task(2)
    def account(self):
        self.client.get("/fr/compte/", name="/fr/account/")

    @task(2)
    def profile_editor(self):
        self.client.get("/fr/compte/profil/", name="/fr/account/profile/")

    @task(4)
    def directory(self):
        self.client.get(f"/fr/annuaire/{random.choice(SEARCHES)}", name="/<lang>/directory/?… (member)")
