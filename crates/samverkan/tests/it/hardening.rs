//! Defects that outside testers found — each test failed before its fix: text that could end a page's script
//! block, database constraints that turned input into 500s, an open redirect after sign-in, error bodies
//! labelled as compressed, reset links that stayed valid, tokens that could take over their account,
//! unbounded metric labels, and organisation numbers that were not checked.

use crate::helpers::{PASSWORD, TestApp, csrf_in, link_in, unescape};
use reqwest::StatusCode;

fn day_in(days: i64) -> String {
    domain::IsoDate::from_unix_millis(store::now_millis() + days * 86_400_000).to_string()
}

async fn token_for(app: &TestApp, email: &str, scope: domain::TokenScope) -> String {
    samverkan::create_token(&app.store().await, email, "t", scope, None)
        .await
        .expect("token")
}

/// The text between `<script type="application/ld+json">` and the next `</script>`.
fn json_ld(html: &str) -> &str {
    let start = html
        .find("<script type=\"application/ld+json\">")
        .expect("a JSON-LD block")
        + "<script type=\"application/ld+json\">".len();
    let len = html[start..].find("</script>").expect("the block ends");
    &html[start..start + len]
}

#[tokio::test]
async fn markup_in_a_description_cannot_end_the_pages_script_block() {
    let app = TestApp::spawn().await;
    app.user("office@example.se", "admin", None).await;
    let token = token_for(&app, "office@example.se", domain::TokenScope::Write).await;
    let description = "Före <!--<script> efter </script><p>injected</p> & mer";
    let res = app
        .client
        .patch(format!("{}/api/v1/actors/vecura", app.base))
        .bearer_auth(&token)
        .json(&serde_json::json!({"description": {"sv": description, "en": description}}))
        .send()
        .await
        .expect("patch");
    assert_eq!(res.status(), StatusCode::OK);
    for lang in ["sv", "en"] {
        let res = app
            .client
            .get(format!("{}/{lang}/actors/vecura", app.base))
            .send()
            .await
            .expect("get");
        let html = res.text().await.expect("html");
        let block = json_ld(&html);
        assert!(
            !block.contains(['<', '>', '&']),
            "the data cannot open or close markup: {block}"
        );
        let data: serde_json::Value = serde_json::from_str(block).expect("still JSON");
        assert_eq!(data["description"], description, "and says the same");
        assert!(
            html.contains("</footer>"),
            "the rest of the page is still there"
        );
    }
    // The atlas page's texts for its script are escaped the same way.
    let (_, atlas) = app.get("/en/atlas").await;
    let start = atlas.find("id=\"atlas-i18n\">").expect("texts") + "id=\"atlas-i18n\">".len();
    let len = atlas[start..].find("</script>").expect("end");
    assert!(!atlas[start..start + len].contains('<'));
    app.stop().await;
}

