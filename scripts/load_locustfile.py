"""The locust scenario of scripts/load (not run on its own; scripts/load.py starts locust with it).

SVK_LOAD_MODE=mix (default): each virtual user loops over a weighted mix, by default without think time:
  page views (15 pages, one at random: home, actor list, an actor, a campus, the atlas, the strategy, a focus
    area, an indicator, the follow-up, the events, an event, its matchmaking page, the news, the meeting
    places, the search page with a query from the list below)                              weight 20
  graph JSON (whole network, one campus)      weight 3
  actor list API with filters                 weight 4
  sign-in: GET form, POST with CSRF, GET /account, GET /en/posts (signed in), POST logout (own cookie jar
    per user)                                                                               weight 1
  update: PATCH an actor's description with an admin token                                  weight 1
  search: GET /api/v1/search with a query from a list (both languages, typos, compounds)      weight 4
  match: POST /api/v1/match with a plain-language need                                       weight 1
  request: a company sends an access request, the infrastructure's manager accepts it        weight 1
SVK_LOAD_MODE=healthz: only GET /healthz (the load generator's own ceiling on the cheapest endpoint).

Every answer other than the expected status (200; 303 for sign-in and sign-out) counts as a failure.
Settings come from the environment: SVK_ADMIN_TOKEN, SVK_SIGNIN_EMAILS (comma-separated), SVK_PASSWORD,
SVK_WAIT ("0" or "MIN-MAX" seconds of think time between tasks), SVK_NO_UPDATES=1 (leave the writes out),
SVK_COMPANY_TOKEN and SVK_MANAGER_TOKEN (a BioLamina member and a Vecura manager, for the requests),
SVK_JOURNAL (a file: scripts/cluster reads from it each failed request with when it started and ended, and each
acknowledged write — the description change's number, the access request's id — to check that none was lost)."""
import itertools
import json
import os
import random
import re
import threading
import time
import urllib.parse

from locust import between, constant, events, task
from locust.contrib.fasthttp import FastHttpUser

MODE = os.environ.get("SVK_LOAD_MODE", "mix")
ADMIN_TOKEN = os.environ.get("SVK_ADMIN_TOKEN", "")
EMAILS = [e for e in os.environ.get("SVK_SIGNIN_EMAILS", "").split(",") if e]
PASSWORD = os.environ.get("SVK_PASSWORD", "")
WAIT = os.environ.get("SVK_WAIT", "0")
UPDATES = os.environ.get("SVK_NO_UPDATES", "") == ""
COMPANY_TOKEN = os.environ.get("SVK_COMPANY_TOKEN", "")
MANAGER_TOKEN = os.environ.get("SVK_MANAGER_TOKEN", "")
QUERIES = ["cell therapy", "cellterapi", "karolinsak", "GMP", "twin registry", "lokaler solna", "phase 1 trial",
           "cellterapianläggning", "biobank", "lab space flemingsberg", "kth", "proteomik"]
NEEDS = ["GMP manufacturing for a cell therapy phase 1 trial", "labbplats för startup i Flemingsberg",
         "office space in Solna", "twin registry data for a genetics study"]

FOCUS_AREAS = ["halsodata", "halso-och-sjukvard", "precisionsmedicin", "tvarvetenskaplig-samverkan",
               "life-science-foretag"]
INDICATORS = [1, 2, 3, 4, 5, 6, 7, 8]
EVENTS = ["almedalen-2024-rundabord", "life-science-strategi-seminarium-2021"]
# (name in the statistics, function giving the path): one is picked at random per page view.
PAGES = [
    ("GET /sv/", lambda: "/sv/"),
    ("GET /en/actors", lambda: "/en/actors"),
    ("GET /sv/actors/vecura", lambda: "/sv/actors/vecura"),
    ("GET /en/campuses/flemingsberg", lambda: "/en/campuses/flemingsberg"),
    ("GET /sv/atlas", lambda: "/sv/atlas"),
    ("GET /en/strategy", lambda: "/en/strategy"),
    ("GET /en/strategy/{area}", lambda: f"/en/strategy/{random.choice(FOCUS_AREAS)}"),
    ("GET /en/indicators/{id}", lambda: f"/en/indicators/{random.choice(INDICATORS)}"),
    ("GET /en/follow-up", lambda: "/en/follow-up"),
    ("GET /en/events", lambda: "/en/events"),
    ("GET /en/events/{slug}", lambda: f"/en/events/{random.choice(EVENTS)}"),
    ("GET /en/events/{slug}/matchmaking", lambda: f"/en/events/{random.choice(EVENTS)}/matchmaking"),
    ("GET /en/news", lambda: "/en/news"),
    ("GET /en/meeting-places", lambda: "/en/meeting-places"),
    ("GET /en/search?q=<q>", lambda: "/en/search?q=" + urllib.parse.quote(random.choice(QUERIES))),
]
ACTOR_FILTERS = [
    "?kind=infrastructure",
    "?campus=flemingsberg",
    "?campus=solna&per_page=5&page=2",
    "?ownership=region",
    "?tag=atmp",
    "?q=cell",
    "?q=karolinska&kind=hospital",
    "?kind=university&campus=solna",
    "?page=2&per_page=10",
]
# Actors whose description the updates rewrite (any actor of the Stockholm data set would do).
UPDATE_SLUGS = ["vecura", "a-working-lab", "akademiska-hus", "karolinska-centrum-for-cellterapi",
                "stockholm-life-tech"]
CSRF = re.compile(r'name="csrf" value="([^"]+)"')
_emails = itertools.cycle(EMAILS or ["nobody@example.se"])
_lock = threading.Lock()
_counter = itertools.count()


