//! Writing the action plans in the product: the office writes a measure with its milestones, budget and the
//! indicators it moves, and an indicator with interim targets; a working group's lead writes their own area and
//! nothing else; every bad field is named and changes nothing; a revision is a dated version with a reason whose
//! "what changed" reads like the plan, the older version stays readable; a measure leaves the plan by removal only
//! while no follow-up has reported on it; the office's assessment and foreword go into the yearly report, and the
//! English report says when it shows Swedish text.

use crate::followup::{next_year_deadline, open_cycle, pdf_text, report_form};
use crate::helpers::{PASSWORD, TestApp, unescape};
use reqwest::StatusCode;

async fn audit_count(app: &TestApp, object_type: &str) -> u64 {
    app.store()
        .await
        .audit_entries(
            &store::AuditFilter {
                object_type: Some(object_type.into()),
                ..Default::default()
            },
            domain::PageRequest::new(1, 50).expect("page"),
        )
        .await
        .expect("audit")
        .total
}

/// Posts a form at `path` (with a fresh CSRF token) and returns the status, the redirect target and the body.
async fn send(
    app: &TestApp,
    c: &reqwest::Client,
    path: &str,
    fields: &[(&str, &str)],
) -> (StatusCode, String, String) {
    let csrf = app.csrf(c, path).await;
    let mut form = vec![("csrf", csrf.as_str())];
    form.extend_from_slice(fields);
    let res = app.post_form(c, path, &form).await;
    let status = res.status();
    let location = res
        .headers()
        .get("location")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    (status, location, unescape(&res.text().await.expect("text")))
}

fn measure_fields<'a>(code: &'a str, budget: &'a str, due: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("code", code),
        ("status", "planned"),
        ("responsible", "region-stockholm"),
        ("contributors[0]", "karolinska-institutet"),
        ("contributors[1]", ""),
        ("start", "2027-01-01"),
        ("end", "2028-12-31"),
        ("title_sv", "Gemensam datakatalog för hälsodata"),
        ("title_en", "A shared catalogue of health data"),
        (
            "description_sv",
            "Regionen och KI bygger en katalog över källorna.",
        ),
        (
            "description_en",
            "The region and KI build a catalogue of the sources.",
        ),
        ("funding_sv", "Regionens budget"),
        ("funding_en", "The region's budget"),
        ("budget", budget),
        ("currency", "SEK"),
        ("milestones[0].title_sv", "Första versionen publicerad"),
        ("milestones[0].title_en", "First version published"),
        ("milestones[0].due", due),
        ("milestones[0].status", "planned"),
        ("milestones[1].title_sv", ""),
        ("milestones[1].title_en", ""),
        ("milestones[1].due", ""),
        ("milestones[1].status", "planned"),
        ("indicators", "1.a"),
    ]
}

fn measure_id(measures: &serde_json::Value, code: &str) -> Option<i64> {
    measures.as_array()?.iter().find(|m| m["code"] == code)?["id"].as_i64()
}

