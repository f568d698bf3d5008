//! Meeting places over HTTP: the seeded events listed as upcoming or past, filtered by campus, each with its page
//! and calendar file; the calendar feed's structure (RFC 5545 lines, one VEVENT per event, Stockholm time zone);
//! meeting places; news in its list, on a page of its own per item (with the actors it is about, and an image its
//! editors add and remove) and in the Atom feed. `scripts/check_feeds.py` reads the same feeds with the
//! `icalendar` and `feedparser` libraries.

use crate::helpers::{PASSWORD, TestApp, unescape};
use reqwest::{Client, StatusCode};

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
        home.contains("/en/news/stockholm-life-tech-avslutat"),
        "the home page shows the latest news, linked to their pages"
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
        published: Some(domain::IsoDate::parse(published).expect("date")),
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

#[tokio::test]
async fn every_news_item_has_a_page_with_the_actors_it_is_about() {
    let app = TestApp::spawn().await;
    // What the seeds report, each on its page in both languages, linked to the actors it is about.
    for (slug, sv_title, en_title, actors) in [
        (
            "biolamina-etablerar-sig-i-flemingsberg",
            "BioLamina etablerar sig i Flemingsberg",
            "BioLamina establishes operations in Flemingsberg",
            &["biolamina"][..],
        ),
        (
            "cluster-engine-life-science-flemingsberg",
            "Cluster Engine Life Science Flemingsberg – EU-projekt för tillväxt inom life science",
            "Cluster Engine Life Science Flemingsberg – an ERDF project for growth in life science",
            &[
                "cluster-engine-life-science-flemingsberg",
                "europeiska-regionala-utvecklingsfonden",
            ][..],
        ),
        (
            "kth-tekniskt-basar-flyttar-till-flemingsberg",
            "KTH:s tekniska basår flyttar till Flemingsberg",
            "KTH's technical preparatory year moves to Flemingsberg",
            &["kth"][..],
        ),
        (
            "flemingsberg-science-i-almedalen-2024",
            "Stiftelsen Flemingsberg Science i Almedalen 2024",
            "The Flemingsberg Science Foundation at Almedalen 2024",
            &["stiftelsen-flemingsberg-science", "huddinge-kommun"][..],
        ),
    ] {
        for (lang, title) in [("sv", sv_title), ("en", en_title)] {
            let (status, page) = app.get(&format!("/{lang}/news/{slug}")).await;
            assert_eq!(status, StatusCode::OK, "/{lang}/news/{slug}");
            let page = unescape(&page);
            assert!(page.contains(&format!("<h1>{title}</h1>")), "{page}");
            assert!(page.contains(&format!("<html lang=\"{lang}\"")));
            for a in actors {
                assert!(
                    page.contains(&format!("href=\"/{lang}/actors/{a}\"")),
                    "{slug} links to {a} in {lang}"
                );
            }
            // The seeds give these items no date; the page says so rather than making one up.
            let undated = if lang == "sv" {
                "Datum saknas"
            } else {
                "Date not known"
            };
            assert!(page.contains(undated), "{slug} in {lang}");
            assert!(!page.contains("<img"), "no image until an editor adds one");
            // Nobody signed in: no edit link.
            assert!(!page.contains(&format!("/{lang}/news/{slug}/edit")));
        }
    }
    // The body is there, as paragraphs; the summary too; facts from the seed.
    let (_, page) = app
        .get("/en/news/cluster-engine-life-science-flemingsberg")
        .await;
    assert!(page.contains("EUR 10.8 million"), "{page}");
    let (_, page) = app
        .get("/sv/news/cluster-engine-life-science-flemingsberg")
        .await;
    assert!(page.contains("10,8 miljoner euro"), "{page}");
    // A dated item shows its date in words, with the machine-readable day.
    let (_, page) = app.get("/sv/news/life-science-strategi-presenterad").await;
    assert!(
        page.contains("<time datetime=\"2021-06-26\">26 juni 2021</time>"),
        "{page}"
    );
    let (_, page) = app.get("/en/news/life-science-strategi-presenterad").await;
    assert!(page.contains("<time datetime=\"2021-06-26\">26 June 2021</time>"));
    assert!(
        page.contains("<p>Each focus area has an action plan"),
        "the body's second paragraph is a paragraph of its own"
    );

    // The list links to the pages, dated items first, undated after.
    let (_, list) = app.get("/en/news").await;
    let dated = list
        .find("href=\"/en/news/stockholm-life-tech-avslutat\"")
        .expect("the list links to the page");
    let undated = list
        .find("href=\"/en/news/biolamina-etablerar-sig-i-flemingsberg\"")
        .expect("the list links to the page");
    assert!(dated < undated, "undated items come after the dated ones");
    assert!(!list.contains("/en/news#"), "no links to anchors");
    // Actor pages link to the items about them.
    let (_, actor) = app.get("/sv/actors/biolamina").await;
    assert!(
        actor.contains("href=\"/sv/news/biolamina-etablerar-sig-i-flemingsberg\""),
        "{actor}"
    );
    let (_, actor) = app.get("/en/actors/huddinge-kommun").await;
    assert!(actor.contains("href=\"/en/news/flemingsberg-science-i-almedalen-2024\""));
    // The feed links to the pages; an undated entry has no <published> but still its <updated>.
    let res = app
        .client
        .get(format!("{}/sv/news.atom", app.base))
        .send()
        .await
        .expect("atom");
    let atom = res.text().await.expect("text");
    assert!(
        atom.contains("/sv/news/biolamina-etablerar-sig-i-flemingsberg\"/>"),
        "{atom}"
    );
    let entries = atom.matches("<entry>").count();
    assert_eq!(atom.matches("<updated>").count(), entries + 1);
    assert_eq!(
        atom.matches("<published>").count(),
        3,
        "the three dated items"
    );

    // Unknown items are not found, whatever the slug looks like.
    for path in [
        "/en/news/no-such-item",
        "/sv/news/vecura",
        "/en/news/NOT%20A%20SLUG",
        "/news/images/999999",
        "/news/images/abc.jpg",
    ] {
        let (status, _) = app.get(path).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{path}");
    }
    app.stop().await;
}

