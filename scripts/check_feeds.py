"""Reads the calendar and news feeds of the real server with independent parsers: /api/v1/events.ics with the
`icalendar` library (RFC 5545) and /{lang}/news.atom with `feedparser` plus the RFC 4287 required elements checked
in the XML; both must hold every event and news item the JSON API and the news page list."""
import html
import json
import sys
import urllib.request
import xml.etree.ElementTree as ET

import feedparser
import icalendar

from pyserver import running_server

ATOM = "{http://www.w3.org/2005/Atom}"


def get(url: str) -> tuple[str, bytes]:
    with urllib.request.urlopen(url) as res:
        return res.headers.get("content-type", ""), res.read()


def main(binary: str) -> int:
    problems = []
    with running_server(binary) as base:
        events = json.loads(get(f"{base}/api/v1/events")[1])
        for lang in ("sv", "en"):
            ctype, ics = get(f"{base}/api/v1/events.ics?lang={lang}")
            if not ctype.startswith("text/calendar"):
                problems.append(f"events.ics content type {ctype}")
            for line in ics.split(b"\r\n"):
                if len(line) > 75:
                    problems.append(f"a line longer than 75 octets: {line[:40]!r}")
            cal = icalendar.Calendar.from_ical(ics)
            if cal.get("VERSION") != "2.0" or not cal.get("PRODID"):
                problems.append("VERSION 2.0 and PRODID are required")
            vevents = cal.walk("VEVENT")
            by_uid = {str(e.get("UID")).split("@")[0]: e for e in vevents}
            for e in events:
                v = by_uid.get(e["slug"])
                if v is None:
                    problems.append(f"{lang}: event {e['slug']} is missing from the calendar")
                    continue
                if str(v.get("SUMMARY")) != e["title"][lang]:
                    problems.append(f"{lang}: {e['slug']} SUMMARY {v.get('SUMMARY')!r}")
                start = v.decoded("DTSTART")
                if e["all_day"] and str(start) != e["start"]:
                    problems.append(f"{lang}: {e['slug']} DTSTART {start} != {e['start']}")
                if not v.get("DTSTAMP"):
                    problems.append(f"{lang}: {e['slug']} has no DTSTAMP")
            if not cal.walk("VTIMEZONE"):
                problems.append("the Europe/Stockholm VTIMEZONE is missing")
        # As a reader sees it: titles with an apostrophe are escaped in the HTML.
        page = html.unescape(get(f"{base}/en/news")[1].decode())
        for lang in ("sv", "en"):
            ctype, atom = get(f"{base}/{lang}/news.atom")
            if not ctype.startswith("application/atom+xml"):
                problems.append(f"news.atom content type {ctype}")
            root = ET.fromstring(atom)
            for el in ("id", "title", "updated"):
                if root.find(ATOM + el) is None:
                    problems.append(f"feed lacks <{el}>")
            if root.find(ATOM + "author") is None:
                problems.append("feed lacks <author> (required when entries have none)")
            entries = root.findall(ATOM + "entry")
            for entry in entries:
                for el in ("id", "title", "updated"):
                    if entry.find(ATOM + el) is None:
                        problems.append(f"entry lacks <{el}>")
            parsed = feedparser.parse(atom)
            if parsed.bozo:
                problems.append(f"feedparser: {parsed.bozo_exception}")
            if parsed.version != "atom10":
                problems.append(f"feedparser reads version {parsed.version!r}")
            if len(parsed.entries) == 0 or len(parsed.entries) != len(entries):
                problems.append(f"{lang}: {len(parsed.entries)} entries")
            if lang == "en":
                for e in parsed.entries:
                    if e.title not in page:
                        problems.append(f"news {e.title!r} is in the feed but not on the news page")
    if problems:
        print("feeds:\n  " + "\n  ".join(problems[:30]), file=sys.stderr)
        return 1
    print(f"events.ics (icalendar) and news.atom (feedparser, RFC 4287 elements): {len(events)} events, all matching")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
