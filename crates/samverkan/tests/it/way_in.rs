//! The way in over HTTP: the catalogue, premises, and an access request moved through its stages by the real
//! parties — with the checklist generated from the owner's form, refusals that change nothing, files, the
//! conversation, confidentiality and the office's figures.

use crate::helpers::{PASSWORD, TestApp, unescape};
use reqwest::{Client, StatusCode};

/// Signs in `email` (created with `role` for `actor`) and returns the client.
async fn person(app: &TestApp, email: &str, role: &str, actor: Option<&str>) -> Client {
    app.user(email, role, actor).await;
    app.signed_in(email, PASSWORD).await
}

async fn csrf(app: &TestApp, c: &Client) -> String {
    app.csrf(c, "/en/account").await
}

/// Sends a request for Vecura's GMP service as `c`; returns its id.
async fn send_request(app: &TestApp, c: &Client, title: &str) -> i64 {
    let token = csrf(app, c).await;
    let res = app
        .post_form(
            c,
            "/en/requests",
            &[
                ("csrf", token.as_str()),
                ("provider", "vecura"),
                ("company", "biolamina"),
                ("services", "vecura-gmp-cell-therapy"),
                ("title", title),
                (
                    "need",
                    "GMP manufacturing of our cell therapy for a phase 1 trial.",
                ),
                ("desired_start", "2027-03-01"),
                (
                    "confidentiality",
                    "The cell line protocol is a trade secret.",
                ),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let location = res.headers()["location"]
        .to_str()
        .expect("location")
        .to_owned();
    assert!(location.ends_with("?done=sent"), "{location}");
    location
        .trim_start_matches("/en/requests/")
        .trim_end_matches("?done=sent")
        .parse()
        .expect("id in the location")
}

async fn post(
    app: &TestApp,
    c: &Client,
    path: &str,
    fields: &[(&str, &str)],
) -> (StatusCode, String) {
    let token = csrf(app, c).await;
    let mut form = vec![("csrf", token.as_str())];
    form.extend_from_slice(fields);
    let res = app.post_form(c, path, &form).await;
    let status = res.status();
    (status, unescape(&res.text().await.unwrap_or_default()))
}

/// The ids of the items on the request page that `c` may check now (forms with a "check" button).
fn checkable(html: &str, id: i64) -> Vec<i64> {
    let marker = format!("/requests/{id}/items/");
    html.split(&marker)
        .skip(1)
        .filter(|rest| {
            let form = rest.split("</form>").next().unwrap_or_default();
            form.contains("value=\"check\"")
        })
        .filter_map(|rest| rest.split('"').next()?.parse().ok())
        .collect()
}

async fn check_all(app: &TestApp, c: &Client, id: i64) -> usize {
    let html = app.page(c, &format!("/en/requests/{id}")).await;
    let items = checkable(&html, id);
    for item in &items {
        let (status, _) = post(
            app,
            c,
            &format!("/en/requests/{id}/items/{item}"),
            &[("action", "check")],
        )
        .await;
        assert_eq!(status, StatusCode::SEE_OTHER, "checking item {item}");
    }
    items.len()
}

async fn status_of(app: &TestApp, id: i64) -> String {
    let store = app.store().await;
    store
        .request_parties(id)
        .await
        .expect("query")
        .expect("request")
        .2
        .to_string()
}

#[tokio::test]
async fn the_catalogue_and_premises_show_the_seeded_way_in() {
    let app = TestApp::spawn().await;
    let (status, html) = app.get("/en/infrastructures?category=manufacturing").await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        html.contains("/en/services/vecura-gmp-cell-therapy"),
        "Vecura's GMP service is listed"
    );
    assert!(
        !html.contains("/en/services/kta-phase-1-unit"),
        "the category filter applies"
    );
    let (_, html) = app
        .get("/en/infrastructures?category=clinical_trials")
        .await;
    assert!(html.contains("/en/services/kta-phase-1-unit"));
    let (status, _) = app.get("/en/infrastructures?category=bogus").await;
    assert_eq!(
        status,
        StatusCode::BAD_REQUEST,
        "an unknown category is named, not ignored"
    );

    let (status, html) = app.get("/sv/services/vecura-gmp-cell-therapy").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Region"), "the owner's form is shown");
    assert!(
        html.contains("Säkerställ att erbjudandet gäller alla företag på lika villkor"),
        "the municipal-law item of a region-owned infrastructure is previewed in Swedish"
    );
    assert!(
        html.contains("inte juridisk rådgivning"),
        "guidance, not legal advice"
    );
    assert!(html.contains("/sv/requests/new?service=vecura-gmp-cell-therapy"));
    let (_, ana) = app
        .get("/en/services/ana-futura-laboratorieinfrastruktur")
        .await;
    assert!(
        ana.contains("State agency"),
        "ANA Futura's owner form is a state agency"
    );
    let (_, list) = app.get("/en/infrastructures?ownership=state_agency").await;
    assert!(list.contains("ANA Futura") && !list.contains("/en/services/vecura-gmp-cell-therapy"));

    let (status, html) = app.get("/en/premises?campus=solna").await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        html.contains("/en/actors/locum"),
        "Locum's premises in Solna are listed"
    );
    let (_, html) = app.get("/en/premises?campus=kista").await;
    assert!(!html.contains("/en/actors/locum"));
    let (status, _) = app.get("/en/services/no-such-service").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    app.stop().await;
}

