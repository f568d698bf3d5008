//! The way in, self-service, over HTTP: a founder registers a company at sign-up and sends a request at once; a
//! request to an infrastructure with no manager reaches the programme office, which forwards it; the office
//! reviews new companies (approve, merge, reject) and sees the requests that wait too long, in working days.

use crate::helpers::{PASSWORD, TestApp, csrf_in, link_in, unescape};
use domain::catalogue::{PricingModel, Terms};
use reqwest::{Client, StatusCode};
use sqlx::Connection;

/// A valid organisation number (Luhn) no seeded actor has, and another.
const ORG: &str = "559123-4561";
const ORG_2: &str = "559876-5435";

fn path_of(url: &str) -> String {
    let rest = url.split("://").nth(1).expect("absolute link");
    format!("/{}", rest.split_once('/').expect("path").1)
}

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

/// Signs up with a company typed in, confirms the address and signs in; returns the client and the page shown
/// after confirming.
async fn sign_up_with_company(
    app: &TestApp,
    email: &str,
    org: &str,
    name: &str,
) -> (Client, String) {
    let c = app.browser();
    let csrf = app.csrf(&c, "/en/signup").await;
    let res = app
        .post_form(
            &c,
            "/en/signup",
            &[
                ("csrf", csrf.as_str()),
                ("display_name", "Sara Founder"),
                ("email", email),
                ("password", PASSWORD),
                ("password_confirm", PASSWORD),
                ("company_org_number", org),
                ("company_name", name),
                ("company_size", "micro"),
                ("company_campus", "flemingsberg"),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let mail = app.mail(email).await;
    let verify = mail
        .iter()
        .find(|m| m.subject.contains("Confirm"))
        .expect("verification mail");
    let path = path_of(&link_in(&verify.body));
    let html = app.page(&c, &path).await;
    let token = path.split("token=").nth(1).expect("token");
    let res = app
        .post_form(
            &c,
            "/en/verify",
            &[
                ("csrf", csrf_in(&html).expect("csrf").as_str()),
                ("token", token),
            ],
        )
        .await;
    let shown = unescape(&res.text().await.expect("text"));
    (app.signed_in(email, PASSWORD).await, shown)
}

#[tokio::test]
async fn a_founder_registers_the_company_at_sign_up_and_the_office_forwards_an_unmanned_request() {
    let app = TestApp::spawn().await;
    let office = app.user("office@region.example", "admin", None).await;
    let _ = office;
    app.user("manager@vecura.example", "manager", Some("vecura"))
        .await;

    // A mistyped organisation number is refused on the sign-up form, and nothing is created.
    let c = app.browser();
    let csrf = app.csrf(&c, "/sv/signup").await;
    let res = app
        .post_form(
            &c,
            "/sv/signup",
            &[
                ("csrf", csrf.as_str()),
                ("display_name", "Sara Founder"),
                ("email", "sara@organoids.example"),
                ("password", PASSWORD),
                ("password_confirm", PASSWORD),
                ("company_org_number", "559123-4562"),
                ("company_name", "Nordic Organoids AB"),
                ("company_size", "micro"),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = unescape(&res.text().await.expect("text"));
    assert!(
        html.contains("inte ett svenskt organisationsnummer"),
        "{html}"
    );
    assert!(app.mail("sara@organoids.example").await.is_empty());

    // With a right number the company is registered when the address is confirmed.
    let (founder, shown) =
        sign_up_with_company(&app, "sara@organoids.example", ORG, "Nordic Organoids AB").await;
    assert!(
        shown.contains("Nordic Organoids AB is in the atlas"),
        "{shown}"
    );
    let (status, page) = app.get("/en/actors/nordic-organoids-ab").await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("Registered by the company, not yet reviewed"));
    assert!(page.contains("Flemingsberg"));

    // The founder sends a request at once, to an infrastructure with no manager in Samverkan.
    let (status, form) = {
        let res = founder
            .get(format!(
                "{}/en/requests/new?service=kta-phase-1-unit",
                app.base
            ))
            .send()
            .await
            .expect("get");
        (res.status(), res.text().await.expect("text"))
    };
    assert_eq!(status, StatusCode::OK);
    assert!(
        form.contains("nordic-organoids-ab"),
        "the company is offered: {form}"
    );
    let (status, location) = post(
        &app,
        &founder,
        "/en/requests",
        &[
            ("provider", "karolinska-trial-alliance"),
            ("company", "nordic-organoids-ab"),
            ("services", "kta-phase-1-unit"),
            ("title", "Phase 1 of our organoid-derived therapy"),
            ("need", "A first-in-human study with 24 healthy volunteers."),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{location}");
    let id: i64 = location
        .trim_start_matches("/en/requests/")
        .trim_end_matches("?done=sent")
        .parse()
        .expect("id");
    let sent = unescape(&app.page(&founder, &location).await);
    assert!(
        sent.contains("Karolinska Trial Alliance has no manager in Samverkan yet, so it went to the programme office"),
        "{sent}"
    );
    assert!(
        sent.contains(
            "The programme office (Karolinska Trial Alliance has no manager in Samverkan)"
        )
    );
    let office_mail = app.mail("office@region.example").await;
    assert!(
        office_mail
            .iter()
            .any(|m| m.body.contains(&format!("/requests/{id}"))),
        "the office is told"
    );

    // The office sees it in its inbox, and forwards it.
    let admin = app.signed_in("office@region.example", PASSWORD).await;
    let figures = unescape(&app.page(&admin, "/en/admin/requests").await);
    let inbox = figures.split("id=\"overdue\"").next().expect("inbox part");
    assert!(
        inbox.contains("Phase 1 of our organoid-derived therapy"),
        "{inbox}"
    );
    let detail = unescape(&app.page(&admin, &format!("/en/requests/{id}")).await);
    assert!(detail.contains("Forward the request") && detail.contains("value=\"vecura\""));
    // The company does not get the forward form, nor may it post it.
    assert!(!sent.contains("Forward the request"));
    let (status, _) = post(
        &app,
        &founder,
        &format!("/en/requests/{id}/forward"),
        &[("to", "vecura")],
    )
    .await;
    assert_eq!(status, StatusCode::CONFLICT);
    let (status, page) = post(
        &app,
        &admin,
        &format!("/en/requests/{id}/forward"),
        &[("to", "karolinska-trial-alliance")],
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.contains("already with that infrastructure"), "{page}");
    let (status, location) = post(
        &app,
        &admin,
        &format!("/en/requests/{id}/forward"),
        &[
            ("to", "vecura"),
            ("reason", "Vecura runs GMP manufacturing before phase 1."),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{location}");
    let after = unescape(&app.page(&founder, &format!("/en/requests/{id}")).await);
    assert!(
        after.contains("Forwarded from Karolinska Trial Alliance"),
        "{after}"
    );
    assert!(after.contains("The managers of Vecura"));
    assert!(
        !after.contains("Phase 1 clinical trial unit"),
        "the first infrastructure's services are dropped"
    );
    let manager_mail = app.mail("manager@vecura.example").await;
    assert!(
        manager_mail
            .iter()
            .any(|m| m.body.contains("has forwarded the access request"))
    );
    let founder_mail = app.mail("sara@organoids.example").await;
    assert!(
        founder_mail
            .iter()
            .any(|m| m.body.contains("has forwarded your access request"))
    );
    let figures = unescape(&app.page(&admin, "/en/admin/requests").await);
    assert!(figures.contains("No request is waiting for the office."));

    // Once the infrastructure has taken it up, it can no longer be forwarded.
    let manager = app.signed_in("manager@vecura.example", PASSWORD).await;
    let (status, _) = post(
        &app,
        &manager,
        &format!("/en/requests/{id}/transition"),
        &[("move", "accept")],
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let (status, page) = post(
        &app,
        &admin,
        &format!("/en/requests/{id}/forward"),
        &[("to", "karolinska-trial-alliance")],
    )
    .await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert!(page.contains("can no longer be forwarded"), "{page}");

    // The office approves the company: the mark goes.
    let queue = unescape(&app.page(&admin, "/en/admin/companies").await);
    assert!(
        queue.contains("Nordic Organoids AB")
            && queue.contains(ORG)
            && queue.contains("sara@organoids.example")
    );
    let (status, _) = post(
        &app,
        &admin,
        "/en/admin/companies/nordic-organoids-ab",
        &[("action", "approve")],
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let (_, page) = app.get("/en/actors/nordic-organoids-ab").await;
    assert!(!page.contains("not yet reviewed"));
    let queue = unescape(&app.page(&admin, "/en/admin/companies").await);
    assert!(queue.contains("No company is waiting for review."));
    let (status, page) = post(
        &app,
        &admin,
        "/en/admin/companies/nordic-organoids-ab",
        &[("action", "approve")],
    )
    .await;
    assert_eq!(
        status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "approving twice is refused"
    );
    assert!(page.contains("no longer waiting"));
    app.stop().await;
}

#[tokio::test]
async fn the_office_merges_or_rejects_a_registered_company() {
    let app = TestApp::spawn().await;
    app.user("office@region.example", "admin", None).await;
    let admin = app.signed_in("office@region.example", PASSWORD).await;

    let (founder, _) =
        sign_up_with_company(&app, "lars@biolamina.example", ORG, "BioLamina Sweden").await;
    // The same organisation number cannot be registered twice.
    let other = {
        app.user("eva@example.se", "reporter", Some("vecura")).await;
        app.signed_in("eva@example.se", PASSWORD).await
    };
    // A person already signed in, with no company, is offered to register theirs on the request form.
    let offer = unescape(
        &app.page(&other, "/en/requests/new?service=kta-phase-1-unit")
            .await,
    );
    assert!(offer.contains("/en/companies/register"), "{offer}");
    let (status, page) = post(
        &app,
        &other,
        "/en/companies/register",
        &[
            ("company_org_number", ORG),
            ("company_name", "Copy AB"),
            ("company_size", "small"),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        page.contains("already in the atlas: BioLamina Sweden"),
        "{page}"
    );
    let (status, page) = post(
        &app,
        &other,
        "/en/companies/register",
        &[
            ("company_org_number", ORG_2),
            ("company_name", ""),
            ("company_size", "giant"),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        page.contains("This field is required") || page.contains("required"),
        "{page}"
    );
    let (status, page) = post(
        &app,
        &other,
        "/en/companies/register",
        &[
            ("company_org_number", ORG_2),
            ("company_name", "Spam Holding"),
            ("company_size", "large"),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{page}");
    assert!(page.contains("Spam Holding is in the atlas"));
    let (status, body) = app.get("/en/actors/spam-holding").await;
    assert_eq!(status, StatusCode::OK, "{body}");

    // A request from the company to be merged moves with it.
    let (status, _) = post(
        &app,
        &founder,
        "/en/requests",
        &[
            ("provider", "vecura"),
            ("company", "biolamina-sweden"),
            ("title", "Laminin coating for GMP"),
            ("need", "Scale-up of our coating."),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);

    // Merge: a name that is no actor is refused and changes nothing; the right one moves people and requests.
    let (status, page) = post(
        &app,
        &admin,
        "/en/admin/companies/biolamina-sweden",
        &[("action", "merge"), ("into", "no-such-actor")],
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.contains("no such actor to merge into"), "{page}");
    let (status, _) = post(
        &app,
        &admin,
        "/en/admin/companies/biolamina-sweden",
        &[("action", "merge"), ("into", "biolamina")],
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let (status, _) = app.get("/en/actors/biolamina-sweden").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let mine = unescape(&app.page(&founder, "/en/requests").await);
    assert!(
        mine.contains("Laminin coating for GMP") && mine.contains("BioLamina"),
        "{mine}"
    );

    // Reject: a reason is needed; with one, the people are told why and the company leaves the atlas.
    let (status, page) = post(
        &app,
        &admin,
        "/en/admin/companies/spam-holding",
        &[("action", "reject"), ("reason", "  ")],
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.contains("Write the reason for rejecting"));
    let (status, _) = app.get("/en/actors/spam-holding").await;
    assert_eq!(
        status,
        StatusCode::OK,
        "a refused rejection changes nothing"
    );
    let (status, _) = post(
        &app,
        &admin,
        "/en/admin/companies/spam-holding",
        &[
            ("action", "reject"),
            ("reason", "No such company at Bolagsverket."),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let (status, _) = app.get("/en/actors/spam-holding").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let told = app.mail("eva@example.se").await;
    assert!(
        told.iter()
            .any(|m| m.body.contains("No such company at Bolagsverket."))
    );
    // Every step is in the audit log.
    let log = unescape(&app.page(&admin, "/en/admin/audit?object_type=actor").await);
    for action in ["register", "merge", "reject"] {
        assert!(log.contains(action), "audit of {action}");
    }
    // Nobody but the office reviews.
    let (status, _) = post(
        &app,
        &founder,
        "/en/admin/companies/biolamina",
        &[("action", "approve")],
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    app.stop().await;
}

#[tokio::test]
async fn overdue_requests_are_counted_in_working_days_listed_exported_and_mailed_once_a_day() {
    let app = TestApp::spawn().await;
    app.user("office@region.example", "admin", None).await;
    app.user("member@biolamina.example", "company", Some("biolamina"))
        .await;
    let member = app.signed_in("member@biolamina.example", PASSWORD).await;
    let mut ids = Vec::new();
    for title in ["Old request", "Fresh request"] {
        let (status, location) = post(
            &app,
            &member,
            "/en/requests",
            &[
                ("provider", "vecura"),
                ("company", "biolamina"),
                ("title", title),
                ("need", "A need."),
            ],
        )
        .await;
        assert_eq!(status, StatusCode::SEE_OTHER);
        ids.push(
            location
                .trim_start_matches("/en/requests/")
                .trim_end_matches("?done=sent")
                .parse::<i64>()
                .expect("id"),
        );
    }
    // The old one was sent on Monday 2 November 2026: by Monday 16 November it has waited 10 working days.
    let sent = domain::IsoDate::parse("2026-11-02")
        .expect("date")
        .days_since_epoch()
        * 86_400_000
        + 9 * 3_600_000;
    let mut conn = sqlx::AnyConnection::connect(&app.db_url())
        .await
        .expect("connect");
    sqlx::query("UPDATE access_requests SET submitted_at = $1, created_at = $1 WHERE id = $2")
        .bind(sent)
        .bind(ids[0])
        .execute(&mut conn)
        .await
        .expect("backdate");
    let store = app.store().await;
    let monday = domain::IsoDate::parse("2026-11-16")
        .expect("date")
        .days_since_epoch()
        * 86_400_000
        + 10 * 3_600_000;
    let waiting = app::requests::unanswered(&store, monday, 5)
        .await
        .expect("unanswered");
    let old = waiting
        .iter()
        .find(|w| w.request.id == ids[0])
        .expect("old");
    assert_eq!(old.working_days, 10);
    assert!(old.overdue);
    // The daily mail goes to the office once that day, whatever the number of runs.
    let n = app::requests::send_overdue_digest(&store, "https://samverkan.example", monday, 5)
        .await
        .expect("digest");
    assert_eq!(n, 1);
    let again = app::requests::send_overdue_digest(
        &store,
        "https://samverkan.example",
        monday + 3_600_000,
        5,
    )
    .await
    .expect("digest");
    assert_eq!(again, 0);
    let mail = app.mail("office@region.example").await;
    let digest = mail
        .iter()
        .find(|m| m.subject.contains("waiting for an answer"))
        .expect("digest mail");
    assert!(digest.body.contains("Old request") && digest.body.contains("10 working days"));
    assert!(
        !digest.body.contains("Fresh request"),
        "only overdue ones are listed"
    );
    // Saturday: no mail.
    let saturday = monday + 5 * 86_400_000;
    let n = app::requests::send_overdue_digest(&store, "https://samverkan.example", saturday, 5)
        .await
        .expect("digest");
    assert_eq!(n, 0);

    // The office's page lists both, the old one flagged; the period and the CSV follow the dates asked.
    let admin = app.signed_in("office@region.example", PASSWORD).await;
    let page = unescape(&app.page(&admin, "/sv/admin/requests").await);
    assert!(
        page.contains("Old request") && page.contains("Försenad"),
        "{page}"
    );
    let res = admin
        .get(format!("{}/en/admin/requests?from=2026-13-01", app.base))
        .send()
        .await
        .expect("get");
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(res.text().await.expect("text").contains("must be a date"));
    let res = admin
        .get(format!(
            "{}/en/admin/requests.csv?from=2026-11-01&to=2026-11-30",
            app.base
        ))
        .send()
        .await
        .expect("csv");
    assert_eq!(res.status(), StatusCode::OK);
    assert!(
        res.headers()["content-type"]
            .to_str()
            .expect("type")
            .starts_with("text/csv")
    );
    let csv = res.text().await.expect("text");
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(
        lines.len(),
        2,
        "header and the one request sent in November: {csv}"
    );
    assert!(
        lines[1].starts_with(&format!("{},biolamina,", ids[0])) && lines[1].contains(",yes,"),
        "{csv}"
    );
    // Nobody but the office gets it.
    let res = member
        .get(format!("{}/en/admin/requests.csv", app.base))
        .send()
        .await
        .expect("csv");
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    app.stop().await;
}

/// The fields of a service's form as stored, for a manager's edit.
async fn service_fields(app: &TestApp, slug: &str) -> Vec<(String, String)> {
    let store = app.store().await;
    let s = store
        .service(&domain::Slug::parse(slug).expect("slug"))
        .await
        .expect("query")
        .expect("service")
        .service;
    vec![
        ("slug".into(), s.slug.to_string()),
        ("kind".into(), s.kind.as_str().into()),
        ("category".into(), s.category.as_str().into()),
        ("name_sv".into(), s.name.sv.clone()),
        ("name_en".into(), s.name.en.clone()),
        ("description_sv".into(), s.description.sv.clone()),
        ("description_en".into(), s.description.en.clone()),
        ("access_sv".into(), s.access.sv.clone()),
        ("access_en".into(), s.access.en.clone()),
    ]
}

#[tokio::test]
async fn a_company_finds_a_service_by_price_model_lead_time_and_readiness_and_stale_ones_are_flagged()
 {
    let app = TestApp::spawn().await;
    app.user("manager@vecura.example", "manager", Some("vecura"))
        .await;
    let manager = app.signed_in("manager@vecura.example", PASSWORD).await;
    let edit = "/en/infrastructures/vecura/services/vecura-gmp-cell-therapy/edit";
    let base = service_fields(&app, "vecura-gmp-cell-therapy").await;
    let with = |extra: &[(&str, &str)]| -> Vec<(String, String)> {
        let mut f = base.clone();
        f.extend(
            extra
                .iter()
                .map(|(k, v)| ((*k).to_owned(), (*v).to_owned())),
        );
        f
    };
    let send = |fields: Vec<(String, String)>| {
        let app = &app;
        let manager = &manager;
        async move {
            let pairs: Vec<(&str, &str)> = fields
                .iter()
                .map(|(k, v)| (k.as_str(), v.as_str()))
                .collect();
            post(app, manager, edit, &pairs).await
        }
    };
    // Bad input is refused field by field, and nothing is saved.
    let (status, page) = send(with(&[
        ("pricing", "hourly"),
        ("price_low", "1800"),
        ("price_high", "1200"),
        ("price_currency", "kronor"),
        ("trl_low", "8"),
        ("trl_high", "3"),
        ("lead_time_weeks", "500"),
        ("equipment_sv", "Flödescytometri"),
    ]))
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    for message in [
        "The price range ends below where it starts.",
        "three-letter ISO 4217 code",
        "The highest level must be at least the lowest",
        "Write a whole number from 0 to 104",
        "Fill this in both languages",
    ] {
        assert!(page.contains(message), "{message}: {page}");
    }
    let (_, shown) = app.get("/en/services/vecura-gmp-cell-therapy").await;
    assert!(!shown.contains("Hourly rate"));

    let (status, _) = send(with(&[
        ("pricing", "hourly"),
        ("price_low", "1 200"),
        ("price_high", "1800"),
        ("price_currency", "sek"),
        ("trl_low", "4"),
        ("trl_high", "7"),
        ("lead_time_weeks", "4"),
        ("equipment_sv", "- Flödescytometri\n- Renrum klass B"),
        ("equipment_en", "- Flow cytometry\n- Clean room grade B"),
        (
            "documents_sv",
            "Produktspecifikation\nProduktdokumentation för prövningsläkemedel (IMPD)",
        ),
        (
            "documents_en",
            "Product specification\nInvestigational medicinal product dossier (IMPD)",
        ),
    ]))
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let (_, shown) = app.get("/en/services/vecura-gmp-cell-therapy").await;
    let shown = unescape(&shown);
    for fact in [
        "Hourly rate",
        "1,200–1,800 SEK per hour",
        "4 weeks",
        "TRL 4–7",
        "<li>Flow cytometry</li>",
        "<li>Clean room grade B</li>",
        "<li>Product specification</li>",
    ] {
        assert!(shown.contains(fact), "{fact}");
    }
    let (_, sv) = app.get("/sv/services/vecura-gmp-cell-therapy").await;
    assert!(
        unescape(&sv).contains("1\u{a0}200–1\u{a0}800 SEK per timme"),
        "Swedish thousands (with a no-break space) and words"
    );

    // The catalogue filters on them, on the page and in the API.
    let (_, hit) = app
        .get("/en/infrastructures?pricing=hourly&lead=4&trl=5")
        .await;
    assert!(
        hit.contains("/en/services/vecura-gmp-cell-therapy"),
        "{hit}"
    );
    assert!(unescape(&hit).contains("Hourly rate · 1,200–1,800 SEK per hour · 4 weeks · TRL 4–7"));
    let (_, hit) = app.get("/en/infrastructures?price=1500").await;
    assert!(
        hit.contains("/en/services/vecura-gmp-cell-therapy"),
        "a price from 1,200 SEK is at most 1,500"
    );
    for miss in ["pricing=free", "lead=2", "trl=8", "trl=3", "price=1000"] {
        let (_, page) = app.get(&format!("/en/infrastructures?{miss}")).await;
        assert!(
            !page.contains("/en/services/vecura-gmp-cell-therapy"),
            "{miss}"
        );
    }
    let (status, _) = app.get("/en/infrastructures?trl=10").await;
    assert_eq!(
        status,
        StatusCode::BAD_REQUEST,
        "a level outside 1-9 is a clear refusal"
    );
    let api = app
        .json("/api/v1/services?pricing=hourly&trl=5&price=1200")
        .await;
    let items = api["items"].as_array().expect("items");
    assert_eq!(items.len(), 1, "{api}");
    assert_eq!(items[0]["price"]["low"], 1200);
    assert_eq!(items[0]["price"]["currency"], "SEK");
    assert_eq!(items[0]["lead_time_weeks"], 4);
    assert_eq!(items[0]["trl"]["high"], 7);

    // The catalogue's query and the matching's rule (`Terms::unmet`) agree on every service, term by term.
    let store = app.store().await;
    let all = store
        .services(&store::CatalogueFilter::default(), domain::Lang::En)
        .await
        .expect("services");
    let mut cases = Vec::new();
    for pricing in [None, Some(PricingModel::Hourly), Some(PricingModel::Free)] {
        for lead in [None, Some(2), Some(4)] {
            for trl in [None, Some(3), Some(5)] {
                for price in [None, Some(1000), Some(1500)] {
                    cases.push(Terms {
                        pricing,
                        max_lead_weeks: lead,
                        trl,
                        max_price_sek: price,
                    });
                }
            }
        }
    }
    for terms in cases {
        let filter = store::CatalogueFilter {
            terms,
            ..Default::default()
        };
        let queried: Vec<String> = store
            .services(&filter, domain::Lang::En)
            .await
            .expect("services")
            .iter()
            .map(|r| r.service.slug.to_string())
            .collect();
        let ruled: Vec<String> = all
            .iter()
            .filter(|r| terms.unmet(r.service.pricing, &r.service.offer).is_empty())
            .map(|r| r.service.slug.to_string())
            .collect();
        assert_eq!(queried, ruled, "{terms:?}");
    }

    // The need matching applies the same terms, from the form or read from the need, and says why.
    let service = "/en/services/vecura-gmp-cell-therapy";
    let need = "/en/match?need=GMP+manufacturing+of+a+cell+therapy";
    let (_, page) = app.get(need).await;
    let (doors, _) = split_weak(&page);
    assert!(doors.contains(service), "the baseline finds it: {page}");
    for (term, why) in [
        ("pricing=free", "price model"),
        ("lead=2", "lead time"),
        ("trl=8", "readiness level"),
        ("price=1000", "price"),
    ] {
        let (_, page) = app.get(&format!("{need}&{term}")).await;
        let (doors, weak) = split_weak(&page);
        assert!(!doors.contains(service), "{term}: not offered as a door");
        assert!(weak.contains(service), "{term}: listed as less likely");
        assert!(
            weak.contains(&format!("it does not meet your terms on {why}")),
            "{term}: {weak}"
        );
    }
    for term in ["pricing=hourly", "lead=4", "trl=5", "price=1500"] {
        let (_, page) = app.get(&format!("{need}&{term}")).await;
        let (doors, _) = split_weak(&page);
        assert!(doors.contains(service), "{term}: met");
        assert!(doors.contains("it meets your terms"), "{term}");
    }
    // Read from the need itself, in both languages; a field set in the form takes precedence.
    for (ask, met) in [
        ("GMP manufacturing of a cell therapy at TRL 8", false),
        ("GMP manufacturing of a cell therapy within 2 weeks", false),
        ("GMP manufacturing of a cell therapy free of charge", false),
        (
            "GMP manufacturing of a cell therapy, TRL 5, within 4 weeks, hourly rate",
            true,
        ),
    ] {
        let (_, page) = app
            .get(&format!(
                "/en/match?need={}",
                url::form_urlencoded::byte_serialize(ask.as_bytes()).collect::<String>()
            ))
            .await;
        let (doors, weak) = split_weak(&page);
        assert!(unescape(&page).contains("Read from your need:"), "{ask}");
        assert_eq!(doors.contains(service), met, "{ask}: {page}");
        assert_eq!(weak.contains(service), !met, "{ask}");
    }
    let (_, page) = app
        .get("/en/match?need=GMP+manufacturing+of+a+cell+therapy+at+TRL+8&trl=5")
        .await;
    assert!(
        split_weak(&page).0.contains(service),
        "the form's TRL 5 wins"
    );
    assert!(
        !page.contains("Read from your need"),
        "nothing left to read"
    );
    let (_, page) = app
        .get("/sv/match?need=GMP-tillverkning+av+cellterapi+inom+2+veckor")
        .await;
    let page = unescape(&page);
    assert!(
        page.contains("Läst ur ditt behov: Högst 2 veckor"),
        "{page}"
    );
    let (_, weak) = split_weak(&page);
    assert!(weak.contains("/sv/services/vecura-gmp-cell-therapy"));
    assert!(weak.contains("den uppfyller inte dina villkor för ledtid"));
    let (_, page) = app.get("/en/match?need=TRL+4+within+4+weeks").await;
    assert!(
        unescape(&page).contains("Your need names only terms"),
        "terms alone are not a need"
    );
    let (status, _) = app.get(&format!("{need}&trl=0")).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    // The API applies the same terms, set or read, and names what each door misses.
    let api_match = |body: serde_json::Value| {
        let app = &app;
        async move {
            let res = app
                .client
                .post(format!("{}/api/v1/match", app.base))
                .json(&body)
                .send()
                .await
                .expect("post");
            let status = res.status();
            (status, res.json::<serde_json::Value>().await.expect("json"))
        }
    };
    let unmet_of = |v: &serde_json::Value| -> Option<Vec<String>> {
        v["items"]
            .as_array()
            .expect("items")
            .iter()
            .find(|i| i["slug"] == "vecura-gmp-cell-therapy")
            .map(|i| {
                i["unmet_terms"]
                    .as_array()
                    .expect("unmet")
                    .iter()
                    .map(|x| x.as_str().expect("term").to_owned())
                    .collect()
            })
    };
    let (status, v) = api_match(serde_json::json!({
        "need": "GMP manufacturing of a cell therapy within 2 weeks", "lang": "en", "trl": 8
    }))
    .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(v["terms"]["lead"], 2, "read from the need: {v}");
    assert_eq!(v["terms"]["trl"], 8);
    assert_eq!(
        unmet_of(&v),
        Some(vec!["lead".to_owned(), "trl".to_owned()])
    );
    let (_, v) = api_match(serde_json::json!({
        "need": "GMP manufacturing of a cell therapy", "pricing": "hourly", "price": 1500
    }))
    .await;
    assert_eq!(unmet_of(&v), Some(vec![]), "{v}");
    let (status, v) = api_match(serde_json::json!({
        "need": "GMP manufacturing", "pricing": "gratis", "trl": 12, "lead": -1
    }))
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let fields: Vec<&str> = v["error"]["fields"]
        .as_array()
        .expect("fields")
        .iter()
        .filter_map(|e| e["field"].as_str())
        .collect();
    assert_eq!(fields, ["lead", "trl", "pricing"], "{v}");

    // The documents to prepare are in the index.
    let (_, found) = app.get("/en/search?q=IMPD").await;
    assert!(found.contains(service), "{found}");

    // A service not reviewed for a year is flagged to its manager, by page and by one mail a month.
    let mut conn = sqlx::AnyConnection::connect(&app.db_url())
        .await
        .expect("connect");
    let year_ago = store::now_millis() - 400 * 86_400_000;
    sqlx::query("UPDATE services SET reviewed_at = $1 WHERE slug = 'vecura-gmp-cell-therapy'")
        .bind(year_ago)
        .execute(&mut conn)
        .await
        .expect("age");
    let page = unescape(
        &app.page(&manager, "/en/services/vecura-gmp-cell-therapy")
            .await,
    );
    assert!(page.contains("Not reviewed since"), "{page}");
    let (_, public) = app.get("/en/services/vecura-gmp-cell-therapy").await;
    assert!(
        !public.contains("Not reviewed since"),
        "only its managers see the flag"
    );
    let store = app.store().await;
    let n = app::catalogue::send_stale_service_notices(
        &store,
        "https://samverkan.example",
        store::now_millis(),
    )
    .await
    .expect("notices");
    assert_eq!(n, 1);
    let again = app::catalogue::send_stale_service_notices(
        &store,
        "https://samverkan.example",
        store::now_millis(),
    )
    .await
    .expect("notices");
    assert_eq!(again, 0, "once a month");
    assert!(
        app.mail("manager@vecura.example")
            .await
            .iter()
            .any(|m| m.body.contains("/services/vecura-gmp-cell-therapy"))
    );
    let (status, _) = post(
        &app,
        &manager,
        "/en/infrastructures/vecura/services/vecura-gmp-cell-therapy/reviewed",
        &[],
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let page = unescape(
        &app.page(&manager, "/en/services/vecura-gmp-cell-therapy")
            .await,
    );
    assert!(
        !page.contains("Not reviewed since")
            && page.contains("You last saw this service was current")
    );
    app.stop().await;
}

/// The match page split at its "less likely" list: (the doors offered, the less likely ones).
fn split_weak(page: &str) -> (&str, &str) {
    page.split_once("id=\"match-weak\"").unwrap_or((page, ""))
}

fn part_of(bytes: &[u8], name: &str) -> String {
    use std::io::Read;
    let mut zip =
        zip::ZipArchive::new(std::io::Cursor::new(bytes.to_vec())).expect("a zip container");
    let mut text = String::new();
    zip.by_name(name)
        .unwrap_or_else(|_| panic!("{name} in the container"))
        .read_to_string(&mut text)
        .expect("utf-8");
    text
}

#[tokio::test]
async fn a_request_s_agreements_come_filled_in_as_word_and_pdf_for_its_parties_only() {
    let app = TestApp::spawn().await;
    app.user("member@biolamina.example", "company", Some("biolamina"))
        .await;
    app.user("member@other.example", "company", Some("ana-futura"))
        .await;
    let member = app.signed_in("member@biolamina.example", PASSWORD).await;
    let outsider = app.signed_in("member@other.example", PASSWORD).await;
    let (status, location) = post(
        &app,
        &member,
        "/sv/requests",
        &[
            ("provider", "vecura"),
            ("company", "biolamina"),
            ("services", "vecura-gmp-cell-therapy"),
            ("title", "GMP-tillverkning av *laminin* & celler"),
            (
                "need",
                "Vi behöver tillverka vår cellterapi enligt GMP inför en klinisk prövning i fas 1.",
            ),
            ("desired_start", "2027-03-01"),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{location}");
    let id: i64 = location
        .trim_start_matches("/sv/requests/")
        .trim_end_matches("?done=sent")
        .parse()
        .expect("id");
    let page = unescape(&app.page(&member, &format!("/en/requests/{id}")).await);
    assert!(
        page.contains("Agreements filled in for this request"),
        "{page}"
    );
    // The next action is on top, and every button holds only its label (no heading or text of the page).
    let moves = page.find("id=\"moves-h\"").expect("the next action");
    let need = page.find("<h2>Your need</h2>").expect("the need");
    assert!(moves < need, "the next action comes before the need");
    for button in page.split("<button").skip(1) {
        let inner = button.split("</button>").next().unwrap_or_default();
        assert!(
            !inner.contains("<h2") && !inner.contains("<p"),
            "a button holds page text: {inner}"
        );
    }
    let docx_path = format!("/en/requests/{id}/documents/nda.docx");
    assert!(page.contains(&docx_path));

    let res = member
        .get(format!("{}{docx_path}", app.base))
        .send()
        .await
        .expect("docx");
    assert_eq!(res.status(), StatusCode::OK);
    assert!(
        res.headers()["content-type"]
            .to_str()
            .expect("type")
            .contains("wordprocessingml")
    );
    let bytes = res.bytes().await.expect("bytes");
    let body = part_of(&bytes, "word/document.xml");
    // The request is written in Swedish, so the agreement is the Swedish one, filled in.
    assert!(
        body.contains("Vecura") && body.contains("BioLamina"),
        "{body}"
    );
    assert!(
        body.contains("GMP-tillverkning av *laminin* &amp; celler"),
        "the title as text: {body}"
    );
    assert!(
        body.contains("org.nr [nummer]"),
        "what is not known stays a blank"
    );
    assert!(!body.contains("{{"));
    let core = part_of(&bytes, "docProps/core.xml");
    assert!(core.contains("sv-SE"), "{core}");

    let res = member
        .get(format!(
            "{}/en/requests/{id}/documents/service-agreement.pdf",
            app.base
        ))
        .send()
        .await
        .expect("pdf");
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.headers()["content-type"], "application/pdf");
    assert!(res.bytes().await.expect("bytes").starts_with(b"%PDF"));

    // Only the request's sides get it, and only its checklist's documents.
    let res = outsider
        .get(format!("{}{docx_path}", app.base))
        .send()
        .await
        .expect("docx");
    assert!(
        matches!(res.status(), StatusCode::NOT_FOUND | StatusCode::FORBIDDEN),
        "{}",
        res.status()
    );
    for bad in ["nope.docx", "nda.exe", "nda"] {
        let res = member
            .get(format!("{}/en/requests/{id}/documents/{bad}", app.base))
            .send()
            .await
            .expect("get");
        assert_eq!(res.status(), StatusCode::NOT_FOUND, "{bad}");
    }
    let (status, _) = app.get(&docx_path).await;
    assert_ne!(status, StatusCode::OK, "not without signing in");

    // The template itself is a formatted page with blank downloads; no placeholder shows.
    let (status, html) = app.get("/en/checklists/documents/nda").await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        html.contains("<h2>") && !html.contains("## ") && !html.contains("{{"),
        "{html}"
    );
    assert!(html.contains("[Organisation name]"));
    let res = reqwest::get(format!("{}/en/checklists/documents/nda.docx", app.base))
        .await
        .expect("blank");
    assert_eq!(res.status(), StatusCode::OK);
    let blank = part_of(&res.bytes().await.expect("bytes"), "word/document.xml");
    assert!(blank.contains("[Organisation name]") && blank.contains("[Company name]"));
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

async fn upload_photo(
    app: &TestApp,
    c: &Client,
    path: &str,
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
            reqwest::multipart::Part::bytes(bytes.to_vec()).file_name("lab.png"),
        );
    let res = c
        .post(format!("{}{path}", app.base))
        .multipart(form)
        .send()
        .await
        .expect("upload");
    let status = res.status();
    (status, unescape(&res.text().await.unwrap_or_default()))
}

#[tokio::test]
async fn an_owner_publishes_a_lab_with_photos_and_ends_it() {
    let app = TestApp::spawn().await;
    app.user("lokal@locum.example", "owner", Some("locum"))
        .await;
    app.user(
        "lokal@akademiskahus.example",
        "owner",
        Some("akademiska-hus"),
    )
    .await;
    let locum = app.signed_in("lokal@locum.example", PASSWORD).await;
    let other = app.signed_in("lokal@akademiskahus.example", PASSWORD).await;
    let catalogue = unescape(&app.page(&locum, "/en/premises").await);
    assert!(
        catalogue.contains("/en/owners/locum/premises/new"),
        "an owner is offered to publish"
    );

    let new = "/en/owners/locum/premises/new";
    let fields = |usage: &'static str, level: &'static str| {
        vec![
            ("slug", "locum-solna-lab-4"),
            ("use", usage),
            ("safety_level", level),
            ("campus", "solna"),
            ("area_m2", "450"),
            ("rent_per_m2", "2 400"),
            ("available_from", "2027-02-01"),
            ("contact", "lokaler@locum.example"),
            ("name_sv", "Labb 4 i gamla sjukhusområdet"),
            ("name_en", "Lab 4 in the old hospital area"),
            (
                "description_sv",
                "Ett laboratorium med dragskåp och renrum.",
            ),
            (
                "description_en",
                "A laboratory with fume cupboards and a clean room.",
            ),
        ]
    };
    // An office has no biosafety level; the refusal changes nothing.
    let (status, page) = post(&app, &locum, new, &fields("office", "2")).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        page.contains("Only a laboratory has a biosafety level"),
        "{page}"
    );
    let (status, _) = app.get("/en/premises/locum-solna-lab-4").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    // Another owner cannot publish for Locum.
    let (status, _) = post(&app, &other, new, &fields("lab", "2")).await;
    assert_eq!(status, StatusCode::FORBIDDEN);

    let (status, location) = post(&app, &locum, new, &fields("lab", "2")).await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{location}");
    let edit = "/en/owners/locum/premises/locum-solna-lab-4/edit";
    assert!(location.starts_with(edit));

    // Photos: the alternative text is required in both languages, and only images are taken.
    let photos = "/en/owners/locum/premises/locum-solna-lab-4/photos";
    let (status, page) = upload_photo(&app, &locum, photos, &PNG, ("Labbänk", "")).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.contains("Describe the photo in both Swedish and English"));
    let (status, page) = upload_photo(
        &app,
        &locum,
        photos,
        b"<svg onload=alert(1)>",
        ("Bild", "Picture"),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.contains("not a JPEG or PNG image"));
    let (status, location) = upload_photo(
        &app,
        &locum,
        photos,
        &PNG,
        ("Labbänk med dragskåp", "Lab bench with fume cupboard"),
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{location}");
    let (status, _) = upload_photo(&app, &other, photos, &PNG, ("A", "B")).await;
    assert_eq!(status, StatusCode::FORBIDDEN);

    // The listing is in the catalogue with its facts and photo, on its own page, on its campus and in search.
    let (_, listing) = app.get("/sv/premises/locum-solna-lab-4").await;
    let listing = unescape(&listing);
    for fact in [
        "Skyddsnivå 2",
        "450 m²",
        "2\u{a0}400 kr per m² och år",
        "2027-02-01",
        "alt=\"Labbänk med dragskåp\"",
    ] {
        assert!(listing.contains(fact), "{fact}: {listing}");
    }
    let src = listing
        .split("src=\"/premises/photos/")
        .nth(1)
        .and_then(|r| r.split('"').next())
        .expect("a photo");
    let res = reqwest::get(format!("{}/premises/photos/{src}", app.base))
        .await
        .expect("photo");
    assert_eq!(res.headers()["content-type"], "image/jpeg");
    assert!(
        res.bytes().await.expect("bytes").starts_with(&[0xFF, 0xD8]),
        "written anew as JPEG"
    );
    let (_, catalogue) = app.get("/en/premises?use=lab").await;
    assert!(
        catalogue.contains("/en/premises/locum-solna-lab-4")
            && catalogue.contains("Lab bench with fume cupboard")
    );
    let (_, campus) = app.get("/en/campuses/solna").await;
    assert!(campus.contains("/en/premises/locum-solna-lab-4"));
    let search = app.json("/api/v1/search?q=fume%20cupboards").await;
    assert!(search.to_string().contains("locum-solna-lab-4"), "{search}");

    // Ended: out of the catalogue and search, its page says so.
    let (status, _) = post(
        &app,
        &locum,
        "/en/owners/locum/premises/locum-solna-lab-4/end",
        &[],
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let (_, catalogue) = app.get("/en/premises").await;
    assert!(!catalogue.contains("locum-solna-lab-4"));
    let (_, page) = app.get("/en/premises/locum-solna-lab-4").await;
    assert!(page.contains("This listing has ended"));
    let search = app.json("/api/v1/search?q=fume%20cupboards").await;
    assert!(
        !search.to_string().contains("locum-solna-lab-4"),
        "{search}"
    );
    let log = unescape(&app.page(&locum, "/en/account").await);
    let _ = log;
    let store = app.store().await;
    let entries = store
        .audit_entries(
            &store::AuditFilter {
                object_type: Some("premises".into()),
                ..Default::default()
            },
            domain::PageRequest::new(1, 20).expect("page"),
        )
        .await
        .expect("audit");
    let actions: Vec<String> = entries.items.iter().map(|e| e.action.clone()).collect();
    for a in ["create", "add_photo", "end"] {
        assert!(actions.iter().any(|x| x == a), "{a} in {actions:?}");
    }
    app.stop().await;
}

#[tokio::test]
async fn matching_says_when_nothing_fits_and_sends_the_need_to_the_office() {
    let app = TestApp::spawn().await;
    app.user("office@region.example", "admin", None).await;
    app.user("member@biolamina.example", "company", Some("biolamina"))
        .await;
    let member = app.signed_in("member@biolamina.example", PASSWORD).await;

    // A need that fits: reasons are the words it is about, never how it is asked.
    let (_, page) = app
        .get("/en/match?need=We+really+want+a+real+GMP+facility+for+cell+therapy")
        .await;
    let page = unescape(&page);
    assert!(page.contains("Where to go"), "{page}");
    let reasons: Vec<&str> = page
        .split("<strong>Why:</strong>")
        .skip(1)
        .filter_map(|r| r.split("</p>").next())
        .collect();
    assert!(!reasons.is_empty(), "{page}");
    for r in &reasons {
        for filler in ["want", "real", "really", "We"] {
            assert!(
                !r.split(|c: char| !c.is_alphanumeric()).any(|w| w == filler),
                "{filler} is no reason: {r}"
            );
        }
    }
    assert!(
        page.contains("need=We+really+want"),
        "the need goes along to the request form"
    );

    // Companies whose competences fit are proposed as partners, and open partner posts to signed-in people.
    let store = app.store().await;
    let author = store
        .user_by_email("office@region.example")
        .await
        .expect("q")
        .expect("u")
        .id;
    let today = store::today();
    store
        .create_post(
            author,
            domain::posts::PostKind::Request,
            "Partner sought for laminin-based cell expansion",
            "We look for a partner with experience of laminin matrices for expanding stem cells.",
            &[],
            domain::calendar::add_days(today, 30),
            today,
        )
        .await
        .expect("store")
        .expect("post");
    let need = "/en/match?need=laminin+matrices+for+stem+cell+expansion";
    let signed_in = unescape(&app.page(&member, need).await);
    assert!(
        signed_in.contains("Companies whose competences fit"),
        "{signed_in}"
    );
    let companies = signed_in
        .split("Companies whose competences fit")
        .nth(1)
        .expect("companies");
    assert!(companies.contains("/en/actors/biolamina"), "{companies}");
    assert!(signed_in.contains("Partner sought for laminin-based cell expansion"));
    let (_, public) = app.get(need).await;
    assert!(
        !public.contains("Partner sought for laminin-based cell expansion"),
        "posts are for signed-in people"
    );

    // A need nothing fits: it says so and offers the programme office, with the need carried along.
    let (_, page) = app
        .get("/en/match?need=helicopter+maintenance+in+the+arctic")
        .await;
    let page = unescape(&page);
    assert!(page.contains("Help me find the right door"), "{page}");
    let href = page
        .split("href=\"/en/requests/new?provider=programkontoret-life-science&")
        .nth(1)
        .and_then(|r| r.split('"').next())
        .expect("the office's door");
    let form = unescape(
        &app.page(
            &member,
            &format!("/en/requests/new?provider=programkontoret-life-science&{href}"),
        )
        .await,
    );
    assert!(
        form.contains("helicopter maintenance in the arctic</textarea>"),
        "{form}"
    );
    let (status, location) = post(
        &app,
        &member,
        "/en/requests",
        &[
            ("provider", "programkontoret-life-science"),
            ("company", "biolamina"),
            ("title", "Which door?"),
            ("need", "helicopter maintenance in the arctic"),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{location}");
    let admin = app.signed_in("office@region.example", PASSWORD).await;
    let figures = unescape(&app.page(&admin, "/en/admin/requests").await);
    let inbox = figures.split("id=\"overdue\"").next().expect("inbox");
    assert!(
        inbox.contains("Which door?"),
        "the need is in the office's inbox"
    );
    app.stop().await;
}

#[tokio::test]
async fn the_office_runs_people_from_the_browser_and_each_role_lands_where_its_work_is() {
    let app = TestApp::spawn().await;
    app.user("office@region.example", "admin", None).await;
    let eva = app
        .user("eva@vecura.example", "manager", Some("vecura"))
        .await;
    let admin = app.signed_in("office@region.example", PASSWORD).await;

    // Each role lands where its work is.
    for (email, role, actor, landing) in [
        (
            "office2@region.example",
            "admin",
            None,
            "/en/admin/requests",
        ),
        (
            "m@vecura.example",
            "manager",
            Some("vecura"),
            "/en/requests?status=submitted",
        ),
        (
            "c@biolamina.example",
            "company",
            Some("biolamina"),
            "/en/requests",
        ),
        ("o@locum.example", "owner", Some("locum"), "/en/premises"),
    ] {
        app.user(email, role, actor).await;
        let c = app.browser();
        let res = app.login(&c, email, PASSWORD).await;
        assert_eq!(res.headers()["location"], landing, "{role}");
    }

    // Find a person, give a role, take it away; every change audited.
    let list = unescape(&app.page(&admin, "/en/admin/people?q=VECURA").await);
    let list = list.split("<tbody>").nth(1).expect("a table").to_owned();
    assert!(
        list.contains("eva@vecura.example") && !list.contains("office@region.example"),
        "{list}"
    );
    let person = format!("/en/admin/people/{eva}");
    let (status, _) = post(
        &app,
        &admin,
        &format!("{person}/grant"),
        &[("role", "editor"), ("actor", "vecura")],
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let page = unescape(&app.page(&admin, &person).await);
    assert!(
        page.contains("Editor (Vecura)") || page.contains("(Vecura)"),
        "{page}"
    );
    let (status, page) = post(
        &app,
        &admin,
        &format!("{person}/grant"),
        &[("role", "manager"), ("actor", "")],
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.contains("Choose the organisation the role applies to"));
    let (status, _) = post(
        &app,
        &admin,
        &format!("{person}/revoke"),
        &[("role", "editor"), ("actor", "vecura")],
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let store = app.store().await;
    assert!(
        !store
            .grants(eva)
            .await
            .expect("grants")
            .iter()
            .any(|g| g.role == domain::Role::Editor)
    );

    // Deactivated: the person is signed out, cannot sign in, and gets no request mail; reactivated, they can.
    let eva_browser = app.signed_in("eva@vecura.example", PASSWORD).await;
    let (status, _) = post(&app, &admin, &format!("{person}/deactivate"), &[]).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let res = eva_browser
        .get(format!("{}/en/requests", app.base))
        .send()
        .await
        .expect("get");
    assert_ne!(res.status(), StatusCode::OK, "the session ended");
    let res = app
        .login(&app.browser(), "eva@vecura.example", PASSWORD)
        .await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    assert!(
        res.text()
            .await
            .expect("text")
            .contains("deactivated by the programme office")
    );
    let (status, _) = post(&app, &admin, &format!("{person}/reactivate"), &[]).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let res = app
        .login(&app.browser(), "eva@vecura.example", PASSWORD)
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);

    // A new invitation link goes out by e-mail.
    let (status, _) = post(&app, &admin, &format!("{person}/invite"), &[]).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert!(
        app.mail("eva@vecura.example")
            .await
            .iter()
            .any(|m| m.body.contains("/en/invitation?token="))
    );

    // The office cannot lock itself out; nobody else runs people.
    let me = store
        .user_by_email("office@region.example")
        .await
        .expect("q")
        .expect("me")
        .id;
    let (status, page) = post(
        &app,
        &admin,
        &format!("/en/admin/people/{me}/deactivate"),
        &[],
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.contains("cannot deactivate your own account"));
    let (status, _) = post(
        &app,
        &admin,
        &format!("/en/admin/people/{me}/revoke"),
        &[("role", "admin")],
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let manager = app.signed_in("m@vecura.example", PASSWORD).await;
    let (status, _) = post(&app, &manager, &format!("{person}/deactivate"), &[]).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let log = store
        .audit_entries(
            &store::AuditFilter {
                object_type: Some("user".into()),
                object_key: Some(eva.to_string()),
                ..Default::default()
            },
            domain::PageRequest::new(1, 50).expect("page"),
        )
        .await
        .expect("audit");
    let actions: Vec<&str> = log.items.iter().map(|e| e.action.as_str()).collect();
    for a in ["grant_role", "revoke_role", "deactivate", "reactivate"] {
        assert!(actions.contains(&a), "{a} in {actions:?}");
    }
    app.stop().await;
}
