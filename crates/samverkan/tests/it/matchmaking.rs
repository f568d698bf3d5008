//! Writing events and news (editors of the organiser, admins), and matchmaking at an event over HTTP: slots by the
//! organiser, registration, a request, acceptance in a slot free for both, the agenda and its .ics; refusals that
//! change nothing; and acceptances racing in parallel never double-book anyone (SQLite and PostgreSQL).

use crate::helpers::{PASSWORD, TestApp, csrf_in, unescape};
use reqwest::StatusCode;

fn day_in(days: i64) -> String {
    domain::IsoDate::from_unix_millis(store::now_millis() + days * 86_400_000).to_string()
}

/// Posts the new-event form; returns the response.
async fn post_event(
    app: &TestApp,
    c: &reqwest::Client,
    fields: &[(&str, &str)],
) -> reqwest::Response {
    let csrf = app.csrf(c, "/en/events/new").await;
    let mut form = vec![("csrf", csrf.as_str())];
    form.extend_from_slice(fields);
    app.post_form(c, "/en/events", &form).await
}

fn event_fields<'a>(title: &'a str, day: &'a str, organiser: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("title_sv", title),
        ("title_en", title),
        ("description_sv", "Träffa företag och forskare."),
        ("description_en", "Meet companies and researchers."),
        ("location_sv", ""),
        ("location_en", ""),
        ("start_day", day),
        ("start_time", "09:00"),
        ("end_day", ""),
        ("end_time", "16:00"),
        ("organiser", organiser),
        ("place", "meeting-place:a-working-lab-flemingsberg"),
        ("registration", ""),
        ("areas", "life-science-foretag"),
    ]
}

async fn event_count(app: &TestApp) -> usize {
    app.json("/api/v1/events")
        .await
        .as_array()
        .map_or(0, Vec::len)
}

/// Creates an event as `c` and returns its path.
async fn create_event(app: &TestApp, c: &reqwest::Client, title: &str, day: &str) -> String {
    let res = post_event(app, c, &event_fields(title, day, "a-working-lab")).await;
    assert_eq!(
        res.status(),
        StatusCode::SEE_OTHER,
        "{}",
        res.text().await.unwrap_or_default()
    );
    let to = res.headers()["location"]
        .to_str()
        .expect("location")
        .to_owned();
    to.trim_end_matches("?saved=1").to_owned()
}