#[tokio::test]
async fn a_request_moves_through_its_stages_only_with_its_checklist_done() {
    let app = TestApp::spawn().await;
    let company = person(
        &app,
        "founder@biolamina.example",
        "company",
        Some("biolamina"),
    )
    .await;
    let manager = person(&app, "manager@vecura.example", "manager", Some("vecura")).await;
    let outsider = person(
        &app,
        "manager@anafutura.example",
        "manager",
        Some("ana-futura"),
    )
    .await;
    let other_company = person(&app, "someone@turnup.example", "company", Some("turn-up")).await;

    // Bad input changes nothing.
    let before = app.store().await.fingerprint().await.expect("fingerprint");
    let (status, html) = post(
        &app,
        &company,
        "/en/requests",
        &[
            ("provider", "vecura"),
            ("company", "biolamina"),
            ("title", ""),
            ("need", "Cell therapy manufacturing"),
            ("desired_start", "2027-02-30"),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(html.contains("Fill in this field") && html.contains("Write a real date"));
    assert!(
        html.contains("Cell therapy manufacturing"),
        "what was typed is kept"
    );
    let (status, html) = post(
        &app,
        &other_company,
        "/en/requests",
        &[
            ("provider", "vecura"),
            ("company", "biolamina"),
            ("title", "x"),
            ("need", "y"),
        ],
    )
    .await;
    assert_eq!(
        status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "a member of another company cannot send for BioLamina"
    );
    assert!(html.contains("You cannot send requests for this company"));
    assert_eq!(
        app.store().await.fingerprint().await.expect("fingerprint"),
        before
    );

    let id = send_request(&app, &company, "GMP batch for phase 1").await;
    assert_eq!(status_of(&app, id).await, "submitted");
    let mail = app.mail("manager@vecura.example").await;
    assert!(
        mail.iter()
            .any(|m| m.subject.contains("GMP batch for phase 1")
                && m.body.contains(&format!("/requests/{id}"))),
        "Vecura's manager is told by e-mail, with a link"
    );

    // Confidentiality: only the company, Vecura's managers and admins see it.
    assert!(
        app.page(&outsider, "/en/requests")
            .await
            .contains("No requests")
            || !app
                .page(&outsider, "/en/requests")
                .await
                .contains("GMP batch")
    );
    let res = outsider
        .get(format!("{}/en/requests/{id}", app.base))
        .send()
        .await
        .expect("get");
    assert_eq!(
        res.status(),
        StatusCode::NOT_FOUND,
        "ANA Futura's manager cannot see Vecura's request"
    );
    let res = other_company
        .get(format!("{}/en/requests/{id}", app.base))
        .send()
        .await
        .expect("get");
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
    let (status, _) = post(
        &app,
        &outsider,
        &format!("/en/requests/{id}/transition"),
        &[("move", "accept")],
    )
    .await;
    assert_eq!(status, StatusCode::NOT_FOUND, "nor move it");
    assert_eq!(status_of(&app, id).await, "submitted");

    let page = app.page(&manager, &format!("/en/requests/{id}")).await;
    assert!(
        page.contains("Make sure the offer is open to all companies on equal terms"),
        "municipal law, as Vecura's owner is the region"
    );
    assert!(page.contains("Set a market-conform price"));
    assert!(
        !page.contains("commissioned research"),
        "no state-agency items for a region-owned infrastructure"
    );

    // The company cannot take the infrastructure's steps.
    let (status, html) = post(
        &app,
        &company,
        &format!("/en/requests/{id}/transition"),
        &[("move", "accept")],
    )
    .await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert!(html.contains("Only the infrastructure's managers can do this"));
    let (status, _) = post(
        &app,
        &manager,
        &format!("/en/requests/{id}/transition"),
        &[("move", "accept")],
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(status_of(&app, id).await, "preparation");

    // Preparation cannot be left with required items open.
    let (status, html) = post(
        &app,
        &manager,
        &format!("/en/requests/{id}/transition"),
        &[("move", "advance")],
    )
    .await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert!(
        html.contains("required checklist items of preparation are neither checked nor waived")
            || html
                .contains("1 required checklist item of preparation is neither checked nor waived"),
        "{html}"
    );
    assert_eq!(status_of(&app, id).await, "preparation");
    assert!(check_all(&app, &manager, id).await >= 4);
    let (status, _) = post(
        &app,
        &manager,
        &format!("/en/requests/{id}/transition"),
        &[("move", "advance")],
    )
    .await;
    assert_eq!(
        status,
        StatusCode::CONFLICT,
        "the company's items are still open"
    );
    assert!(check_all(&app, &company, id).await >= 2);
    let (status, _) = post(
        &app,
        &manager,
        &format!("/en/requests/{id}/transition"),
        &[("move", "advance")],
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(status_of(&app, id).await, "development");

    // A left stage is frozen.
    let store = app.store().await;
    let detail = store.request(id).await.expect("query").expect("request");
    let prep = detail
        .items
        .iter()
        .find(|i| {
            i.stage == domain::access::Stage::Preparation
                && i.party == domain::access::Party::Company
        })
        .expect("item");
    let (status, html) = post(
        &app,
        &company,
        &format!("/en/requests/{id}/items/{}", prep.id),
        &[("action", "uncheck")],
    )
    .await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert!(html.contains("can no longer be changed"));

    check_all(&app, &manager, id).await;
    check_all(&app, &company, id).await;
    let (status, _) = post(
        &app,
        &manager,
        &format!("/en/requests/{id}/transition"),
        &[("move", "advance")],
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(status_of(&app, id).await, "execution");
    let page = app.page(&company, &format!("/en/requests/{id}")).await;
    assert!(
        page.contains("aria-current=\"step\">Execution"),
        "the company sees the current step"
    );
    let (status, html) = post(
        &app,
        &company,
        &format!("/en/requests/{id}/transition"),
        &[("move", "withdraw")],
    )
    .await;
    assert_eq!(
        status,
        StatusCode::CONFLICT,
        "an agreement in execution is not withdrawn"
    );
    assert!(html.contains("cannot be moved by"));
    let mail = app.mail("founder@biolamina.example").await;
    assert!(
        mail.iter().any(|m| m.body.contains("is now execution")),
        "the company is told of each step"
    );

    // Every step is in the audit log.
    let entries = store
        .audit_entries(
            &store::AuditFilter {
                object_type: Some("access_request".into()),
                ..Default::default()
            },
            domain::PageRequest::new(1, 100).expect("page"),
        )
        .await
        .expect("audit");
    let actions: Vec<&str> = entries.items.iter().map(|e| e.action.as_str()).collect();
    for a in ["create", "submit", "accept", "advance", "check_item"] {
        assert!(actions.contains(&a), "{a} is audited: {actions:?}");
    }
    assert!(
        !entries
            .items
            .iter()
            .any(|e| format!("{:?}", e.changes).contains("trade secret")),
        "the audit log does not copy the request's confidential text"
    );
    app.stop().await;
}

#[tokio::test]
async fn decline_needs_a_reason_and_the_office_waives_items_with_one() {
    let app = TestApp::spawn().await;
    let company = person(
        &app,
        "founder@biolamina.example",
        "company",
        Some("biolamina"),
    )
    .await;
    let manager = person(&app, "manager@vecura.example", "manager", Some("vecura")).await;
    let admin = person(&app, "office@region.example", "admin", None).await;
    let id = send_request(&app, &company, "Waivable").await;
    post(
        &app,
        &manager,
        &format!("/en/requests/{id}/transition"),
        &[("move", "accept")],
    )
    .await;
    let store = app.store().await;
    let detail = store.request(id).await.expect("q").expect("r");
    let item = detail
        .items
        .iter()
        .find(|i| i.required && i.party == domain::access::Party::Company)
        .expect("item");
    let (status, html) = post(
        &app,
        &manager,
        &format!("/en/requests/{id}/items/{}", item.id),
        &[("action", "waive"), ("reason", "x")],
    )
    .await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert!(html.contains("Only the programme office can waive"));
    let (status, html) = post(
        &app,
        &admin,
        &format!("/en/requests/{id}/items/{}", item.id),
        &[("action", "waive"), ("reason", " ")],
    )
    .await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert!(html.contains("Give a reason"));
    let (status, _) = post(
        &app,
        &admin,
        &format!("/en/requests/{id}/items/{}", item.id),
        &[
            ("action", "waive"),
            ("reason", "Covered by the framework agreement"),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let page = app.page(&company, &format!("/en/requests/{id}")).await;
    assert!(
        unescape(&page).contains("Covered by the framework agreement"),
        "the waiver and its reason are shown to the company"
    );

    let (status, html) = post(
        &app,
        &manager,
        &format!("/en/requests/{id}/transition"),
        &[("move", "decline"), ("reason", "")],
    )
    .await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert!(html.contains("Give a reason"));
    assert_eq!(status_of(&app, id).await, "preparation");
    let (status, _) = post(
        &app,
        &manager,
        &format!("/en/requests/{id}/transition"),
        &[("move", "decline"), ("reason", "No capacity in 2027")],
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(status_of(&app, id).await, "declined");
    let page = app.page(&company, &format!("/en/requests/{id}")).await;
    assert!(
        page.contains("No capacity in 2027"),
        "the reason is in the history"
    );

    let figures = app.page(&admin, "/en/admin/requests").await;
    assert!(
        figures.contains("Vecura") && figures.contains(">Declined<"),
        "the office's figures count it"
    );
    let res = manager
        .get(format!("{}/en/admin/requests", app.base))
        .send()
        .await
        .expect("get");
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    app.stop().await;
}

async fn upload(
    app: &TestApp,
    c: &Client,
    id: i64,
    name: &'static str,
    bytes: Vec<u8>,
) -> (StatusCode, String) {
    let token = csrf(app, c).await;
    let form = reqwest::multipart::Form::new().text("csrf", token).part(
        "file",
        reqwest::multipart::Part::bytes(bytes).file_name(name),
    );
    let res = c
        .post(format!("{}/en/requests/{id}/attachments", app.base))
        .multipart(form)
        .send()
        .await
        .expect("upload");
    (
        res.status(),
        unescape(&res.text().await.unwrap_or_default()),
    )
}

#[tokio::test]
async fn files_are_checked_and_served_only_to_the_parties() {
    let app = TestApp::spawn().await;
    let company = person(
        &app,
        "founder@biolamina.example",
        "company",
        Some("biolamina"),
    )
    .await;
    let manager = person(&app, "manager@vecura.example", "manager", Some("vecura")).await;
    let outsider = person(
        &app,
        "manager@anafutura.example",
        "manager",
        Some("ana-futura"),
    )
    .await;
    let id = send_request(&app, &company, "With files").await;
    let (status, html) = upload(
        &app,
        &company,
        id,
        "plan.pdf",
        b"MZ\x90\x00 this is a program".to_vec(),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(html.contains("does not match its name"));
    let (status, html) = upload(&app, &company, id, "tool.exe", b"MZ".to_vec()).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(html.contains("not accepted"));
    let (status, _) = upload(
        &app,
        &company,
        id,
        "big.txt",
        vec![b'a'; 10 * 1024 * 1024 + 1],
    )
    .await;
    assert!(
        status == StatusCode::UNPROCESSABLE_ENTITY || status == StatusCode::PAYLOAD_TOO_LARGE,
        "{status}"
    );
    assert!(
        app.store()
            .await
            .request(id)
            .await
            .expect("q")
            .expect("r")
            .attachments
            .is_empty(),
        "nothing was stored"
    );

    let pdf = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n".to_vec();
    let (status, _) = upload(
        &app,
        &company,
        id,
        "../../Projektplan \"v2\".pdf",
        pdf.clone(),
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let d = app.store().await.request(id).await.expect("q").expect("r");
    let file = &d.attachments[0];
    assert_eq!(file.name, "Projektplan v2.pdf", "the name is made safe");
    let url = format!("{}/en/requests/{id}/attachments/{}", app.base, file.id);
    let res = manager.get(&url).send().await.expect("get");
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.headers()["content-type"], "application/pdf");
    assert!(
        res.headers()["content-disposition"]
            .to_str()
            .expect("cd")
            .starts_with("attachment;")
    );
    assert_eq!(res.bytes().await.expect("bytes").to_vec(), pdf);
    let res = outsider.get(&url).send().await.expect("get");
    assert_eq!(res.status(), StatusCode::NOT_FOUND, "not served to others");
    let res = app.client.get(&url).send().await.expect("get");
    assert_ne!(res.status(), StatusCode::OK, "nor to visitors");

    // Internal notes stay with the infrastructure.
    post(
        &app,
        &manager,
        &format!("/en/requests/{id}/messages"),
        &[
            ("body", "Internal: check capacity first"),
            ("internal", "1"),
        ],
    )
    .await;
    post(
        &app,
        &manager,
        &format!("/en/requests/{id}/messages"),
        &[("body", "Welcome, we will be in touch")],
    )
    .await;
    let seen = app.page(&company, &format!("/en/requests/{id}")).await;
    assert!(
        seen.contains("Welcome, we will be in touch") && !seen.contains("check capacity first")
    );
    let theirs = app.page(&manager, &format!("/en/requests/{id}")).await;
    assert!(theirs.contains("check capacity first"));
    let (status, _) = post(
        &app,
        &company,
        &format!("/en/requests/{id}/messages"),
        &[("body", "")],
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    app.stop().await;
}

#[tokio::test]
async fn managers_edit_their_own_services_and_admins_the_checklist() {
    let app = TestApp::spawn().await;
    let manager = person(&app, "manager@vecura.example", "manager", Some("vecura")).await;
    let outsider = person(
        &app,
        "manager@anafutura.example",
        "manager",
        Some("ana-futura"),
    )
    .await;
    let admin = person(&app, "office@region.example", "admin", None).await;
    let edit = "/en/infrastructures/vecura/services/vecura-gmp-cell-therapy/edit";
    let html = app.page(&manager, edit).await;
    let mut fields: Vec<(String, String)> = Vec::new();
    for name in [
        "slug",
        "kind",
        "category",
        "name_sv",
        "name_en",
        "description_sv",
        "description_en",
        "access_sv",
        "access_en",
    ] {
        let value = if html.contains(&format!("name=\"{name}\" type")) {
            html.split(&format!("name=\"{name}\" type=\"text\" value=\""))
                .nth(1)
                .and_then(|r| r.split('"').next())
                .unwrap_or_default()
                .to_owned()
        } else if let Some(r) = html
            .split(&format!("name=\"{name}\""))
            .nth(1)
            .and_then(|r| r.split("</textarea>").next())
        {
            r.split('>').skip(1).collect::<Vec<_>>().join(">")
        } else {
            String::new()
        };
        fields.push((name.to_owned(), unescape(&value)));
    }
    let mut form: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    form.retain(|(k, _)| !["kind", "category", "name_en"].contains(k));
    form.extend([
        ("kind", "service"),
        ("category", "manufacturing"),
        ("name_en", "GMP manufacturing of cell therapies"),
        ("lead_time_sv", "Tre månader"),
    ]);
    let (status, html) = post(&app, &manager, edit, &form).await;
    assert_eq!(
        status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "a lead time in one language only is refused"
    );
    assert!(html.contains("Fill this in both languages"));
    form.push(("lead_time_en", "Three months"));
    let (status, _) = post(&app, &manager, edit, &form).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let (_, page) = app.get("/en/services/vecura-gmp-cell-therapy").await;
    assert!(page.contains("GMP manufacturing of cell therapies") && page.contains("Three months"));
    let res = outsider
        .get(format!("{}{edit}", app.base))
        .send()
        .await
        .expect("get");
    assert_eq!(
        res.status(),
        StatusCode::FORBIDDEN,
        "ANA Futura's manager cannot edit Vecura's services"
    );
    let store = app.store().await;
    let entries = store
        .audit_entries(
            &store::AuditFilter {
                object_type: Some("service".into()),
                ..Default::default()
            },
            domain::PageRequest::new(1, 10).expect("page"),
        )
        .await
        .expect("audit");
    assert_eq!(entries.items.len(), 1, "the edit is audited");

    // A template edit applies to requests sent afterwards; earlier requests keep their text.
    let company = person(
        &app,
        "founder@biolamina.example",
        "company",
        Some("biolamina"),
    )
    .await;
    let first = send_request(&app, &company, "Before the edit").await;
    let key_page = app
        .page(&admin, "/en/admin/checklists/municipal-law-equal-terms")
        .await;
    assert!(key_page.contains("Make sure the offer is open to all companies on equal terms"));
    let value = |name: &str| -> String {
        key_page
            .split(&format!("name=\"{name}\""))
            .nth(1)
            .map(|r| {
                if r.trim_start().starts_with("rows")
                    || r.contains("</textarea>") && r.find("</textarea>") < r.find("value=\"")
                {
                    r.split('>')
                        .nth(1)
                        .and_then(|x| x.split("</textarea").next())
                        .unwrap_or_default()
                        .to_owned()
                } else {
                    r.split("value=\"")
                        .nth(1)
                        .and_then(|x| x.split('"').next())
                        .unwrap_or_default()
                        .to_owned()
                }
            })
            .map(|v| unescape(&v))
            .unwrap_or_default()
    };
    let guidance_sv = value("guidance_sv");
    let guidance_en = value("guidance_en");
    let source = value("source");
    let title_sv = value("title_sv");
    let (status, html) = post(
        &app,
        &admin,
        "/en/admin/checklists/municipal-law-equal-terms",
        &[
            ("stage", "preparation"),
            ("party", "infrastructure"),
            ("owners", "region"),
            ("owners", "municipality"),
            ("owners", "region_owned_company"),
            ("flags", "required"),
            ("source", source.as_str()),
            ("reviewed", "2026-12-01"),
            ("title_sv", title_sv.as_str()),
            (
                "title_en",
                "Offer the service to every company on equal terms",
            ),
            ("guidance_sv", guidance_sv.as_str()),
            ("guidance_en", guidance_en.as_str()),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{html}");
    let second = send_request(&app, &company, "After the edit").await;
    let old = app.page(&company, &format!("/en/requests/{first}")).await;
    let new = app.page(&company, &format!("/en/requests/{second}")).await;
    assert!(old.contains("Make sure the offer is open to all companies on equal terms"));
    assert!(new.contains("Offer the service to every company on equal terms"));
    let res = manager
        .get(format!("{}/en/admin/checklists", app.base))
        .send()
        .await
        .expect("get");
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    let (status, html) = post(
        &app,
        &admin,
        "/en/admin/checklists/new",
        &[
            ("key", "Bad Key"),
            ("stage", "preparation"),
            ("party", "company"),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(html.contains("Choose at least one owner form") && html.contains("lowercase letters"));
    app.stop().await;
}

#[tokio::test]
async fn concurrent_moves_on_one_request_leave_one_consistent_history() {
    let app = TestApp::spawn().await;
    let company = person(
        &app,
        "founder@biolamina.example",
        "company",
        Some("biolamina"),
    )
    .await;
    let manager = person(&app, "manager@vecura.example", "manager", Some("vecura")).await;
    let id = send_request(&app, &company, "Raced").await;
    let token = csrf(&app, &manager).await;
    let mut tasks = Vec::new();
    for _ in 0..6 {
        let c = manager.clone();
        let url = format!("{}/en/requests/{id}/transition", app.base);
        let token = token.clone();
        tasks.push(tokio::spawn(async move {
            c.post(url)
                .form(&[("csrf", token.as_str()), ("move", "accept")])
                .send()
                .await
                .expect("post")
                .status()
        }));
    }
    let mut ok = 0;
    for t in tasks {
        let s = t.await.expect("task");
        assert!(
            s == StatusCode::SEE_OTHER || s == StatusCode::CONFLICT,
            "{s}"
        );
        ok += usize::from(s == StatusCode::SEE_OTHER);
    }
    assert_eq!(ok, 1, "exactly one of the parallel accepts wins");
    let d = app.store().await.request(id).await.expect("q").expect("r");
    let accepted = d
        .events
        .iter()
        .filter(|e| e.to == domain::access::RequestStatus::Preparation)
        .count();
    assert_eq!(accepted, 1, "the history records the move once");
    app.stop().await;
}

#[tokio::test]
async fn the_api_serves_the_catalogue_and_requests_under_the_same_policy() {
    let app = TestApp::spawn().await;
    let services = app.json("/api/v1/services?category=manufacturing").await;
    let slugs: Vec<&str> = services["items"]
        .as_array()
        .expect("items")
        .iter()
        .filter_map(|s| s["slug"].as_str())
        .collect();
    assert!(slugs.contains(&"vecura-gmp-cell-therapy"));
    let one = app.json("/api/v1/services/vecura-gmp-cell-therapy").await;
    assert_eq!(one["ownership"], "region");
    assert_eq!(one["infrastructure"], "vecura");
    let infra = app
        .json("/api/v1/infrastructures?ownership=state_agency")
        .await;
    assert!(
        infra["items"]
            .as_array()
            .expect("items")
            .iter()
            .any(|i| i["slug"] == "ana-futura")
    );
    let premises = app.json("/api/v1/premises?campus=solna").await;
    assert!(
        premises["items"]
            .as_array()
            .expect("items")
            .iter()
            .any(|p| p["owner"] == "locum")
    );
    let res = app.get_with("/api/v1/premises?use=castle", &[]).await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);

    let store = app.store().await;
    app.user("founder@biolamina.example", "company", Some("biolamina"))
        .await;
    app.user("manager@vecura.example", "manager", Some("vecura"))
        .await;
    app.user("manager@anafutura.example", "manager", Some("ana-futura"))
        .await;
    let company = samverkan::create_token(
        &store,
        "founder@biolamina.example",
        "t",
        domain::TokenScope::Write,
        None,
    )
    .await
    .expect("token");
    let manager = samverkan::create_token(
        &store,
        "manager@vecura.example",
        "t",
        domain::TokenScope::Write,
        None,
    )
    .await
    .expect("token");
    let outsider = samverkan::create_token(
        &store,
        "manager@anafutura.example",
        "t",
        domain::TokenScope::Write,
        None,
    )
    .await
    .expect("token");
    let call =
        |method: reqwest::Method, path: &str, token: &str, body: Option<serde_json::Value>| {
            let mut req = app
                .client
                .request(method, format!("{}{path}", app.base))
                .bearer_auth(token);
            if let Some(b) = body {
                req = req.json(&b);
            }
            req.send()
        };
    let res = call(reqwest::Method::POST, "/api/v1/access-requests", &company, Some(serde_json::json!({
        "company": "biolamina", "provider": "vecura", "services": ["vecura-gmp-cell-therapy"], "title": "", "need": "x"
    }))).await.expect("post");
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body: serde_json::Value = res.json().await.expect("json");
    assert_eq!(body["error"]["fields"][0]["field"], "title");
    let res = call(
        reqwest::Method::POST,
        "/api/v1/access-requests",
        &outsider,
        Some(serde_json::json!({
            "company": "biolamina", "provider": "vecura", "title": "t", "need": "x"
        })),
    )
    .await
    .expect("post");
    assert_eq!(
        res.status(),
        StatusCode::FORBIDDEN,
        "only BioLamina's members send for BioLamina"
    );
    let res = call(reqwest::Method::POST, "/api/v1/access-requests", &company, Some(serde_json::json!({
        "company": "biolamina", "provider": "vecura", "services": ["kta-phase-1-unit"], "title": "t", "need": "x"
    }))).await.expect("post");
    assert_eq!(
        res.status(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "a service of another infrastructure is refused"
    );

    let res = call(
        reqwest::Method::POST,
        "/api/v1/access-requests",
        &company,
        Some(serde_json::json!({
            "company": "biolamina", "provider": "vecura", "services": ["vecura-gmp-cell-therapy"],
            "title": "API request", "need": "GMP cell therapy batch", "desired_start": "2027-05-01"
        })),
    )
    .await
    .expect("post");
    assert_eq!(res.status(), StatusCode::CREATED);
    let created: serde_json::Value = res.json().await.expect("json");
    assert_eq!(created["status"], "submitted");
    assert!(
        created["checklist"]
            .as_array()
            .expect("list")
            .iter()
            .any(|i| i["key"] == "municipal-law-equal-terms")
    );
    let id = created["id"].as_i64().expect("id");
    let path = format!("/api/v1/access-requests/{id}");

    let res = call(reqwest::Method::GET, &path, &outsider, None)
        .await
        .expect("get");
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
    let list: serde_json::Value = call(
        reqwest::Method::GET,
        "/api/v1/access-requests",
        &outsider,
        None,
    )
    .await
    .expect("get")
    .json()
    .await
    .expect("json");
    assert!(list["items"].as_array().expect("items").is_empty());
    let list: serde_json::Value = call(
        reqwest::Method::GET,
        "/api/v1/access-requests",
        &manager,
        None,
    )
    .await
    .expect("get")
    .json()
    .await
    .expect("json");
    assert_eq!(list["items"][0]["id"], id);

    let transition = format!("{path}/transition");
    let res = call(
        reqwest::Method::POST,
        &transition,
        &company,
        Some(serde_json::json!({"move": "accept"})),
    )
    .await
    .expect("post");
    assert_eq!(res.status(), StatusCode::CONFLICT);
    let res = call(
        reqwest::Method::POST,
        &transition,
        &manager,
        Some(serde_json::json!({"move": "fly"})),
    )
    .await
    .expect("post");
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let res = call(
        reqwest::Method::POST,
        &transition,
        &manager,
        Some(serde_json::json!({"move": "accept"})),
    )
    .await
    .expect("post");
    assert_eq!(res.status(), StatusCode::OK);
    let res = call(
        reqwest::Method::POST,
        &transition,
        &manager,
        Some(serde_json::json!({"move": "advance"})),
    )
    .await
    .expect("post");
    assert_eq!(res.status(), StatusCode::CONFLICT);
    let body: serde_json::Value = res.json().await.expect("json");
    assert!(
        body["error"]["message"]
            .as_str()
            .expect("message")
            .contains("required checklist item")
    );
    let after: serde_json::Value = call(reqwest::Method::GET, &path, &company, None)
        .await
        .expect("get")
        .json()
        .await
        .expect("json");
    assert_eq!(
        after["status"], "preparation",
        "a refused move changes nothing"
    );
    assert_eq!(after["moves"], serde_json::json!(["withdraw"]));
    app.stop().await;
}

#[tokio::test]
async fn text_in_another_language_than_the_page_says_which() {
    let app = TestApp::spawn().await;
    let company = person(&app, "anna@example.se", "company", Some("biolamina")).await;
    let id = send_request(&app, &company, "GMP for phase 1").await;
    // The checklist's sources name Swedish law: Swedish on the English page.
    let en = app.page(&company, &format!("/en/requests/{id}")).await;
    assert!(
        en.contains("<span lang=\"sv\">Offentlighets- och sekretesslagen (SFS 2009:400)</span>"),
        "a Swedish source on an English page is marked as Swedish"
    );
    // The need was written in English: marked so on the Swedish page, not on the English one.
    let sv = app.page(&company, &format!("/sv/requests/{id}")).await;
    assert!(
        sv.contains("<span lang=\"en\">GMP manufacturing of our cell therapy"),
        "an English need on a Swedish page is marked as English"
    );
    assert!(
        !en.contains("<span lang=\"en\">"),
        "nothing is marked as the page's own language"
    );
    assert!(
        !sv.contains("<span lang=\"sv\">"),
        "a Swedish source on a Swedish page needs no mark"
    );
    app.stop().await;
}
