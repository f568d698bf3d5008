"""The injection scan behind scripts/sqlmap (run that; it installs sqlmap and finds the binary).

Starts the release binary on a temporary SQLite database on loopback, creates an admin and a company member
(BioLamina) with a session and an API token each, sets up what the signed-in forms need (an event with
matchmaking slots and both accounts registered for it, an open follow-up cycle), and runs sqlmap in batch mode
against each target below, each bounded in time:
- the targets of the first scan (actor list and graph API, relations, actor and campus slugs, the actor list
  and atlas pages, the audit log, the sign-in, password-forgotten and sign-up forms, the PATCH JSON body) at
  level 3, risk 2 (every query, form and JSON field, plus the Cookie, User-Agent and Referer headers);
- the query parameters and JSON bodies added since (search, suggest, match, the `area` filters, events, posts,
  the strategy, services, premises, infrastructures and access-request APIs, the slugs and ids in the new
  paths) at the same level and risk but only on the named parameters (`-p`): the headers and the session cookie
  go through the same code on every route and are covered by the first targets;
- the forms with a CSRF token (sign-in, sign-up, password forgotten; and, signed in, posts, access requests,
  events, news, matchmaking registration, slots and requests, the indicator edit, the working group, the
  follow-up report) at level 2, risk 1, since sqlmap can only send them one request at a time (a fresh
  token each).
Counts injectable parameters per target (expected zero) and the HTTP status codes sqlmap saw (a 500 means an
input the server did not handle). Writes bench/results/sqlmap.json and sqlmap.md. Exits 1 when any parameter
is injectable or a target's scan did not finish.

The sign-in throttle would answer every probe after the 20th failed sign-in with the same 429 page, before the
e-mail address reaches the database, which would blind the scan of the sign-in form. So the scan adds a trigger
to its temporary database that dates every recorded login attempt back to 1970 (the attempts are still
written, they just never count in the throttle window). Nothing else is changed.

Usage: scripts/sqlmap [--level 3] [--risk 2] [--form-level 2] [--form-risk 1] [--target-timeout 300]
                      [--only NAME,NAME [--merge]] [--list]
(--merge: replace only those targets in the existing results, e.g. to rerun one that did not finish.)"""
import argparse
import contextlib
import json
import os
import re
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request

sys.dont_write_bytecode = True  # no __pycache__ in scripts/
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import benchkit  # noqa: E402

ADMIN = "scan-admin@example.se"
COMPANY = "scan-company@example.se"  # a member of BioLamina, for the access requests and matchmaking
EVENT_TITLE = "Skanningsdag"  # the event the scan creates (slug skanningsdag), with matchmaking
CSRF = re.compile(r'name="csrf" value="([^"]+)"')


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *a, **k):
        return None


def call(base: str, method: str, path: str, cookie: str | None = None, form: dict | None = None) -> tuple[int, str]:
    """One request with the session cookie (no redirects followed); returns (status, body)."""
    headers = {"Cookie": f"svk_session={cookie}"} if cookie else {}
    data = None
    if form is not None:
        data = urllib.parse.urlencode(form, doseq=True).encode()
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    req = urllib.request.Request(base + path, data=data, method=method, headers=headers)
    try:
        with urllib.request.build_opener(_NoRedirect).open(req, timeout=60) as res:
            return res.status, res.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode()


def post_form(base: str, page: str, action: str, cookie: str, fields: dict) -> str:
    """GETs `page` for the CSRF token and POSTs `fields` to `action`; expects the 303 of a saved form."""
    _, html = call(base, "GET", page, cookie)
    status, body = call(base, "POST", action, cookie, {"csrf": CSRF.search(html).group(1), **fields})
    if status != 303:
        raise RuntimeError(f"set-up: POST {action} answered {status}: {body[:300]}")
    return body


