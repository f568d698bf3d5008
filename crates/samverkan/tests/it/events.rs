//! Meeting places over HTTP: the seeded events listed as upcoming or past, filtered by campus, each with its page
//! and calendar file; the calendar feed's structure (RFC 5545 lines, one VEVENT per event, Stockholm time zone);
//! meeting places; news on its page and in the Atom feed. `scripts/check_feeds.py` reads the same feeds with the
//! `icalendar` and `feedparser` libraries.

use crate::helpers::TestApp;
use reqwest::StatusCode;

/// Unfolds an iCalendar text into its content lines, checking the line rules on the way.
fn content_lines(ics: &str) -> Vec<String> {
    assert!(ics.ends_with("\r\n"), "lines end in CRLF");
    let mut out: Vec<String> = Vec::new();
    for raw in ics.trim_end_matches("\r\n").split("\r\n") {
        assert!(raw.len() <= 75, "a line is at most 75 octets: {raw:?}");
        assert!(!raw.contains('\n'), "no bare line feeds");
        if let Some(cont) = raw.strip_prefix(' ') {
            out.last_mut()
                .expect("a folded line follows another")
                .push_str(cont);
        } else {
            out.push(raw.to_owned());
        }
    }
    out
}

#[tokio::test]
async fn events_are_listed_past_or_upcoming_with_pages_and_calendar_files() {
    let app = TestApp::spawn().await;
    let events = app.json("/api/v1/events").await;
    let events = events.as_array().expect("events");
    assert!(events.len() >= 2, "the events the seeds mention");
    let almedalen = events
        .iter()
        .find(|e| e["slug"] == "almedalen-2024-rundabord")
        .expect("the Almedalen 2024 round table");
    assert_eq!(almedalen["past"], true, "2024 is past");
    assert_eq!(almedalen["all_day"], true);

    let (status, html) = app.get("/en/events").await;
    assert_eq!(status, StatusCode::OK);
    let past_at = html.find("id=\"past-title\"").expect("a past section");
    let at = html
        .find("/en/events/almedalen-2024-rundabord")
        .expect("listed");
    assert!(at > past_at, "a past event is listed under Past");
    let (_, sv) = app.get("/sv/events").await;
    assert!(
        sv.contains("Tidigare") && sv.contains("juni 2024"),
        "Swedish dates"
    );

    // The campus filter keeps events on that campus only.
    let (status, filtered) = app.get("/en/events?campus=kista").await;
    assert_eq!(status, StatusCode::OK);
    assert!(!filtered.contains("/en/events/almedalen-2024-rundabord"));
    let (status, _) = app.get("/en/events?campus=NOT%20A%20SLUG").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    // The focus-area and topic filters keep the events tagged so, and the page keeps the choice.
    let (_, by_area) = app.get("/en/events?area=halsodata").await;
    assert!(by_area.contains("/en/events/life-science-strategi-seminarium-2021"));
    assert!(!by_area.contains("/en/events/almedalen-2024-rundabord"));
    assert!(by_area.contains("<option value=\"halsodata\" selected>"));
    let (_, by_tag) = app.get("/en/events?tag=regional-development").await;
    assert!(by_tag.contains("/en/events/almedalen-2024-rundabord"));
    let (_, by_tag) = app.get("/en/events?tag=life-science-strategy").await;
    assert!(!by_tag.contains("/en/events/almedalen-2024-rundabord"));
    assert!(by_tag.contains("/en/events/life-science-strategi-seminarium-2021"));

    let (status, page) = app.get("/en/events/almedalen-2024-rundabord").await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("This event has taken place."));
    assert!(
        page.contains("/en/actors/huddinge-kommun"),
        "organisers link to their actor pages"
    );
    let (status, _) = app.get("/en/events/no-such-event").await;
    assert_eq!(status, StatusCode::NOT_FOUND);

    let res = app
        .client
        .get(format!(
            "{}/en/events/almedalen-2024-rundabord.ics",
            app.base
        ))
        .send()
        .await
        .expect("ics");
    assert_eq!(res.status(), StatusCode::OK);
    assert!(
        res.headers()["content-type"]
            .to_str()
            .expect("ct")
            .starts_with("text/calendar")
    );
    let one = content_lines(&res.text().await.expect("text"));
    assert_eq!(one.iter().filter(|l| *l == "BEGIN:VEVENT").count(), 1);
    assert!(one.contains(&"DTSTART;VALUE=DATE:20240625".to_owned()));
    assert!(
        one.contains(&"DTEND;VALUE=DATE:20240629".to_owned()),
        "the end day is exclusive"
    );

    let res = app
        .client
        .get(format!("{}/api/v1/events.ics?lang=en", app.base))
        .send()
        .await
        .expect("feed");
    let lines = content_lines(&res.text().await.expect("text"));
    assert_eq!(lines.first().map(String::as_str), Some("BEGIN:VCALENDAR"));
    assert_eq!(lines.last().map(String::as_str), Some("END:VCALENDAR"));
    let begins = lines.iter().filter(|l| l.starts_with("BEGIN:")).count();
    let ends = lines.iter().filter(|l| l.starts_with("END:")).count();
    assert_eq!(begins, ends, "components are balanced");
    assert_eq!(
        lines.iter().filter(|l| *l == "BEGIN:VEVENT").count(),
        events.len()
    );
    assert!(lines.contains(&"TZID:Europe/Stockholm".to_owned()));
    for e in events {
        let title = e["title"]["en"]
            .as_str()
            .expect("title")
            .replace(',', "\\,")
            .replace(';', "\\;");
        assert!(lines.contains(&format!("SUMMARY:{title}")), "{title}");
        assert!(
            lines
                .iter()
                .any(|l| l.starts_with("UID:") && l.contains(e["slug"].as_str().expect("slug")))
        );
    }
    let res = app
        .client
        .get(format!("{}/api/v1/events.ics?lang=xx", app.base))
        .send()
        .await
        .expect("feed");
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    app.stop().await;
}

