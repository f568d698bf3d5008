//! Data-permit applications as a researcher and the data-access staff live them: a draft saved and refused as
//! incomplete, bad input refused with its field named and nothing saved, submission that reaches the holder's
//! staff only, section review, a clarification that pauses the clock, a decision with conditions, moves refused
//! to the wrong side and after the decision, and an audit trail without the application's text.

use crate::helpers::{PASSWORD, TestApp, csrf_in, unescape};
use reqwest::StatusCode;
use sqlx::Connection;

const BASE: &str = "/en/health-data/applications";

async fn post(
    app: &TestApp,
    who: &reqwest::Client,
    page: &str,
    path: &str,
    fields: &[(&str, &str)],
) -> (StatusCode, String, String) {
    let csrf = csrf_in(&app.page(who, page).await).unwrap_or_default();
    let mut form: Vec<(&str, &str)> = vec![("csrf", csrf.as_str())];
    form.extend_from_slice(fields);
    let res = app.post_form(who, path, &form).await;
    let status = res.status();
    let location = res
        .headers()
        .get("location")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    (status, location, unescape(&res.text().await.expect("text")))
}

const COMPLETE: &[(&str, &str)] = &[
    ("title", "Metformin and HbA1c in Stockholm"),
    ("sources", "region-stockholm-halsodata"),
    ("purpose", "research"),
    (
        "purpose_text",
        "Whether metformin started early lowers HbA1c after two years.",
    ),
    (
        "data",
        "Diagnoses E11, ATC A10BA02, HbA1c values, 2010-2024.",
    ),
    ("form", "pseudonymised"),
    ("variables", "conditions"),
    ("variables", "drugs"),
    ("variables", "measurements"),
    ("data_from", "2010"),
    ("data_to", "2024"),
    (
        "justification",
        "Linking dispensings to lab values needs a pseudonym per person.",
    ),
    (
        "safeguards",
        "Pseudonyms held by the data-access body; results reviewed before release.",
    ),
    ("period_from", "2027-01-01"),
    ("period_to", "2028-12-31"),
    ("environment", "The region's secure processing environment."),
    ("tools", "R and Python"),
    ("ethics_ref", "2026-01234-01"),
    ("article6", "e"),
    ("article9", "j"),
    (
        "secrecy",
        "Released only as aggregates; no person can be identified.",
    ),
];

async fn status_of(app: &TestApp, who: &reqwest::Client, id: &str) -> String {
    let v: serde_json::Value = who
        .get(format!("{}/api/v1/health-data/applications/{id}", app.base))
        .send()
        .await
        .expect("get")
        .json()
        .await
        .expect("json");
    v["status"].as_str().unwrap_or_default().to_owned()
}

