//! Public pages as a visitor sees them, in Swedish and English.

use crate::helpers::{PASSWORD, TestApp, all_actors, csrf_in};
use reqwest::StatusCode;

#[tokio::test]
async fn root_redirects_to_swedish_and_lang_roots_get_their_slash() {
    let app = TestApp::spawn().await;
    let res = app.get_with("/", &[]).await;
    assert!(res.status().is_redirection());
    assert_eq!(res.headers()["location"], "/sv/");
    let res = app.get_with("/en", &[]).await;
    assert!(res.status().is_redirection());
    assert_eq!(res.headers()["location"], "/en/");
    app.stop().await;
}

#[tokio::test]
async fn home_page_speaks_the_language_of_its_url_and_links_to_the_other() {
    let app = TestApp::spawn().await;
    let (status, sv) = app.get("/sv/").await;
    assert_eq!(status, StatusCode::OK);
    assert!(sv.contains("<html lang=\"sv\">"));
    assert!(sv.contains("Hitta rätt i Stockholms life science-ekosystem"));
    assert!(sv.contains("href=\"/en/\""), "language switch to English");
    assert!(sv.contains("role=\"search\""), "search box");
    let (_, en) = app.get("/en/").await;
    assert!(en.contains("<html lang=\"en\">"));
    assert!(en.contains("Find your way in Stockholm's life-science ecosystem"));
    assert!(en.contains("href=\"/sv/\""));
    // Entry points: each campus is linked with its actor count.
    for campus in ["flemingsberg", "solna", "kista"] {
        assert!(
            en.contains(&format!("href=\"/en/campuses/{campus}\"")),
            "{campus} linked"
        );
    }
    app.stop().await;
}

#[tokio::test]
async fn actor_list_shows_the_stockholm_actors_in_both_languages() {
    let app = TestApp::spawn().await;
    for lang in ["sv", "en"] {
        let (status, html) = app.get(&format!("/{lang}/actors?per_page=100")).await;
        assert_eq!(status, StatusCode::OK);
        for name in [
            "Vecura",
            "ANA Futura",
            "Karolinska Institutet",
            "A Working Lab",
            "BioLamina",
            "Locum",
        ] {
            assert!(html.contains(name), "{name} on /{lang}/actors");
        }
    }
    let (_, en) = app.get("/en/actors?per_page=100").await;
    assert!(
        en.contains("Karolinska University Hospital"),
        "English names on English pages"
    );
    let (_, sv) = app.get("/sv/actors?per_page=100").await;
    assert!(sv.contains("Karolinska Universitetssjukhuset"));
    app.stop().await;
}

#[tokio::test]
async fn actor_list_filters_and_pages() {
    let app = TestApp::spawn().await;
    let everyone = all_actors(&app, "").await;
    let on_flemingsberg = everyone
        .iter()
        .filter(|a| {
            a["campuses"]
                .as_array()
                .is_some_and(|c| c.iter().any(|c| c == "flemingsberg"))
        })
        .count();
    let (_, html) = app.get("/en/actors?campus=flemingsberg&per_page=100").await;
    assert!(
        html.contains(&format!("{on_flemingsberg} actors match the filters")),
        "count of Flemingsberg actors"
    );
    assert!(html.contains("BioLamina"));
    assert!(
        html.contains("<option value=\"flemingsberg\" selected>"),
        "the filter keeps its value"
    );
    let not_there: Vec<_> = everyone
        .iter()
        .filter(|a| {
            !a["campuses"]
                .as_array()
                .is_some_and(|c| c.iter().any(|c| c == "flemingsberg"))
        })
        .collect();
    for a in &not_there {
        assert!(!html.contains(&format!(
            "href=\"/en/actors/{}\"",
            a["slug"].as_str().expect("slug")
        )));
    }

    // Paging: page 1 and 2 of 10 are different actors, with a link to the next page that keeps the filter.
    let (_, page1) = app.get("/sv/actors?per_page=10").await;
    assert!(page1.contains("Sida 1 av"));
    assert!(page1.contains("rel=\"next\" href=\"/sv/actors?per_page=10&page=2\""));
    let (_, kinds) = app.get("/sv/actors?kind=infrastructure&per_page=10").await;
    assert!(kinds.contains("kind=infrastructure"));

    // Text filter ignores case and Swedish letters' accents.
    let (_, q) = app.get("/en/actors?q=karolinska%20institutet").await;
    assert!(q.contains("href=\"/en/actors/karolinska-institutet\""));
    assert!(!q.contains("href=\"/en/actors/vecura\""));
    app.stop().await;
}

