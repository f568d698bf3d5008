//! Meeting places, events and news: the types, the rules of Stockholm time (Europe/Stockholm), the built-in
//! `events.toml`, `meeting_places.toml` and `news.toml`, and the iCalendar text of events (RFC 5545).
//!
//! Stockholm time is computed, not looked up: since 1996 Sweden follows the EU rule — UTC+1, and UTC+2 from 01:00
//! UTC on the last Sunday of March to 01:00 UTC on the last Sunday of October. Events before 1996 are not kept.

use crate::dataset::{Dataset, DatasetProblem, Problems, non_empty, parse_file};
use crate::{IsoDate, LangText, Slug, WebUrl};
use serde::{Deserialize, Serialize};
use std::collections::HashSet;

const MS_PER_MINUTE: i64 = 60_000;
const MS_PER_DAY: i64 = 86_400_000;

/// The last Sunday of `month` in `year`, as days since the epoch.
fn last_sunday(year: i32, month: u8) -> i64 {
    let last = match month {
        3 | 10 => 31,
        _ => 30,
    };
    let day = IsoDate::new(year, month, last)
        .map(IsoDate::days_since_epoch)
        .unwrap_or(0);
    // 1970-01-01 was a Thursday: (days + 4) mod 7 is 0 on Sundays.
    day - (day + 4).rem_euclid(7)
}

/// The moments (Unix ms) summer time starts and ends in `year`.
fn summer_time(year: i32) -> (i64, i64) {
    (
        last_sunday(year, 3) * MS_PER_DAY + 3_600_000,
        last_sunday(year, 10) * MS_PER_DAY + 3_600_000,
    )
}

/// Stockholm's offset from UTC in minutes at the moment `utc_ms`: 60 in winter, 120 in summer.
pub fn stockholm_offset(utc_ms: i64) -> i64 {
    let year = IsoDate::from_unix_millis(utc_ms).year();
    let (start, end) = summer_time(year);
    if (start..end).contains(&utc_ms) {
        120
    } else {
        60
    }
}

/// A wall-clock time in Stockholm: a date and minutes after midnight.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct LocalTime {
    /// The date.
    pub date: IsoDate,
    /// Minutes after midnight, 0..1440.
    pub minute: u16,
}

impl LocalTime {
    /// Parses `YYYY-MM-DDTHH:MM`.
    pub fn parse(s: &str) -> Option<LocalTime> {
        let (d, t) = s.trim().split_once('T')?;
        let date = IsoDate::parse(d).ok()?;
        let (h, m) = t.split_once(':')?;
        if h.len() != 2 || m.len() != 2 {
            return None;
        }
        let (h, m): (u16, u16) = (h.parse().ok()?, m.parse().ok()?);
        (h < 24 && m < 60).then_some(LocalTime {
            date,
            minute: h * 60 + m,
        })
    }

    /// The moment (Unix ms) this wall-clock time names in Stockholm. A time that does not exist (skipped when
    /// clocks go forward) is read as the same time an hour later in winter time, as clocks show it; a time that
    /// happens twice (when clocks go back) is read as its first, summer-time occurrence.
    pub fn to_utc(self) -> i64 {
        let naive =
            self.date.days_since_epoch() * MS_PER_DAY + i64::from(self.minute) * MS_PER_MINUTE;
        let summer = naive - 120 * MS_PER_MINUTE;
        if stockholm_offset(summer) == 120 {
            summer
        } else {
            naive - 60 * MS_PER_MINUTE
        }
    }

    /// The wall-clock time in Stockholm at the moment `utc_ms`.
    pub fn from_utc(utc_ms: i64) -> LocalTime {
        let local = utc_ms + stockholm_offset(utc_ms) * MS_PER_MINUTE;
        LocalTime {
            date: IsoDate::from_unix_millis(local),
            minute: u16::try_from(local.rem_euclid(MS_PER_DAY) / MS_PER_MINUTE).unwrap_or(0),
        }
    }

    /// `HH:MM`.
    pub fn clock(self) -> String {
        format!("{:02}:{:02}", self.minute / 60, self.minute % 60)
    }
}

impl std::fmt::Display for LocalTime {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}T{}", self.date, self.clock())
    }
}