def set_up(base: str, admin_cookie: str, company_cookie: str) -> dict:
    """What the signed-in form targets need; returns the event's slug, the follow-up year and the admin's
    matchmaking participant id (the invitee of the company's meeting request)."""
    post_form(base, "/en/events/new", "/en/events", admin_cookie, {
        "start_day": "2027-03-10", "start_time": "09:00", "end_day": "", "end_time": "16:00",
        "title_sv": EVENT_TITLE, "title_en": "Scanning day", "description_sv": "Möten.", "description_en": "Meetings.",
        "location_sv": "", "location_en": "", "organiser": "a-working-lab",
        "place": "meeting-place:a-working-lab-flemingsberg", "registration": "", "areas": "halsodata",
        "tags": "atmp"})
    slug = EVENT_TITLE.lower()
    mm = f"/en/events/{slug}/matchmaking"
    post_form(base, mm, mm + "/slots", admin_cookie, {"day": "2027-03-10", "start": "10:00", "end": "10:20"})
    post_form(base, mm, mm + "/register", admin_cookie, {"organisation": "Scan", "profile": "Scanning."})
    post_form(base, mm, mm + "/register", company_cookie, {"organisation": "BioLamina", "profile": "Matrices."})
    _, html = call(base, "GET", mm, company_cookie)
    invitee = re.search(r'name="invitee" value="(\d+)"', html).group(1)
    _, html = call(base, "GET", "/en/follow-up", admin_cookie)
    year = re.search(r'name="year"[^>]*value="(\d{4})"', html).group(1)
    post_form(base, "/en/follow-up", "/en/follow-up", admin_cookie, {"year": year, "deadline": "2027-01-22"})
    return {"event": slug, "year": year, "invitee": invitee}


