//! The yearly follow-up over HTTP, as the office and a reporter use it: opening a cycle, reporting, one return with a
//! comment, acceptance into the public charts, closing and freezing, a revision with its reason; refusals that change
//! nothing; the PDF read back with pdftotext in both languages; reminders sent once per stage; the CLI report.

use crate::helpers::{PASSWORD, TestApp, csrf_in, unescape};
use reqwest::StatusCode;

/// Measure 1.1 (Centre for Health Data) follows indicator 1.a; the ids are those of the built-in strategy.
async fn measure_and_indicator(app: &TestApp) -> (i64, i64) {
    let measures = app.json("/api/v1/measures").await;
    let m = measures
        .as_array()
        .expect("measures")
        .iter()
        .find(|m| m["code"] == "1.1")
        .expect("1.1")["id"]
        .as_i64()
        .expect("id");
    let indicators = app.json("/api/v1/indicators").await;
    let i = indicators
        .as_array()
        .expect("indicators")
        .iter()
        .find(|i| i["code"] == "1.a")
        .expect("1.a")["id"]
        .as_i64()
        .expect("id");
    (m, i)
}

fn value_of(indicators: &serde_json::Value, code: &str, year: i64) -> Option<f64> {
    indicators.as_array()?.iter().find(|i| i["code"] == code)?["values"]
        .as_array()?
        .iter()
        .find(|v| v["year"] == year)?["value"]
        .as_f64()
}

pub(crate) fn next_year_deadline() -> String {
    let today = domain::IsoDate::from_unix_millis(store::now_millis());
    format!("{}-02-28", today.year() + 1)
}

pub(crate) async fn open_cycle(
    app: &TestApp,
    office: &reqwest::Client,
    year: &str,
    deadline: &str,
) -> reqwest::Response {
    let csrf = app.csrf(office, "/en/follow-up").await;
    app.post_form(
        office,
        "/en/follow-up",
        &[
            ("csrf", csrf.as_str()),
            ("year", year),
            ("deadline", deadline),
        ],
    )
    .await
}

pub(crate) async fn report_form(
    app: &TestApp,
    c: &reqwest::Client,
    path: &str,
    fields: &[(&str, &str)],
) -> (StatusCode, String) {
    let csrf = app.csrf(c, path).await;
    let mut form = vec![("csrf", csrf.as_str())];
    form.extend_from_slice(fields);
    let res = app.post_form(c, path, &form).await;
    let status = res.status();
    let body = if status == StatusCode::SEE_OTHER {
        let to = res.headers()["location"]
            .to_str()
            .expect("location")
            .to_owned();
        app.page(c, &to).await
    } else {
        res.text().await.expect("text")
    };
    (status, unescape(&body))
}