#[tokio::test]
async fn a_researcher_applies_and_the_holders_staff_review_and_decide() {
    let app = TestApp::spawn().await;
    app.user(
        "forskare@ki.example",
        "researcher",
        Some("karolinska-institutet"),
    )
    .await;
    app.user(
        "annan@ki.example",
        "researcher",
        Some("karolinska-institutet"),
    )
    .await;
    app.user(
        "handlaggare@cfh.example",
        "data_access",
        Some("centrum-for-halsodata"),
    )
    .await;
    app.user("biobank@pku.example", "data_access", Some("pku-biobanken"))
        .await;
    app.user("company@example.se", "company", Some("biolamina"))
        .await;
    let researcher = app.signed_in("forskare@ki.example", PASSWORD).await;
    let other = app.signed_in("annan@ki.example", PASSWORD).await;
    let staff = app.signed_in("handlaggare@cfh.example", PASSWORD).await;
    let pku = app.signed_in("biobank@pku.example", PASSWORD).await;
    let company = app.signed_in("company@example.se", PASSWORD).await;

    // Only researchers apply.
    let res = company
        .get(format!("{}{BASE}/new", app.base))
        .send()
        .await
        .expect("get");
    assert_eq!(res.status(), StatusCode::FORBIDDEN);

    // Bad input: each field named, nothing saved.
    let new = format!("{BASE}/new");
    let (status, _, page) = post(
        &app,
        &researcher,
        &new,
        &new,
        &[
            ("title", "Metformin"),
            ("sources", "no-such-source"),
            ("period_from", "2027-13-01"),
            ("period_to", "2026-01-01"),
            ("ethics_ref", "Dnr 123"),
            ("purpose", "curiosity"),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{page}");
    for message in [
        "Choose sources from the catalogue.",
        "Write a date as YYYY-MM-DD.",
        "Write the reference as Etikprövningsmyndigheten does",
        "Choose",
    ] {
        assert!(page.contains(message), "{message} in {page}");
    }
    let list = app.page(&researcher, BASE).await;
    assert!(
        list.contains("There are no applications to show."),
        "{list}"
    );

    // A draft with a title and a source: saved, but refused as incomplete on submission.
    let (status, location, _) = post(
        &app,
        &researcher,
        &new,
        &new,
        &[
            ("title", "Metformin and HbA1c"),
            ("sources", "region-stockholm-halsodata"),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let id = location
        .split('/')
        .next_back()
        .and_then(|s| s.split('?').next())
        .expect("id")
        .to_owned();
    let path = format!("{BASE}/{id}");
    let draft = unescape(&app.page(&researcher, &path).await);
    assert!(draft.contains("Draft"));
    assert!(
        draft.contains("Before it can be submitted, the application needs:"),
        "{draft}"
    );
    let (status, _, page) = post(
        &app,
        &researcher,
        &path,
        &format!("{path}/move"),
        &[("move", "submit"), ("status", "draft")],
    )
    .await;
    assert_eq!(status, StatusCode::CONFLICT, "{page}");
    assert!(page.contains("The application is incomplete"), "{page}");
    // A draft is the applicant's alone.
    for who in [&staff, &other] {
        let res = who
            .get(format!("{}{path}", app.base))
            .send()
            .await
            .expect("get");
        assert!(
            [StatusCode::NOT_FOUND, StatusCode::FORBIDDEN].contains(&res.status()),
            "{}",
            res.status()
        );
    }

    // Completed and submitted: the holder's staff hear of it; another body's staff do not, nor see it.
    let edit = format!("{path}/edit");
    let (status, _, page) = post(&app, &researcher, &edit, &edit, COMPLETE).await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{page}");
    let (status, _, page) = post(
        &app,
        &researcher,
        &path,
        &format!("{path}/move"),
        &[("move", "submit"), ("status", "draft")],
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{page}");
    assert_eq!(status_of(&app, &researcher, &id).await, "submitted");
    assert_eq!(app.mail("handlaggare@cfh.example").await.len(), 1);
    assert!(app.mail("biobank@pku.example").await.is_empty());
    let res = pku
        .get(format!("{}{path}", app.base))
        .send()
        .await
        .expect("get");
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    assert!(!app.page(&pku, BASE).await.contains("Metformin"));
    assert!(
        app.page(&staff, BASE)
            .await
            .contains("Metformin and HbA1c in Stockholm")
    );
    // Submitted, it is no longer the applicant's to change.
    let res = researcher
        .get(format!("{}{edit}", app.base))
        .send()
        .await
        .expect("get");
    assert_eq!(res.status(), StatusCode::CONFLICT);

    // The wrong side's moves are refused.
    let (status, _, _) = post(
        &app,
        &researcher,
        &path,
        &format!("{path}/move"),
        &[("move", "take")],
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, _, _) = post(
        &app,
        &staff,
        &path,
        &format!("{path}/move"),
        &[("move", "withdraw")],
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN);

    // Review: taken, a section to clarify, approval refused while sections are open.
    let (status, _, _) = post(
        &app,
        &staff,
        &path,
        &format!("{path}/move"),
        &[("move", "take")],
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let (status, _, page) = post(
        &app,
        &staff,
        &path,
        &format!("{path}/move"),
        &[("move", "approve")],
    )
    .await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert!(page.contains("9 sections are not accepted yet"), "{page}");
    let review = format!("{path}/review");
    let (status, _, _) = post(
        &app,
        &staff,
        &path,
        &review,
        &[
            ("section", "safeguards"),
            ("verdict", "needs_clarification"),
            ("note", ""),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let (status, _, _) = post(
        &app,
        &staff,
        &path,
        &review,
        &[
            ("section", "safeguards"),
            ("verdict", "needs_clarification"),
            ("note", "Who holds the pseudonym key?"),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let (status, _, _) = post(
        &app,
        &staff,
        &path,
        &format!("{path}/move"),
        &[("move", "clarify"), ("text", "")],
    )
    .await;
    assert_eq!(status, StatusCode::CONFLICT, "a clarification says what");
    let (status, _, _) = post(
        &app,
        &staff,
        &path,
        &format!("{path}/move"),
        &[
            ("move", "clarify"),
            ("text", "Say who holds the pseudonym key."),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let v: serde_json::Value = researcher
        .get(format!("{}/api/v1/health-data/applications/{id}", app.base))
        .send()
        .await
        .expect("get")
        .json()
        .await
        .expect("json");
    assert_eq!(v["status"], "clarification_requested");
    assert_eq!(v["clock_paused"], true);
    assert_eq!(v["clock_allowed"], 90);
    // The applicant heard of the review starting and of the clarification asked.
    assert_eq!(app.mail("forskare@ki.example").await.len(), 2);
    let page = unescape(&app.page(&researcher, &path).await);
    assert!(page.contains("Who holds the pseudonym key?"), "{page}");
    assert!(page.contains("paused while a clarification is pending"));

    // The applicant clarifies (the application may be changed meanwhile) and the review goes on.
    let mut clarified: Vec<(&str, &str)> = COMPLETE.to_vec();
    clarified.retain(|(k, _)| *k != "safeguards");
    clarified.push((
        "safeguards",
        "The data-access body holds the pseudonym key; we never see it.",
    ));
    let (status, _, _) = post(&app, &researcher, &edit, &edit, &clarified).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let (status, _, _) = post(
        &app,
        &researcher,
        &path,
        &format!("{path}/move"),
        &[
            ("move", "respond"),
            ("text", "The key stays with the body."),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(status_of(&app, &staff, &id).await, "in_review");

    // Every section accepted; conditions need a text; approved with conditions.
    for s in [
        "purpose",
        "data",
        "form",
        "safeguards",
        "period",
        "environment",
        "ethics",
        "legal_basis",
        "secrecy",
    ] {
        let (status, _, _) = post(
            &app,
            &staff,
            &path,
            &review,
            &[("section", s), ("verdict", "accepted")],
        )
        .await;
        assert_eq!(status, StatusCode::SEE_OTHER, "{s}");
    }
    let (status, _, _) = post(
        &app,
        &staff,
        &path,
        &format!("{path}/move"),
        &[("move", "approve_with_conditions"), ("text", " ")],
    )
    .await;
    assert_eq!(status, StatusCode::CONFLICT);
    let (status, _, _) = post(
        &app,
        &staff,
        &path,
        &format!("{path}/move"),
        &[
            ("move", "approve_with_conditions"),
            ("text", "Results only as aggregates of at least 10."),
            ("budget", "nothing"),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::CONFLICT, "a permit needs a budget");
    let (status, _, _) = post(
        &app,
        &staff,
        &path,
        &format!("{path}/move"),
        &[
            ("move", "approve_with_conditions"),
            ("text", "Results only as aggregates of at least 10."),
            ("budget", "2,5"),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let page = unescape(&app.page(&researcher, &path).await);
    assert!(page.contains("Approved with conditions"), "{page}");
    assert!(page.contains("Results only as aggregates of at least 10."));
    assert!(page.contains("stopped at the decision"));
    assert!(
        page.contains("Privacy budget of the project</dt><dd>2.5<"),
        "{page}"
    );
    assert_eq!(app.mail("forskare@ki.example").await.len(), 3);

    // Decided: no move is left, through the form or the API.
    let (status, _, _) = post(
        &app,
        &researcher,
        &path,
        &format!("{path}/move"),
        &[("move", "withdraw"), ("confirm", "1")],
    )
    .await;
    assert_eq!(status, StatusCode::CONFLICT);
    let res = staff
        .post(format!(
            "{}/api/v1/health-data/applications/{id}/move",
            app.base
        ))
        .header("x-csrf-token", "none")
        .json(&serde_json::json!({ "move": "refuse", "text": "No." }))
        .send()
        .await
        .expect("post");
    assert!(res.status().is_client_error(), "{}", res.status());
    assert_eq!(
        status_of(&app, &researcher, &id).await,
        "approved_with_conditions"
    );

    // The API lists it for the applicant and the staff, not for another researcher.
    for (who, sees) in [(&researcher, true), (&staff, true), (&other, false)] {
        let v: serde_json::Value = who
            .get(format!("{}/api/v1/health-data/applications", app.base))
            .send()
            .await
            .expect("get")
            .json()
            .await
            .expect("json");
        let has = v["items"]
            .as_array()
            .expect("items")
            .iter()
            .any(|i| i["id"].as_i64().map(|n| n.to_string()).as_deref() == Some(id.as_str()));
        assert_eq!(has, sees, "{v}");
    }

    // The office's figures: one submitted, one decided, none in force yet (the permit starts in 2027).
    app.user("office@example.se", "admin", None).await;
    let office = app.signed_in("office@example.se", PASSWORD).await;
    let list = unescape(&app.page(&office, BASE).await);
    for figure in [
        "Applications submitted</dt><dd>1<",
        "Applications decided</dt><dd>1<",
        "Permits in force today</dt><dd>0<",
    ] {
        assert!(list.contains(figure), "{figure} in {list}");
    }

    // Every move is audited, without the application's text.
    let mut conn = sqlx::AnyConnection::connect(&app.db_url())
        .await
        .expect("connect");
    let rows: Vec<(String, String)> = sqlx::query_as(
        "SELECT action, diff FROM audit_log WHERE object_type = 'health_application' ORDER BY id",
    )
    .fetch_all(&mut conn)
    .await
    .expect("audit");
    let actions: Vec<&str> = rows.iter().map(|r| r.0.as_str()).collect();
    for a in [
        "save",
        "submit",
        "take",
        "review",
        "clarify",
        "respond",
        "approve_with_conditions",
    ] {
        assert!(actions.contains(&a), "{a} in {actions:?}");
    }
    assert!(rows.iter().all(|r| !r.1.contains("pseudonym")), "{rows:?}");
    app.stop().await;
}

/// A granted permit is a project: its cohort questions must stay within the permit's source, kinds of records
/// and years, are charged to the budget set in the decision (not the researcher's own), and every refusal names
/// its rule and is audited.
#[tokio::test]
async fn a_permit_scopes_the_projects_cohort_questions() {
    use domain::permits::{
        Application, Article6, Article9, DataForm, Move, Purpose, Section, Side, Status, Variable,
        Verdict,
    };
    let data = tempfile::tempdir().expect("tempdir");
    let app = TestApp::spawn_with_health(data.path()).await;
    let researcher_id = app
        .user(
            "forskare@ki.example",
            "researcher",
            Some("karolinska-institutet"),
        )
        .await;
    let staff_id = app
        .user(
            "syntet@office.example",
            "data_access",
            Some("programkontoret-life-science"),
        )
        .await;
    let other_id = app
        .user(
            "annan@ki.example",
            "researcher",
            Some("karolinska-institutet"),
        )
        .await;
    let store = app.store().await;
    let today = store::today();
    let day = |offset: i64| {
        domain::IsoDate::from_unix_millis((today.days_since_epoch() + offset) * 86_400_000)
    };
    let a = Application {
        title: "Diabetes in the synthetic population".into(),
        sources: vec![domain::Slug::parse("syntetisk-befolkning").expect("slug")],
        purpose: Some(Purpose::Research),
        purpose_text: "Method development.".into(),
        data: "Diagnoses.".into(),
        variables: vec![Variable::Conditions],
        data_from: Some(2010),
        data_to: Some(2020),
        form: Some(DataForm::Anonymised),
        safeguards: "Aggregates only.".into(),
        period_from: Some(day(-1)),
        period_to: Some(day(30)),
        environment: "Samverkan.".into(),
        tools: "The cohort form.".into(),
        ethics_ref: "2026-01234-01".into(),
        article6: Some(Article6::PublicTask),
        article9: Some(Article9::Research),
        secrecy: "Synthetic.".into(),
        ..Application::default()
    };
    let id = store
        .save_health_application(None, researcher_id, &a)
        .await
        .expect("draft");
    let notice = store::PermitNotice {
        subject: "s".into(),
        body: "b".into(),
    };
    for (from, m, side, by) in [
        (Status::Draft, Move::Submit, Side::Applicant, researcher_id),
        (Status::Submitted, Move::Take, Side::Staff, staff_id),
    ] {
        store
            .move_health_application(id, from, m, side, "", 0, by, &notice)
            .await
            .expect("move");
    }
    for s in Section::ALL {
        store
            .review_health_section(id, *s, Verdict::Accepted, "", staff_id)
            .await
            .expect("review");
    }
    store
        .move_health_application(
            id,
            Status::InReview,
            Move::Approve,
            Side::Staff,
            "",
            1000,
            staff_id,
            &notice,
        )
        .await
        .expect("approved with a budget of 1");

    let researcher = app.signed_in("forskare@ki.example", PASSWORD).await;
    let ask = |body: serde_json::Value| {
        let researcher = researcher.clone();
        let url = format!("{}/api/v1/health-data/cohorts/count", app.base);
        async move {
            let res = researcher.post(url).json(&body).send().await.expect("post");
            let status = res.status();
            (
                status,
                res.json::<serde_json::Value>().await.unwrap_or_default(),
            )
        }
    };
    let definition = |domain: &str, code: i64, start: Option<&str>, end: Option<&str>| {
        let days = |d: &str| domain::IsoDate::parse(d).expect("date").days_since_epoch();
        serde_json::json!({
            "index": { "domain": domain, "concepts": { "concepts": [code], "descendants": true } },
            "first_only": false,
            "age_min": null,
            "age_max": null,
            "sex": null,
            "prior_observation_days": 0,
            "rules": [],
            "period_start": start.map(days),
            "period_end": end.map(days),
        })
    };
    let vocab = health::vocabulary::Vocabulary::built_in();
    let e11 = vocab.by_code("ICD10", "E11").expect("E11").id;
    let metformin = vocab.by_code("ATC", "A10BA02").expect("metformin").id;

    // Within the permit: answered, charged to the project (the researcher has no budget of their own).
    let (status, v) = ask(serde_json::json!({
        "project": id,
        "definition": definition("condition", e11, Some("2012-01-01"), Some("2019-12-31")),
    }))
    .await;
    assert_eq!(status, StatusCode::OK, "{v}");
    assert_eq!(v["budget_left"], "0.5");
    let (status, _) = ask(serde_json::json!({
        "definition": definition("condition", e11, Some("2012-01-01"), Some("2019-12-31")),
    }))
    .await;
    assert_eq!(status, StatusCode::CONFLICT, "no budget of one's own");

    // Outside: a kind of record, the years, no period, another's project — each refused with its rule.
    for (body, rule) in [
        (
            serde_json::json!({ "project": id, "definition": definition("drug", metformin, Some("2012-01-01"), Some("2019-12-31")) }),
            "does not cover Drugs",
        ),
        (
            serde_json::json!({ "project": id, "definition": definition("condition", e11, Some("2005-01-01"), Some("2019-12-31")) }),
            "covers index events from 2010 to 2020",
        ),
        (
            serde_json::json!({ "project": id, "definition": definition("condition", e11, None, None) }),
            "covers index events from 2010 to 2020",
        ),
        (
            serde_json::json!({ "project": id + 1000, "definition": definition("condition", e11, Some("2012-01-01"), Some("2019-12-31")) }),
            "not an approved data-permit application of yours",
        ),
    ] {
        let (status, v) = ask(body).await;
        assert_eq!(status, StatusCode::CONFLICT, "{v}");
        assert!(v.to_string().contains(rule), "{rule} in {v}");
    }
    // Another researcher cannot ask in this project.
    let other = app.signed_in("annan@ki.example", PASSWORD).await;
    let res = other
        .post(format!("{}/api/v1/health-data/cohorts/count", app.base))
        .json(&serde_json::json!({ "project": id, "definition": definition("condition", e11, Some("2012-01-01"), Some("2019-12-31")) }))
        .send()
        .await
        .expect("post");
    assert_eq!(res.status(), StatusCode::CONFLICT);
    let _ = other_id;

    // The refusals are audited with their rule; the budget went only to the answered question.
    let mut conn = sqlx::AnyConnection::connect(&app.db_url())
        .await
        .expect("connect");
    let refusals: Vec<String> = sqlx::query_scalar(
        "SELECT diff FROM audit_log WHERE object_type = 'health_question' AND action = 'refuse-scope' ORDER BY id",
    )
    .fetch_all(&mut conn)
    .await
    .expect("audit");
    assert_eq!(refusals.len(), 3, "{refusals:?}");
    assert!(
        refusals[0].contains("does not cover Drugs") || refusals[0].contains("drugs"),
        "{refusals:?}"
    );
    let left = store
        .ledger_budget(researcher_id, store::Ledger::Project(id))
        .await
        .expect("budget")
        .expect("a project budget");
    assert_eq!(left.left().to_string(), "0.5");

    // ----- The output review: the researcher asks to release the answer; two staff vote blind. -----
    let second_id = app
        .user(
            "granskare@office.example",
            "data_access",
            Some("programkontoret-life-science"),
        )
        .await;
    app.user("office@example.se", "admin", None).await;
    let questions = store.project_questions(id).await.expect("questions");
    assert_eq!(questions.len(), 1);
    let project_path = format!("/en/health-data/applications/{id}");
    let (status, location, page) = post(
        &app,
        &researcher,
        &project_path,
        &format!("{project_path}/outputs"),
        &[
            ("question", questions[0].key.as_str()),
            ("title", "Type 2 diabetes, 2012-2019"),
            ("description", "Persons with a first diagnosis."),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{page}");
    let output_path = location.clone();
    let output_id: i64 = location
        .rsplit('/')
        .next()
        .and_then(|s| s.parse().ok())
        .expect("output id");
    let page = unescape(&app.page(&researcher, &output_path).await);
    assert!(
        page.contains("The automatic pre-check found nothing"),
        "{page}"
    );
    assert!(page.contains("No reviewer has voted yet"));
    // Not public before it is released, nor to another researcher.
    let (status, _) = app.get(&output_path).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let other = app.signed_in("annan@ki.example", PASSWORD).await;
    let res = other
        .get(format!("{}{output_path}", app.base))
        .send()
        .await
        .expect("get");
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
    // The author does not review it.
    let (status, _, _) = post(
        &app,
        &researcher,
        &output_path,
        &format!("{output_path}/vote"),
        &[("vote", "approve")],
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN);

    let first = app.signed_in("syntet@office.example", PASSWORD).await;
    let second = app.signed_in("granskare@office.example", PASSWORD).await;
    let (status, _, _) = post(
        &app,
        &first,
        &output_path,
        &format!("{output_path}/vote"),
        &[("vote", "approve"), ("note", "Aggregates only; fine.")],
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    // The second reviewer does not see the first vote before voting.
    let page = unescape(&app.page(&second, &output_path).await);
    assert!(page.contains("One of two reviewers has voted"), "{page}");
    assert!(!page.contains("Aggregates only; fine."), "{page}");
    assert!(page.contains("Save the vote"));
    // The first may not vote twice.
    let (status, _, _) = post(
        &app,
        &first,
        &output_path,
        &format!("{output_path}/vote"),
        &[("vote", "approve")],
    )
    .await;
    assert_eq!(status, StatusCode::CONFLICT);
    let (status, _, _) = post(
        &app,
        &second,
        &output_path,
        &format!("{output_path}/vote"),
        &[("vote", "approve")],
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let page = unescape(&app.page(&second, &output_path).await);
    assert!(page.contains("Released"));
    assert!(
        page.contains("Aggregates only; fine."),
        "both votes are shown once both are in"
    );
    // Released: public, listed, with the project's title and no exact count.
    let (status, public) = app.get(&output_path).await;
    assert_eq!(status, StatusCode::OK);
    assert!(public.contains("Diabetes in the synthetic population"));
    assert!(public.contains("about "), "{public}");
    assert!(!public.contains("Save the vote"));
    let (_, list) = app.get("/en/health-data/outputs").await;
    assert!(list.contains("Type 2 diabetes, 2012-2019"));

    // The office links it to a focus area and an indicator; a code of another area is refused.
    let office = app.signed_in("office@example.se", PASSWORD).await;
    let (status, _, _) = post(
        &app,
        &office,
        &output_path,
        &format!("{output_path}/link"),
        &[("area", "halsodata"), ("indicators", "2.a")],
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let (status, _, _) = post(
        &app,
        &office,
        &output_path,
        &format!("{output_path}/link"),
        &[("area", "halsodata"), ("indicators", "1.a")],
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let (_, public) = app.get(&output_path).await;
    assert!(public.contains("/en/strategy/halsodata"), "{public}");
    assert!(public.contains("Indicators: 1.a"), "{public}");
    // Staff may not link; the researcher may not either.
    let (status, _, _) = post(
        &app,
        &first,
        &output_path,
        &format!("{output_path}/link"),
        &[("area", "")],
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN);

    let actions: Vec<String> = sqlx::query_scalar(
        "SELECT action FROM audit_log WHERE object_type = 'health_output' AND object_key = $1 ORDER BY id",
    )
    .bind(output_id.to_string())
    .fetch_all(&mut conn)
    .await
    .expect("audit");
    assert_eq!(actions, ["request", "vote", "vote", "link"]);
    let _ = second_id;
    app.stop().await;
}