/// When an event happens.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum When {
    /// Whole days, first to last (inclusive), in Stockholm.
    AllDay {
        /// First day.
        first: IsoDate,
        /// Last day.
        last: IsoDate,
    },
    /// From a wall-clock time to another, in Stockholm.
    Timed {
        /// Start.
        start: LocalTime,
        /// End (at or after the start).
        end: LocalTime,
    },
}

impl When {
    /// The moment it starts (Unix ms).
    pub fn start_utc(&self) -> i64 {
        match self {
            When::AllDay { first, .. } => LocalTime {
                date: *first,
                minute: 0,
            }
            .to_utc(),
            When::Timed { start, .. } => start.to_utc(),
        }
    }

    /// The moment it is over (Unix ms): the end, or midnight after the last day.
    pub fn end_utc(&self) -> i64 {
        match self {
            When::AllDay { last, .. } => LocalTime {
                date: IsoDate::from_unix_millis((last.days_since_epoch() + 1) * MS_PER_DAY),
                minute: 0,
            }
            .to_utc(),
            When::Timed { end, .. } => end.to_utc(),
        }
    }

    /// Past once it is over.
    pub fn is_past(&self, now_utc: i64) -> bool {
        self.end_utc() <= now_utc
    }
}

/// Where an event happens.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", content = "slug", rename_all = "snake_case")]
pub enum Place {
    /// At a meeting place.
    MeetingPlace(Slug),
    /// On a campus.
    Campus(Slug),
    /// Online.
    Online,
}

impl Place {
    /// Parses `meeting-place:<slug>`, `campus:<slug>` or `online`.
    pub fn parse(s: &str) -> Option<Place> {
        if s == "online" {
            return Some(Place::Online);
        }
        let (kind, slug) = s.split_once(':')?;
        let slug = Slug::parse(slug).ok()?;
        match kind {
            "meeting-place" => Some(Place::MeetingPlace(slug)),
            "campus" => Some(Place::Campus(slug)),
            _ => None,
        }
    }

    /// The stored form (what [`Place::parse`] reads).
    pub fn code(&self) -> String {
        match self {
            Place::MeetingPlace(s) => format!("meeting-place:{s}"),
            Place::Campus(s) => format!("campus:{s}"),
            Place::Online => "online".into(),
        }
    }
}

/// An event.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Event {
    /// Slug.
    pub slug: Slug,
    /// Title.
    pub title: LangText,
    /// Description.
    pub description: LangText,
    /// When.
    pub when: When,
    /// Where, when known.
    pub place: Option<Place>,
    /// Where, in words, when the seeds say.
    pub location: Option<LangText>,
    /// Organising actors.
    pub organisers: Vec<Slug>,
    /// Topic tags.
    pub tags: Vec<Slug>,
    /// Focus areas of the strategy.
    pub focus_areas: Vec<Slug>,
    /// Where to register.
    pub registration: Option<WebUrl>,
    /// Where the fact comes from.
    pub source: Option<String>,
}

/// A meeting place (mötesplats).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MeetingPlace {
    /// Slug.
    pub slug: Slug,
    /// Name.
    pub name: LangText,
    /// Description.
    pub description: LangText,
    /// Its campus.
    pub campus: Option<Slug>,
    /// Who runs it.
    pub owner: Option<Slug>,
    /// How many people it takes.
    pub capacity: Option<u32>,
    /// What it offers.
    pub offers: Vec<LangText>,
    /// Source.
    pub source: Option<String>,
}

/// A news item.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NewsItem {
    /// Slug.
    pub slug: Slug,
    /// The day it is dated; `None` when its source gives no date (such an item is listed after the dated ones).
    pub published: Option<IsoDate>,
    /// Title.
    pub title: LangText,
    /// Summary.
    pub summary: LangText,
    /// Body (may be empty).
    pub body: LangText,
    /// Actors it concerns.
    pub actors: Vec<Slug>,
    /// Source.
    pub source: Option<String>,
}