#[tokio::test]
async fn duplicate_and_unknown_choices_are_refused_or_merged_never_a_server_error() {
    let app = TestApp::spawn().await;
    app.user("founder@biolamina.example", "company", Some("biolamina"))
        .await;
    app.user("editor@awl.example", "editor", Some("a-working-lab"))
        .await;
    let company = app.signed_in("founder@biolamina.example", PASSWORD).await;
    let editor = app.signed_in("editor@awl.example", PASSWORD).await;
    let expires = day_in(30);

    // Partner posts: a topic twice is one topic; a topic that does not exist is a field error.
    let post = |tags: Vec<&'static str>| {
        let (app, company, expires) = (&app, &company, expires.clone());
        async move {
            let csrf = app.csrf(company, "/en/posts/new").await;
            let mut form = vec![
                ("csrf", csrf),
                ("kind", "offer".to_owned()),
                ("title", "Shared plates".to_owned()),
                ("body", "Laminin-coated plates to share.".to_owned()),
                ("expires", expires),
            ];
            form.extend(tags.into_iter().map(|t| ("tags", t.to_owned())));
            app.post_form(company, "/en/posts", &form).await
        }
    };
    let res = post(vec!["cell-therapy", "cell-therapy"]).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER, "a duplicate is merged");
    let res = post(vec!["cell-therapy", "no-such-topic"]).await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = unescape(&res.text().await.expect("t"));
    assert!(html.contains("One of the choices does not exist"), "{html}");

    // Events: topics and focus areas, duplicated and unknown.
    let event = |field: &'static str, values: Vec<&'static str>| {
        let (app, editor) = (&app, &editor);
        async move {
            let csrf = app.csrf(editor, "/en/events/new").await;
            let day = day_in(40);
            let mut form: Vec<(&str, String)> = vec![
                ("csrf", csrf),
                ("title_sv", format!("Träff {field} {}", values.len())),
                ("title_en", format!("Meeting {field} {}", values.len())),
                ("description_sv", "Träffa företag.".into()),
                ("description_en", "Meet companies.".into()),
                ("location_sv", String::new()),
                ("location_en", String::new()),
                ("start_day", day),
                ("start_time", "09:00".into()),
                ("end_day", String::new()),
                ("end_time", "16:00".into()),
                ("organiser", "a-working-lab".into()),
                ("place", "meeting-place:a-working-lab-flemingsberg".into()),
                ("registration", String::new()),
            ];
            form.extend(values.into_iter().map(|v| (field, v.to_owned())));
            app.post_form(editor, "/en/events", &form).await
        }
    };
    for field in ["areas", "tags"] {
        let known = if field == "areas" {
            "life-science-foretag"
        } else {
            "cell-therapy"
        };
        let res = event(field, vec![known, known]).await;
        assert_eq!(res.status(), StatusCode::SEE_OTHER, "{field} twice");
        let res = event(field, vec![known, "no-such-thing"]).await;
        assert_eq!(
            res.status(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "{field} unknown"
        );
        let res = event(field, vec!["Not A Slug"]).await;
        assert_eq!(
            res.status(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "{field} malformed"
        );
    }

    // Access requests, as a form and through the API.
    let request = |services: Vec<&'static str>| {
        let (app, company) = (&app, &company);
        async move {
            let csrf = app.csrf(company, "/en/requests/new?provider=vecura").await;
            let mut form = vec![
                ("csrf", csrf),
                ("provider", "vecura".to_owned()),
                ("company", "biolamina".to_owned()),
                ("title", "GMP batch".to_owned()),
                ("need", "A GMP batch of our cells.".to_owned()),
            ];
            form.extend(services.into_iter().map(|s| ("services", s.to_owned())));
            app.post_form(company, "/en/requests", &form).await
        }
    };
    let res = request(vec!["vecura-gmp-cell-therapy", "vecura-gmp-cell-therapy"]).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER, "a service twice");
    let res = request(vec!["vecura-gmp-cell-therapy", "no-such-service"]).await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let token = token_for(&app, "founder@biolamina.example", domain::TokenScope::Write).await;
    let api = |services: serde_json::Value| {
        let (app, token) = (&app, &token);
        async move {
            app.client
                .post(format!("{}/api/v1/access-requests", app.base))
                .bearer_auth(token)
                .json(&serde_json::json!({
                    "company": "biolamina", "provider": "vecura", "services": services,
                    "title": "API batch", "need": "A batch."
                }))
                .send()
                .await
                .expect("post")
        }
    };
    let res = api(serde_json::json!([
        "vecura-gmp-cell-therapy",
        "vecura-gmp-cell-therapy"
    ]))
    .await;
    assert_eq!(res.status(), StatusCode::CREATED, "a service twice");
    for services in [
        serde_json::json!(["vecura-gmp-cell-therapy", "no-such-service"]),
        serde_json::json!([42]),
    ] {
        let res = api(services.clone()).await;
        assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY, "{services}");
        let body: serde_json::Value = res.json().await.expect("json");
        assert_eq!(body["error"]["fields"][0]["field"], "services", "{body}");
    }
    let mine = app
        .client
        .get(format!("{}/api/v1/access-requests", app.base))
        .bearer_auth(&token)
        .send()
        .await
        .expect("list")
        .json::<serde_json::Value>()
        .await
        .expect("json");
    assert_eq!(
        mine["items"].as_array().map(Vec::len),
        Some(2),
        "only the two accepted requests exist: {mine}"
    );

    // An actor's campuses and topics through the edit API.
    app.user("vecura-editor@example.se", "editor", Some("vecura"))
        .await;
    let token = token_for(&app, "vecura-editor@example.se", domain::TokenScope::Write).await;
    for (body, status) in [
        (
            serde_json::json!({"campuses": ["flemingsberg", "flemingsberg"]}),
            StatusCode::OK,
        ),
        (
            serde_json::json!({"tags": ["cell-therapy", "cell-therapy"]}),
            StatusCode::OK,
        ),
        (
            serde_json::json!({"campuses": ["flemingsberg", "atlantis"]}),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (
            serde_json::json!({"tags": ["no-such-topic"]}),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
    ] {
        let res = app
            .client
            .patch(format!("{}/api/v1/actors/vecura", app.base))
            .bearer_auth(&token)
            .json(&body)
            .send()
            .await
            .expect("patch");
        assert_eq!(res.status(), status, "{body}");
    }
    app.stop().await;
}

#[tokio::test]
async fn next_after_sign_in_stays_on_the_site_and_never_fails() {
    let app = TestApp::spawn().await;
    app.user("anna@example.se", "company", Some("biolamina"))
        .await;
    for (next, expected) in [
        ("/en/requests?tab=open", "/en/requests?tab=open"),
        ("/\t/evil.example/", "/en/account"),
        ("/\\evil.example/", "/en/account"),
        ("/.//evil.example/", "/en/account"),
        ("\u{1}//evil.example", "/en/account"),
        // Control characters never reach the header: the form reader drops them.
        ("/en/\u{1}x\r\n", "/en/x"),
        ("https://evil.example/", "/en/account"),
    ] {
        let c = app.browser();
        let csrf = app.csrf(&c, "/en/login").await;
        let res = app
            .post_form(
                &c,
                "/en/login",
                &[
                    ("csrf", csrf.as_str()),
                    ("email", "anna@example.se"),
                    ("password", PASSWORD),
                    ("next", next),
                ],
            )
            .await;
        assert_eq!(res.status(), StatusCode::SEE_OTHER, "{next:?}");
        assert_eq!(res.headers()["location"], expected, "{next:?}");
    }
    app.stop().await;
}

#[tokio::test]
async fn error_responses_are_compressed_only_when_they_say_so() {
    let app = TestApp::spawn().await;
    let c = app.browser();
    let csrf = app.csrf(&c, "/en/login").await;
    let big = "x".repeat(300 * 1024);
    for (method, path) in [("POST", "/en/login"), ("GET", "/en/no-such-page")] {
        let req = match method {
            "POST" => c
                .post(format!("{}{path}", app.base))
                .header("content-type", "application/x-www-form-urlencoded")
                .body(format!("csrf={csrf}&email={big}")),
            _ => c.get(format!("{}{path}", app.base)),
        };
        let res = req
            .header("accept-encoding", "gzip")
            .send()
            .await
            .expect("send");
        let status = res.status();
        assert!(status.is_client_error(), "{path}: {status}");
        let gzip = res
            .headers()
            .get("content-encoding")
            .is_some_and(|v| v == "gzip");
        let bytes = res.bytes().await.expect("body");
        assert_eq!(
            bytes.starts_with(&[0x1f, 0x8b]),
            gzip,
            "{path}: a body is gzip exactly when its header says so"
        );
    }
    app.stop().await;
}

#[tokio::test]
async fn a_used_reset_link_voids_the_others_revokes_tokens_and_links_are_limited() {
    let app = TestApp::spawn().await;
    app.user("reset@example.se", "editor", Some("vecura")).await;
    let token = token_for(&app, "reset@example.se", domain::TokenScope::Write).await;
    let c = app.browser();
    let ask = |c: &reqwest::Client| {
        let (app, c) = (&app, c.clone());
        async move {
            let csrf = app.csrf(&c, "/en/password/forgot").await;
            app.post_form(
                &c,
                "/en/password/forgot",
                &[("csrf", csrf.as_str()), ("email", "reset@example.se")],
            )
            .await
        }
    };
    assert_eq!(ask(&c).await.status(), StatusCode::OK);
    assert_eq!(ask(&c).await.status(), StatusCode::OK);
    let mails = app.mail("reset@example.se").await;
    assert_eq!(mails.len(), 2);
    let (newer, older) = (link_in(&mails[0].body), link_in(&mails[1].body));
    let set = |link: String, password: &'static str| {
        let app = &app;
        async move {
            let c = app.browser();
            let rest = link.split_once("://").map_or(link.as_str(), |(_, r)| r);
            let path = rest[rest.find('/').unwrap_or(0)..].to_owned();
            let html = app.page(&c, &path).await;
            let csrf = csrf_in(&html).unwrap_or_else(|| panic!("csrf on {path}: {html}"));
            let token = path.split("token=").nth(1).expect("token").to_owned();
            app.post_form(
                &c,
                "/en/password/reset",
                &[
                    ("csrf", csrf.as_str()),
                    ("token", token.as_str()),
                    ("password", password),
                    ("password_confirm", password),
                ],
            )
            .await
        }
    };
    // A weak password is refused with its reason, and the link still works afterwards.
    let res = set(newer.clone(), "aaaaaaaaaaaaaaaa").await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = unescape(&res.text().await.expect("t"));
    assert!(html.contains("repeats a character"), "{html}");
    let res = set(newer, "a brand new phrase for Solna").await;
    assert_eq!(res.status(), StatusCode::OK);
    let rest = older.split_once("://").map_or(older.as_str(), |(_, r)| r);
    let html = app
        .page(&app.browser(), &rest[rest.find('/').unwrap_or(0)..])
        .await;
    assert!(
        html.contains("This link no longer works"),
        "the other link was voided when the first was used"
    );
    let store = app.store().await;
    let user = store
        .user_by_email("reset@example.se")
        .await
        .expect("q")
        .expect("user");
    assert!(
        store::secrets::verify_password(
            "a brand new phrase for Solna",
            user.password_hash.as_deref().unwrap_or_default()
        ),
        "the first new password holds"
    );
    let res = app.get_as(&token, "/api/v1/me").await;
    assert_eq!(
        res.status(),
        StatusCode::UNAUTHORIZED,
        "a reset revokes the account's API tokens"
    );

    // A third request within the hour is still answered; a fourth is refused, for any address (so the answer
    // says nothing about who has an account).
    assert_eq!(ask(&c).await.status(), StatusCode::OK);
    let res = ask(&c).await;
    assert_eq!(res.status(), StatusCode::TOO_MANY_REQUESTS);
    assert!(unescape(&res.text().await.expect("t")).contains("try again in an hour"));
    assert_eq!(
        app.mail("reset@example.se").await.len(),
        3,
        "no fourth link"
    );
    app.stop().await;
}