#[tokio::test]
async fn a_yearly_cycle_from_opening_to_a_revision_after_closing() {
    let app = TestApp::spawn().await;
    app.user("office@example.se", "admin", None).await;
    app.user(
        "health@example.se",
        "reporter",
        Some("centrum-for-halsodata"),
    )
    .await;
    app.user("kth@example.se", "reporter", Some("kth")).await;
    let office = app.signed_in("office@example.se", PASSWORD).await;
    let reporter = app.signed_in("health@example.se", PASSWORD).await;
    let other = app.signed_in("kth@example.se", PASSWORD).await;
    let (measure, indicator) = measure_and_indicator(&app).await;
    let deadline = next_year_deadline();

    // Bad input is refused with a specific message and opens nothing.
    let res = open_cycle(&app, &office, "twenty", &deadline).await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        res.text()
            .await
            .expect("t")
            .contains("Write a year between 2000 and 2100.")
    );
    let res = open_cycle(&app, &office, "2026", "2020-01-01").await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(unescape(&res.text().await.expect("t")).contains("The deadline has already passed"));
    // A new site has only the built-in example year, closed and marked as example data.
    assert_eq!(
        app.json("/api/v1/follow-ups").await,
        serde_json::json!([{"year": 2025, "state": "closed", "deadline": "2026-03-31", "example": true}])
    );
    // A reporter cannot open a cycle.
    let csrf = app.csrf(&reporter, "/en/account").await;
    let res = app
        .post_form(
            &reporter,
            "/en/follow-up",
            &[
                ("csrf", csrf.as_str()),
                ("year", "2026"),
                ("deadline", deadline.as_str()),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);

    let res = open_cycle(&app, &office, "2026", &deadline).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let cycles = app.json("/api/v1/follow-ups").await;
    assert_eq!(cycles[0]["year"], 2026);
    assert_eq!(cycles[0]["state"], "open");
    let res = open_cycle(&app, &office, "2026", &deadline).await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        res.text()
            .await
            .expect("t")
            .contains("A cycle for that year exists already.")
    );

    // The reporter sees their own measures to report, and only those.
    let list = unescape(&app.page(&reporter, "/en/follow-up/2026/reports").await);
    assert!(list.contains("1.1 Centre for Health Data"), "{list}");
    assert!(
        !list.contains("1.3 "),
        "a measure of another actor is not listed"
    );
    let form_path = format!("/en/follow-up/2026/reports/{measure}");
    let res = other
        .get(format!("{}{form_path}", app.base))
        .send()
        .await
        .expect("get");
    assert_eq!(
        res.status(),
        StatusCode::FORBIDDEN,
        "another actor's reporter"
    );

    // Sending without a narrative is refused and saves nothing; the typed value is kept.
    let value_field = format!("value-{indicator}");
    let comment_field = format!("comment-{indicator}");
    let (status, html) = report_form(
        &app,
        &reporter,
        &form_path,
        &[
            ("action", "submit"),
            ("status", "ongoing"),
            ("narrative", ""),
            (&value_field, "70,5"),
            (&comment_field, ""),
            ("evidence", ""),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(html.contains("Write what was done before sending the report."));
    assert!(
        html.contains("value=\"70,5\""),
        "what the user typed is kept"
    );
    assert!(
        app.store()
            .await
            .measure_report(2026, measure)
            .await
            .expect("q")
            .is_none()
    );
    // A value that is not a number, and a link that is not a web address, are named.
    let (status, html) = report_form(
        &app,
        &reporter,
        &form_path,
        &[
            ("action", "save"),
            ("status", "ongoing"),
            ("narrative", "x"),
            (&value_field, "many"),
            (&comment_field, ""),
            ("evidence", "javascript:alert(1)"),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(html.contains("Write a number, such as 12 or 12,5."));
    assert!(html.contains("Each evidence link must be a full web address"));

    let (status, html) = report_form(
        &app,
        &reporter,
        &form_path,
        &[
            ("action", "submit"),
            ("status", "ongoing"),
            ("narrative", "The centre released data to 70 projects."),
            (&value_field, "70,5"),
            (&comment_field, "From the centre's register"),
            ("evidence", "https://example.org/annual-summary"),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{html}");
    assert!(html.contains("Your report is sent to the programme office."));
    // Sent reports wait for the office: the reporter cannot change them meanwhile.
    let (status, html) = report_form(
        &app,
        &reporter,
        &form_path,
        &[
            ("action", "save"),
            ("status", "done"),
            ("narrative", "changed"),
            (&value_field, "1"),
            (&comment_field, ""),
            ("evidence", ""),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert!(html.contains("The report has moved on meanwhile"));

    // The office returns it once; a return needs a comment.
    let review = format!("{form_path}/review");
    let csrf = app.csrf(&office, &form_path).await;
    let res = app
        .post_form(
            &office,
            &review,
            &[
                ("csrf", csrf.as_str()),
                ("move", "return"),
                ("comment", " "),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let res = app
        .post_form(
            &office,
            &review,
            &[
                ("csrf", csrf.as_str()),
                ("move", "return"),
                ("comment", "Please give the source of the 70."),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    // Only the office reviews.
    let csrf_r = app.csrf(&reporter, &form_path).await;
    let res = app
        .post_form(
            &reporter,
            &review,
            &[("csrf", csrf_r.as_str()), ("move", "accept")],
        )
        .await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);

    let page = unescape(&app.page(&reporter, &form_path).await);
    assert!(
        page.contains("Please give the source of the 70."),
        "the reporter sees the office's comment"
    );
    assert!(
        page.contains("value=\"70.5\""),
        "the returned report keeps its values"
    );
    let (status, _) = report_form(
        &app,
        &reporter,
        &form_path,
        &[
            ("action", "submit"),
            ("status", "ongoing"),
            (
                "narrative",
                "The centre released data to 70 projects, per its register.",
            ),
            (&value_field, "70"),
            (&comment_field, "Register of releases"),
            ("evidence", "https://example.org/annual-summary"),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    // Not accepted yet: the public charts do not have the value.
    assert_eq!(
        value_of(&app.json("/api/v1/indicators").await, "1.a", 2026),
        None
    );
    let csrf = app.csrf(&office, &form_path).await;
    let res = app
        .post_form(
            &office,
            &review,
            &[("csrf", csrf.as_str()), ("move", "accept"), ("comment", "")],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        value_of(&app.json("/api/v1/indicators").await, "1.a", 2026),
        Some(70.0)
    );
    // The yearly value carries the reporter's comment and who reported it; seeded values say where they came from.
    let indicators = app.json("/api/v1/indicators").await;
    let values = indicators
        .as_array()
        .expect("indicators")
        .iter()
        .find(|i| i["code"] == "1.a")
        .expect("1.a")["values"]
        .clone();
    let year = |y: i64| {
        values
            .as_array()
            .expect("values")
            .iter()
            .find(|v| v["year"] == y)
            .cloned()
            .expect("year")
    };
    assert_eq!(year(2026)["comment"], "Register of releases");
    assert_eq!(year(2026)["origin"], "reported");
    assert_eq!(year(2026)["reported_by"], "health@example.se");
    assert_eq!(year(2024)["origin"], "data_set");
    assert_eq!(year(2024)["reported_by"], serde_json::Value::Null);
    let (_, html) = app.get(&format!("/sv/indicators/{indicator}")).await;
    let html = unescape(&html);
    assert!(
        html.contains(
            "<th scope=\"row\">2026</th><td>70</td><td>Register of releases</td><td>health@example.se</td>"
        ),
        "{html}"
    );
    assert!(html.contains("<td>Strategins datamängd</td>"));

    // The public report shows the accepted narrative and value; the internal one is the office's.
    let (status, html) = app.get("/en/follow-up/2026").await;
    assert_eq!(status, StatusCode::OK);
    let html = unescape(&html);
    assert!(html.contains("The centre released data to 70 projects, per its register."));
    assert!(
        html.contains("<td>2026</td><td>70</td>"),
        "the new value is in the chart's table"
    );
    assert!(
        html.contains("Preliminary"),
        "an open cycle is labelled preliminary"
    );
    let res = reporter
        .get(format!("{}/en/follow-up/2026?version=internal", app.base))
        .send()
        .await
        .expect("get");
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    let internal = unescape(
        &app.page(&office, "/en/follow-up/2026?version=internal")
            .await,
    );
    assert!(internal.contains("Internal version for the programme office"));
    assert!(
        internal.contains("Not started"),
        "missing reports are listed internally"
    );

    // Closing needs a confirmation, then freezes the cycle.
    let close = "/en/follow-up/2026/close";
    let csrf = app.csrf(&office, "/en/follow-up/2026/reports").await;
    let res = app
        .post_form(&office, close, &[("csrf", csrf.as_str())])
        .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(app.json("/api/v1/follow-ups").await[0]["state"], "open");
    let res = app
        .post_form(
            &office,
            close,
            &[("csrf", csrf.as_str()), ("confirm", "yes")],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(app.json("/api/v1/follow-ups").await[0]["state"], "closed");
    let m12 = app.json("/api/v1/measures").await;
    let m12 = m12
        .as_array()
        .expect("m")
        .iter()
        .find(|m| m["code"] == "1.2")
        .expect("1.2")["id"]
        .as_i64()
        .expect("id");
    let (status, html) = report_form(
        &app,
        &reporter,
        &format!("/en/follow-up/2026/reports/{m12}"),
        &[
            ("action", "save"),
            ("status", "ongoing"),
            ("narrative", "late"),
            ("evidence", ""),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::CONFLICT, "a closed cycle refuses edits");
    assert!(html.contains("The cycle is closed"));
    assert!(
        app.store()
            .await
            .measure_report(2026, m12)
            .await
            .expect("q")
            .is_none()
    );

    // A correction is a revision with its reason, shown in the report.
    let revise = format!("{form_path}/revise");
    let field = format!("value-{indicator}");
    let csrf = app.csrf(&office, &form_path).await;
    let res = app
        .post_form(
            &office,
            &revise,
            &[
                ("csrf", csrf.as_str()),
                ("field", field.as_str()),
                ("value", "72"),
                ("reason", ""),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        res.text()
            .await
            .expect("t")
            .contains("Write the reason for the correction.")
    );
    let res = app
        .post_form(
            &office,
            &revise,
            &[
                ("csrf", csrf.as_str()),
                ("field", field.as_str()),
                ("value", "72"),
                ("reason", "Two releases were registered late."),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        value_of(&app.json("/api/v1/indicators").await, "1.a", 2026),
        Some(72.0)
    );
    // The corrected value is still the reporter's; the office's correction is a revision with its reason.
    let indicators = app.json("/api/v1/indicators").await;
    let revised = indicators
        .as_array()
        .and_then(|list| list.iter().find(|i| i["code"] == "1.a"))
        .and_then(|i| i["values"].as_array())
        .and_then(|vs| vs.iter().find(|v| v["year"] == 2026))
        .cloned()
        .expect("2026's value");
    assert_eq!(revised["reported_by"], "health@example.se");
    let html = unescape(&app.get("/en/follow-up/2026").await.1);
    assert!(html.contains("Two releases were registered late."));
    assert!(!html.contains("Preliminary"));
    let json = app.json("/api/v1/follow-ups/2026?lang=en").await;
    assert_eq!(json["revisions"][0]["before"], "70");
    assert_eq!(json["revisions"][0]["after"], "72");

    // Every write is in the audit log.
    let filter = store::AuditFilter {
        object_type: Some("follow_up".into()),
        ..Default::default()
    };
    let log = app
        .store()
        .await
        .audit_entries(&filter, domain::PageRequest::new(1, 100).expect("page"))
        .await
        .expect("audit");
    for action in [
        "open_cycle",
        "submit",
        "return",
        "accept",
        "close_cycle",
        "revise",
    ] {
        assert!(
            log.items.iter().any(|e| e.action == action),
            "audit of {action}"
        );
    }
    app.stop().await;
}

pub(crate) fn pdf_text(pdf: &[u8]) -> String {
    let dir = std::env::temp_dir().join(format!(
        "samverkan-pdf-{}-{}",
        std::process::id(),
        store::now_millis()
    ));
    std::fs::create_dir_all(&dir).expect("dir");
    let file = dir.join("report.pdf");
    std::fs::write(&file, pdf).expect("write");
    let out = std::process::Command::new("pdftotext")
        .arg("-layout")
        .arg(&file)
        .arg("-")
        .output()
        .expect("pdftotext from poppler-utils is installed (scripts/test installs it)");
    assert!(
        out.status.success(),
        "pdftotext reads the PDF: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let _ = std::fs::remove_dir_all(&dir);
    String::from_utf8(out.stdout).expect("utf-8")
}

#[tokio::test]
async fn the_pdf_report_has_the_five_areas_in_the_chosen_language_and_its_charts() {
    let app = TestApp::spawn().await;
    // A new site has the example year: its report is there from the first start, and says it is an example.
    let areas = app.json("/api/v1/focus-areas").await;
    for (lang, figure, summary, example) in [
        (
            "en",
            "Figure",
            "Summary",
            "The follow-up of 2025 is an example",
        ),
        (
            "sv",
            "Figur",
            "Sammanfattning",
            "Uppföljningen 2025 är ett exempel",
        ),
    ] {
        let res = app
            .client
            .get(format!(
                "{}/api/v1/follow-ups/2025/report.pdf?lang={lang}",
                app.base
            ))
            .send()
            .await
            .expect("pdf");
        assert_eq!(res.status(), StatusCode::OK);
        assert_eq!(res.headers()["content-type"], "application/pdf");
        let bytes = res.bytes().await.expect("bytes");
        assert!(bytes.starts_with(b"%PDF-"));
        let text = pdf_text(&bytes);
        let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(flat.contains(summary), "{lang}: {flat}");
        assert!(
            flat.contains(example),
            "{lang}: the example year says so: {flat}"
        );
        for a in areas.as_array().expect("areas") {
            let name = a["name"][lang].as_str().expect("name");
            assert!(flat.contains(name), "{lang}: area {name} in the PDF");
        }
        // Each indicator has a chart, captioned as a figure, with its years on the axis.
        assert!(
            flat.contains(&format!("{figure} 1")),
            "{lang}: charts are figures"
        );
        assert!(
            flat.contains("2023") && flat.contains("2030"),
            "{lang}: the chart's year axis"
        );
        // The fonts are embedded: pdffonts lists none that is not.
    }
    // The internal version is the office's; a year without a cycle is not found.
    let res = app
        .client
        .get(format!(
            "{}/api/v1/follow-ups/2025/report.pdf?version=internal",
            app.base
        ))
        .send()
        .await
        .expect("get");
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    let res = app
        .client
        .get(format!("{}/api/v1/follow-ups/2019/report.pdf", app.base))
        .send()
        .await
        .expect("get");
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
    let res = app
        .client
        .get(format!("{}/api/v1/follow-ups/2025?lang=xx", app.base))
        .send()
        .await
        .expect("get");
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);

    // The command line writes the same report.
    let store = app.store().await;
    let pdf = samverkan::report(
        &store,
        2025,
        domain::Lang::En,
        true,
        samverkan::config::ReportFormat::Pdf,
    )
    .await
    .expect("pdf");
    let text = pdf_text(&pdf);
    assert!(
        text.contains("internal version"),
        "the internal version is marked"
    );
    let html = samverkan::report(
        &store,
        2025,
        domain::Lang::Sv,
        false,
        samverkan::config::ReportFormat::Html,
    )
    .await
    .expect("html");
    let html = String::from_utf8(html).expect("utf-8");
    assert!(
        html.starts_with("<!doctype html>")
            && html.contains("lang=\"sv\"")
            && html.contains("Uppföljning 2025")
    );
    assert!(
        !html.contains("<script"),
        "the standalone file has no scripts"
    );
    for (format, inside) in [
        (samverkan::config::ReportFormat::Docx, "word/document.xml"),
        (samverkan::config::ReportFormat::Xlsx, "xl/workbook.xml"),
    ] {
        let bytes = samverkan::report(&store, 2025, domain::Lang::Sv, false, format)
            .await
            .expect("office file");
        let zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip container");
        assert!(
            zip.file_names().any(|n| n.is_ok_and(|n| n == inside)),
            "{inside}"
        );
    }
    assert!(
        samverkan::report(
            &store,
            2019,
            domain::Lang::Sv,
            false,
            samverkan::config::ReportFormat::Html
        )
        .await
        .is_err()
    );
    app.stop().await;
}

#[tokio::test]
async fn reporters_with_unsent_reports_are_reminded_once_per_stage() {
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
    let (measure, _) = measure_and_indicator(&app).await;
    let today = domain::IsoDate::from_unix_millis(store::now_millis());
    // A deadline ten days away: the 14-day reminder is due.
    let deadline = domain::IsoDate::from_unix_millis((today.days_since_epoch() + 10) * 86_400_000);
    let res = open_cycle(
        &app,
        &office,
        &today.year().to_string(),
        &deadline.to_string(),
    )
    .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let year = today.year();
    // Measure 1.1 is sent; 1.2 (the same actor) is not.
    let path = format!("/en/follow-up/{year}/reports/{measure}");
    let csrf = csrf_in(&app.page(&reporter, &path).await).expect("csrf");
    let res = app
        .post_form(
            &reporter,
            &path,
            &[
                ("csrf", csrf.as_str()),
                ("action", "submit"),
                ("status", "ongoing"),
                ("narrative", "Done."),
                ("evidence", ""),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);

    let store = app.store().await;
    let sent = samverkan::background::send_reminders(&store, "https://samverkan.example")
        .await
        .expect("remind");
    assert_eq!(sent, 1, "one reporter, one unsent measure");
    let mail = app.mail("health@example.se").await;
    let reminder = mail
        .iter()
        .find(|m| m.subject.contains("Reminder"))
        .expect("reminder");
    assert!(reminder.subject.contains("Påminnelse"), "in both languages");
    assert!(reminder.body.contains("1.2 "), "{}", reminder.body);
    assert!(
        !reminder.body.contains("1.1 "),
        "a sent report is not reminded"
    );
    assert!(reminder.body.contains(&deadline.to_string()));
    assert!(
        reminder
            .body
            .contains("https://samverkan.example/en/follow-up/")
    );
    let again = samverkan::background::send_reminders(&store, "https://samverkan.example")
        .await
        .expect("remind");
    assert_eq!(again, 0, "each stage is sent once");
    app.stop().await;
}

#[tokio::test]
async fn the_responsible_actors_reporter_edits_a_measure_and_others_cannot() {
    let app = TestApp::spawn().await;
    app.user(
        "health@example.se",
        "reporter",
        Some("centrum-for-halsodata"),
    )
    .await;
    app.user("kth@example.se", "reporter", Some("kth")).await;
    let reporter = app.signed_in("health@example.se", PASSWORD).await;
    let other = app.signed_in("kth@example.se", PASSWORD).await;
    let (measure, _) = measure_and_indicator(&app).await;
    let path = format!("/en/measures/{measure}/edit");
    let res = other
        .get(format!("{}{path}", app.base))
        .send()
        .await
        .expect("get");
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    let page = app
        .page(&reporter, &format!("/en/measures/{measure}"))
        .await;
    assert!(
        page.contains(&path),
        "the measure page links to its form for the reporter"
    );
    let public = app.get(&format!("/en/measures/{measure}")).await.1;
    assert!(!public.contains(&path), "but not for the public");

    let csrf = app.csrf(&reporter, &path).await;
    let mut form = vec![
        ("csrf", csrf.as_str()),
        ("status", "delayed"),
        ("start", "2024-01-01"),
        ("end", "2023-12-31"),
        ("title_sv", "Centrum för hälsodata"),
        ("title_en", "Centre for Health Data"),
        ("description_sv", "Ny beskrivning."),
        ("description_en", "New description."),
    ];
    let res = app.post_form(&reporter, &path, &form).await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = unescape(&res.text().await.expect("t"));
    assert!(html.contains("The end cannot be before the start."));
    assert!(html.contains("New description."), "what was typed is kept");
    let measures = app.json("/api/v1/measures").await;
    let m = measures
        .as_array()
        .expect("m")
        .iter()
        .find(|m| m["id"] == measure)
        .expect("m")
        .clone();
    assert_eq!(m["status"], "ongoing", "a refused form changes nothing");

    form[3] = ("end", "2027-12-31");
    let res = app.post_form(&reporter, &path, &form).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let measures = app.json("/api/v1/measures").await;
    let m = measures
        .as_array()
        .expect("m")
        .iter()
        .find(|m| m["id"] == measure)
        .expect("m")
        .clone();
    assert_eq!(m["status"], "delayed");
    assert_eq!(m["description"]["en"], "New description.");
    assert_eq!(m["end"], "2027-12-31");
    let filter = store::AuditFilter {
        object_type: Some("measure".into()),
        ..Default::default()
    };
    let log = app
        .store()
        .await
        .audit_entries(&filter, domain::PageRequest::new(1, 10).expect("page"))
        .await
        .expect("audit");
    assert_eq!(log.items.len(), 1);
    assert!(
        log.items[0]
            .changes
            .iter()
            .any(|c| c.path.contains("status"))
    );
    app.stop().await;
}