/// An 8 x 6 PNG.
const PNG: [u8; 155] = [
    137, 80, 78, 71, 13, 10, 26, 10, 0, 0, 0, 13, 73, 72, 68, 82, 0, 0, 0, 8, 0, 0, 0, 6, 8, 2, 0,
    0, 0, 113, 103, 72, 172, 0, 0, 0, 98, 73, 68, 65, 84, 120, 156, 13, 201, 33, 14, 0, 49, 8, 69,
    193, 111, 72, 19, 68, 49, 32, 72, 112, 117, 117, 189, 225, 59, 250, 238, 216, 145, 196, 18, 91,
    148, 24, 113, 196, 21, 79, 72, 198, 50, 182, 81, 198, 24, 199, 184, 198, 179, 63, 156, 229,
    108, 167, 156, 113, 142, 115, 157, 231, 127, 4, 43, 216, 65, 5, 19, 156, 224, 6, 47, 254, 72,
    86, 178, 147, 74, 38, 57, 201, 77, 94, 254, 209, 172, 102, 55, 213, 76, 115, 154, 219, 188,
    230, 3, 164, 238, 30, 241, 168, 64, 251, 14, 0, 0, 0, 0, 73, 69, 78, 68, 174, 66, 96, 130,
];

/// Sends the image form of a news item; returns the status and the redirect's target or the page.
async fn upload_image(
    app: &TestApp,
    c: &Client,
    slug: &str,
    bytes: &[u8],
    alt: (&str, &str),
) -> (StatusCode, String) {
    let token = app.csrf(c, "/en/account").await;
    let form = reqwest::multipart::Form::new()
        .text("csrf", token)
        .text("alt_sv", alt.0.to_owned())
        .text("alt_en", alt.1.to_owned())
        .part(
            "file",
            reqwest::multipart::Part::bytes(bytes.to_vec()).file_name("bild.png"),
        );
    let res = c
        .post(format!("{}/en/news/{slug}/image", app.base))
        .multipart(form)
        .send()
        .await
        .expect("upload");
    let status = res.status();
    let location = res
        .headers()
        .get("location")
        .and_then(|l| l.to_str().ok())
        .map(str::to_owned);
    let body = unescape(&res.text().await.unwrap_or_default());
    (status, location.unwrap_or(body))
}