/// The validated built-in files.
#[derive(Debug, Clone, Default)]
pub struct EventsData {
    /// Meeting places.
    pub places: Vec<MeetingPlace>,
    /// Events.
    pub events: Vec<Event>,
    /// News.
    pub news: Vec<NewsItem>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct EventsFile {
    #[serde(default)]
    event: Vec<RawEvent>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEvent {
    slug: String,
    title_sv: String,
    title_en: String,
    description_sv: String,
    description_en: String,
    start: String,
    end: Option<String>,
    place: Option<String>,
    location_sv: Option<String>,
    location_en: Option<String>,
    #[serde(default)]
    organisers: Vec<String>,
    #[serde(default)]
    tags: Vec<String>,
    #[serde(default)]
    focus_areas: Vec<String>,
    registration_url: Option<String>,
    source: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PlacesFile {
    #[serde(default)]
    meeting_place: Vec<RawPlace>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPlace {
    slug: String,
    name_sv: String,
    name_en: String,
    description_sv: String,
    description_en: String,
    campus: Option<String>,
    owner: Option<String>,
    capacity: Option<u32>,
    #[serde(default)]
    offers_sv: Vec<String>,
    #[serde(default)]
    offers_en: Vec<String>,
    source: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct NewsFile {
    #[serde(default)]
    news: Vec<RawNews>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawNews {
    slug: String,
    published: Option<String>,
    title_sv: String,
    title_en: String,
    summary_sv: String,
    summary_en: String,
    body_sv: Option<String>,
    body_en: Option<String>,
    #[serde(default)]
    actors: Vec<String>,
    source: Option<String>,
}

/// Reads an event's start and end as written: two times, or two days (the end being the last day).
pub fn parse_when(start: &str, end: Option<&str>) -> Result<When, &'static str> {
    if let Some(s) = LocalTime::parse(start) {
        let e = match end {
            None => s,
            Some(e) => LocalTime::parse(e).ok_or("the end must be a time like the start")?,
        };
        if e < s {
            return Err("the end is before the start");
        }
        return Ok(When::Timed { start: s, end: e });
    }
    let first = IsoDate::parse(start)
        .map_err(|_| "the start is neither YYYY-MM-DD nor YYYY-MM-DDTHH:MM")?;
    let last = match end {
        None => first,
        Some(e) => IsoDate::parse(e).map_err(|_| "the end must be a day like the start")?,
    };
    if last < first {
        return Err("the end is before the start");
    }
    Ok(When::AllDay { first, last })
}

impl EventsData {
    /// Parses and checks the three files against the data set and the focus areas' slugs.
    pub fn parse(
        events: &str,
        places: &str,
        news: &str,
        data: &Dataset,
        areas: &[Slug],
    ) -> Result<EventsData, Vec<DatasetProblem>> {
        let mut p = Problems(Vec::new());
        let actors: HashSet<&Slug> = data.actors.iter().map(|a| &a.slug).collect();
        let campuses: HashSet<&Slug> = data.campuses.iter().map(|c| &c.slug).collect();
        let tags: HashSet<&Slug> = data.tags.iter().map(|t| &t.slug).collect();
        let known = |p: &mut Problems,
                     file: &'static str,
                     rec: &str,
                     what: &str,
                     set: &HashSet<&Slug>,
                     s: &str| {
            match Slug::parse(s) {
                Ok(x) if set.contains(&x) => Some(x),
                _ => {
                    p.add(file, rec, format!("unknown {what} {s:?}"));
                    None
                }
            }
        };
        let mut out = EventsData::default();
        let f = "meeting_places.toml";
        if let Some(file) = parse_file::<PlacesFile>(f, places, &mut p) {
            for r in file.meeting_place {
                let rec = r.slug.clone();
                let Some(slug) = p.slug(f, &rec, &r.slug) else {
                    continue;
                };
                if r.offers_sv.len() != r.offers_en.len() {
                    p.add(f, &rec, "offers_sv and offers_en must list the same items");
                }
                out.places.push(MeetingPlace {
                    slug,
                    name: p.text(f, &rec, "name", r.name_sv, r.name_en),
                    description: p.text(f, &rec, "description", r.description_sv, r.description_en),
                    campus: non_empty(r.campus)
                        .and_then(|c| known(&mut p, f, &rec, "campus", &campuses, &c)),
                    owner: non_empty(r.owner)
                        .and_then(|a| known(&mut p, f, &rec, "actor", &actors, &a)),
                    capacity: r.capacity,
                    offers: r
                        .offers_sv
                        .into_iter()
                        .zip(r.offers_en)
                        .map(|(sv, en)| LangText::new(sv.trim(), en.trim()))
                        .collect(),
                    source: non_empty(r.source),
                });
            }
        }
        let place_slugs: HashSet<Slug> = out.places.iter().map(|m| m.slug.clone()).collect();
        let area_slugs: HashSet<&Slug> = areas.iter().collect();
        let f = "events.toml";
        if let Some(file) = parse_file::<EventsFile>(f, events, &mut p) {
            for r in file.event {
                let rec = r.slug.clone();
                let Some(slug) = p.slug(f, &rec, &r.slug) else {
                    continue;
                };
                let when = match parse_when(&r.start, r.end.as_deref()) {
                    Ok(w) => w,
                    Err(e) => {
                        p.add(f, &rec, e);
                        continue;
                    }
                };
                let place = match non_empty(r.place) {
                    None => None,
                    Some(raw) => match Place::parse(&raw) {
                        Some(Place::MeetingPlace(m)) if !place_slugs.contains(&m) => {
                            p.add(f, &rec, format!("unknown meeting place {m}"));
                            None
                        }
                        Some(Place::Campus(c)) if !campuses.contains(&c) => {
                            p.add(f, &rec, format!("unknown campus {c}"));
                            None
                        }
                        Some(x) => Some(x),
                        None => {
                            p.add(f, &rec, format!("place {raw:?} is not meeting-place:<slug>, campus:<slug> or online"));
                            None
                        }
                    },
                };
                let location = match (non_empty(r.location_sv), non_empty(r.location_en)) {
                    (Some(sv), Some(en)) => Some(LangText::new(sv, en)),
                    (None, None) => None,
                    _ => {
                        p.add(f, &rec, "location_sv and location_en go together");
                        None
                    }
                };
                let registration =
                    non_empty(r.registration_url).and_then(|u| match WebUrl::parse(&u) {
                        Ok(u) => Some(u),
                        Err(e) => {
                            p.add(f, &rec, format!("registration_url: {e}"));
                            None
                        }
                    });
                out.events.push(Event {
                    slug,
                    title: p.text(f, &rec, "title", r.title_sv, r.title_en),
                    description: p.text(f, &rec, "description", r.description_sv, r.description_en),
                    when,
                    place,
                    location,
                    organisers: r
                        .organisers
                        .iter()
                        .filter_map(|a| known(&mut p, f, &rec, "actor", &actors, a))
                        .collect(),
                    tags: r
                        .tags
                        .iter()
                        .filter_map(|t| known(&mut p, f, &rec, "tag", &tags, t))
                        .collect(),
                    focus_areas: r
                        .focus_areas
                        .iter()
                        .filter_map(|a| known(&mut p, f, &rec, "focus area", &area_slugs, a))
                        .collect(),
                    registration,
                    source: non_empty(r.source),
                });
            }
        }
        let f = "news.toml";
        if let Some(file) = parse_file::<NewsFile>(f, news, &mut p) {
            for r in file.news {
                let rec = r.slug.clone();
                let Some(slug) = p.slug(f, &rec, &r.slug) else {
                    continue;
                };
                // Left out when the source gives no date: a date is never made up.
                let published = match non_empty(r.published) {
                    None => None,
                    Some(d) => match IsoDate::parse(&d) {
                        Ok(d) => Some(d),
                        Err(_) => {
                            p.add(
                                f,
                                &rec,
                                "published must be YYYY-MM-DD (or left out when undated)",
                            );
                            continue;
                        }
                    },
                };
                out.news.push(NewsItem {
                    slug,
                    published,
                    title: p.text(f, &rec, "title", r.title_sv, r.title_en),
                    summary: p.text(f, &rec, "summary", r.summary_sv, r.summary_en),
                    body: LangText::new(
                        non_empty(r.body_sv).unwrap_or_default(),
                        non_empty(r.body_en).unwrap_or_default(),
                    ),
                    actors: r
                        .actors
                        .iter()
                        .filter_map(|a| known(&mut p, f, &rec, "actor", &actors, a))
                        .collect(),
                    source: non_empty(r.source),
                });
            }
        }
        for (file, slugs) in [
            (
                "events.toml",
                out.events.iter().map(|e| &e.slug).collect::<Vec<_>>(),
            ),
            (
                "meeting_places.toml",
                out.places.iter().map(|e| &e.slug).collect(),
            ),
            ("news.toml", out.news.iter().map(|e| &e.slug).collect()),
        ] {
            let mut seen = HashSet::new();
            for s in slugs {
                if !seen.insert(s) {
                    p.add(file, s.as_str(), "the slug is used twice");
                }
            }
        }
        if p.0.is_empty() { Ok(out) } else { Err(p.0) }
    }
}

/// Escapes a TEXT value (RFC 5545 3.3.11).
fn ics_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Appends a content line folded at 75 octets (RFC 5545 3.1), never inside a UTF-8 character, ending in CRLF.
fn ics_line(out: &mut String, line: &str) {
    let mut width = 0;
    for c in line.chars() {
        let n = c.len_utf8();
        if width + n > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += n;
    }
    out.push_str("\r\n");
}

fn ics_date(d: IsoDate) -> String {
    d.to_string().replace('-', "")
}

fn ics_local(t: LocalTime) -> String {
    format!(
        "{}T{:02}{:02}00",
        ics_date(t.date),
        t.minute / 60,
        t.minute % 60
    )
}

fn ics_utc(ms: i64) -> String {
    let d = IsoDate::from_unix_millis(ms);
    let s = ms.rem_euclid(MS_PER_DAY) / 1000;
    format!(
        "{}T{:02}{:02}{:02}Z",
        ics_date(d),
        s / 3600,
        s / 60 % 60,
        s % 60
    )
}

/// What an event needs to appear in a calendar, in one language.
pub struct CalendarEntry<'a> {
    /// The event.
    pub event: &'a Event,
    /// Title in the chosen language.
    pub title: &'a str,
    /// Description in the chosen language, with the event's address appended by the caller.
    pub description: &'a str,
    /// Where, in words.
    pub location: Option<&'a str>,
    /// The event's page.
    pub url: &'a str,
    /// When the event was last changed (Unix ms).
    pub stamp: i64,
}

/// An iCalendar document (RFC 5545) with the events; times in Stockholm carry `TZID=Europe/Stockholm` with its
/// `VTIMEZONE`; all-day events are `VALUE=DATE` with the exclusive end day.
pub fn calendar(name: &str, host: &str, entries: &[CalendarEntry<'_>]) -> String {
    let mut out = String::new();
    for l in [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Samverkan//Events//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
    ] {
        ics_line(&mut out, l);
    }
    ics_line(&mut out, &format!("X-WR-CALNAME:{}", ics_text(name)));
    ics_line(&mut out, "X-WR-TIMEZONE:Europe/Stockholm");
    for l in [
        "BEGIN:VTIMEZONE",
        "TZID:Europe/Stockholm",
        "BEGIN:DAYLIGHT",
        "TZOFFSETFROM:+0100",
        "TZOFFSETTO:+0200",
        "TZNAME:CEST",
        "DTSTART:19700329T020000",
        "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
        "END:DAYLIGHT",
        "BEGIN:STANDARD",
        "TZOFFSETFROM:+0200",
        "TZOFFSETTO:+0100",
        "TZNAME:CET",
        "DTSTART:19701025T030000",
        "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
        "END:STANDARD",
        "END:VTIMEZONE",
    ] {
        ics_line(&mut out, l);
    }
    for e in entries {
        ics_line(&mut out, "BEGIN:VEVENT");
        ics_line(&mut out, &format!("UID:{}@{}", e.event.slug, host));
        ics_line(&mut out, &format!("DTSTAMP:{}", ics_utc(e.stamp)));
        match e.event.when {
            When::AllDay { first, last } => {
                ics_line(&mut out, &format!("DTSTART;VALUE=DATE:{}", ics_date(first)));
                let after = IsoDate::from_unix_millis((last.days_since_epoch() + 1) * MS_PER_DAY);
                ics_line(&mut out, &format!("DTEND;VALUE=DATE:{}", ics_date(after)));
            }
            When::Timed { start, end } => {
                ics_line(
                    &mut out,
                    &format!("DTSTART;TZID=Europe/Stockholm:{}", ics_local(start)),
                );
                ics_line(
                    &mut out,
                    &format!("DTEND;TZID=Europe/Stockholm:{}", ics_local(end)),
                );
            }
        }
        ics_line(&mut out, &format!("SUMMARY:{}", ics_text(e.title)));
        ics_line(
            &mut out,
            &format!("DESCRIPTION:{}", ics_text(e.description)),
        );
        if let Some(l) = e.location {
            ics_line(&mut out, &format!("LOCATION:{}", ics_text(l)));
        }
        ics_line(&mut out, &format!("URL:{}", e.url));
        if !e.event.tags.is_empty() {
            let cats: Vec<String> = e.event.tags.iter().map(|t| ics_text(t.as_str())).collect();
            ics_line(&mut out, &format!("CATEGORIES:{}", cats.join(",")));
        }
        ics_line(&mut out, "END:VEVENT");
    }
    ics_line(&mut out, "END:VCALENDAR");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn t(s: &str) -> LocalTime {
        LocalTime::parse(s).expect("time")
    }

    #[test]
    fn stockholm_time_follows_the_eu_rule_around_both_changes() {
        // 2026: summer time from 29 March 01:00 UTC to 25 October 01:00 UTC.
        assert_eq!(
            t("2026-03-29T01:59").to_utc(),
            t("2026-03-29T00:59").date.days_since_epoch() * MS_PER_DAY + 59 * MS_PER_MINUTE
        );
        assert_eq!(
            LocalTime::from_utc(t("2026-03-29T03:00").to_utc()),
            t("2026-03-29T03:00")
        );
        assert_eq!(stockholm_offset(t("2026-03-29T01:59").to_utc()), 60);
        assert_eq!(stockholm_offset(t("2026-03-29T03:00").to_utc()), 120);
        // 02:30 does not exist that night: read as 03:30 summer time.
        assert_eq!(
            LocalTime::from_utc(t("2026-03-29T02:30").to_utc()),
            t("2026-03-29T03:30")
        );
        // 02:30 on 25 October happens twice: the first (summer-time) one.
        assert_eq!(stockholm_offset(t("2026-10-25T02:30").to_utc()), 120);
        assert_eq!(stockholm_offset(t("2026-10-25T03:00").to_utc()), 60);
        assert_eq!(stockholm_offset(t("2026-07-01T12:00").to_utc()), 120);
        assert_eq!(stockholm_offset(t("2026-12-01T12:00").to_utc()), 60);
    }

    proptest! {
        #[test]
        fn local_times_that_exist_survive_the_round_trip(day in 9_500i64..22_000, minute in 0u16..1440) {
            let lt = LocalTime { date: IsoDate::from_unix_millis(day * MS_PER_DAY), minute };
            let back = LocalTime::from_utc(lt.to_utc());
            let (start, _) = summer_time(lt.date.year());
            let skipped = lt.date == IsoDate::from_unix_millis(start) && (120..180).contains(&minute);
            if skipped {
                prop_assert_eq!(back.minute, minute + 60);
            } else {
                prop_assert_eq!(back, lt);
            }
        }

        #[test]
        fn ics_lines_are_never_longer_than_75_octets(s in "\\PC{0,300}") {
            let mut out = String::new();
            ics_line(&mut out, &format!("DESCRIPTION:{}", ics_text(&s)));
            for l in out.split("\r\n") {
                prop_assert!(l.len() <= 75, "{l:?}");
            }
            let unfolded = out.trim_end_matches("\r\n").replace("\r\n ", "");
            prop_assert_eq!(unfolded, format!("DESCRIPTION:{}", ics_text(&s)));
        }

        #[test]
        fn an_event_is_past_exactly_when_it_is_over(start in 9_500i64..22_000, len in 0i64..3, now_off in -3i64..5) {
            let first = IsoDate::from_unix_millis(start * MS_PER_DAY);
            let last = IsoDate::from_unix_millis((start + len) * MS_PER_DAY);
            let w = When::AllDay { first, last };
            let now = (start + len + now_off) * MS_PER_DAY;
            // Midnight after the last day in Stockholm is 22:00 or 23:00 UTC on the last day.
            let over = LocalTime { date: IsoDate::from_unix_millis((start + len + 1) * MS_PER_DAY), minute: 0 }.to_utc();
            prop_assert_eq!(w.is_past(now), now >= over);
        }
    }

    #[test]
    fn when_reads_times_and_days() {
        assert!(matches!(
            parse_when("2024-07-02T10:00", Some("2024-07-02T11:30")),
            Ok(When::Timed { .. })
        ));
        assert!(matches!(
            parse_when("2024-07-02", None),
            Ok(When::AllDay { .. })
        ));
        assert!(parse_when("2024-07-02T10:00", Some("2024-07-02T09:00")).is_err());
        assert!(parse_when("2024-07-02T10:00", Some("2024-07-03")).is_err());
        assert!(parse_when("2 July", None).is_err());
    }

    #[test]
    fn text_is_escaped_for_icalendar() {
        assert_eq!(ics_text("a,b;c\\d\ne"), "a\\,b\\;c\\\\d\\ne");
    }
}