#[tokio::test]
async fn editors_write_events_and_news_that_reach_the_calendar_the_feed_and_the_actor_page() {
    let app = TestApp::spawn().await;
    app.user("awl@example.se", "editor", Some("a-working-lab"))
        .await;
    app.user("kth@example.se", "editor", Some("kth")).await;
    app.user("firm@example.se", "company", Some("biolamina"))
        .await;
    let editor = app.signed_in("awl@example.se", PASSWORD).await;
    let other = app.signed_in("kth@example.se", PASSWORD).await;
    let company = app.signed_in("firm@example.se", PASSWORD).await;
    let day = day_in(40);
    let before = event_count(&app).await;

    // A member without an editor role gets no form.
    let res = company
        .get(format!("{}/en/events/new", app.base))
        .send()
        .await
        .expect("get");
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    assert!(
        !app.page(&company, "/en/events")
            .await
            .contains("/en/events/new")
    );
    assert!(
        app.page(&editor, "/en/events")
            .await
            .contains("/en/events/new")
    );

    // Bad input is named field by field and creates nothing.
    let mut bad = event_fields("", &day, "kth");
    bad.retain(|(k, _)| *k != "end_time");
    bad.push(("end_time", "08:00"));
    let res = post_event(&app, &editor, &bad).await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = unescape(&res.text().await.expect("text"));
    assert!(
        html.contains("Title (English): Fill in this field."),
        "missing title"
    );
    assert!(html.contains("The event ends before it starts."), "{html}");
    assert!(
        html.contains("Organiser: Choose one of the options."),
        "not their organisation"
    );
    let mut bad = event_fields("Lab day", "3 December", "a-working-lab");
    bad.retain(|(k, _)| *k != "registration" && *k != "place");
    bad.push(("registration", "javascript:alert(1)"));
    bad.push(("place", "meeting-place:nowhere"));
    let res = post_event(&app, &editor, &bad).await;
    let html = unescape(&res.text().await.expect("text"));
    assert!(html.contains("Write a date like 2026-12-03."));
    assert!(html.contains("Write a web address starting with https://."));
    assert!(
        html.contains("Place: Choose one of the options."),
        "a place that does not exist"
    );
    assert_eq!(event_count(&app).await, before);

    // A good one is saved, shown, in the calendar feed and found by search.
    let path = create_event(&app, &editor, "Öppet hus på A Working Lab", &day).await;
    assert_eq!(path, "/en/events/oppet-hus-pa-a-working-lab");
    let (status, html) = app.get(&path).await;
    assert_eq!(status, StatusCode::OK);
    assert!(unescape(&html).contains("Öppet hus på A Working Lab"));
    assert_eq!(event_count(&app).await, before + 1);
    let (_, ics) = app.get("/api/v1/events.ics").await;
    assert!(ics.contains(&format!(
        "DTSTART;TZID=Europe/Stockholm:{}T090000",
        day.replace('-', "")
    )));
    let hits = app.json("/api/v1/search?q=%C3%B6ppet%20hus").await;
    assert!(
        hits.to_string().contains("oppet-hus-pa-a-working-lab"),
        "{hits}"
    );
    // Only the organiser's editors change it.
    let res = other
        .get(format!("{}{path}/edit", app.base))
        .send()
        .await
        .expect("get");
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    let edit = app.page(&editor, &format!("{path}/edit")).await;
    assert!(unescape(&edit).contains("value=\"Öppet hus på A Working Lab\""));

    // News by the editor, concerning their actor: on the news page, the home page, the Atom feed.
    let csrf = app.csrf(&editor, "/en/news/new").await;
    let news_form = |title: &'static str, actor: &'static str| {
        vec![
            ("published", day_in(0)),
            ("actor", actor.to_owned()),
            ("title_sv", title.to_owned()),
            ("title_en", title.to_owned()),
            ("summary_sv", "Nya labbplatser för små företag.".to_owned()),
            (
                "summary_en",
                "New lab benches for small companies.".to_owned(),
            ),
            ("body_sv", String::new()),
            ("body_en", String::new()),
        ]
    };
    let mut f = news_form("Labbplatser lediga", "kth");
    f.push(("csrf", csrf.clone()));
    let res = app.post_form(&editor, "/en/news", &f).await;
    assert_eq!(
        res.status(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "news about another's actor"
    );
    assert!(
        res.text()
            .await
            .expect("t")
            .contains("Choose one of the organisations you edit.")
    );
    let mut f = news_form("Labbplatser lediga", "a-working-lab");
    f.push(("csrf", csrf.clone()));
    let res = app.post_form(&editor, "/en/news", &f).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let (_, news) = app.get("/sv/news").await;
    assert!(news.contains("Labbplatser lediga"));
    let (_, home) = app.get("/sv/").await;
    assert!(home.contains("Labbplatser lediga"));
    let (_, atom) = app.get("/sv/news.atom").await;
    assert!(atom.contains("Labbplatser lediga"));
    assert!(
        !app.page(&other, "/en/news")
            .await
            .contains("/en/news/labbplatser-lediga/edit")
    );

    // The actor page links what involves it: the new event, the news item, the meeting place it runs.
    let (_, actor) = app.get("/en/actors/a-working-lab").await;
    let actor = unescape(&actor);
    assert!(
        actor.contains("href=\"/en/events/oppet-hus-pa-a-working-lab\""),
        "{actor}"
    );
    assert!(actor.contains("Labbplatser lediga"));
    assert!(actor.contains("href=\"/en/meeting-places"));

    // Every save is audited.
    let audit = app
        .store()
        .await
        .audit_entries(
            &store::AuditFilter {
                object_type: Some("event".into()),
                ..Default::default()
            },
            domain::PageRequest::new(1, 10).expect("page"),
        )
        .await
        .expect("audit");
    assert_eq!(audit.total, 1);
    app.stop().await;
}

async fn register(
    app: &TestApp,
    c: &reqwest::Client,
    base: &str,
    org: &str,
    profile: &str,
) -> reqwest::Response {
    let csrf = app.csrf(c, base).await;
    app.post_form(
        c,
        &format!("{base}/register"),
        &[
            ("csrf", csrf.as_str()),
            ("organisation", org),
            ("profile", profile),
        ],
    )
    .await
}

async fn add_slot(
    app: &TestApp,
    c: &reqwest::Client,
    base: &str,
    day: &str,
    start: &str,
    end: &str,
) -> reqwest::Response {
    let csrf = app.csrf(c, base).await;
    app.post_form(
        c,
        &format!("{base}/slots"),
        &[
            ("csrf", csrf.as_str()),
            ("day", day),
            ("start", start),
            ("end", end),
        ],
    )
    .await
}

/// The participant id of `name` as listed among the participants on the page seen by `c`.
async fn participant(app: &TestApp, c: &reqwest::Client, base: &str, name: &str) -> String {
    let html = app.page(c, base).await;
    html.split("<section class=\"card\" aria-labelledby=\"p-")
        .skip(1)
        .find(|s| {
            s.split("</h3>")
                .next()
                .is_some_and(|h| h.contains(&format!(">{name},")))
        })
        .and_then(|s| s.split('"').next())
        .unwrap_or_else(|| panic!("{name} listed: {html}"))
        .to_owned()
}

async fn ask(
    app: &TestApp,
    c: &reqwest::Client,
    base: &str,
    invitee: &str,
    message: &str,
) -> reqwest::Response {
    let csrf = app.csrf(c, base).await;
    app.post_form(
        c,
        &format!("{base}/requests"),
        &[
            ("csrf", csrf.as_str()),
            ("invitee", invitee),
            ("message", message),
        ],
    )
    .await
}

/// The ids of the requests to the caller, in page order, and for each the slot ids offered.
fn incoming(html: &str) -> Vec<(String, Vec<String>)> {
    html.split("<section class=\"card\" aria-labelledby=\"in-")
        .skip(1)
        .map(|s| {
            let id = s.split('"').next().unwrap_or_default().to_owned();
            let body = s.split("</section>").next().unwrap_or_default();
            let slots = body
                .split("<option value=\"")
                .skip(1)
                .filter_map(|o| o.split('"').next())
                .map(str::to_owned)
                .collect();
            (id, slots)
        })
        .collect()
}

async fn answer(
    app: &TestApp,
    c: &reqwest::Client,
    base: &str,
    request: &str,
    how: &str,
    slot: &str,
) -> reqwest::Response {
    let csrf = app.csrf(c, base).await;
    app.post_form(
        c,
        &format!("{base}/requests/{request}"),
        &[("csrf", csrf.as_str()), ("answer", how), ("slot", slot)],
    )
    .await
}

#[tokio::test]
async fn a_member_books_a_meeting_in_a_free_slot_and_sees_it_on_the_agenda() {
    let app = TestApp::spawn().await;
    app.user("awl@example.se", "editor", Some("a-working-lab"))
        .await;
    app.user("anna@example.se", "company", Some("biolamina"))
        .await;
    app.user("bo@example.se", "company", Some("kth")).await;
    app.user("cecilia@example.se", "manager", Some("vecura"))
        .await;
    app.user("dan@example.se", "company", Some("kth")).await;
    let organiser = app.signed_in("awl@example.se", PASSWORD).await;
    let anna = app.signed_in("anna@example.se", PASSWORD).await;
    let bo = app.signed_in("bo@example.se", PASSWORD).await;
    let cecilia = app.signed_in("cecilia@example.se", PASSWORD).await;
    let dan = app.signed_in("dan@example.se", PASSWORD).await;
    let day = day_in(30);
    let event = create_event(&app, &organiser, "Matchmaking day", &day).await;
    let base = format!("{event}/matchmaking");

    // Slots: a bad time, a day outside the event, an overlap are refused; two good ones are kept.
    let res = add_slot(&app, &organiser, &base, &day, "10:20", "10:00").await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(unescape(&res.text().await.expect("t")).contains("a slot is 5 minutes to 4 hours"));
    let res = add_slot(&app, &organiser, &base, &day_in(31), "10:00", "10:20").await;
    assert!(
        res.text()
            .await
            .expect("t")
            .contains("not on one of the event")
    );
    assert_eq!(
        add_slot(&app, &organiser, &base, &day, "10:00", "10:20")
            .await
            .status(),
        StatusCode::SEE_OTHER
    );
    let res = add_slot(&app, &organiser, &base, &day, "10:10", "10:30").await;
    assert!(
        res.text()
            .await
            .expect("t")
            .contains("overlaps another slot")
    );
    assert_eq!(
        add_slot(&app, &organiser, &base, &day, "10:20", "10:40")
            .await
            .status(),
        StatusCode::SEE_OTHER
    );
    // Only the organiser adds slots.
    let csrf = app.csrf(&anna, &base).await;
    let res = app
        .post_form(
            &anna,
            &format!("{base}/slots"),
            &[
                ("csrf", csrf.as_str()),
                ("day", day.as_str()),
                ("start", "11:00"),
                ("end", "11:20"),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    let (_, public) = app.get(&base).await;
    assert!(public.contains(&format!("{day} 10:00–10:20")));
    assert!(public.contains("Sign in to take part"));

    // Registration: an empty profile is refused; then four people register.
    let res = register(&app, &anna, &base, "BioLamina", "").await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        res.text()
            .await
            .expect("t")
            .contains("Write a short profile")
    );
    for (c, org, profile) in [
        (
            &anna,
            "BioLamina",
            "Laminin matrices; looking for GMP partners.",
        ),
        (
            &bo,
            "KTH",
            "Bioprocess engineering; looking for pilot users.",
        ),
        (&cecilia, "Vecura", "GMP manufacturing of cell therapies."),
    ] {
        assert_eq!(
            register(&app, c, &base, org, profile).await.status(),
            StatusCode::SEE_OTHER
        );
    }
    // Profiles are seen by participants and the organiser, not by a signed-in member who has not registered.
    assert!(!app.page(&dan, &base).await.contains("Laminin matrices"));
    assert!(
        app.page(&dan, &base)
            .await
            .contains("3 people have registered.")
    );
    assert!(
        app.page(&organiser, &base)
            .await
            .contains("Laminin matrices")
    );

    // Anna asks Cecilia; Cecilia is told by e-mail; a second open request between them is refused.
    let cecilia_id = participant(&app, &anna, &base, "cecilia@example.se").await;
    assert_eq!(
        ask(
            &app,
            &anna,
            &base,
            &cecilia_id,
            "Can we talk about a phase 1 batch?"
        )
        .await
        .status(),
        StatusCode::SEE_OTHER
    );
    let mail = app.mail("cecilia@example.se").await;
    assert!(
        mail[0]
            .subject
            .contains("Meeting request at Matchmaking day"),
        "{:?}",
        mail[0].subject
    );
    assert!(
        mail[0]
            .body
            .contains("anna@example.se asks for a 1:1 meeting")
    );
    let res = ask(&app, &anna, &base, &cecilia_id, "again").await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    // Bo asks Cecilia too.
    assert_eq!(
        ask(&app, &bo, &base, &cecilia_id, "").await.status(),
        StatusCode::SEE_OTHER
    );

    // Cecilia sees both, with both slots free; she accepts Anna's in the first slot.
    let html = app.page(&cecilia, &base).await;
    let requests = incoming(&html);
    assert_eq!(requests.len(), 2);
    let (bo_request, anna_request) = (&requests[0], &requests[1]);
    assert_eq!(anna_request.1.len(), 2);
    let first = anna_request.1[0].clone();
    // Anna cannot answer her own request.
    let res = answer(&app, &anna, &base, &anna_request.0, "accept", &first).await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        answer(&app, &cecilia, &base, &anna_request.0, "accept", &first)
            .await
            .status(),
        StatusCode::SEE_OTHER
    );
    // Anna is told by e-mail, in both languages, with the time.
    let mail = app.mail("anna@example.se").await;
    let booked = mail
        .iter()
        .find(|m| m.subject.contains("Meeting booked at Matchmaking day"))
        .unwrap_or_else(|| panic!("{mail:?}"));
    assert!(booked.subject.contains("Möte bokat på"));
    assert!(
        booked
            .body
            .contains(&format!("accepted your meeting request: {day} 10:00–10:20")),
        "{}",
        booked.body
    );
    // The first slot is no longer offered for Bo's request; forcing it is refused and books nothing.
    let html = app.page(&cecilia, &base).await;
    let bo_now = incoming(&html)
        .into_iter()
        .find(|(id, _)| *id == bo_request.0)
        .expect("bo's");
    assert!(
        !bo_now.1.contains(&first),
        "a booked slot is not offered again"
    );
    let res = answer(&app, &cecilia, &base, &bo_request.0, "accept", &first).await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        res.text()
            .await
            .expect("t")
            .contains("That slot was just taken")
    );
    // Accepting needs a slot.
    let res = answer(&app, &cecilia, &base, &bo_request.0, "accept", "").await;
    assert!(res.text().await.expect("t").contains("Pick a slot"));
    // Bo withdraws his request; Cecilia is told.
    assert_eq!(
        answer(&app, &bo, &base, &bo_request.0, "withdraw", "")
            .await
            .status(),
        StatusCode::SEE_OTHER
    );
    let mail = app.mail("cecilia@example.se").await;
    let withdrawn = mail
        .iter()
        .find(|m| {
            m.subject
                .contains("Meeting request withdrawn at Matchmaking day")
        })
        .unwrap_or_else(|| panic!("{mail:?}"));
    assert!(
        withdrawn
            .body
            .contains("withdrew their meeting request to you")
    );
    assert!(withdrawn.body.contains("har återkallat sin mötesförfrågan"));

    // Both see the meeting on their agenda, and in the .ics.
    for (c, other) in [
        (&anna, "cecilia@example.se (Vecura)"),
        (&cecilia, "anna@example.se (BioLamina)"),
    ] {
        let html = unescape(&app.page(c, &base).await);
        let agenda = html
            .split("id=\"agenda\"")
            .nth(1)
            .expect("agenda")
            .split("</ul>")
            .next()
            .expect("list");
        assert!(agenda.contains(&format!("{day} 10:00–10:20")), "{agenda}");
        assert!(
            agenda.contains(&format!("Meeting with {other}")),
            "{agenda}"
        );
    }
    let res = anna
        .get(format!("{event}/agenda.ics").replace("/en/", &format!("{}/en/", app.base)))
        .send()
        .await
        .expect("ics");
    assert_eq!(res.status(), StatusCode::OK);
    let ics = res.text().await.expect("ics");
    assert!(
        ics.contains(&format!(
            "DTSTART;TZID=Europe/Stockholm:{}T100000",
            day.replace('-', "")
        )),
        "{ics}"
    );
    assert!(ics.contains("DTEND;TZID=Europe/Stockholm:"));
    assert!(ics.contains("SUMMARY:Meeting with cecilia@example.se (Vecura)"));
    assert_eq!(ics.matches("BEGIN:VEVENT").count(), 1);
    // The organiser removes a free slot, never one with a booked meeting; nobody else removes slots.
    let second = anna_request.1[1].clone();
    let remove = |c: &reqwest::Client, slot: &str| {
        let (app, c, base, slot) = (&app, c.clone(), base.clone(), slot.to_owned());
        async move {
            let csrf = app.csrf(&c, &base).await;
            app.post_form(
                &c,
                &format!("{base}/slots/{slot}/remove"),
                &[("csrf", csrf.as_str())],
            )
            .await
        }
    };
    let res = remove(&organiser, &first).await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        res.text()
            .await
            .expect("t")
            .contains("A meeting is booked in that slot")
    );
    assert_eq!(remove(&anna, &second).await.status(), StatusCode::FORBIDDEN);
    assert_eq!(
        remove(&organiser, "999999").await.status(),
        StatusCode::NOT_FOUND
    );
    assert!(
        app.page(&organiser, &base)
            .await
            .contains(&format!("{day} 10:20–10:40"))
    );
    let res = remove(&organiser, &second).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let back = res
        .headers()
        .get("location")
        .and_then(|l| l.to_str().ok())
        .expect("location")
        .to_owned();
    let html = app.page(&organiser, &back).await;
    assert!(html.contains("The slot is removed."));
    assert!(!html.contains(&format!("{day} 10:20–10:40")));
    assert!(
        html.contains(&format!("{day} 10:00–10:20")),
        "the booked slot stays"
    );
    let audit = app
        .store()
        .await
        .audit_entries(
            &store::AuditFilter {
                object_type: Some("matchmaking".into()),
                action: Some("remove_slot".into()),
                ..Default::default()
            },
            domain::PageRequest::new(1, 10).expect("page"),
        )
        .await
        .expect("audit");
    assert_eq!(audit.total, 1);

    // Dan, not a participant, has no agenda.
    let res = dan
        .get(format!("{}{event}/agenda.ics", app.base))
        .send()
        .await
        .expect("ics");
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
    // Anna's data download has her registration; erasing her account takes her out of the matchmaking.
    let export: serde_json::Value = anna
        .get(format!("{}/en/account/export", app.base))
        .send()
        .await
        .expect("export")
        .json()
        .await
        .expect("json");
    assert_eq!(export["matchmaking"][0]["organisation"], "BioLamina");
    assert!(csrf_in(&app.page(&anna, &base).await).is_some());
    let anna_id = app
        .store()
        .await
        .user_by_email("anna@example.se")
        .await
        .expect("q")
        .expect("u")
        .id;
    app.store()
        .await
        .erase_user(anna_id, None)
        .await
        .expect("erase");
    let html = app.page(&cecilia, &base).await;
    assert!(!html.contains("Laminin matrices"), "her profile is gone");
    assert!(!html.contains("anna@example.se"));
    app.stop().await;
}