#[tokio::test]
async fn meeting_places_and_news_with_their_feed() {
    let app = TestApp::spawn().await;
    let (status, html) = app.get("/en/meeting-places").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("A Working Lab"));
    assert!(
        html.contains("/en/campuses/flemingsberg"),
        "linked to its campus"
    );

    let (status, news) = app.get("/sv/news").await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        news.contains("2021-06-26"),
        "the strategy's presentation is in the news"
    );
    let res = app
        .client
        .get(format!("{}/en/news.atom", app.base))
        .send()
        .await
        .expect("atom");
    assert_eq!(res.status(), StatusCode::OK);
    assert!(
        res.headers()["content-type"]
            .to_str()
            .expect("ct")
            .starts_with("application/atom+xml")
    );
    let atom = res.text().await.expect("text");
    assert!(
        atom.starts_with("<?xml")
            && atom.contains("<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"en\">")
    );
    let entries = atom.matches("<entry>").count();
    assert!(entries >= 3, "the seeded news items: {entries}");
    assert_eq!(
        atom.matches("<updated>").count(),
        entries + 1,
        "every entry and the feed have <updated>"
    );
    assert!(atom.contains("<published>2021-06-26T00:00:00Z</published>"));
    // Events, meeting places and news are searchable.
    let found = app.json("/api/v1/search?q=Almedalen&lang=en").await;
    assert!(
        found["items"]
            .as_array()
            .expect("items")
            .iter()
            .any(|h| h["type"] == "event"),
        "{found}"
    );
    let found = app
        .json("/api/v1/search?q=working%20lab&lang=en&type=meeting_place")
        .await;
    assert_eq!(found["items"][0]["type"], "meeting_place", "{found}");
    let (_, home) = app.get("/en/").await;
    assert!(
        home.contains("/en/news#"),
        "the home page shows the latest news"
    );
    app.stop().await;
}

#[tokio::test]
async fn an_actors_news_are_all_reachable_however_old() {
    let app = TestApp::spawn().await;
    let office = app.user("office@example.se", "admin", None).await;
    let store = app.store().await;
    let item = |title: &str, published: &str, about: &[&str]| domain::events::NewsItem {
        slug: domain::Slug::parse("item").expect("slug"),
        published: domain::IsoDate::parse(published).expect("date"),
        title: domain::LangText::new(title, title),
        summary: domain::LangText::new("Kort.", "Short."),
        body: domain::LangText::new("", ""),
        actors: about
            .iter()
            .map(|a| domain::Slug::parse(a).expect("slug"))
            .collect(),
        source: None,
    };
    // One old item about Vecura, then more newer items about another actor than any fixed window holds.
    store
        .save_news(
            None,
            item("Vecura startar 2001", "2001-03-01", &["vecura"]),
            office,
        )
        .await
        .expect("old item");
    for i in 0..205 {
        store
            .save_news(
                None,
                item(&format!("Nytt om KTH {i}"), "2026-01-02", &["kth"]),
                office,
            )
            .await
            .expect("news");
    }
    for i in 0..11 {
        store
            .save_news(
                None,
                item(&format!("Vecura nytt {i}"), "2026-02-01", &["vecura"]),
                office,
            )
            .await
            .expect("news");
    }
    let (_, page) = app.get("/en/actors/vecura").await;
    assert!(
        page.contains("news items</a>") && page.contains("/en/news?actor=vecura"),
        "the actor page lists the latest and links to all"
    );
    let (status, all) = app.get("/en/news?actor=vecura").await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        all.contains("Vecura startar 2001"),
        "the oldest is there too"
    );
    assert!(!all.contains("Nytt om KTH"), "only news about Vecura");
    let (_, first) = app.get("/en/news").await;
    assert!(first.contains("rel=\"next\""), "the whole list is paged");
    let (status, _) = app.get("/en/news?actor=no-such-actor").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    app.stop().await;
}