#[tokio::test]
async fn the_office_writes_a_measure_and_a_lead_writes_only_their_own_area() {
    let app = TestApp::spawn().await;
    let office_id = app.user("office@example.se", "admin", None).await;
    app.user("lena@example.se", "reporter", Some("centrum-for-halsodata"))
        .await;
    app.user("kth@example.se", "reporter", Some("kth")).await;
    app.store()
        .await
        .add_group_member(
            &domain::Slug::parse("halsodata").expect("slug"),
            "lena@example.se",
            &domain::Slug::parse("centrum-for-halsodata").expect("slug"),
            domain::strategy::GroupRole::Lead,
            office_id,
        )
        .await
        .expect("lead");
    let office = app.signed_in("office@example.se", PASSWORD).await;
    let lead = app.signed_in("lena@example.se", PASSWORD).await;
    let reporter = app.signed_in("kth@example.se", PASSWORD).await;
    let new_measure = "/en/strategy/halsodata/measures/new";

    // The area page offers writing the plan to the office and the lead, not to a reporter or the public.
    let (_, public) = app.get("/en/strategy/halsodata").await;
    assert!(!public.contains(new_measure) && public.contains("/en/strategy/halsodata/versions"));
    assert!(
        app.page(&office, "/en/strategy/halsodata")
            .await
            .contains(new_measure)
    );
    assert!(
        app.page(&lead, "/en/strategy/halsodata")
            .await
            .contains(new_measure)
    );
    assert!(
        !app.page(&lead, "/en/strategy/precisionsmedicin")
            .await
            .contains("/measures/new")
    );

    // Every bad field is named, what was typed is kept, and nothing is written.
    let before = app.json("/api/v1/measures").await;
    let mut bad = measure_fields("1 3", "a lot", "31/12/2027");
    bad.retain(|(k, _)| *k != "title_sv");
    bad.push(("title_sv", ""));
    bad.push(("currency", "kronor"));
    let (status, _, html) = send(&app, &office, new_measure, &bad).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    for message in [
        "Write a code of letters and digits separated by full stops",
        "Fill in this field.",
        "Write a number, for example 12 or 12.5.",
        "Write the date as YYYY-MM-DD.",
    ] {
        assert!(html.contains(message), "{message}");
    }
    assert!(html.contains("value=\"a lot\""), "the typed budget is kept");
    assert!(
        html.contains("<title>Error: "),
        "the title says the form was refused"
    );
    // A code already used is a field error, not a database error.
    let (status, _, html) = send(
        &app,
        &office,
        new_measure,
        &measure_fields("1.1", "100", "2027-06-30"),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(html.contains("Another measure or indicator already has this code."));
    assert_eq!(app.json("/api/v1/measures").await, before);
    assert_eq!(audit_count(&app, "measure").await, 0);

    // The office writes it; the measure page shows milestones, budget and funding; it is audited.
    let (status, location, _) = send(
        &app,
        &office,
        new_measure,
        &measure_fields("1.9", "2 500 000", "2027-06-30"),
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let id = measure_id(&app.json("/api/v1/measures").await, "1.9").expect("the new measure");
    assert_eq!(location, format!("/en/measures/{id}?saved=1"));
    let page = app.page(&office, &format!("/en/measures/{id}")).await;
    for shown in [
        "A shared catalogue of health data",
        "First version published",
        "2,500,000\u{a0}SEK",
        "The region&#39;s budget",
        "Karolinska Institutet",
    ] {
        assert!(page.contains(shown), "{shown}: {page}");
    }
    let swedish = app.page(&office, &format!("/sv/measures/{id}")).await;
    assert!(
        swedish.contains("2\u{a0}500\u{a0}000\u{a0}SEK"),
        "Swedish groups thousands with a space"
    );
    assert_eq!(audit_count(&app, "measure").await, 1);
    // The indicator it moves lists it.
    let indicators = app.json("/api/v1/indicators").await;
    let moved = indicators
        .as_array()
        .expect("list")
        .iter()
        .find(|i| i["code"] == "1.a")
        .expect("1.a");
    assert!(
        moved["measures"]
            .as_array()
            .expect("measures")
            .iter()
            .any(|m| m == "1.9"),
        "{moved}"
    );

    // The lead writes an indicator with an interim target in their own area.
    let (status, location, html) = send(
        &app,
        &lead,
        "/en/strategy/halsodata/indicators/new",
        &[
            ("code", "1.d"),
            ("direction", "higher"),
            ("baseline_value", "3"),
            ("baseline_year", "2024"),
            ("target_value", "12"),
            ("target_year", "2030"),
            ("auto", ""),
            ("name_sv", "Källor i katalogen"),
            ("name_en", "Sources in the catalogue"),
            ("unit_sv", "antal"),
            ("unit_en", "number"),
            ("source_sv", "Regionens katalog"),
            ("source_en", "The region's catalogue"),
            ("interim[0].year", "2027"),
            ("interim[0].value", "5"),
            ("interim[1].year", ""),
            ("interim[1].value", ""),
            ("measures", "1.9"),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{html}");
    let indicator = app
        .page(&lead, location.split('?').next().expect("path"))
        .await;
    assert!(indicator.contains("Interim targets") && indicator.contains("5 number (2027)"));

    // A lead writes nothing outside their area, and a reporter writes no plan at all.
    for (who, path) in [
        (&lead, "/en/strategy/precisionsmedicin/measures/new"),
        (&reporter, new_measure),
        (&reporter, "/en/strategy/halsodata/edit"),
    ] {
        let (status, _, _) = send(&app, who, path, &measure_fields("9.9", "", "")).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{path}");
    }
    assert!(measure_id(&app.json("/api/v1/measures").await, "9.9").is_none());
    app.stop().await;
}

#[tokio::test]
async fn a_revision_is_a_dated_version_that_says_what_changed() {
    let app = TestApp::spawn().await;
    app.user("office@example.se", "admin", None).await;
    let office = app.signed_in("office@example.se", PASSWORD).await;
    let versions = "/en/strategy/halsodata/versions";

    // The built-in plan is version 1, in force.
    let (_, page) = app.get(versions).await;
    assert!(page.contains("Version 1") && page.contains("In force"));
    assert!(page.contains("The first recorded version."));

    // The office changes the plan: a new measure, new texts.
    let (status, _, _) = send(
        &app,
        &office,
        "/en/strategy/halsodata/measures/new",
        &measure_fields("1.9", "", "2027-06-30"),
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let texts = app.page(&office, "/en/strategy/halsodata/edit").await;
    assert!(texts.contains("name=\"desired_state_en\""));
    let area = app.json("/api/v1/focus-areas").await;
    let halsodata = area
        .as_array()
        .expect("areas")
        .iter()
        .find(|a| a["slug"] == "halsodata")
        .expect("area")
        .clone();
    let text = |field: &str, l: &str| halsodata[field][l].as_str().expect("text").to_owned();
    let (name_sv, name_en) = (text("name", "sv"), text("name", "en"));
    let fields = [
        ("name_sv", name_sv.as_str()),
        ("name_en", name_en.as_str()),
        ("current_state_sv", "Nuläget."),
        ("current_state_en", "The current state."),
        ("strengths_sv", "Styrkor."),
        ("strengths_en", "Strengths."),
        ("desired_state_sv", "Ett nytt önskat läge."),
        ("desired_state_en", "A new desired state."),
        ("development_needs_sv", "Behov."),
        ("development_needs_en", "Needs."),
    ];
    let (status, _, html) = send(&app, &office, "/en/strategy/halsodata/edit", &fields).await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{html}");
    let (_, page) = app.get(versions).await;
    assert!(page.contains("Changed since the latest version"));
    assert!(page.contains("Measure 1.9 was added."));

    // A version needs a date and a reason in both languages; it cannot take effect before the latest.
    let (status, _, html) = send(
        &app,
        &office,
        versions,
        &[
            ("valid_from", "1999-01-01"),
            ("reason_sv", ""),
            ("reason_en", "New plan"),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        html.contains("Fill in this field.")
            && html.contains("cannot take effect before the latest one")
    );
    let (status, _, _) = send(
        &app,
        &office,
        versions,
        &[
            ("valid_from", &store::today().to_string()),
            ("reason_sv", "Ny handlingsplan efter halvtidsöversynen."),
            ("reason_en", "A new action plan after the mid-term review."),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let (_, page) = app.get(versions).await;
    assert!(
        page.contains("Version 2") && page.contains("A new action plan after the mid-term review.")
    );
    assert!(page.contains("Measure 1.9 was added."));
    assert!(
        page.contains("The area's texts changed: current state, regional strengths, desired state, development needs."),
        "{page}"
    );
    let (_, swedish) = app.get("/sv/strategy/halsodata/versions").await;
    assert!(swedish.contains("Insats 1.9 lades till."));
    // Version 1 is still readable as it was: without the new measure, with the old texts.
    let (status, v1) = app.get("/en/strategy/halsodata/versions/1").await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        !v1.contains("A shared catalogue of health data") && !v1.contains("A new desired state.")
    );
    let (_, v2) = app.get("/en/strategy/halsodata/versions/2").await;
    assert!(
        v2.contains("A shared catalogue of health data") && v2.contains("A new desired state.")
    );
    let (_, area_page) = app.get("/en/strategy/halsodata").await;
    assert!(area_page.contains("Version 2 of the action plan, in force from"));
    app.stop().await;
}

#[tokio::test]
async fn a_measure_is_removed_only_until_it_is_reported_on() {
    let app = TestApp::spawn().await;
    app.user("office@example.se", "admin", None).await;
    app.user(
        "health@example.se",
        "reporter",
        Some("centrum-for-halsodata"),
    )
    .await;
    let office = app.signed_in("office@example.se", PASSWORD).await;
    let reporter = app.signed_in("health@example.se", PASSWORD).await;
    let (status, _, _) = send(
        &app,
        &office,
        "/en/strategy/halsodata/measures/new",
        &measure_fields("1.9", "", "2027-06-30"),
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let measures = app.json("/api/v1/measures").await;
    let fresh = measure_id(&measures, "1.9").expect("1.9");
    let reported = measure_id(&measures, "1.1").expect("1.1");
    // A post without the confirmation removes nothing.
    let (status, _, _) = send(&app, &office, &format!("/en/measures/{fresh}/delete"), &[]).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(measure_id(&app.json("/api/v1/measures").await, "1.9").is_some());
    let (status, location, _) = send(
        &app,
        &office,
        &format!("/en/measures/{fresh}/delete"),
        &[("delete", "1")],
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(location, "/en/strategy/halsodata?removed=measure");
    assert!(measure_id(&app.json("/api/v1/measures").await, "1.9").is_none());
    let (_, area) = app.get(&location).await;
    assert!(area.contains("The measure has been removed from the plan."));

    // An example indicator nobody has reported on leaves the plan the same way, with its example values.
    let indicators = app.json("/api/v1/indicators").await;
    let indicator = |code: &str| {
        indicators
            .as_array()
            .expect("indicators")
            .iter()
            .find(|i| i["code"] == code)
            .map(|i| i["id"].as_i64().expect("id"))
    };
    let (example, followed) = (
        indicator("1.b").expect("1.b"),
        indicator("1.a").expect("1.a"),
    );
    let form = app
        .page(&office, &format!("/en/indicators/{example}/edit"))
        .await;
    assert!(form.contains(&format!("/en/indicators/{example}/delete")));
    let (status, _, _) = send(
        &app,
        &reporter,
        &format!("/en/indicators/{example}/delete"),
        &[("delete", "1")],
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN, "a reporter removes nothing");
    let (status, location, _) = send(
        &app,
        &office,
        &format!("/en/indicators/{example}/delete"),
        &[("delete", "1")],
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(location, "/en/strategy/halsodata?removed=indicator");
    let (_, area) = app.get(&location).await;
    assert!(area.contains("The indicator has been removed from the plan."));
    assert!(
        app.json("/api/v1/indicators")
            .await
            .as_array()
            .expect("indicators")
            .iter()
            .all(|i| i["code"] != "1.b")
    );
    assert_eq!(audit_count(&app, "indicator").await, 1);

    // Once reported on, a measure stays; the form says how to end it.
    let res = open_cycle(&app, &office, "2026", &next_year_deadline()).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let (status, _) = report_form(
        &app,
        &reporter,
        &format!("/en/follow-up/2026/reports/{reported}"),
        &[
            ("action", "save"),
            ("status", "ongoing"),
            ("narrative", "Started."),
            ("evidence", ""),
            (&format!("value-{followed}"), "64"),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    // The indicator with a reported value stays too.
    let form = app
        .page(&office, &format!("/en/indicators/{followed}/edit"))
        .await;
    assert!(
        form.contains("A follow-up has reported values for this indicator.")
            && !form.contains("/delete")
    );
    let (status, _, html) = send(
        &app,
        &office,
        &format!("/en/indicators/{followed}/delete"),
        &[("delete", "1")],
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(html.contains("cannot be removed. Leave it in the plan"));
    let plan = app
        .page(&office, &format!("/en/measures/{reported}/plan"))
        .await;
    assert!(plan.contains("has been reported on in a follow-up") && !plan.contains("/delete"));
    let (status, _, html) = send(
        &app,
        &office,
        &format!("/en/measures/{reported}/delete"),
        &[("delete", "1")],
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(html.contains("cannot be removed. Set its status to Cancelled or Done"));
    assert!(measure_id(&app.json("/api/v1/measures").await, "1.1").is_some());
    app.stop().await;
}

#[tokio::test]
async fn the_offices_word_goes_into_the_report_and_english_says_when_it_is_swedish() {
    let app = TestApp::spawn().await;
    app.user("office@example.se", "admin", None).await;
    app.user(
        "health@example.se",
        "reporter",
        Some("centrum-for-halsodata"),
    )
    .await;
    let office = app.signed_in("office@example.se", PASSWORD).await;
    let reporter = app.signed_in("health@example.se", PASSWORD).await;
    let measures = app.json("/api/v1/measures").await;
    let m11 = measure_id(&measures, "1.1").expect("1.1");
    let m12 = measure_id(&measures, "1.2").expect("1.2");
    let res = open_cycle(&app, &office, "2026", &next_year_deadline()).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);

    // Two reports: one in Swedish only, one with an English narrative too; the office accepts both.
    for (id, fields) in [
        (
            m11,
            vec![
                (
                    "narrative",
                    "Centrumet lämnade ut data till sjuttio forskningsprojekt under året.",
                ),
                ("narrative_en", ""),
            ],
        ),
        (
            m12,
            vec![
                ("narrative", "Vi har byggt en ny tjänst för uttag av data."),
                ("narrative_en", "We built a new service for data extracts."),
            ],
        ),
    ] {
        let path = format!("/en/follow-up/2026/reports/{id}");
        let mut all = vec![
            ("action", "submit"),
            ("status", "ongoing"),
            ("evidence", ""),
        ];
        all.extend(fields);
        let (status, html) = report_form(&app, &reporter, &path, &all).await;
        assert_eq!(status, StatusCode::SEE_OTHER, "{html}");
        let (status, _, _) = send(
            &app,
            &office,
            &format!("{path}/review"),
            &[("move", "accept")],
        )
        .await;
        assert_eq!(status, StatusCode::SEE_OTHER);
    }

    // The assessment needs both languages for each text written; nothing is saved otherwise.
    let assessment = "/en/follow-up/2026/assessments/halsodata";
    let (status, _, html) = send(
        &app,
        &office,
        assessment,
        &[
            ("went_well_sv", "Fler projekt fick data."),
            ("went_well_en", ""),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(html.contains("Write the text in both Swedish and English, or leave both empty."));
    let (status, _, _) = send(
        &app,
        &office,
        assessment,
        &[
            ("went_well_sv", "Fler projekt fick data."),
            ("went_well_en", "More projects received data."),
            ("behind_sv", "Katalogen är försenad."),
            ("behind_en", "The catalogue is late."),
            ("changes_sv", ""),
            ("changes_en", ""),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let (status, _, _) = send(
        &app,
        &office,
        "/en/follow-up/2026/foreword",
        &[
            ("foreword_sv", "Året då hälsodata blev tillgängliga."),
            ("foreword_en", "The year health data became available."),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    // The reporter cannot write the office's word.
    let (status, _, _) = send(
        &app,
        &reporter,
        assessment,
        &[("went_well_sv", "x"), ("went_well_en", "x")],
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN);

    let (_, en) = app.get("/en/follow-up/2026").await;
    for shown in [
        "The year health data became available.",
        "The programme office's assessment",
        "More projects received data.",
        "The catalogue is late.",
        "(written in Swedish)",
        "We built a new service for data extracts.",
    ] {
        assert!(en.contains(shown), "the English report shows {shown}: {en}");
    }
    assert!(
        en.contains("<div lang=\"sv\"><p>Centrumet lämnade ut data"),
        "Swedish text is marked as such"
    );
    assert!(
        !en.contains("Vi har byggt en ny tjänst"),
        "the English narrative replaces the Swedish one"
    );
    let (_, sv) = app.get("/sv/follow-up/2026").await;
    assert!(
        sv.contains("Året då hälsodata blev tillgängliga.")
            && sv.contains("Katalogen är försenad.")
    );
    assert!(!sv.contains("(skriven på svenska)"));

    let pdf = app
        .client
        .get(format!(
            "{}/api/v1/follow-ups/2026/report.pdf?lang=en",
            app.base
        ))
        .send()
        .await
        .expect("pdf")
        .bytes()
        .await
        .expect("bytes");
    let text = pdf_text(&pdf)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    for shown in [
        "Foreword",
        "The year health data became available.",
        "The catalogue is late.",
        "(written in Swedish)",
    ] {
        assert!(text.contains(shown), "the PDF shows {shown}");
    }

    // The same report as a Word document to edit: the office's word in it, the Swedish narrative marked Swedish.
    let file = |path: &'static str| {
        let client = app.client.clone();
        let url = format!("{}{path}", app.base);
        async move {
            let res = client.get(url).send().await.expect("get");
            assert_eq!(res.status(), StatusCode::OK, "{path}");
            let ctype = res.headers()["content-type"]
                .to_str()
                .expect("type")
                .to_owned();
            let disposition = res.headers()["content-disposition"]
                .to_str()
                .expect("disposition")
                .to_owned();
            (
                ctype,
                disposition,
                res.bytes().await.expect("bytes").to_vec(),
            )
        }
    };
    let (ctype, disposition, docx) = file("/api/v1/follow-ups/2026/report.docx?lang=en").await;
    assert_eq!(
        ctype,
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    );
    assert!(disposition.contains("follow-up-2026-en.docx"));
    let body = zipped(&docx, "word/document.xml");
    for shown in [
        "The year health data became available.",
        "The catalogue is late.",
        "(written in Swedish)",
        "We built a new service for data extracts.",
        "<w:pStyle w:val=\"Heading1\"/>",
        "<w:tblHeader/>",
    ] {
        assert!(body.contains(shown), "the Word document has {shown}");
    }
    assert!(
        body.contains(
            "<w:lang w:val=\"sv-SE\"/></w:rPr><w:t xml:space=\"preserve\">Centrumet lämnade ut data"
        ),
        "the Swedish narrative is marked Swedish"
    );
    assert!(zipped(&docx, "docProps/core.xml").contains("<dc:language>en-GB</dc:language>"));
    // The tables as a workbook and as CSV, in Swedish.
    let (ctype, _, xlsx) = file("/api/v1/follow-ups/2026/tables.xlsx?lang=sv").await;
    assert_eq!(
        ctype,
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    );
    let book = zipped(&xlsx, "xl/workbook.xml");
    for sheet in ["Insatser", "Indikatorer", "Indikatorvärden"] {
        assert!(
            book.contains(&format!("name=\"{sheet}\"")),
            "the workbook has the sheet {sheet}"
        );
    }
    assert!(zipped(&xlsx, "xl/sharedStrings.xml").contains("Fokusområde"));
    let (ctype, _, csv) = file("/api/v1/follow-ups/2026/measures.csv?lang=sv").await;
    assert!(ctype.starts_with("text/csv"));
    let csv = String::from_utf8(csv).expect("utf-8");
    let mut lines = csv.lines();
    assert_eq!(
        lines.next(),
        Some("Fokusområde,Nr,Insats,Ansvarig,Status"),
        "{csv}"
    );
    assert!(csv.lines().any(|l| l.contains(",1.1,")), "{csv}");
    let (_, _, values) = file("/api/v1/follow-ups/2026/values.csv?lang=en").await;
    assert!(
        String::from_utf8(values)
            .expect("utf-8")
            .starts_with("Focus area,Code,Year,Value")
    );
    // The internal version stays the office's: a visitor is asked to sign in.
    let res = app
        .client
        .get(format!(
            "{}/api/v1/follow-ups/2026/report.docx?version=internal",
            app.base
        ))
        .send()
        .await
        .expect("get");
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    app.stop().await;
}

/// The text of `name` inside the ZIP container `bytes` (an Office document).
fn zipped(bytes: &[u8], name: &str) -> String {
    use std::io::Read;
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip container");
    let mut text = String::new();
    zip.by_name(name)
        .unwrap_or_else(|_| panic!("{name} in the container"))
        .read_to_string(&mut text)
        .expect("utf-8");
    text
}

/// The figures a documented query gives, by the documented rule: `(year, value)` by year.
async fn documented_figures(
    conn: &mut sqlx::AnyConnection,
    code: &str,
    area: &str,
) -> Vec<(i32, f64)> {
    use sqlx::Row;
    let docs = include_str!("../../../../docs/indicators.md");
    let section = docs
        .split(&format!("### `{code}`"))
        .nth(1)
        .and_then(|s| s.split("\n### ").next())
        .unwrap_or_else(|| panic!("docs/indicators.md documents {code}"));
    let sql = section
        .split("```sql\n")
        .nth(1)
        .and_then(|s| s.split("```").next())
        .expect("a query");
    let mut query = sqlx::query(sql);
    if sql.contains("$1") {
        query = if sql.contains("f.slug = $1") {
            query.bind(area.to_owned())
        } else {
            query.bind(store::now_millis())
        };
    }
    let rows = query
        .fetch_all(&mut *conn)
        .await
        .expect("the documented query runs");
    let mut years: std::collections::BTreeMap<i32, Vec<sqlx::any::AnyRow>> = Default::default();
    for r in rows {
        let at: i64 = r.try_get("at").expect("at");
        years
            .entry(store::counted::stockholm_year(at))
            .or_default()
            .push(r);
    }
    years
        .into_iter()
        .map(|(year, rows)| {
            let value = if section.contains("Median of `value`") {
                let mut v: Vec<f64> = rows
                    .iter()
                    .map(|r| r.try_get("value").expect("value"))
                    .collect();
                v.sort_by(f64::total_cmp);
                let n = v.len();
                if n % 2 == 1 {
                    v[n / 2]
                } else {
                    (v[n / 2 - 1] + v[n / 2]) / 2.0
                }
            } else if section.contains("different `who`") {
                let who: std::collections::BTreeSet<i64> = rows
                    .iter()
                    .map(|r| r.try_get("who").expect("who"))
                    .collect();
                who.len() as f64
            } else {
                rows.len() as f64
            };
            (year, value)
        })
        .collect()
}

#[tokio::test]
async fn counted_indicators_give_what_their_documented_queries_give() {
    use sqlx::{Connection, Row};
    let app = TestApp::spawn().await;
    app.user("office@example.se", "admin", None).await;
    app.user("poster@example.se", "company", Some("biolamina"))
        .await;
    app.user("answerer@example.se", "company", Some("biolamina"))
        .await;
    let office = app.signed_in("office@example.se", PASSWORD).await;
    sqlx::any::install_default_drivers();
    let mut conn = sqlx::AnyConnection::connect(&app.db_url())
        .await
        .expect("connect");
    let one = |sql: &'static str| sqlx::query(sql);

    // A service that belongs to an area through a shared tag, and two small companies.
    let row = one(
        "SELECT f.slug AS area, f.position AS position, s.id AS service, s.infrastructure_id AS provider \
         FROM services s JOIN service_tags st ON st.service_id = s.id \
         JOIN focus_area_tags ft ON ft.tag_id = st.tag_id JOIN focus_areas f ON f.id = ft.area_id \
         ORDER BY f.position, s.id LIMIT 1",
    )
    .fetch_one(&mut conn)
    .await
    .expect("a service of an area");
    let area: String = row.get("area");
    let position: i64 = row.get("position");
    let (service, provider): (i64, i64) = (row.get("service"), row.get("provider"));
    let smes: Vec<i64> =
        one("SELECT id FROM actors WHERE kind = 'company_sme' ORDER BY id LIMIT 2")
            .fetch_all(&mut conn)
            .await
            .expect("smes")
            .iter()
            .map(|r| r.get("id"))
            .collect();
    assert_eq!(smes.len(), 2);

    const DAY: i64 = 86_400_000;
    let (y2024, y2025) = (1_717_243_200_000_i64, 1_748_779_200_000_i64); // 1 June, noon UTC
    let new_year_eve = 1_767_223_800_000_i64; // 2025-12-31 23:30 UTC: already 2026 in Stockholm
    // (company, submitted, first answer after days, status, closed, with the service)
    let requests = [
        (
            smes[0],
            y2024,
            Some(2),
            "completed",
            Some(y2024 + 30 * DAY),
            true,
        ),
        (
            smes[0],
            y2025,
            Some(4),
            "completed",
            Some(new_year_eve),
            true,
        ),
        (smes[1], y2025 + DAY, Some(10), "submitted", None, true),
        (
            smes[1],
            y2025,
            None,
            "completed",
            Some(y2025 + 60 * DAY),
            false,
        ),
    ];
    for (company, submitted, answered, status, closed, with_service) in requests {
        let id: i64 = sqlx::query(
            "INSERT INTO access_requests (company_id, provider_id, title, need, confidentiality, status, \
             created_at, submitted_at, first_response_at, stage_since, closed_at, updated_at) \
             VALUES ($1, $2, 'T', 'N', 'none', $3, $4, $4, $5, $4, $6, $4) RETURNING id",
        )
        .bind(company)
        .bind(provider)
        .bind(status)
        .bind(submitted)
        .bind(answered.map(|d: i64| submitted + d * DAY))
        .bind(closed)
        .fetch_one(&mut conn)
        .await
        .expect("request")
        .get("id");
        if with_service {
            sqlx::query(
                "INSERT INTO access_request_services (request_id, service_id) VALUES ($1, $2)",
            )
            .bind(id)
            .bind(service)
            .execute(&mut conn)
            .await
            .expect("service");
        }
    }

    // Events in 2019: one on a campus, one online; one on a campus next year (not held yet).
    let campus: String = one("SELECT slug FROM campuses ORDER BY id LIMIT 1")
        .fetch_one(&mut conn)
        .await
        .expect("campus")
        .get("slug");
    let y2019 = 1_559_390_400_000_i64;
    let mut event_ids = Vec::new();
    for (slug, place, at) in [
        ("counted-campus", format!("campus:{campus}"), y2019),
        ("counted-online", "online".to_owned(), y2019),
        (
            "counted-later",
            format!("campus:{campus}"),
            store::now_millis() + 400 * DAY,
        ),
    ] {
        let id: i64 = sqlx::query(
            "INSERT INTO events (slug, title_sv, title_en, description_sv, description_en, start_local, \
             starts_at, ends_at, place, updated_at) VALUES ($1, 'E', 'E', '', '', '2019-06-01T14:00', $2, $3, $4, $2) \
             RETURNING id",
        )
        .bind(slug)
        .bind(at)
        .bind(at + 3_600_000)
        .bind(place)
        .fetch_one(&mut conn)
        .await
        .expect("event")
        .get("id");
        event_ids.push(id);
    }
    // A matchmaking meeting held in 2019 and one still pending.
    let users: Vec<i64> = one("SELECT id FROM users WHERE email IN ('poster@example.se', 'answerer@example.se') ORDER BY email")
        .fetch_all(&mut conn)
        .await
        .expect("users")
        .iter()
        .map(|r| r.get("id"))
        .collect();
    let slot: i64 = sqlx::query(
        "INSERT INTO matchmaking_slots (event_id, start_local, end_local, starts_at, ends_at) \
         VALUES ($1, '2019-06-01T14:00', '2019-06-01T14:15', $2, $3) RETURNING id",
    )
    .bind(event_ids[0])
    .bind(y2019)
    .bind(y2019 + 900_000)
    .fetch_one(&mut conn)
    .await
    .expect("slot")
    .get("id");
    let mut participants = Vec::new();
    for user in &users {
        let id: i64 = sqlx::query(
            "INSERT INTO matchmaking_participants (event_id, user_id, organisation, profile, registered_at) \
             VALUES ($1, $2, 'O', 'P', $3) RETURNING id",
        )
        .bind(event_ids[0])
        .bind(*user)
        .bind(y2019)
        .fetch_one(&mut conn)
        .await
        .expect("participant")
        .get("id");
        participants.push(id);
    }
    for (state, slot) in [("accepted", Some(slot)), ("pending", None)] {
        sqlx::query(
            "INSERT INTO meeting_requests (event_id, requester_id, invitee_id, message, state, slot_id, created_at) \
             VALUES ($1, $2, $3, 'M', $4, $5, $6)",
        )
        .bind(event_ids[0])
        .bind(participants[0])
        .bind(participants[1])
        .bind(state)
        .bind(slot)
        .bind(y2019)
        .execute(&mut conn)
        .await
        .expect("meeting request");
    }
    // Two posts of 2019: one answered by someone else, one only by its author.
    for (answered_by, title) in [(users[0], "Answered"), (users[1], "Not answered")] {
        let post: i64 = sqlx::query(
            "INSERT INTO posts (kind, title, body, author_id, expires_on, created_at) \
             VALUES ('offer', $1, 'B', $2, '2019-12-31', $3) RETURNING id",
        )
        .bind(title)
        .bind(users[1])
        .bind(y2019)
        .fetch_one(&mut conn)
        .await
        .expect("post")
        .get("id");
        sqlx::query(
            "INSERT INTO post_interests (post_id, user_id, created_at) VALUES ($1, $2, $3)",
        )
        .bind(post)
        .bind(answered_by)
        .bind(y2019)
        .execute(&mut conn)
        .await
        .expect("interest");
    }

    // Data-permit applications: submitted in 2019; one granted in 2019 after 10 days of which 4 paused (6 days
    // on the clock), one refused in 2019 after 2 days, one withdrawn, one still a draft.
    const DAY_MS: i64 = 86_400_000;
    for (status, submitted, decided, paused) in [
        (
            "approved_with_conditions",
            Some(y2019),
            Some(y2019 + 10 * DAY_MS),
            4 * DAY_MS,
        ),
        ("refused", Some(y2019), Some(y2019 + 2 * DAY_MS), 0),
        ("withdrawn", Some(y2019), Some(y2019 + DAY_MS), 0),
        ("draft", None, None, 0),
    ] {
        sqlx::query(
            "INSERT INTO health_applications (applicant_id, status, title, purpose_text, data, justification, \
             safeguards, environment, tools, ethics_ref, secrecy, created_at, updated_at, submitted_at, paused_ms, \
             decided_at, decision, variables) VALUES ($1, $2, 'A', '', '', '', '', '', '', '', '', $3, $3, $4, $5, $6, '', '')",
        )
        .bind(users[0])
        .bind(status)
        .bind(y2019)
        .bind(submitted)
        .bind(paused)
        .bind(decided)
        .execute(&mut conn)
        .await
        .expect("application");
    }

    // Outputs of the granted application: one released in 2019, one waiting for review.
    let granted: i64 =
        one("SELECT id FROM health_applications WHERE status = 'approved_with_conditions'")
            .fetch_one(&mut conn)
            .await
            .expect("granted")
            .get("id");
    for (status, decided) in [("released", Some(y2019 + 20 * DAY_MS)), ("requested", None)] {
        sqlx::query(
            "INSERT INTO health_outputs (application_id, author_id, question_key, title, description, definition, \
             figures, findings, status, requested_at, decided_at, indicators) \
             VALUES ($1, $2, 'k', 'O', '', '{}', '{}', '[]', $3, $4, $5, '')",
        )
        .bind(granted)
        .bind(users[0])
        .bind(status)
        .bind(y2019)
        .bind(decided)
        .execute(&mut conn)
        .await
        .expect("output");
    }

    // The office makes an indicator of every automatic source.
    let expected: [(&str, &[(i32, f64)]); 12] = [
        ("requests_received", &[(2024, 1.0), (2025, 2.0)]),
        ("requests_completed", &[(2024, 1.0), (2026, 1.0)]),
        ("request_first_answer_days", &[(2024, 2.0), (2025, 7.0)]),
        ("smes_served", &[(2024, 1.0), (2025, 1.0), (2026, 1.0)]),
        (
            "sme_requests_completed",
            &[(2024, 1.0), (2025, 1.0), (2026, 1.0)],
        ),
        ("matchmaking_meetings", &[(2019, 1.0)]),
        ("posts_answered", &[(2019, 1.0)]),
        ("events_on_campuses", &[(2019, 1.0)]),
        ("health_applications_received", &[(2019, 3.0)]),
        ("health_permits_granted", &[(2019, 1.0)]),
        ("health_decision_days", &[(2019, 4.0)]),
        ("health_outputs_released", &[(2019, 1.0)]),
    ];
    for (n, (auto, _)) in expected.iter().enumerate() {
        let code = format!("{position}.z{n}");
        let (status, _, html) = send(
            &app,
            &office,
            &format!("/en/strategy/{area}/indicators/new"),
            &[
                ("code", code.as_str()),
                ("direction", "higher"),
                ("baseline_value", "0"),
                ("baseline_year", "2023"),
                ("target_value", "10"),
                ("target_year", "2030"),
                ("auto", auto),
                ("name_sv", "Räknad"),
                ("name_en", "Counted"),
                ("unit_sv", "antal"),
                ("unit_en", "number"),
                ("source_sv", "Samverkan"),
                ("source_en", "Samverkan"),
            ],
        )
        .await;
        assert_eq!(status, StatusCode::SEE_OTHER, "{auto}: {html}");
    }
    let indicators = app.json("/api/v1/indicators").await;
    for (n, (auto, want)) in expected.iter().enumerate() {
        let code = format!("{position}.z{n}");
        let i = indicators
            .as_array()
            .expect("indicators")
            .iter()
            .find(|i| i["code"] == code.as_str())
            .unwrap_or_else(|| panic!("{code}"));
        assert_eq!(i["automatic"], *auto);
        let got: Vec<(i32, f64)> = i["values"]
            .as_array()
            .expect("values")
            .iter()
            .map(|v| {
                (
                    i32::try_from(v["year"].as_i64().expect("year")).expect("year"),
                    v["value"].as_f64().expect("value"),
                )
            })
            .collect();
        // The events of the built-in calendar are held on campuses too: only 2019 is ours alone.
        let ours: Vec<(i32, f64)> = if *auto == "events_on_campuses" {
            got.iter().copied().filter(|(y, _)| *y == 2019).collect()
        } else {
            got.clone()
        };
        assert_eq!(ours, want.to_vec(), "{auto}");
        assert_eq!(
            got,
            documented_figures(&mut conn, auto, &area).await,
            "{auto} gives what its documented query gives"
        );
    }
    // The indicator's page shows the query it counts with.
    let id = indicators
        .as_array()
        .expect("indicators")
        .iter()
        .find(|i| i["code"] == format!("{position}.z0").as_str())
        .expect("indicator")["id"]
        .clone();
    let (_, page) = app.get(&format!("/sv/indicators/{id}")).await;
    assert!(page.contains("Så räknar Samverkan") && page.contains("FROM access_requests r"));
    assert!(
        page.contains(&format!("({area})")),
        "the area the query is bound to"
    );
    app.stop().await;
}

#[tokio::test]
async fn who_does_what_shows_each_actor_by_area_and_on_its_own_page() {
    let app = TestApp::spawn().await;
    let measures = app.json("/api/v1/measures").await;
    let first = measures
        .as_array()
        .expect("measures")
        .iter()
        .find(|m| m["code"] == "1.1")
        .expect("1.1")
        .clone();
    let responsible = first["responsible"]
        .as_str()
        .expect("responsible")
        .to_owned();
    let (status, page) = app.get("/en/strategy/actors").await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        page.contains(
            "<caption id=\"who-caption\">Actors and their measures by focus area</caption>"
        )
    );
    let row = page
        .split("<tr>")
        .find(|r| r.contains(&format!("/en/actors/{responsible}#")))
        .unwrap_or_else(|| panic!("a row for {responsible}"));
    assert!(
        row.contains(&format!(
            "/en/measures/{}\">1.1</a> responsible",
            first["id"]
        )),
        "{row}"
    );
    let (_, actor) = app.get(&format!("/sv/actors/{responsible}")).await;
    assert!(actor.contains("I strategins handlingsplaner"));
    assert!(
        actor.contains(&format!("/sv/measures/{}\">1.1 ", first["id"]))
            && actor.contains("(ansvarig)")
    );
    // An actor without a measure has no such part.
    let named: Vec<String> = measures
        .as_array()
        .expect("measures")
        .iter()
        .flat_map(|m| {
            let mut all = vec![m["responsible"].as_str().unwrap_or_default().to_owned()];
            all.extend(
                m["contributors"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter_map(|c| c.as_str().map(str::to_owned)),
            );
            all
        })
        .collect();
    let unnamed = crate::helpers::all_actors(&app, "")
        .await
        .into_iter()
        .filter_map(|a| a["slug"].as_str().map(str::to_owned))
        .find(|s| !named.contains(s))
        .expect("an actor without a measure");
    let (_, other) = app.get(&format!("/en/actors/{unnamed}")).await;
    assert!(
        !other.contains("In the strategy&#39;s action plans")
            && !other.contains("In the strategy's action plans")
    );
    app.stop().await;
}

#[tokio::test]
async fn a_new_site_shows_a_whole_example_year_of_follow_up_marked_as_such() {
    let app = TestApp::spawn().await;
    let (status, en) = app.get("/en/follow-up/2025").await;
    assert_eq!(status, StatusCode::OK);
    for shown in [
        "Example data.",
        "The follow-up of 2025 is an example that comes with Samverkan",
        "Foreword",
        "The programme office proposes that the working groups review the targets for 2026.",
        "The programme office's assessment",
        "The citizen dialogue on health data has not started",
        "Example data. The Centre for Health Data tried two anonymisation methods",
    ] {
        assert!(
            en.contains(&unescape(shown)) || unescape(&en).contains(shown),
            "the example year shows {shown}"
        );
    }
    let (_, sv) = app.get("/sv/follow-up/2025").await;
    assert!(unescape(&sv).contains("Uppföljningen 2025 är ett exempel som följer med Samverkan"));
    assert!(unescape(&sv).contains("Medborgardialogen är försenad"));
    // Only the example measures are reported on; the region's own measure stays "not reported".
    let reports = app.json("/api/v1/follow-ups/2025?lang=en").await;
    let lines: Vec<&serde_json::Value> = reports["areas"]
        .as_array()
        .expect("areas")
        .iter()
        .flat_map(|a| a["measures"].as_array().expect("measures").iter())
        .collect();
    let status_of = |code: &str| {
        lines
            .iter()
            .find(|m| m["code"] == code)
            .map(|m| m["status"].as_str().unwrap_or_default().to_owned())
            .unwrap_or_default()
    };
    assert_eq!(status_of("1.3"), "Delayed");
    assert_eq!(status_of("1.1"), "Not reported");
    // Its files are there too.
    let docx = app
        .client
        .get(format!("{}/api/v1/follow-ups/2025/report.docx", app.base))
        .send()
        .await
        .expect("get");
    assert_eq!(docx.status(), StatusCode::OK);
    let body = zipped(&docx.bytes().await.expect("bytes"), "word/document.xml");
    assert!(body.contains("Uppföljningen 2025 är ett exempel"));
    app.stop().await;
}

/// Sends a plan file to the import page (with a fresh CSRF token); returns the status and the page.
async fn import_plan(
    app: &TestApp,
    c: &reqwest::Client,
    name: &str,
    bytes: Vec<u8>,
    dry_run: bool,
) -> (StatusCode, String) {
    let csrf = app.csrf(c, "/en/strategy/import").await;
    let mut form = reqwest::multipart::Form::new().text("csrf", csrf).part(
        "file",
        reqwest::multipart::Part::bytes(bytes).file_name(name.to_owned()),
    );
    if dry_run {
        form = form.text("dry_run", "1");
    }
    let res = c
        .post(format!("{}/en/strategy/import", app.base))
        .multipart(form)
        .send()
        .await
        .expect("post");
    let status = res.status();
    (status, unescape(&res.text().await.expect("text")))
}

#[tokio::test]
async fn a_plan_kept_in_a_spreadsheet_moves_in_after_a_check_and_round_trips() {
    use office::{Cell, Sheet, Workbook};
    let app = TestApp::spawn().await;
    app.user("office@example.se", "admin", None).await;
    app.user(
        "health@example.se",
        "reporter",
        Some("centrum-for-halsodata"),
    )
    .await;
    let office = app.signed_in("office@example.se", PASSWORD).await;
    let reporter = app.signed_in("health@example.se", PASSWORD).await;

    // The exported plans import again as they are: the layout is the same both ways.
    let exported = app
        .client
        .get(format!("{}/api/v1/strategy/plan.xlsx?lang=en", app.base))
        .send()
        .await
        .expect("get")
        .bytes()
        .await
        .expect("bytes")
        .to_vec();
    let sheets = office::read_xlsx(&exported).expect("a workbook");
    assert_eq!(
        sheets.iter().map(|s| s.0.as_str()).collect::<Vec<_>>(),
        ["measures", "indicators"]
    );
    let (status, page) = import_plan(&app, &office, "action-plans.xlsx", exported, true).await;
    assert_eq!(status, StatusCode::OK, "{page}");
    assert!(page.contains("The file is correct. Nothing has been imported yet"));
    assert!(page.contains("Measures: 0 new, 16 updated."), "{page}");

    // A new measure and an indicator with interim targets that moves it, and a new title for 1.2.
    let text = |s: &str| Cell::Text(s.to_owned());
    let book = Workbook {
        title: "Handlingsplan".into(),
        creator: "Programkontoret".into(),
        sheets: vec![
            Sheet {
                name: "Insatser".into(),
                header: [
                    "area",
                    "code",
                    "title_sv",
                    "title_en",
                    "description_sv",
                    "description_en",
                    "responsible",
                    "contributors",
                    "start",
                    "end",
                    "status",
                    "budget",
                    "currency",
                ]
                .iter()
                .map(|s| (*s).to_owned())
                .collect(),
                rows: vec![
                    vec![
                        text("halsodata"),
                        text("1.7"),
                        text("Datakatalog"),
                        text("Data catalogue"),
                        text("En katalog över regionens hälsodata."),
                        text("A catalogue of the region's health data."),
                        text("centrum-for-halsodata"),
                        text("karolinska-institutet; region-stockholm"),
                        text("2027-01-01"),
                        text("2028-12-31"),
                        text("planned"),
                        Cell::Number(1_200_000.0),
                        text("SEK"),
                    ],
                    vec![
                        text("halsodata"),
                        text("1.2"),
                        text("Nya metoder för anonymisering"),
                        text("New anonymisation methods"),
                    ],
                ],
            },
            Sheet {
                name: "indicators".into(),
                header: [
                    "area",
                    "code",
                    "name_sv",
                    "name_en",
                    "unit_sv",
                    "unit_en",
                    "direction",
                    "baseline_year",
                    "baseline_value",
                    "target_year",
                    "target_value",
                    "interim",
                    "source_sv",
                    "source_en",
                    "measures",
                ]
                .iter()
                .map(|s| (*s).to_owned())
                .collect(),
                rows: vec![vec![
                    text("halsodata"),
                    text("1.e"),
                    text("Källor i katalogen"),
                    text("Sources in the catalogue"),
                    text("antal"),
                    text("number"),
                    text("higher"),
                    Cell::Number(2025.0),
                    Cell::Number(0.0),
                    Cell::Number(2030.0),
                    Cell::Number(40.0),
                    text("2027: 10; 2028: 20"),
                    text("Katalogen"),
                    text("The catalogue"),
                    text("1.7"),
                ]],
            },
        ],
    }
    .to_xlsx()
    .expect("xlsx");
    let of = |measures: &serde_json::Value, code: &str| {
        measures
            .as_array()
            .expect("measures")
            .iter()
            .find(|m| m["code"] == code)
            .cloned()
            .expect("measure")
    };
    let before = of(&app.json("/api/v1/measures").await, "1.2");
    // A reporter may not import.
    let (status, _) = import_plan(&app, &reporter, "plan.xlsx", book.clone(), true).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, page) = import_plan(&app, &office, "plan.xlsx", book.clone(), true).await;
    assert_eq!(status, StatusCode::OK, "{page}");
    for said in [
        "Measures: 1 new, 1 updated.",
        "Indicators: 1 new, 0 updated.",
        "Measures, row 2: measure 1.7, new",
        "Measures, row 3: measure 1.2, updated",
        "Indicators, row 2: indicator 1.e, new",
    ] {
        assert!(page.contains(said), "{said}: {page}");
    }
    assert!(
        measure_id(&app.json("/api/v1/measures").await, "1.7").is_none(),
        "a check imports nothing"
    );
    let (status, page) = import_plan(&app, &office, "plan.xlsx", book, false).await;
    assert_eq!(status, StatusCode::OK, "{page}");
    assert!(page.contains("The plan has been imported."));
    let measures = app.json("/api/v1/measures").await;
    let m17 = measure_id(&measures, "1.7").expect("1.7 is in the plan");
    let m = app.page(&office, &format!("/en/measures/{m17}")).await;
    assert!(m.contains("1,200,000\u{a0}SEK") && m.contains("Karolinska Institutet"));
    let m12 = app
        .page(
            &office,
            &format!(
                "/en/measures/{}",
                measure_id(&measures, "1.2").expect("1.2")
            ),
        )
        .await;
    assert!(m12.contains("New anonymisation methods"));
    let after = of(&measures, "1.2");
    for kept in [
        "description",
        "responsible",
        "contributors",
        "start",
        "end",
        "status",
    ] {
        assert_eq!(
            after[kept], before[kept],
            "a column the file leaves out keeps its value: {kept}"
        );
    }
    let indicator = app
        .json("/api/v1/indicators")
        .await
        .as_array()
        .expect("indicators")
        .iter()
        .find(|i| i["code"] == "1.e")
        .cloned()
        .expect("1.e");
    assert_eq!(indicator["measures"], serde_json::json!(["1.7"]));
    assert_eq!(
        audit_count(&app, "measure").await,
        2,
        "each row through the audited use case"
    );

    // A CSV file with problems is refused whole, each problem with its row and column.
    let csv = "area,code,title_sv,title_en,description_sv,description_en,responsible,start,status\n\
               halsodata,1.8,Ny,New,Text,Text,centrum-for-halsodata,2027-02-30,planned\n\
               no-such-area,9.1,Ny,New,Text,Text,centrum-for-halsodata,,planned\n\
               halsodata,1.9,Ny,New,Text,Text,no-such-actor,,planned\n";
    let (status, page) = import_plan(
        &app,
        &office,
        "measures.csv",
        csv.as_bytes().to_vec(),
        false,
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{page}");
    for said in [
        "The file has 3 problems. Nothing has been imported.",
        "Measures, row 2, column start:",
        "Measures, row 3, column area: There is no focus area with the short name “no-such-area”.",
        "Measures, row 4, column responsible:",
    ] {
        assert!(page.contains(said), "{said}: {page}");
    }
    assert!(page.contains("<title>Error:"), "the title says so");
    assert!(measure_id(&app.json("/api/v1/measures").await, "1.8").is_none());
    // Neither a workbook nor a table.
    let (status, page) = import_plan(
        &app,
        &office,
        "notes.csv",
        b"hello,world\n1,2\n".to_vec(),
        true,
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.contains("must name the columns"));
    app.stop().await;
}