#[tokio::test]
async fn tokens_are_scoped_expire_and_never_manage_their_account() {
    let app = TestApp::spawn().await;
    app.user("ed@example.se", "editor", Some("vecura")).await;
    let read = token_for(&app, "ed@example.se", domain::TokenScope::Read).await;
    let write = token_for(&app, "ed@example.se", domain::TokenScope::Write).await;
    let patch = |token: &str| {
        app.client
            .patch(format!("{}/api/v1/actors/vecura", app.base))
            .bearer_auth(token.to_owned())
            .json(&serde_json::json!({"short_name": "KCC"}))
            .send()
    };
    assert_eq!(
        patch(&read).await.expect("p").status(),
        StatusCode::FORBIDDEN
    );
    assert_eq!(patch(&write).await.expect("p").status(), StatusCode::OK);
    let me = app.get_as(&read, "/api/v1/me").await;
    assert_eq!(me.status(), StatusCode::OK, "a read token reads");
    for token in [&read, &write] {
        let res = app
            .client
            .post(format!("{}/en/account/tokens", app.base))
            .bearer_auth(token)
            .form(&[
                ("name", "minted"),
                ("scope", "write"),
                ("expires_days", "never"),
            ])
            .send()
            .await
            .expect("mint");
        assert_eq!(
            res.status(),
            StatusCode::FORBIDDEN,
            "a token mints no token"
        );
        let res = app
            .client
            .get(format!("{}/en/account/export", app.base))
            .bearer_auth(token)
            .send()
            .await
            .expect("export");
        assert_eq!(
            res.status(),
            StatusCode::FORBIDDEN,
            "nor downloads the data"
        );
        let res = app
            .client
            .post(format!("{}/en/account/erase", app.base))
            .bearer_auth(token)
            .form(&[("confirm_email", "ed@example.se")])
            .send()
            .await
            .expect("erase");
        assert_eq!(
            res.status(),
            StatusCode::FORBIDDEN,
            "nor erases the account"
        );
    }
    let store = app.store().await;
    let user = store
        .user_by_email("ed@example.se")
        .await
        .expect("q")
        .expect("u");
    assert_eq!(store.api_tokens(user.id).await.expect("tokens").len(), 2);

    // An expired token is refused; the account page shows scope and expiry.
    let expired = store
        .create_api_token(
            user.id,
            "old",
            domain::TokenScope::Write,
            Some(store::now_millis() - 1),
            None,
        )
        .await
        .expect("token");
    let res = app.get_as(&expired, "/api/v1/me").await;
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    let c = app.signed_in("ed@example.se", PASSWORD).await;
    let csrf = app.csrf(&c, "/en/account").await;
    let res = app
        .post_form(
            &c,
            "/en/account/tokens",
            &[
                ("csrf", csrf.as_str()),
                ("name", "dashboard"),
                ("scope", "read"),
                ("expires_days", "30"),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK, "a session creates tokens");
    let html = unescape(&res.text().await.expect("t"));
    assert!(
        html.contains("Read only") && html.contains("Expired on"),
        "{html}"
    );
    app.stop().await;
}

#[tokio::test]
async fn invented_methods_and_paths_add_no_metric_series() {
    let app = TestApp::spawn().await;
    let before = app.get("/metrics").await.1.lines().count();
    for i in 0..20 {
        let method = reqwest::Method::from_bytes(format!("M{i}X").as_bytes()).expect("method");
        let _ = app
            .client
            .request(method, format!("{}/nowhere/{i}", app.base))
            .send()
            .await
            .expect("send");
        let _ = app
            .client
            .get(format!("{}/also/nowhere/{i}", app.base))
            .send()
            .await
            .expect("send");
    }
    let (_, metrics) = app.get("/metrics").await;
    assert!(!metrics.contains("M1X") && !metrics.contains("/nowhere/"));
    let added = metrics.lines().count() - before;
    assert!(
        added < 40,
        "forty odd requests add a few series, not one each ({added})"
    );
    app.stop().await;
}

#[tokio::test]
async fn organisation_numbers_are_checked_and_exports_are_safe_in_spreadsheets() {
    let app = TestApp::spawn().await;
    app.user("office@example.se", "admin", None).await;
    let token = token_for(&app, "office@example.se", domain::TokenScope::Write).await;
    let patch = |body: serde_json::Value| {
        app.client
            .patch(format!("{}/api/v1/actors/vecura", app.base))
            .bearer_auth(token.clone())
            .header("accept-language", "sv")
            .json(&body)
            .send()
    };
    let res = patch(serde_json::json!({"org_number": "232100-0017"}))
        .await
        .expect("p");
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body: serde_json::Value = res.json().await.expect("json");
    assert_eq!(body["error"]["fields"][0]["field"], "org_number");
    assert!(
        body["error"]["fields"][0]["message"]
            .as_str()
            .is_some_and(|m| m.contains("kontrollsiffra")),
        "{body}"
    );
    let res = patch(serde_json::json!({
        "org_number": "2321000016",
        "short_name": "=HYPERLINK(\"http://evil.example\")",
        "address": "\u{202e}gatan 1"
    }))
    .await
    .expect("p");
    assert_eq!(res.status(), StatusCode::OK);
    let vecura = app.json("/api/v1/actors/vecura").await;
    assert_eq!(vecura["org_number"], "232100-0016", "stored as NNNNNN-NNNN");
    assert_eq!(vecura["address"], "gatan 1", "no direction controls");
    let (_, csv) = app.get("/api/v1/export/actors.csv").await;
    let row = csv
        .lines()
        .find(|l| l.starts_with("vecura,"))
        .expect("vecura's row");
    assert!(
        row.contains(",\"'=HYPERLINK("),
        "the formula is written as text: {row}"
    );
    assert!(!csv.lines().any(|l| l.contains(",=") || l.contains(",\"=")));
    app.stop().await;
}

#[tokio::test]
async fn the_openapi_document_states_what_the_server_enforces() {
    let app = TestApp::spawn().await;
    let doc = app.json("/api/v1/openapi.json").await;
    let param = |path: &str, name: &str| -> serde_json::Value {
        doc["paths"][path]["get"]["parameters"]
            .as_array()
            .and_then(|ps| ps.iter().find(|p| p["name"] == name).cloned())
            .unwrap_or_else(|| panic!("{path} has the parameter {name}"))
    };
    let kinds = param("/api/v1/actors", "kind")["schema"]["enum"].clone();
    assert!(
        kinds
            .as_array()
            .is_some_and(|k| k.iter().any(|v| v == "infrastructure")),
        "{kinds}"
    );
    assert!(param("/api/v1/actors", "campus")["schema"]["pattern"].is_string());
    assert!(param("/api/v1/search", "lang")["schema"]["enum"].is_array());
    assert!(param("/api/v1/search", "type")["schema"]["enum"].is_array());
    assert!(param("/api/v1/premises", "use")["schema"]["enum"].is_array());
    assert!(param("/api/v1/services", "category")["schema"]["enum"].is_array());
    assert!(param("/api/v1/access-requests", "status")["schema"]["enum"].is_array());
    assert!(param("/api/v1/measures", "area")["schema"]["pattern"].is_string());
    let schemas = &doc["components"]["schemas"];
    assert!(
        schemas["MatchRequest"]["required"]
            .as_array()
            .is_some_and(|r| r.iter().any(|f| f == "need")),
        "need is required"
    );
    // A request's history and the calendar's events are two schemas, each with its own fields.
    assert!(schemas["EventOut"]["properties"]["start"].is_object());
    assert!(schemas["RequestHistoryEntry"]["properties"]["to"].is_object());
    app.stop().await;
}

#[tokio::test]
async fn every_refusal_is_rendered_by_the_one_error_renderer() {
    let app = TestApp::spawn().await;
    // A path segment that is not UTF-8 is refused by the router's extractor, as JSON under /api.
    let res = app
        .get_with("/api/v1/actors/%FF%FE", &[("accept-language", "sv")])
        .await;
    assert!(res.status().is_client_error(), "{}", res.status());
    assert!(
        res.headers()["content-type"]
            .to_str()
            .is_ok_and(|c| c.starts_with("application/json")),
        "not plain text"
    );
    let body: serde_json::Value = res.json().await.expect("json");
    assert!(body["error"]["code"].is_string() && body["error"]["fields"].is_array());
    // A JSON endpoint sent a form is a translated 415 in the same shape.
    let res = app
        .client
        .post(format!("{}/api/v1/match", app.base))
        .header("content-type", "application/x-www-form-urlencoded")
        .body("need=lab")
        .send()
        .await
        .expect("post");
    assert!(res.status().is_client_error());
    let body: serde_json::Value = res.json().await.expect("json");
    assert!(body["error"]["message"].is_string());
    // A field refusal lists its fields.
    let res = app
        .client
        .post(format!("{}/api/v1/match", app.base))
        .json(&serde_json::json!({"need": "   "}))
        .send()
        .await
        .expect("post");
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body: serde_json::Value = res.json().await.expect("json");
    assert_eq!(body["error"]["fields"][0]["field"], "need");
    assert_eq!(body["error"]["parameter"], "need");
    app.stop().await;
}