/// Posts a form with the client's CSRF token; returns the status and the redirect's target or the page.
async fn post(
    app: &TestApp,
    c: &Client,
    path: &str,
    fields: &[(&str, &str)],
) -> (StatusCode, String) {
    let token = app.csrf(c, "/en/account").await;
    let mut form = vec![("csrf", token.as_str())];
    form.extend_from_slice(fields);
    let res = app.post_form(c, path, &form).await;
    let status = res.status();
    let location = res
        .headers()
        .get("location")
        .and_then(|l| l.to_str().ok())
        .map(str::to_owned);
    let body = unescape(&res.text().await.unwrap_or_default());
    (status, location.unwrap_or(body))
}

/// The image's address on a news page.
fn image_src(page: &str) -> Option<String> {
    page.split("src=\"/news/images/")
        .nth(1)
        .and_then(|r| r.split('"').next())
        .map(|s| format!("/news/images/{s}"))
}

#[tokio::test]
async fn an_editor_adds_an_image_with_its_descriptions_and_removes_it() {
    let app = TestApp::spawn().await;
    let store = app.store().await;
    let editor_id = app
        .user("redaktor@biolamina.example", "editor", Some("biolamina"))
        .await;
    app.user("redaktor@anafutura.example", "editor", Some("ana-futura"))
        .await;
    app.user("foretag@biolamina.example", "company", Some("biolamina"))
        .await;
    let editor = app.signed_in("redaktor@biolamina.example", PASSWORD).await;
    let other = app.signed_in("redaktor@anafutura.example", PASSWORD).await;
    let company = app.signed_in("foretag@biolamina.example", PASSWORD).await;
    let slug = "biolamina-etablerar-sig-i-flemingsberg";
    let edit = format!("/en/news/{slug}/edit");

    // The item's editor sees the edit link on its page and the image form on the edit page.
    let page = app.page(&editor, &format!("/en/news/{slug}")).await;
    assert!(page.contains(&format!("href=\"{edit}\"")), "{page}");
    let form = app.page(&editor, &edit).await;
    assert!(
        form.contains("enctype=\"multipart/form-data\"")
            && form.contains("The news item has no image.")
    );

    // Others may not: an editor of another actor and a company member get 403, and nothing changes.
    for c in [&other, &company] {
        let res = c
            .get(format!("{}{edit}", app.base))
            .send()
            .await
            .expect("get");
        assert_eq!(res.status(), StatusCode::FORBIDDEN);
        let (status, _) = upload_image(&app, c, slug, &PNG, ("Bild", "Picture")).await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        let (status, _) = post(&app, c, &format!("/en/news/{slug}/image/delete"), &[]).await;
        assert_eq!(status, StatusCode::FORBIDDEN);
    }
    let page = app.page(&other, &format!("/en/news/{slug}")).await;
    assert!(
        !page.contains(&edit),
        "no edit link for those who may not edit"
    );

    // The descriptions are required in both languages, and only an image is taken.
    let (status, page) = upload_image(&app, &editor, slug, &PNG, ("Labbänk", "")).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        page.contains("Describe the image in both Swedish and English"),
        "{page}"
    );
    let (status, page) = upload_image(&app, &editor, slug, &PNG, ("", "")).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.contains("Describe the image in both Swedish and English"));
    let (status, page) = upload_image(
        &app,
        &editor,
        slug,
        b"<svg onload=alert(1)>",
        ("Bild", "Picture"),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.contains("not a JPEG or PNG image"), "{page}");
    let (status, page) = upload_image(&app, &editor, slug, b"%PDF-1.7", ("Bild", "Picture")).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.contains("The image could not be saved"));
    let (_, page) = app.get(&format!("/en/news/{slug}")).await;
    assert!(!page.contains("<img"), "a refusal changes nothing");

    // Added: on the page with its description in the page's language, served as a JPEG written anew.
    let (status, location) = upload_image(
        &app,
        &editor,
        slug,
        &PNG,
        (
            "Cellodling i laboratoriet",
            "Cell culture in the laboratory",
        ),
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{location}");
    assert!(
        location.starts_with(&format!("{edit}?done=image")),
        "{location}"
    );
    let page = unescape(&app.page(&editor, &location).await);
    assert!(page.contains("The image is saved.") && page.contains("Replace the image"));
    let (_, en) = app.get(&format!("/en/news/{slug}")).await;
    let en = unescape(&en);
    assert!(
        en.contains("alt=\"Cell culture in the laboratory\""),
        "{en}"
    );
    assert!(en.contains("width=\"8\" height=\"6\""));
    let (_, sv) = app.get(&format!("/sv/news/{slug}")).await;
    assert!(unescape(&sv).contains("alt=\"Cellodling i laboratoriet\""));
    let src = image_src(&en).expect("an image");
    let res = reqwest::get(format!("{}{src}", app.base))
        .await
        .expect("image");
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.headers()["content-type"], "image/jpeg");
    assert!(res.bytes().await.expect("bytes").starts_with(&[0xFF, 0xD8]));

    // A new image replaces it; the old address is gone.
    let (status, _) = upload_image(&app, &editor, slug, &PNG, ("Ny bild", "New picture")).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let (_, en) = app.get(&format!("/en/news/{slug}")).await;
    let newer = image_src(&en).expect("an image");
    assert_ne!(newer, src);
    assert_eq!(en.matches("<img").count(), 1, "one image per item");
    let (status, _) = app.get(&src).await;
    assert_eq!(status, StatusCode::NOT_FOUND);

    // Removed: gone from the page and from its address.
    let (status, location) =
        post(&app, &editor, &format!("/en/news/{slug}/image/delete"), &[]).await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{location}");
    assert!(location.starts_with(&format!("{edit}?done=image-removed")));
    let (_, en) = app.get(&format!("/en/news/{slug}")).await;
    assert!(!en.contains("<img"));
    let (status, _) = app.get(&newer).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, _) = post(&app, &editor, &format!("/en/news/{slug}/image/delete"), &[]).await;
    assert_eq!(status, StatusCode::NOT_FOUND, "nothing left to remove");
    // An unknown item is not found, for its editors too.
    let (status, _) = upload_image(&app, &editor, "no-such-item", &PNG, ("Bild", "Picture")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);

    // Every change of the image is in the item's history, by the editor, with the descriptions.
    let history = store
        .audit_entries(
            &store::AuditFilter {
                object_type: Some("news".into()),
                object_key: Some(slug.into()),
                ..Default::default()
            },
            domain::PageRequest::new(1, 50).expect("page"),
        )
        .await
        .expect("audit");
    let actions: Vec<&str> = history.items.iter().map(|e| e.action.as_str()).collect();
    assert_eq!(
        actions.iter().filter(|a| **a == "set_image").count(),
        2,
        "{actions:?}"
    );
    assert_eq!(actions.iter().filter(|a| **a == "remove_image").count(), 1);
    assert!(history.items.iter().all(|e| e.user_id == Some(editor_id)));
    let set = history
        .items
        .iter()
        .find(|e| e.action == "set_image")
        .expect("set");
    assert!(
        serde_json::to_string(&set.changes)
            .expect("json")
            .contains("New picture"),
        "the newest entry names its description"
    );

    // Saving the item with its date left empty keeps it undated; its editor is sent to its page.
    let (status, location) = post(
        &app,
        &editor,
        &edit,
        &[
            ("title_sv", "BioLamina etablerar sig i Flemingsberg"),
            (
                "title_en",
                "BioLamina establishes operations in Flemingsberg",
            ),
            ("summary_sv", "Kort."),
            ("summary_en", "Short."),
            ("body_sv", ""),
            ("body_en", ""),
            ("published", ""),
            ("actor", "biolamina"),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{location}");
    assert_eq!(location, format!("/en/news/{slug}?saved=1"));
    let page = app.page(&editor, &location).await;
    assert!(page.contains("The news item is saved.") && page.contains("Date not known"));
    let (status, page) = post(
        &app,
        &editor,
        &edit,
        &[
            ("title_sv", "BioLamina"),
            ("title_en", "BioLamina"),
            ("summary_sv", "Kort."),
            ("summary_en", "Short."),
            ("published", "in the spring"),
            ("actor", "biolamina"),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        page.contains("<a href=\"#f-published\">Date: Write a date like 2026-12-03.</a>"),
        "a bad date is named: {page}"
    );
    app.stop().await;
}