#[tokio::test]
async fn actor_page_shows_facts_and_relations_both_ways() {
    let app = TestApp::spawn().await;
    let (status, vecura) = app.get("/en/actors/vecura").await;
    assert_eq!(status, StatusCode::OK);
    assert!(vecura.contains("<h1>Vecura"));
    assert!(vecura.contains("Region</a>"), "ownership form");
    assert!(
        vecura.contains("href=\"/en/campuses/flemingsberg\""),
        "campus link"
    );
    assert!(vecura.contains("Part of"), "outgoing relation label");
    let (_, ki) = app.get("/en/actors/karolinska-institutet").await;
    assert!(ki.contains("Has as part"), "incoming relation label");
    assert!(
        ki.contains("href=\"/en/actors/ana-futura\""),
        "ANA Futura is part of KI, shown on KI's page"
    );
    let (_, ki_sv) = app.get("/sv/actors/karolinska-institutet").await;
    assert!(ki_sv.contains("Har som del"));
    assert!(ki_sv.contains("Statlig myndighet"));
    app.stop().await;
}

#[tokio::test]
async fn campus_page_lists_the_actors_on_the_campus() {
    let app = TestApp::spawn().await;
    let (status, html) = app.get("/sv/campuses/flemingsberg").await;
    assert_eq!(status, StatusCode::OK);
    for slug in ["biolamina", "a-working-lab", "vecura"] {
        assert!(
            html.contains(&format!("href=\"/sv/actors/{slug}\"")),
            "{slug} on Flemingsberg"
        );
    }
    let (status, list) = app.get("/en/campuses").await;
    assert_eq!(status, StatusCode::OK);
    assert!(list.contains("href=\"/en/campuses/kista\""));
    app.stop().await;
}

#[tokio::test]
async fn unknown_pages_are_404_in_the_right_language() {
    let app = TestApp::spawn().await;
    let (status, html) = app.get("/en/actors/no-such-actor").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(html.contains("Page not found") && html.contains("<html lang=\"en\">"));
    let (status, html) = app.get("/sv/campuses/atlantis").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(html.contains("Sidan finns inte"));
    for path in [
        "/de/",
        "/de/actors",
        "/EN/actors",
        "/sv/nothing-here",
        "/static/nope.css",
        "/sv/actors/Not_A_Slug",
    ] {
        let (status, _) = app.get(path).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{path}");
    }
    app.stop().await;
}

#[tokio::test]
async fn malformed_query_parameters_get_a_400_naming_the_parameter() {
    let app = TestApp::spawn().await;
    let cases = [
        ("/en/actors?page=abc", "page", "must be a whole number"),
        ("/en/actors?page=0", "page", "from 1 to"),
        ("/en/actors?per_page=101", "per_page", "from 1 to 100"),
        ("/en/actors?kind=castle", "kind", "unknown value"),
        ("/en/actors?ownership=royal", "ownership", "unknown value"),
        (
            "/en/actors?campus=Flemings%20berg",
            "campus",
            "not a valid identifier",
        ),
        ("/en/actors?q=%FF", "query", "could not be read"),
    ];
    for (path, param, text) in cases {
        let (status, html) = app.get(path).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{path}");
        assert!(
            html.contains(param) && html.contains(text),
            "{path}: {html}"
        );
    }
    let (status, html) = app.get(&format!("/sv/actors?q={}", "a".repeat(201))).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(html.contains("Parametern q är för lång"));
    app.stop().await;
}

#[tokio::test]
async fn stylesheet_and_icon_are_served_by_the_binary_with_caching() {
    let app = TestApp::spawn().await;
    let (_, html) = app.get("/en/").await;
    let css = html
        .split("href=\"/static/style.css?v=")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .expect("css link");
    let res = app
        .get_with(&format!("/static/style.css?v={css}"), &[])
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.headers()["content-type"], "text/css; charset=utf-8");
    let etag = res.headers()["etag"].to_str().expect("etag").to_owned();
    let again = app
        .get_with("/static/style.css", &[("if-none-match", &etag)])
        .await;
    assert_eq!(again.status(), StatusCode::NOT_MODIFIED);
    // No CDN: every stylesheet, icon and script comes from this server.
    for marker in ["<link ", "<script "] {
        for tag in html.split(marker).skip(1) {
            let tag = tag.split('>').next().unwrap_or_default();
            if tag.contains("rel=\"alternate\"") {
                // The same page in another language (an absolute address of this site), not an asset.
                assert!(tag.contains("href=\"http://127.0.0.1:8080/"), "{tag}");
                continue;
            }
            for attr in ["href=\"", "src=\""] {
                if let Some(url) = tag.split(attr).nth(1) {
                    assert!(url.starts_with('/'), "asset from elsewhere: {tag}");
                }
            }
        }
    }
    app.stop().await;
}