def targets(base: str, token: str, cookie: str, company_token: str, company_cookie: str, fx: dict) -> list[dict]:
    """Each target: a name, a description and the sqlmap arguments that point at it; "params" limits the scan to
    those parameters (-p), "light" marks the forms with a CSRF token (form level and risk)."""
    q = urllib.parse.urlencode
    patch_body = json.dumps({"description": {"sv": "Skannad beskrivning", "en": "Scanned description"},
                             "short_name": "Vecura", "address": "Hälsovägen 7, Huddinge"})
    admin = ["--cookie", f"svk_session={cookie}", "--drop-set-cookie"]
    company = ["--cookie", f"svk_session={company_cookie}", "--drop-set-cookie"]
    bearer = ["-H", f"Authorization: Bearer {token}"]
    event, year, invitee = fx["event"], fx["year"], fx["invitee"]
    mm = f"/en/events/{event}/matchmaking"

    def form(name: str, what: str, page: str, action: str, fields: dict, who: list[str]) -> dict:
        """A form with a CSRF token, signed in as `who`: sqlmap fetches `page` for a fresh token per request."""
        data = q({"csrf": "x", **fields}, doseq=True)
        names = sorted({k for k in fields})
        return {"name": name, "what": what, "light": True, "params": names,
                "args": ["-u", f"{base}{action}", "--data", data, "--csrf-token", "csrf",
                         "--csrf-url", f"{base}{page}", *who]}

    return [
        # ----- the targets of the first scan (level 3: query parameters, cookie and headers) -----
        {"name": "api-actors", "what": "GET /api/v1/actors (q, kind, campus, ownership, tag, area, page, per_page)",
         "args": ["-u", f"{base}/api/v1/actors?" + q({"q": "Vecura", "kind": "infrastructure",
                                                       "campus": "flemingsberg", "ownership": "region",
                                                       "tag": "atmp", "area": "halsodata", "page": 1,
                                                       "per_page": 10})]},
        {"name": "api-graph", "what": "GET /api/v1/graph (campus, kind, ownership, tag, area)",
         "args": ["-u", f"{base}/api/v1/graph?" + q({"campus": "flemingsberg", "kind": "infrastructure",
                                                      "ownership": "region", "tag": "atmp",
                                                      "area": "halsodata"})]},
        {"name": "api-relations", "what": "GET /api/v1/relations (page, per_page)",
         "args": ["-u", f"{base}/api/v1/relations?" + q({"page": 1, "per_page": 10})]},
        {"name": "api-actor-slug", "what": "GET /api/v1/actors/{slug} (slug in the path)",
         "args": ["-u", f"{base}/api/v1/actors/vecura*"]},
        {"name": "page-actors", "what": "GET /en/actors (q, kind, campus, ownership, tag, area, page, per_page)",
         "args": ["-u", f"{base}/en/actors?" + q({"q": "Vecura", "kind": "infrastructure",
                                                  "campus": "flemingsberg", "ownership": "region",
                                                  "tag": "atmp", "area": "halsodata", "page": 1,
                                                  "per_page": 20})]},
        {"name": "page-actor-slug", "what": "GET /en/actors/{slug} and /en/campuses/{slug} (slugs in the path)",
         "args": ["-u", f"{base}/en/actors/vecura*"], "extra": [["-u", f"{base}/en/campuses/flemingsberg*"]]},
        {"name": "page-atlas", "what": "GET /en/atlas (q, sort, dir, campus, kind, ownership, tag, area, size, "
                                       "selected, page)",
         "args": ["-u", f"{base}/en/atlas?" + q({"q": "Vecura", "sort": "degree", "dir": "desc",
                                                 "campus": "flemingsberg", "kind": "infrastructure",
                                                 "ownership": "region", "tag": "atmp", "area": "halsodata",
                                                 "size": "degree", "selected": "vecura", "page": 1})]},
        {"name": "page-admin-audit", "what": "GET /en/admin/audit as an admin (object_type, object_key, action, "
                                             "who, page; session cookie)",
         "args": ["-u", f"{base}/en/admin/audit?" + q({"object_type": "actor", "object_key": "vecura",
                                                       "action": "update", "who": ADMIN, "page": 1}), *admin]},
        {"name": "form-login", "what": "POST /en/login (email, password, next; CSRF token refreshed per "
                                       "request)",
         "args": ["-u", f"{base}/en/login", "--data",
                  q({"csrf": "x", "email": "nobody@example.se", "password": "not the password at all",
                     "next": "/en/"}),
                  "--csrf-token", "csrf", "--csrf-url", f"{base}/en/login", "--ignore-code", "401"],
         "light": True},
        {"name": "form-forgot", "what": "POST /en/password/forgot (email; CSRF token refreshed per request)",
         "args": ["-u", f"{base}/en/password/forgot", "--data", q({"csrf": "x", "email": "nobody@example.se"}),
                  "--csrf-token", "csrf", "--csrf-url", f"{base}/en/password/forgot"], "light": True},
        {"name": "form-signup", "what": "POST /en/signup (display_name, email, password, password_confirm; CSRF "
                                        "token refreshed per request)",
         "args": ["-u", f"{base}/en/signup", "--data",
                  q({"csrf": "x", "display_name": "Scan Person", "email": "scan-signup@example.se",
                     "password": "a scanning pass phrase 42", "password_confirm": "a scanning pass phrase 42"}),
                  "--csrf-token", "csrf", "--csrf-url", f"{base}/en/signup"], "light": True},
        {"name": "api-patch", "what": "PATCH /api/v1/actors/vecura JSON body (description.sv/en, short_name, "
                                      "address) with an admin token",
         "args": ["-u", f"{base}/api/v1/actors/vecura", "--method", "PATCH", "--data", patch_body,
                  "-H", "Content-Type: application/json", *bearer],
         # Every probe that validates is a write (about 0.1 s each, one at a time): three times the bound.
         "timeout_factor": 3},

        # ----- search and matching -----
        {"name": "page-search", "what": "GET /en/search (q, type, campus, ownership, tag, page)",
         "params": ["q", "type", "campus", "ownership", "tag", "page"],
         "args": ["-u", f"{base}/en/search?" + q({"q": "cell therapy", "type": "service", "campus": "flemingsberg",
                                                  "ownership": "region", "tag": "atmp", "page": 1})]},
        {"name": "page-match", "what": "GET /en/match (need)", "params": ["need"],
         "args": ["-u", f"{base}/en/match?" + q({"need": "GMP manufacturing for a cell therapy phase 1 trial"})]},
        {"name": "api-search", "what": "GET /api/v1/search (q, lang, type, campus, ownership, tag, page)",
         "params": ["q", "lang", "type", "campus", "ownership", "tag", "page"],
         "args": ["-u", f"{base}/api/v1/search?" + q({"q": "cell therapy", "lang": "en", "type": "service",
                                                       "campus": "flemingsberg", "ownership": "region",
                                                       "tag": "atmp", "page": 1})]},
        {"name": "api-suggest", "what": "GET /api/v1/suggest (q, lang)", "params": ["q", "lang"],
         "args": ["-u", f"{base}/api/v1/suggest?" + q({"q": "cellter", "lang": "sv"})]},
        {"name": "api-match", "what": "POST /api/v1/match JSON body (need, lang)", "params": ["need", "lang"],
         "args": ["-u", f"{base}/api/v1/match", "--data",
                  json.dumps({"need": "GMP manufacturing for a cell therapy phase 1 trial", "lang": "en"}),
                  "-H", "Content-Type: application/json"]},

        # ----- events, news, posts -----
        {"name": "page-events", "what": "GET /en/events (campus, tag, area, organiser)",
         "params": ["campus", "tag", "area", "organiser"],
         "args": ["-u", f"{base}/en/events?" + q({"campus": "flemingsberg", "tag": "atmp", "area": "halsodata",
                                                  "organiser": "a-working-lab"})]},
        {"name": "api-events", "what": "GET /api/v1/events and /api/v1/events.ics (no parameters of their own: "
                                       "an unknown one, area, is sent and tested)", "params": ["area"],
         "args": ["-u", f"{base}/api/v1/events?area=halsodata"],
         "extra": [["-u", f"{base}/api/v1/events.ics?area=halsodata", "-p", "area"]]},
        {"name": "page-posts", "what": "GET /en/posts signed in (kind, tag, q)", "params": ["kind", "tag", "q"],
         "args": ["-u", f"{base}/en/posts?" + q({"kind": "offer", "tag": "atmp", "q": "GMP"}), *admin]},

        # ----- the strategy, follow-up and way-in APIs and pages -----
        {"name": "api-strategy", "what": "GET /api/v1/measures and /api/v1/indicators (area), "
                                         "/api/v1/follow-ups/{year} (lang, version)",
         "params": ["area"],
         "args": ["-u", f"{base}/api/v1/measures?area=halsodata"],
         "extra": [["-u", f"{base}/api/v1/indicators?area=halsodata", "-p", "area"],
                   ["-u", f"{base}/api/v1/follow-ups/{year}?lang=en&version=public", "-p", "lang,version"]]},
        {"name": "api-way-in", "what": "GET /api/v1/services and /api/v1/infrastructures (category, campus, "
                                       "ownership, sme), /api/v1/premises (campus, use)",
         "params": ["category", "campus", "ownership", "sme"],
         "args": ["-u", f"{base}/api/v1/services?" + q({"category": "manufacturing", "campus": "flemingsberg",
                                                         "ownership": "region", "sme": 1})],
         "extra": [["-u", f"{base}/api/v1/infrastructures?" + q({"category": "manufacturing",
                                                                  "campus": "flemingsberg", "ownership": "region",
                                                                  "sme": 1}), "-p", "category,campus,ownership,sme"],
                   ["-u", f"{base}/api/v1/premises?" + q({"campus": "flemingsberg", "use": "lab"}),
                    "-p", "campus,use"]]},
        {"name": "page-way-in", "what": "GET /en/infrastructures (category, campus, ownership, sme), /en/premises "
                                        "(campus, use)",
         "params": ["category", "campus", "ownership", "sme"],
         "args": ["-u", f"{base}/en/infrastructures?" + q({"category": "manufacturing", "campus": "flemingsberg",
                                                           "ownership": "region", "sme": 1})],
         "extra": [["-u", f"{base}/en/premises?" + q({"campus": "flemingsberg", "use": "lab"}), "-p", "campus,use"]]},
        {"name": "api-access-requests", "what": "GET /api/v1/access-requests (status) and POST "
                                                "/api/v1/access-requests JSON body (company, provider, services, "
                                                "title, need, desired_start, confidentiality, draft) with a "
                                                "company member's token",
         "params": ["status"],
         "args": ["-u", f"{base}/api/v1/access-requests?status=sent", "-H",
                  f"Authorization: Bearer {company_token}"],
         "extra": [["-u", f"{base}/api/v1/access-requests", "--data",
                    json.dumps({"company": "biolamina", "provider": "vecura",
                                "services": ["vecura-gmp-cell-therapy"], "title": "Scanned request",
                                "need": "GMP manufacturing for a phase 1 trial", "desired_start": "2027-02-01",
                                "confidentiality": "Normal", "draft": True}),
                    "-H", "Content-Type: application/json", "-H", f"Authorization: Bearer {company_token}",
                    "-p", "company,provider,services,title,need,desired_start,confidentiality,draft"]]},
        {"name": "page-requests", "what": "GET /en/requests as a company member (status)", "params": ["status"],
         "args": ["-u", f"{base}/en/requests?status=sent", *company]},
        {"name": "paths-new", "what": "slugs and ids in the new paths: /en/strategy/{slug}, /en/measures/{id}, "
                                      "/en/indicators/{id}, /en/events/{slug}, /en/events/{slug}/matchmaking, "
                                      "/en/services/{slug}, /en/follow-up/{year}, /api/v1/services/{slug}, "
                                      "/api/v1/follow-ups/{year}",
         "args": ["-u", f"{base}/en/strategy/halsodata*"],
         "extra": [["-u", f"{base}/en/measures/1*"], ["-u", f"{base}/en/indicators/1*"],
                   ["-u", f"{base}/en/events/{event}*"], ["-u", f"{base}/en/events/{event}*/matchmaking"],
                   ["-u", f"{base}/en/services/vecura-gmp-cell-therapy*"], ["-u", f"{base}/en/follow-up/{year}*"],
                   ["-u", f"{base}/api/v1/services/vecura-gmp-cell-therapy*"],
                   ["-u", f"{base}/api/v1/follow-ups/{year}*"]]},

        # ----- the signed-in forms with a CSRF token (level 2, risk 1, one request at a time) -----
        form("form-post", "POST /en/posts (kind, title, body, expires, tags) signed in", "/en/posts/new",
             "/en/posts", {"kind": "offer", "title": "Scanned offer", "body": "Cell culture capacity.",
                           "expires": "2027-01-22", "tags": "atmp"}, admin),
        form("form-access-request", "POST /en/requests (provider, company, services, title, need, desired_start, "
                                    "confidentiality, draft) as a company member",
             "/en/requests/new?service=vecura-gmp-cell-therapy", "/en/requests",
             {"provider": "vecura", "company": "biolamina", "services": "vecura-gmp-cell-therapy",
              "title": "Scanned request", "need": "GMP manufacturing", "desired_start": "2027-02-01",
              "confidentiality": "Normal", "draft": "1"}, company),
        dict(timeout_factor=2.5, **form("form-event", "POST /en/events (start_day, start_time, end_day, end_time, title/description/"
                           "location sv+en, organiser, place, registration, areas, tags) as an admin",
             "/en/events/new", "/en/events",
             {"start_day": "2027-04-01", "start_time": "09:00", "end_day": "2027-04-01", "end_time": "12:00",
              "title_sv": "Skannat seminarium", "description_sv": "Beskrivning.", "location_sv": "Solna",
              "title_en": "Scanned seminar", "description_en": "Description.", "location_en": "Solna",
              "organiser": "a-working-lab", "place": "meeting-place:a-working-lab-flemingsberg",
              "registration": "https://example.org/register", "areas": "halsodata", "tags": "atmp"}, admin)),
        form("form-news", "POST /en/news (published, actor, title/summary/body sv+en) as an admin", "/en/news/new",
             "/en/news", {"published": "2026-11-23", "actor": "a-working-lab", "title_sv": "Skannad nyhet",
                          "summary_sv": "Sammanfattning.", "body_sv": "Text.", "title_en": "Scanned news",
                          "summary_en": "Summary.", "body_en": "Text."}, admin),
        form("form-matchmaking-register", "POST /en/events/{slug}/matchmaking/register (organisation, profile) "
                                          "as a company member", mm, mm + "/register",
             {"organisation": "BioLamina", "profile": "Laminin matrices."}, company),
        form("form-matchmaking-request", "POST /en/events/{slug}/matchmaking/requests (invitee, message) as a "
                                         "company member", mm, mm + "/requests",
             {"invitee": invitee, "message": "Could we meet?"}, company),
        form("form-matchmaking-slot", "POST /en/events/{slug}/matchmaking/slots (day, start, end) as an admin",
             mm, mm + "/slots", {"day": "2027-03-10", "start": "11:00", "end": "11:20"}, admin),
        form("form-indicator", "POST /en/indicators/1/edit (direction, baseline and target value/year, name/unit/"
                               "source sv+en) as an admin", "/en/indicators/1/edit", "/en/indicators/1/edit",
             {"direction": "higher", "baseline_value": "40", "baseline_year": "2023", "target_value": "120",
              "target_year": "2030", "name_sv": "Forskningsprojekt", "unit_sv": "antal per år",
              "source_sv": "Centrum för hälsodata", "name_en": "Research projects", "unit_en": "number per year",
              "source_en": "Centre for Health Data"}, admin),
        form("form-working-group", "POST /en/strategy/{slug}/working-group (email, organisation, role) as an "
                                   "admin", "/en/strategy/halsodata/working-group",
             "/en/strategy/halsodata/working-group",
             {"email": COMPANY, "organisation": "centrum-for-halsodata", "role": "member"}, admin),
        form("form-follow-up-report", "POST /en/follow-up/{year}/reports/1 (status, narrative, value-1, "
                                      "comment-1, evidence, action) as an admin",
             f"/en/follow-up/{year}/reports/1", f"/en/follow-up/{year}/reports/1",
             {"status": "ongoing", "narrative": "Going to plan.", "value-1": "50", "comment-1": "Counted.",
              "evidence": "https://example.org/report", "action": "save"}, admin),
    ]