_journal = open(os.environ["SVK_JOURNAL"], "a", buffering=1) if os.environ.get("SVK_JOURNAL") else None


def journal(**entry):
    """Appends one line to the journal (when there is one): a failure or an acknowledged write."""
    if _journal is not None:
        with _lock:
            _journal.write(json.dumps(entry) + "\n")


@events.request.add_listener
def on_request(request_type, name, response_time, response_length, exception=None, **_):
    if exception is not None:
        end = time.time()
        journal(failed=f"{request_type} {name}", error=str(exception)[:200], start=end - response_time / 1000,
                end=end)


def wait_time_setting():
    if "-" in WAIT:
        lo, hi = (float(x) for x in WAIT.split("-", 1))
        return between(lo, hi)
    return constant(float(WAIT))


def expect(res, status: int, what: str = ""):
    if res.status_code != status:
        res.failure(f"{what}HTTP {res.status_code}, expected {status}: {res.text[:200] if res.text else ''}")
    else:
        res.success()


class Visitor(FastHttpUser):
    wait_time = wait_time_setting()
    # One connection per virtual user, as one browser tab would use.
    concurrency = 1

    def on_start(self):
        with _lock:
            self.email = next(_emails)

    if MODE == "healthz":
        @task
        def healthz(self):
            with self.client.get("/healthz", name="GET /healthz", catch_response=True) as res:
                expect(res, 200)
    else:
        @task(20)
        def page(self):
            name, path = random.choice(PAGES)
            with self.client.get(path(), name=name, catch_response=True) as res:
                expect(res, 200)

        @task(3)
        def graph(self):
            if random.random() < 0.5:
                url, name = "/api/v1/graph", "GET /api/v1/graph"
            else:
                url, name = "/api/v1/graph?campus=flemingsberg", "GET /api/v1/graph?campus=flemingsberg"
            with self.client.get(url, name=name, catch_response=True) as res:
                expect(res, 200)

        @task(4)
        def actor_list(self):
            url = "/api/v1/actors" + random.choice(ACTOR_FILTERS)
            with self.client.get(url, name="GET /api/v1/actors?<filters>", catch_response=True) as res:
                expect(res, 200)

        @task(1)
        def sign_in(self):
            self.client.cookiejar.clear()
            with self.client.get("/sv/login", name="GET /sv/login", catch_response=True) as res:
                expect(res, 200)
                m = CSRF.search(res.text or "")
                if not m:
                    res.failure("no CSRF token on the sign-in page")
                    return
            form = {"csrf": m.group(1), "email": self.email, "password": PASSWORD, "next": ""}
            with self.client.post("/sv/login", data=form, name="POST /sv/login", allow_redirects=False,
                                  catch_response=True) as res:
                expect(res, 303, "sign-in: ")
                if res.status_code != 303:
                    return
            with self.client.get("/sv/account", name="GET /sv/account (signed in)", allow_redirects=False,
                                 catch_response=True) as res:
                expect(res, 200)
            with self.client.get("/en/posts", name="GET /en/posts (signed in)", allow_redirects=False,
                                 catch_response=True) as res:
                expect(res, 200)
                m = CSRF.search(res.text or "")
            if m:
                with self.client.post("/sv/logout", data={"csrf": m.group(1)}, name="POST /sv/logout",
                                      allow_redirects=False, catch_response=True) as res:
                    expect(res, 303, "sign-out: ")

        @task(1 if UPDATES else 0)
        def update(self):
            slug = random.choice(UPDATE_SLUGS)
            n = next(_counter)
            body = {"description": {"sv": f"Beskrivning under last, ändring {n}.",
                                    "en": f"Description under load, change {n}."}}
            with self.client.request("PATCH", f"/api/v1/actors/{slug}", name="PATCH /api/v1/actors/{slug}",
                                     json=body, headers={"Authorization": f"Bearer {ADMIN_TOKEN}"},
                                     catch_response=True) as res:
                expect(res, 200)
                if res.status_code == 200:
                    journal(ack="description", slug=slug, n=n)

        @task(4)
        def search(self):
            q = random.choice(QUERIES)
            lang = random.choice(["sv", "en"])
            with self.client.get("/api/v1/search", params={"q": q, "lang": lang}, name="GET /api/v1/search?q=<q>",
                                 catch_response=True) as res:
                expect(res, 200)

        @task(1)
        def match(self):
            with self.client.post("/api/v1/match", json={"need": random.choice(NEEDS), "lang": "en"},
                                  name="POST /api/v1/match", catch_response=True) as res:
                expect(res, 200)

        @task(1 if UPDATES and COMPANY_TOKEN else 0)
        def access_request(self):
            body = {"company": "biolamina", "provider": "vecura", "services": ["vecura-gmp-cell-therapy"],
                    "title": f"Load request {next(_counter)}", "need": "GMP manufacturing under load"}
            with self.client.post("/api/v1/access-requests", json=body, name="POST /api/v1/access-requests",
                                  headers={"Authorization": f"Bearer {COMPANY_TOKEN}"}, catch_response=True) as res:
                expect(res, 201)
                if res.status_code != 201:
                    return
                rid = res.json()["id"]
                journal(ack="request", id=rid)
            with self.client.post(f"/api/v1/access-requests/{rid}/transition", json={"move": "accept"},
                                  name="POST /api/v1/access-requests/{id}/transition",
                                  headers={"Authorization": f"Bearer {MANAGER_TOKEN}"}, catch_response=True) as res:
                expect(res, 200)
                if res.status_code == 200:
                    journal(ack="accepted", id=rid)