#[tokio::test]
async fn a_visitor_reports_an_accessibility_problem_and_the_office_reads_it() {
    use crate::helpers::{PASSWORD, csrf_in, unescape};
    let app = TestApp::spawn().await;
    let c = app.browser();
    let html = app.page(&c, "/sv/accessibility?page=/sv/atlas").await;
    assert!(html.contains("Tillgänglighetsredogörelse"));
    assert!(html.contains("Myndigheten för digital förvaltning (Digg)"));
    assert!(
        html.contains(r#"value="/sv/atlas""#),
        "the page the visitor came from is filled in"
    );
    let csrf = csrf_in(&html).expect("csrf");
    // Missing message and a bad address: both named, what was typed kept, nothing stored.
    let res = app
        .post_form(
            &c,
            "/sv/accessibility/report",
            &[
                ("csrf", csrf.as_str()),
                ("page", "/sv/atlas"),
                ("message", ""),
                ("reply_to", "not-an-address"),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body = unescape(&res.text().await.expect("text"));
    assert!(body.contains("Beskriv problemet."));
    assert!(body.contains(r#"value="not-an-address""#));
    assert!(
        app.store()
            .await
            .accessibility_reports(10)
            .await
            .expect("reports")
            .is_empty()
    );
    // Without the CSRF token: refused.
    let res = app
        .post_form(
            &c,
            "/sv/accessibility/report",
            &[("page", "x"), ("message", "y")],
        )
        .await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    let res = app
        .post_form(
            &c,
            "/sv/accessibility/report",
            &[
                ("csrf", csrf.as_str()),
                ("page", "/sv/atlas"),
                ("message", "Grafen går inte att använda med skärmläsare."),
                ("reply_to", "anna@example.se"),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    assert!(
        unescape(&res.text().await.expect("text"))
            .contains("Din rapport har kommit fram till programkontoret.")
    );
    // The office reads it; others may not.
    app.user("office@example.se", "admin", None).await;
    let admin = app.signed_in("office@example.se", PASSWORD).await;
    let list = unescape(&app.page(&admin, "/en/admin/accessibility-reports").await);
    assert!(list.contains("Grafen går inte att använda med skärmläsare."));
    assert!(list.contains("anna@example.se"));
    let res = c
        .get(format!("{}/en/admin/accessibility-reports", app.base))
        .send()
        .await
        .expect("get");
    assert_ne!(res.status(), StatusCode::OK);
    app.stop().await;
}

/// Serves the seeded site with the programme office's contacts set, as `serve --office-email --office-phone`
/// does; returns the base URL, the stop signal and the database (kept alive while the server runs).
async fn serve_with_office_contacts() -> (
    String,
    tokio::sync::oneshot::Sender<()>,
    crate::helpers::TestDb,
) {
    let db = crate::helpers::TestDb::create().await;
    let (store, _) = samverkan::prepare(&db.url()).await.expect("prepare");
    let state = web::AppState::new(
        store,
        web::AuthSettings {
            office_email: Some("programkontoret@example.se".into()),
            office_phone: Some("08-000 000 00".into()),
            ..Default::default()
        },
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let addr = listener.local_addr().expect("addr");
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    tokio::spawn(web::serve(listener, web::router(state), async move {
        let _ = stopped.await;
    }));
    (format!("http://{addr}"), stop, db)
}

#[tokio::test]
async fn the_accessibility_statement_has_the_parts_of_diggs_model_in_both_languages() {
    use crate::helpers::unescape;
    let (base, stop, _db) = serve_with_office_contacts().await;
    // (language, compliance status (partial, full), headings of the classes, "criteria" lead, contact labels,
    // response time, DIGG's link text, method, dates)
    let cases = [
        (
            "sv",
            (
                "Samverkan är delvis förenlig med lagen om tillgänglighet till digital offentlig service.",
                "Samverkan är helt förenlig med lagen om tillgänglighet till digital offentlig service.",
            ),
            [
                "Bristande förenlighet med lagkraven",
                "Oskäligt betungande anpassning",
                "Innehåll som inte omfattas av lagstiftningen",
            ],
            "Krav i WCAG 2.1: ",
            ["E-post:", "Telefon:"],
            "Vi svarar normalt inom fem arbetsdagar.",
            "Anmäl bristande tillgänglighet till Digg",
            [
                "självskattning",
                "axe-core",
                "320 pixlar",
                "tabbtangenten",
                "Lighthouse",
            ],
            [
                "Vi gjorde redogörelsen den 23 november 2026.",
                "Redogörelsen uppdaterades senast den ",
                "Den senaste bedömningen gjordes den ",
                "Webbplatsen publicerades den ",
            ],
        ),
        (
            "en",
            (
                "Samverkan is partially compliant with the Act on accessibility to digital public services",
                "Samverkan is fully compliant with the Act on accessibility to digital public services.",
            ),
            [
                "Non-compliance with the requirements of the law",
                "Disproportionate burden",
                "Content outside the scope of the law",
            ],
            "WCAG 2.1 success criteria: ",
            ["E-mail:", "Phone:"],
            "We normally answer within five working days.",
            "Report a lack of accessibility to Digg",
            [
                "self-assessment",
                "axe-core",
                "320 pixels",
                "Tab key",
                "Lighthouse",
            ],
            [
                "We made this statement on 23 November 2026.",
                "The statement was last updated on ",
                "The website was last assessed on ",
                "The website was published on ",
            ],
        ),
    ];
    let client = reqwest::Client::new();
    for (lang, (partial, full), classes, lead, contacts, response, digg, method, dates) in cases {
        let res = client
            .get(format!("{base}/{lang}/accessibility"))
            .send()
            .await
            .expect("get");
        assert_eq!(res.status(), StatusCode::OK);
        let html = unescape(&res.text().await.expect("text"));
        // The status: fully or partially compliant, and against what.
        assert!(
            html.contains(partial) || html.contains(full),
            "{lang}: status"
        );
        assert!(
            html.contains("WCAG 2.1") && html.contains("EN 301 549"),
            "{lang}"
        );
        // Every class of Digg's model is there; under non-compliance (when partially compliant) each problem
        // names the success criteria it fails ("1.3.1 and 2.4.3") and what to do meanwhile.
        for c in classes {
            assert!(html.contains(&format!("<h4>{c}</h4>")), "{lang}: {c}");
        }
        let criteria: Vec<&str> = html
            .split(lead)
            .skip(1)
            .map(|rest| rest.split('<').next().unwrap_or_default())
            .collect();
        assert!(
            !criteria.is_empty(),
            "{lang}: no problem names its criteria"
        );
        for c in &criteria {
            let numbers: Vec<&str> = c
                .trim_end_matches('.')
                .split([',', ' '])
                .filter(|w| w.contains('.'))
                .collect();
            assert!(!numbers.is_empty(), "{lang}: {c}");
            for n in numbers {
                let parts: Vec<&str> = n.split('.').collect();
                assert!(
                    parts.len() == 3 && parts.iter().all(|p| p.parse::<u8>().is_ok()),
                    "{lang}: {n} in {c:?} is not a success criterion"
                );
            }
        }
        if html.contains(partial) {
            let breaches = html
                .split(&format!("<h4>{}</h4>", classes[0]))
                .nth(1)
                .and_then(|rest| rest.split("<h4>").next())
                .unwrap_or_default();
            assert!(
                breaches.contains(lead) && breaches.contains("<li>"),
                "{lang}: partially compliant, so non-compliance lists a problem with its criteria"
            );
        }
        // Contact: the office's role address and phone number, the form on the page, a response time.
        assert!(
            html.contains(contacts[0])
                && html.contains(r#"href="mailto:programkontoret@example.se""#)
        );
        assert!(html.contains(contacts[1]) && html.contains(r#"href="tel:0800000000""#));
        assert!(html.contains(r##"href="#report""##) && html.contains(r#"id="report""#));
        assert!(html.contains(response), "{lang}: response time");
        assert!(
            html.contains("/api/v1/export/actors.csv"),
            "{lang}: another format"
        );
        // Enforcement: Digg supervises, with a link to its complaint page.
        assert!(html.contains(r#"href="https://www.digg.se/tdosanmalan""#));
        assert!(html.contains(digg));
        assert!(html.contains("Digg"));
        // How the site was tested, and the dates.
        for m in method {
            assert!(html.contains(m), "{lang}: method {m}");
        }
        for d in dates {
            assert!(html.contains(d), "{lang}: date {d}");
        }
        // The report form is on the page and works (see the test above).
        assert!(html.contains(&format!(r#"action="/{lang}/accessibility/report""#)));
    }
    let _ = stop.send(());
}

#[tokio::test]
async fn the_accessibility_statement_leaves_out_a_contact_that_is_not_configured() {
    let app = TestApp::spawn().await;
    let html = app.page(&app.browser(), "/en/accessibility").await;
    assert!(!html.contains("mailto:") && !html.contains("tel:"));
    // The form is always there, and the response time with it.
    assert!(html.contains(r##"href="#report""##));
    assert!(html.contains("We normally answer within five working days."));
    app.stop().await;
}

#[tokio::test]
async fn responses_are_gzipped_for_clients_that_ask() {
    let app = TestApp::spawn().await;
    for path in [
        "/static/sigma-graphology.min.js",
        "/sv/atlas",
        "/api/v1/graph",
    ] {
        let res = app.get_with(path, &[("accept-encoding", "gzip")]).await;
        assert_eq!(res.status(), StatusCode::OK, "{path}");
        assert_eq!(
            res.headers()
                .get("content-encoding")
                .map(|v| v.to_str().unwrap_or_default()),
            Some("gzip"),
            "{path}"
        );
        let plain = app.get_with(path, &[]).await;
        assert!(
            plain.headers().get("content-encoding").is_none(),
            "{path} uncompressed without asking"
        );
    }
    app.stop().await;
}

#[tokio::test]
async fn a_description_without_the_pages_language_is_marked_with_its_own() {
    let app = TestApp::spawn().await;
    app.user("office@example.se", "admin", None).await;
    let admin = app.signed_in("office@example.se", PASSWORD).await;
    // An import may bring descriptions in one language only.
    let swedish =
        "Labbet odlar celler enligt god tillverkningssed för kliniska prövningar i Flemingsberg.";
    let english = "Zebrafish husbandry and imaging for small companies that test new compounds.";
    let file = format!(
        "slug,org_number,name_sv,name_en,short_name,kind,ownership,description_sv,description_en,website,address,lat,lon,campuses,tags\n\
         svenska-labbet,,Svenska labbet,Svenska labbet,,company_sme,,{swedish},,,,,,,\n\
         zebra-lab,,Zebra Lab,Zebra Lab,,company_sme,,,{english},,,,,,\n"
    );
    let csrf = csrf_in(&app.page(&admin, "/en/admin/import").await).expect("csrf");
    let form = reqwest::multipart::Form::new().text("csrf", csrf).part(
        "file",
        reqwest::multipart::Part::bytes(file.into_bytes()).file_name("actors.csv"),
    );
    let res = admin
        .post(format!("{}/en/admin/import", app.base))
        .multipart(form)
        .send()
        .await
        .expect("import");
    assert_eq!(
        res.status(),
        StatusCode::OK,
        "{}",
        res.text().await.unwrap_or_default()
    );
    let (_, en) = app.get("/en/actors/svenska-labbet").await;
    assert!(
        en.contains(&format!("<span lang=\"sv\">{swedish}</span>")),
        "the Swedish description on the English page is marked as Swedish"
    );
    let (_, sv) = app.get("/sv/actors/svenska-labbet").await;
    assert!(sv.contains(swedish) && !sv.contains("<span lang=\"sv\">"));
    let (_, sv) = app.get("/sv/actors/zebra-lab").await;
    assert!(sv.contains(&format!("<span lang=\"en\">{english}</span>")));
    // A Swedish search that matches only English text says its snippet is English; a match in Swedish text
    // shows it, unmarked.
    let (_, found) = app.get("/sv/search?q=zebrafish").await;
    assert!(
        found.contains("<p class=\"snippet\" lang=\"en\">"),
        "an English snippet on a Swedish page is marked as English"
    );
    let (_, found) = app.get("/sv/search?q=tillverkningssed").await;
    assert!(found.contains("<p class=\"snippet\">") && found.contains("Flemingsberg"));
    app.stop().await;
}