INJECTABLE = re.compile(r"^Parameter: (.+) \(([^)]+)\)$", re.M)
NOT_INJECTABLE = re.compile(r"\[WARNING\] (?:(.+?) )?parameter '([^']+)' does not seem to be injectable")
HEURISTIC = re.compile(r"heuristic \(basic\) test shows that (.+?) parameter '([^']+)' might be injectable.*")
# sqlmap lists the codes on one line: "422 (Unprocessable Entity) - 39 times, 500 (Internal Server Error) - 2 times".
HTTP_CODES = re.compile(r"\b(\d{3}) \(([^)]*)\) - (\d+) times")


def run_sqlmap(sqlmap: str, args: list[str], level: int, risk: int, out_dir: str, timeout: int) -> dict:
    # sqlmap refuses several threads together with --csrf-token (each request needs a fresh token).
    threads = [] if "--csrf-token" in args else ["--threads", "4"]
    cmd = [sqlmap, *args, "--batch", f"--level={level}", f"--risk={risk}", "--flush-session",
           "--output-dir", out_dir, "--disable-coloring", *threads, "--timeout", "20", "--retries", "1"]
    t0 = time.monotonic()
    try:
        res = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
        out, finished, code = res.stdout + res.stderr, True, res.returncode
    except subprocess.TimeoutExpired as e:
        out = (e.stdout or b"").decode(errors="replace") if isinstance(e.stdout, bytes) else (e.stdout or "")
        finished, code = False, None
    secs = time.monotonic() - t0
    injectable = sorted({f"{p} ({place})" for p, place in INJECTABLE.findall(out)})
    tested = sorted({f"{p} ({place or 'header'})" for place, p in NOT_INJECTABLE.findall(out)} | set(injectable))
    heuristics = sorted({m.group(0) for m in HEURISTIC.finditer(out)})
    codes = {f"{c} {n}": int(k) for c, n, k in HTTP_CODES.findall(out)}
    critical = [line.strip() for line in out.splitlines() if "[CRITICAL]" in line]
    completed = finished and ("all tested parameters do not appear to be injectable" in out
                              or "sqlmap identified the following injection point" in out
                              or "fetched data logged to text files" in out)
    return {"command": " ".join(a if " " not in a else repr(a) for a in cmd[1:]),
            "seconds": round(secs, 1), "finished": completed, "exit_code": code, "injectable": injectable,
            "tested": tested, "heuristic_warnings": heuristics, "http_codes": codes, "critical": critical,
            "output_tail": out[-3000:] if not completed or injectable else ""}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("binary")
    ap.add_argument("--sqlmap", default=os.path.join(os.path.dirname(sys.executable), "sqlmap"))
    ap.add_argument("--level", type=int, default=int(os.environ.get("SQLMAP_LEVEL", "3")))
    ap.add_argument("--risk", type=int, default=int(os.environ.get("SQLMAP_RISK", "2")))
    ap.add_argument("--form-level", type=int, default=int(os.environ.get("SQLMAP_FORM_LEVEL", "2")),
                    help="level for the forms with a CSRF token (one request at a time, each sign-in hashes)")
    ap.add_argument("--form-risk", type=int, default=int(os.environ.get("SQLMAP_FORM_RISK", "1")))
    ap.add_argument("--target-timeout", type=int, default=int(os.environ.get("SQLMAP_TARGET_TIMEOUT", "300")),
                    help="seconds one target may take")
    ap.add_argument("--only", default="", help="comma-separated target names")
    ap.add_argument("--list", action="store_true", help="print the target names and exit")
    ap.add_argument("--merge", action="store_true",
                    help="with --only: replace those targets in the existing bench/results/sqlmap.json and keep "
                         "the others (to rerun a target that did not finish)")
    args = ap.parse_args()
    if args.list:
        fake = {"event": "EVENT", "year": "YEAR", "invitee": "1"}
        for t in targets("http://127.0.0.1:PORT", "svk_0", "0", "svk_0", "0", fake):
            print(f"{t['name']:28} {t['what']}")
        return 0
    started = time.monotonic()
    results = []
    with tempfile.TemporaryDirectory(prefix="samverkan-sqlmap-") as tmp:
        binary = benchkit.private_binary(args.binary, tmp)
        meta = benchkit.meta(binary)
        db = f"sqlite://{tmp}/scan.db"
        server = benchkit.Server(binary, tmp, db)
        try:
            con = sqlite3.connect(db.removeprefix("sqlite://"), timeout=30)
            con.execute("CREATE TRIGGER scan_no_login_throttle AFTER INSERT ON login_attempts BEGIN "
                        "UPDATE login_attempts SET at = 0 WHERE rowid = NEW.rowid; END")
            con.commit()
            con.close()
            benchkit.add_user(binary, tmp, db, ADMIN, "admin")
            token = benchkit.create_token(binary, tmp, db, ADMIN)
            cookie = benchkit.sign_in(server.base, ADMIN)
            benchkit.add_user(binary, tmp, db, COMPANY, "company", "biolamina")
            company_token = benchkit.create_token(binary, tmp, db, COMPANY)
            company_cookie = benchkit.sign_in(server.base, COMPANY)
            fixtures = set_up(server.base, cookie, company_cookie)
            # One audited change, so that the audit log filters have something to find.
            import urllib.request
            req = urllib.request.Request(f"{server.base}/api/v1/actors/vecura", method="PATCH",
                                         data=json.dumps({"short_name": "Vecura"}).encode(),
                                         headers={"Content-Type": "application/json",
                                                  "Authorization": f"Bearer {token}"})
            urllib.request.urlopen(req, timeout=30).read()
            only = set(filter(None, args.only.split(",")))
            for t in targets(server.base, token, cookie, company_token, company_cookie, fixtures):
                if only and t["name"] not in only:
                    continue
                runs = [t["args"], *t.get("extra", [])]
                merged = None
                for i, a in enumerate(runs):
                    print(f"==> sqlmap {t['name']}" + (f" ({i + 1}/{len(runs)})" if len(runs) > 1 else ""),
                          file=sys.stderr, flush=True)
                    # The scan outlasts the sessions' 30-minute idle timeout: use both before each run so the
                    # signed-in targets late in the scan are still signed in.
                    for c in (cookie, company_cookie):
                        with contextlib.suppress(OSError):
                            urllib.request.urlopen(urllib.request.Request(
                                f"{server.base}/en/account", headers={"Cookie": f"svk_session={c}"}), timeout=30).read()
                    level, risk = (args.form_level, args.form_risk) if t.get("light") else (args.level, args.risk)
                    if i == 0 and t.get("params"):
                        a = [*a, "-p", ",".join(t["params"])]
                    r = run_sqlmap(args.sqlmap, a, level, risk, os.path.join(tmp, "sqlmap", t["name"]),
                                   int(args.target_timeout * t.get("timeout_factor", 1)))
                    r["level"], r["risk"] = level, risk
                    if merged is None:
                        merged = r
                    else:
                        merged["seconds"] += r["seconds"]
                        merged["finished"] = merged["finished"] and r["finished"]
                        for k in ("injectable", "tested", "heuristic_warnings", "critical"):
                            merged[k] = sorted(set(merged[k]) | set(r[k]))
                        for k, v in r["http_codes"].items():
                            merged["http_codes"][k] = merged["http_codes"].get(k, 0) + v
                        merged["command"] += " ; " + r["command"]
                        merged["output_tail"] += r["output_tail"]
                    print(f"    {r['seconds']} s, finished={r['finished']}, injectable={r['injectable']}, "
                          f"tested={len(r['tested'])}, http={r['http_codes']}", file=sys.stderr, flush=True)
                results.append({"target": t["name"], "what": t["what"], "only_parameters": t.get("params"),
                                **merged})
            alive = server.proc.poll() is None
        finally:
            server.stop()
        problems = server.problems

    merged_from = None
    if args.merge and only and os.path.exists(os.path.join(benchkit.RESULTS, "sqlmap.json")):
        with open(os.path.join(benchkit.RESULTS, "sqlmap.json")) as f:
            previous = json.load(f)
        fresh = {r["target"]: r for r in results}
        for r in fresh.values():
            r["rerun_at"] = meta["date"]
        order = [t["name"] for t in targets("", "", "", "", "", {"event": "", "year": "", "invitee": ""})]
        combined = {r["target"]: r for r in previous["targets"]}
        combined.update(fresh)
        results = sorted(combined.values(), key=lambda r: order.index(r["target"]) if r["target"] in order else 999)
        merged_from = previous
        if "server_5xx_logged" not in previous:
            problems = problems + previous.get("server_warnings", [])
    # Keep secrets out of the results: the tokens and cookies were only valid on the temporary database, but
    # there is no reason to publish them either.
    for r in results:
        for k in ("command", "output_tail"):
            r[k] = re.sub(r"svk_[0-9a-f]{20,}", "svk_…", r[k])
            r[k] = re.sub(r"svk_session=[0-9a-f]+", "svk_session=…", r[k])
            r[k] = re.sub(r"http://127\.0\.0\.1:\d+", "http://127.0.0.1:PORT", r[k])
    logged = [json.loads(p) for p in problems]
    causes = sorted({f"{j.get('path')}: {j.get('cause')}" for j in logged if "cause" in j}
                    | set((merged_from or {}).get("server_error_causes", [])))
    # The server logs every 5xx answer (tower_http's on_failure); sqlmap's own count is lost when a target's
    # scan is stopped at its bound, the server's log is not. (The log reader keeps the first 200 lines.)
    logged_5xx: dict[str, int] = {}
    for j in logged:
        if "Status code: 5" in str(j.get("classification", "")):
            where = f"{(j.get('span') or {}).get('method', '?')} {(j.get('span') or {}).get('path', '?')}"
            logged_5xx[where] = logged_5xx.get(where, 0) + 1
    for where, n in (merged_from or {}).get("server_5xx_logged", {}).items():
        logged_5xx[where] = logged_5xx.get(where, 0) + n
    injectable = sum(len(r["injectable"]) for r in results)
    unfinished = [r["target"] for r in results if not r["finished"]]
    server_errors = {r["target"]: {k: v for k, v in r["http_codes"].items() if k.startswith("5")}
                     for r in results if any(k.startswith("5") for k in r["http_codes"])}
    version = subprocess.run([args.sqlmap, "--version"], capture_output=True, text=True).stdout.strip()
    total_seconds = round(time.monotonic() - started, 1)
    if merged_from:
        meta = {k: merged_from[k] for k in ("date", "machine", "binary_version", "commit")}
        total_seconds = round(merged_from["total_seconds"] + total_seconds, 1)
    result = {**meta, "sqlmap_version": version, "level": args.level, "risk": args.risk,
              "form_level": args.form_level, "form_risk": args.form_risk, "database": "SQLite (temporary file)",
              "total_seconds": total_seconds, "targets": results,
              "injectable_parameters": injectable, "unfinished_targets": unfinished,
              "server_alive_at_end": alive, "server_error_causes": causes[:50],
              "merged_reruns": {r["target"]: r["rerun_at"] for r in results if r.get("rerun_at")} or None,
              "server_warnings_logged": len(problems), "server_5xx_logged": logged_5xx,
              "server_warnings": problems[:50]}
    rerun = "scripts/sqlmap" + ("" if (args.level, args.risk) == (3, 2) else f" --level {args.level} --risk {args.risk}")
    if (args.form_level, args.form_risk) != (2, 1):
        rerun += f" --form-level {args.form_level} --form-risk {args.form_risk}"
    if args.target_timeout != 300:
        rerun += f" --target-timeout {args.target_timeout}"
    if only and not merged_from:
        rerun += f" --only {','.join(sorted(only))}"
    md = benchkit.header_lines("SQL injection scan (sqlmap)", rerun, meta)
    md += [f"sqlmap {result['sqlmap_version']} in batch mode, all techniques, level {args.level} and risk {args.risk} "
           f"(level {args.form_level}, risk {args.form_risk} for the forms with a CSRF token, which sqlmap must "
           "send one at a time), against the release binary on a temporary SQLite database; "
           f"{result['total_seconds']} s in all, {len(results)} targets" + (
               "" if not merged_from else " (" + "; ".join(
                   f"{r['target']} run again on {r['rerun_at']}" for r in results if r.get("rerun_at"))
               + ", with a longer bound after the first run stopped them, and merged into its results)") + ". 'tested' counts the parameters sqlmap "
           "reports as tested: for the first twelve targets the headers (User-Agent, Referer) and the session "
           "cookie included; the targets added since name their parameters (-p), since the headers and the cookie "
           "go through the same code on every route. Each target is bounded to "
           f"{args.target_timeout} s per sqlmap run.", ""]
    rows = [[r["target"], r["what"], f"{r['level']}/{r['risk']}", len(r["tested"]), f"**{len(r['injectable'])}**" if r["injectable"] else 0,
             "yes" if r["finished"] else "NO", ", ".join(f"{k}: {v}" for k, v in sorted(r["http_codes"].items())),
             r["seconds"]] for r in results]
    md += benchkit.md_table(["target", "parameters", "level/risk", "tested", "injectable", "finished", "HTTP codes seen",
                             "seconds"], rows)
    md += ["", f"Injectable parameters: **{injectable}**" + ("" if not injectable else " — " + "; ".join(
        f"{r['target']}: {', '.join(r['injectable'])}" for r in results if r["injectable"]))]
    if unfinished:
        md.append(f"Targets whose scan did not finish: {', '.join(unfinished)}")
    if not server_errors and not causes and not problems:
        md.append("No answer with a 5xx status during the scan, and no warning or error in the server's log.")
    if server_errors:
        md.append(f"Answers with a 5xx status seen by sqlmap: {server_errors}.")
    if logged_5xx:
        md.append("Answers with a 5xx status in the server's log (counted in the first 200 warning/error lines "
                  "only): " + ", ".join(f"{k}: {v}" for k, v in sorted(logged_5xx.items())) + ".")
    if causes:
        md.append("Causes logged by the server: " + "; ".join(f"`{c}`" for c in causes[:10]) + ".")
    if problems and not logged_5xx and not causes:
        md.append(f"The server logged {len(problems)} warnings or errors (see sqlmap.json: server_warnings).")
    heur = [f"{r['target']}: {h}" for r in results for h in r["heuristic_warnings"]]
    if heur:
        md += ["", "sqlmap's heuristic hints (not confirmed injections):", ""] + [f"- {h}" for h in heur]
    benchkit.write_results("sqlmap", result, md)
    print("\n".join(md))
    if injectable or unfinished or not alive:
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