/// Sends every acceptance (client, url, csrf, slot) at the same moment: each waits at a barrier, then posts.
async fn all_at_once(posts: Vec<(reqwest::Client, String, String, String)>) -> Vec<StatusCode> {
    let barrier = std::sync::Arc::new(tokio::sync::Barrier::new(posts.len()));
    let mut tasks = tokio::task::JoinSet::new();
    for (c, url, csrf, slot) in posts {
        let barrier = barrier.clone();
        tasks.spawn(async move {
            barrier.wait().await;
            c.post(url)
                .form(&[
                    ("csrf", csrf.as_str()),
                    ("answer", "accept"),
                    ("slot", slot.as_str()),
                ])
                .send()
                .await
                .expect("post")
                .status()
        });
    }
    tasks.join_all().await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn acceptances_racing_for_one_slot_never_double_book() {
    let app = TestApp::spawn().await;
    app.user("awl@example.se", "editor", Some("a-working-lab"))
        .await;
    let organiser = app.signed_in("awl@example.se", PASSWORD).await;
    let day = day_in(20);
    let event = create_event(&app, &organiser, "Speed meetings", &day).await;
    let base = format!("{event}/matchmaking");
    assert_eq!(
        add_slot(&app, &organiser, &base, &day, "13:00", "13:15")
            .await
            .status(),
        StatusCode::SEE_OTHER
    );
    const N: usize = 6;
    let mut people = Vec::new();
    for i in 0..=N {
        let email = format!("p{i}@example.se");
        app.user(&email, "company", Some("biolamina")).await;
        let c = app.signed_in(&email, PASSWORD).await;
        assert_eq!(
            register(&app, &c, &base, "BioLamina", "Profile")
                .await
                .status(),
            StatusCode::SEE_OTHER
        );
        people.push((email, c));
    }
    // Race 1: p0 has N requests (from p1..pN) and accepts them all at once in the one slot.
    let p0 = participant(&app, &people[1].1, &base, "p0@example.se").await;
    for (_, c) in &people[1..] {
        assert_eq!(
            ask(&app, c, &base, &p0, "").await.status(),
            StatusCode::SEE_OTHER
        );
    }
    let requests = incoming(&app.page(&people[0].1, &base).await);
    assert_eq!(requests.len(), N);
    let slot = requests[0].1[0].clone();
    let csrf = app.csrf(&people[0].1, &base).await;
    let statuses = all_at_once(
        requests
            .iter()
            .map(|(id, _)| {
                (
                    people[0].1.clone(),
                    format!("{}{base}/requests/{id}", app.base),
                    csrf.clone(),
                    slot.clone(),
                )
            })
            .collect(),
    )
    .await;
    assert_eq!(
        statuses
            .iter()
            .filter(|s| **s == StatusCode::SEE_OTHER)
            .count(),
        1,
        "{statuses:?}"
    );
    assert_eq!(
        statuses
            .iter()
            .filter(|s| **s == StatusCode::UNPROCESSABLE_ENTITY)
            .count(),
        N - 1,
        "{statuses:?}"
    );

    // Race 2: in a second slot, p1 asked p2..pN; they all accept at the same moment; p1 is booked once.
    assert_eq!(
        add_slot(&app, &organiser, &base, &day, "13:15", "13:30")
            .await
            .status(),
        StatusCode::SEE_OTHER
    );
    let mut asked = Vec::new();
    for (email, c) in &people[2..] {
        let id = participant(&app, &people[1].1, &base, email).await;
        assert_eq!(
            ask(&app, &people[1].1, &base, &id, "").await.status(),
            StatusCode::SEE_OTHER
        );
        let html = app.page(c, &base).await;
        let req = incoming(&html)
            .into_iter()
            .find(|(_, slots)| !slots.is_empty())
            .expect("p1's request");
        let csrf = csrf_in(&html).expect("csrf");
        asked.push((c, req.0, req.1.last().expect("slot 2").clone(), csrf));
    }
    let statuses = all_at_once(
        asked
            .iter()
            .map(|(c, id, slot, csrf)| {
                (
                    (*c).clone(),
                    format!("{}{base}/requests/{id}", app.base),
                    csrf.clone(),
                    slot.clone(),
                )
            })
            .collect(),
    )
    .await;
    let ok = statuses
        .iter()
        .filter(|s| **s == StatusCode::SEE_OTHER)
        .count();
    assert_eq!(ok, 1, "p1 is in one meeting in the second slot");

    // The database agrees: nobody has two bookings in one slot, and each accepted meeting has two.
    let store = app.store().await;
    let slug = domain::Slug::parse(event.trim_start_matches("/en/events/")).expect("slug");
    let mm = store.matchmaking(&slug).await.expect("q").expect("event");
    let accepted = mm
        .requests
        .iter()
        .filter(|r| r.state == domain::matchmaking::RequestState::Accepted)
        .count();
    assert_eq!(accepted, 2, "one meeting per race");
    assert_eq!(mm.bookings.len(), 4, "two meetings, two people each");
    app.stop().await;
}

#[tokio::test]
async fn a_long_title_used_again_gets_a_numbered_address_that_fits() {
    let app = TestApp::spawn().await;
    app.user("office@example.se", "admin", None).await;
    let admin = app.signed_in("office@example.se", PASSWORD).await;
    let title = format!("Seminarium {}", "a".repeat(75));
    let day = day_in(40);
    let mut paths = Vec::new();
    for _ in 0..3 {
        paths.push(create_event(&app, &admin, &title, &day).await);
    }
    let slugs: Vec<&str> = paths
        .iter()
        .map(|p| p.rsplit('/').next().expect("slug"))
        .collect();
    assert!(
        slugs.iter().all(|s| s.len() <= domain::Slug::MAX_LEN),
        "{slugs:?}"
    );
    assert!(
        slugs[1].ends_with("-2") && slugs[2].ends_with("-3"),
        "{slugs:?}"
    );
    for p in &paths {
        let (status, html) = app.get(p).await;
        assert_eq!(status, StatusCode::OK);
        assert!(html.contains("Seminarium aaaa"));
    }
    app.stop().await;
}
