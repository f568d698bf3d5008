//! Accounts and security: sign-up, verification, sign-in and out, lockout, CSRF, session fixation, tokens,
//! editing under the policy, the audit log, data export and erasure.

use crate::helpers::{PASSWORD, TestApp, csrf_in, link_in, unescape};
use reqwest::StatusCode;

fn path_of(link: &str) -> String {
    let rest = link.split_once("://").map_or(link, |(_, r)| r);
    rest.find('/')
        .map_or("/".to_owned(), |i| rest[i..].to_owned())
}

#[tokio::test]
async fn sign_up_verify_sign_in_and_out() {
    let app = TestApp::spawn().await;
    let c = app.browser();
    let csrf = app.csrf(&c, "/en/signup").await;
    // Bad input: field-level messages, typed values kept, nothing created.
    let res = app
        .post_form(
            &c,
            "/en/signup",
            &[
                ("csrf", csrf.as_str()),
                ("display_name", "Anna Lind"),
                ("email", "anna@example.se"),
                ("password", "short"),
                ("password_confirm", "short"),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = unescape(&res.text().await.expect("text"));
    assert!(html.contains("The password needs at least 12 characters."));
    assert!(
        html.contains("value=\"anna@example.se\""),
        "the typed e-mail is kept"
    );
    assert!(
        app.store()
            .await
            .user_by_email("anna@example.se")
            .await
            .expect("q")
            .is_none()
    );
    let res = app
        .post_form(
            &c,
            "/en/signup",
            &[
                ("csrf", csrf.as_str()),
                ("display_name", "Anna Lind"),
                ("email", "anna@example.se"),
                ("password", "1qaz2wsx3edc"),
                ("password_confirm", "1qaz2wsx3edc"),
            ],
        )
        .await;
    assert!(
        res.text()
            .await
            .expect("text")
            .contains("list of common or leaked passwords")
    );

    let res = app
        .post_form(
            &c,
            "/en/signup",
            &[
                ("csrf", csrf.as_str()),
                ("display_name", "Anna Lind"),
                ("email", "anna@example.se"),
                ("password", PASSWORD),
                ("password_confirm", PASSWORD),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    // Not verified yet: sign-in is refused with a clear message.
    let res = app.login(&c, "anna@example.se", PASSWORD).await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    assert!(
        res.text()
            .await
            .expect("text")
            .contains("Confirm your e-mail address first")
    );
    let mail = app.mail("anna@example.se").await;
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
    assert!(res.text().await.expect("text").contains("confirmed"));
    // The link works once.
    let (status, _) = app.get(&path).await;
    assert_eq!(status, StatusCode::GONE);

    let c = app.browser();
    let before = cookie_value(&app, &c).await;
    let res = app.login(&c, "anna@example.se", PASSWORD).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(res.headers()["location"], "/en/account");
    let set_cookie = res.headers()["set-cookie"]
        .to_str()
        .expect("cookie")
        .to_owned();
    assert!(set_cookie.contains("HttpOnly") && set_cookie.contains("SameSite=Lax"));
    let after = set_cookie.split(';').next().expect("pair").to_owned();
    assert_ne!(
        before, after,
        "a new session id at sign-in (no session fixation)"
    );
    // The pre-login session id no longer signs anyone in.
    let old = app
        .client
        .get(format!("{}/en/account", app.base))
        .header("cookie", &before)
        .send()
        .await
        .expect("get");
    assert_eq!(old.status(), StatusCode::SEE_OTHER);

    let html = app.page(&c, "/en/account").await;
    assert!(html.contains("Anna Lind"));
    let csrf = csrf_in(&html).expect("csrf");
    let res = app
        .post_form(&c, "/en/logout", &[("csrf", csrf.as_str())])
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let res = c
        .get(format!("{}/en/account", app.base))
        .send()
        .await
        .expect("get");
    assert_eq!(res.status(), StatusCode::SEE_OTHER, "signed out");
    assert!(
        res.headers()["location"]
            .to_str()
            .expect("loc")
            .starts_with("/en/login?next=")
    );
    // The logged-out session cannot be reused.
    let res = app
        .client
        .get(format!("{}/en/account", app.base))
        .header("cookie", &after)
        .send()
        .await
        .expect("get");
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    app.stop().await;
}

async fn cookie_value(app: &TestApp, c: &reqwest::Client) -> String {
    let res = c
        .get(format!("{}/en/login", app.base))
        .send()
        .await
        .expect("get");
    if let Some(v) = res.headers().get("set-cookie") {
        return v
            .to_str()
            .expect("cookie")
            .split(';')
            .next()
            .expect("pair")
            .to_owned();
    }
    panic!("expected a visitor session cookie on the login page");
}

#[tokio::test]
async fn repeated_failures_lock_the_account_and_throttle_the_address() {
    let app = TestApp::spawn().await;
    app.user("lock@example.se", "editor", Some("vecura")).await;
    let c = app.browser();
    for _ in 0..4 {
        let res = app.login(&c, "lock@example.se", "wrong password 123").await;
        assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
        assert!(
            res.text()
                .await
                .expect("text")
                .contains("Wrong e-mail address or password.")
        );
    }
    let res = app.login(&c, "lock@example.se", "wrong password 123").await;
    assert!(
        res.text()
            .await
            .expect("text")
            .contains("The account is locked")
    );
    // Even the right password is refused while locked.
    let res = app.login(&c, "lock@example.se", PASSWORD).await;
    assert_eq!(res.status(), StatusCode::TOO_MANY_REQUESTS);
    // Many failures from one address, on any accounts, make that address wait.
    for i in 0..16 {
        app.login(&c, &format!("nobody{i}@example.se"), "wrong password 123")
            .await;
    }
    let res = app
        .login(&c, "someone@example.se", "wrong password 123")
        .await;
    assert_eq!(res.status(), StatusCode::TOO_MANY_REQUESTS);
    assert!(
        res.text()
            .await
            .expect("text")
            .contains("Too many failed sign-ins from your connection")
    );
    // Only that address waits: someone signing in from another address gets in.
    app.user("other@example.se", "editor", Some("kth")).await;
    let elsewhere = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .cookie_store(true)
        .local_address(std::net::IpAddr::from([127, 0, 0, 2]))
        .build()
        .expect("client");
    let res = app.login(&elsewhere, "other@example.se", PASSWORD).await;
    assert_eq!(
        res.status(),
        StatusCode::SEE_OTHER,
        "another address is not throttled"
    );
    app.stop().await;
}

#[tokio::test]
async fn a_session_a_lockout_and_a_throttled_address_hold_on_every_server_of_the_site() {
    let app = TestApp::spawn().await;
    let (other, other_base) = app.another_server().await;
    let bases = [app.base.clone(), other_base.clone()];
    app.user("tvaservrar@example.se", "editor", Some("vecura"))
        .await;
    // A session started on one server is known to the other.
    let c = app.signed_in("tvaservrar@example.se", PASSWORD).await;
    let res = c
        .get(format!("{other_base}/en/account"))
        .send()
        .await
        .expect("get");
    assert_eq!(res.status(), StatusCode::OK);
    assert!(
        res.text()
            .await
            .expect("text")
            .contains("tvaservrar@example.se")
    );
    // Failures counted on both servers lock the account on both.
    app.user("las@example.se", "editor", Some("vecura")).await;
    let c = app.browser();
    for i in 0..5 {
        app.login_at(&bases[i % 2], &c, "las@example.se", "wrong password 123")
            .await;
    }
    for base in &bases {
        let res = app.login_at(base, &c, "las@example.se", PASSWORD).await;
        assert_eq!(res.status(), StatusCode::TOO_MANY_REQUESTS, "{base}");
    }
    // Failures from one address spread over both servers make that address wait on both.
    for i in 0..16 {
        app.login_at(
            &bases[i % 2],
            &c,
            &format!("ingen{i}@example.se"),
            "wrong password 123",
        )
        .await;
    }
    for base in &bases {
        let res = app
            .login_at(base, &c, "tvaservrar@example.se", PASSWORD)
            .await;
        assert_eq!(res.status(), StatusCode::TOO_MANY_REQUESTS, "{base}");
    }
    other.stop().await.expect("stop");
    app.stop().await;
}

#[tokio::test]
async fn forms_without_the_csrf_token_are_refused_and_change_nothing() {
    let app = TestApp::spawn().await;
    app.user("ed@example.se", "editor", Some("vecura")).await;
    let c = app.signed_in("ed@example.se", PASSWORD).await;
    let res = app
        .post_form(
            &c,
            "/en/actors/vecura/edit",
            &[
                ("csrf", "forged"),
                ("name.sv", "Hacked"),
                ("name.en", "Hacked"),
                ("description.sv", "x"),
                ("description.en", "x"),
                ("kind", "infrastructure"),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    assert!(
        res.text()
            .await
            .expect("text")
            .contains("The form could not be verified")
    );
    let vecura = app.json("/api/v1/actors/vecura").await;
    assert_eq!(vecura["name"]["sv"], "Vecura");
    // A cookie-authenticated API write needs the CSRF header too.
    let res = c
        .patch(format!("{}/api/v1/actors/vecura", app.base))
        .json(&serde_json::json!({"short_name": "V"}))
        .send()
        .await
        .expect("patch");
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    let res = app
        .post_form(
            &app.client,
            "/en/login",
            &[("email", "ed@example.se"), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    app.stop().await;
}

#[tokio::test]
async fn an_editor_of_vecura_edits_vecura_and_not_ana_futura() {
    let app = TestApp::spawn().await;
    app.user("vecura-editor@example.se", "editor", Some("vecura"))
        .await;
    let token = samverkan::create_token(
        &app.store().await,
        "vecura-editor@example.se",
        "sync",
        domain::TokenScope::Write,
        None,
    )
    .await
    .expect("token");
    let me = app
        .client
        .get(format!("{}/api/v1/me", app.base))
        .bearer_auth(&token)
        .send()
        .await
        .expect("get");
    assert_eq!(me.status(), StatusCode::OK);
    let me: serde_json::Value = me.json().await.expect("json");
    assert_eq!(me["roles"][0]["actor"], "vecura");

    // The representation GET returns is accepted back by PATCH.
    let mut body = app.json("/api/v1/actors/vecura").await;
    body["description"]["en"] =
        serde_json::json!("Vecura makes cell therapies under GMP for clinical trials.");
    app.patch_actor(&token, "vecura", body).await;
    let (_, page) = app.get("/en/actors/vecura").await;
    assert!(page.contains("Vecura makes cell therapies under GMP for clinical trials."));

    let res = app
        .client
        .patch(format!("{}/api/v1/actors/ana-futura", app.base))
        .bearer_auth(&token)
        .json(&serde_json::json!({"description": {"sv": "x", "en": "x"}}))
        .send()
        .await
        .expect("patch");
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    let ana = app.json("/api/v1/actors/ana-futura").await;
    assert_ne!(ana["description"]["en"], "x");
    // Not signed in: 401.
    let res = app
        .client
        .patch(format!("{}/api/v1/actors/vecura", app.base))
        .json(&serde_json::json!({}))
        .send()
        .await
        .expect("patch");
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    // Editors may not change the kind or ownership (they decide legal paths).
    let res = app
        .client
        .patch(format!("{}/api/v1/actors/vecura", app.base))
        .bearer_auth(&token)
        .json(&serde_json::json!({"ownership": "private"}))
        .send()
        .await
        .expect("patch");
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    // Bad input: 422 naming the field; nothing changed.
    let res = app
        .client
        .patch(format!("{}/api/v1/actors/vecura", app.base))
        .bearer_auth(&token)
        .json(&serde_json::json!({"website": "javascript:alert(1)"}))
        .send()
        .await
        .expect("patch");
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let err: serde_json::Value = res.json().await.expect("json");
    assert_eq!(err["error"]["fields"][0]["field"], "website");

    // The audit log has the change (before -> after) and the refused attempt.
    let store = app.store().await;
    let page = domain::PageRequest::new(1, 50).expect("page");
    let entries = store
        .audit_entries(
            &store::AuditFilter {
                object_key: Some("vecura".into()),
                ..Default::default()
            },
            page,
        )
        .await
        .expect("audit");
    let update = entries
        .items
        .iter()
        .find(|e| e.action == "update")
        .expect("update entry");
    assert!(update.changes.iter().any(|c| c.path == "description.en"
        && c.after == "Vecura makes cell therapies under GMP for clinical trials."));
    let denied = store
        .audit_entries(
            &store::AuditFilter {
                object_key: Some("ana-futura".into()),
                action: Some("denied".into()),
                ..Default::default()
            },
            page,
        )
        .await
        .expect("audit");
    assert_eq!(denied.total, 1, "the refused attempt is logged");

    // Revoked tokens stop working.
    let c = app.signed_in("vecura-editor@example.se", PASSWORD).await;
    let html = app.page(&c, "/en/account").await;
    let id = html
        .split("/en/account/tokens/")
        .nth(1)
        .and_then(|s| s.split('/').next())
        .expect("token id")
        .to_owned();
    let res = app
        .post_form(
            &c,
            &format!("/en/account/tokens/{id}/revoke"),
            &[("csrf", csrf_in(&html).expect("csrf").as_str())],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let res = app
        .client
        .get(format!("{}/api/v1/me", app.base))
        .bearer_auth(&token)
        .send()
        .await
        .expect("get");
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    // Every change to the account is in the audit log: role, token created, token revoked.
    let user_id = app
        .store()
        .await
        .user_by_email("vecura-editor@example.se")
        .await
        .expect("q")
        .expect("user")
        .id;
    let filter = store::AuditFilter {
        object_type: Some("user".into()),
        object_key: Some(user_id.to_string()),
        ..Default::default()
    };
    let entries = app
        .store()
        .await
        .audit_entries(&filter, domain::PageRequest::new(1, 50).expect("page"))
        .await
        .expect("audit");
    let actions: Vec<&str> = entries.items.iter().map(|e| e.action.as_str()).collect();
    for action in ["create", "grant_role", "create_token", "revoke_token"] {
        assert!(actions.contains(&action), "{action} audited: {actions:?}");
    }
    app.stop().await;
}

#[tokio::test]
async fn the_edit_form_validates_keeps_input_and_records_history() {
    let app = TestApp::spawn().await;
    app.user("ed@example.se", "editor", Some("vecura")).await;
    let c = app.signed_in("ed@example.se", PASSWORD).await;
    let html = unescape(&app.page(&c, "/sv/actors/vecura/edit").await);
    assert!(
        !html.contains("id=\"f-kind\""),
        "editors do not get the kind and ownership choices"
    );
    let csrf = csrf_in(&html).expect("csrf");
    let mut form = vec![
        ("csrf".to_owned(), csrf.clone()),
        ("name.sv".to_owned(), "Vecura".to_owned()),
        ("name.en".to_owned(), "Vecura".to_owned()),
        (
            "description.sv".to_owned(),
            "Ny beskrivning av Vecura.".to_owned(),
        ),
        (
            "description.en".to_owned(),
            "A new description of Vecura.".to_owned(),
        ),
        ("website".to_owned(), "not a url".to_owned()),
        ("campuses".to_owned(), "flemingsberg".to_owned()),
        ("contacts[0].name".to_owned(), "Pontus Blomberg".to_owned()),
        (
            "contacts[0].role_sv".to_owned(),
            "Verksamhetschef".to_owned(),
        ),
        (
            "contacts[0].role_en".to_owned(),
            "Head of operations".to_owned(),
        ),
        ("contacts[0].email".to_owned(), String::new()),
        ("relations[0].kind".to_owned(), "part_of".to_owned()),
        (
            "relations[0].to".to_owned(),
            "karolinska-centrum-for-cellterapi".to_owned(),
        ),
        ("relations[0].since".to_owned(), "20x2".to_owned()),
        ("relations[0].until".to_owned(), String::new()),
        ("relations[0].source".to_owned(), String::new()),
    ];
    let res = app.post_form(&c, "/sv/actors/vecura/edit", &form).await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = unescape(&res.text().await.expect("text"));
    assert!(
        html.contains("Skriv en fullständig webbadress"),
        "field message in Swedish"
    );
    assert!(html.contains("Skriv ett årtal med fyra siffror."));
    assert!(
        html.contains("Ny beskrivning av Vecura."),
        "typed text kept"
    );
    assert!(
        html.contains("href=\"#f-website\""),
        "error summary links to the field"
    );
    let (_, page) = app.get("/sv/actors/vecura").await;
    assert!(!page.contains("Ny beskrivning av Vecura."), "nothing saved");

    form.retain(|(k, _)| k != "website" && k != "relations[0].since");
    form.push(("website".into(), "https://www.karolinska.se/vecura".into()));
    form.push(("relations[0].since".into(), "2022".into()));
    let res = app.post_form(&c, "/sv/actors/vecura/edit", &form).await;
    assert_eq!(
        res.status(),
        StatusCode::SEE_OTHER,
        "{}",
        res.text().await.unwrap_or_default()
    );
    let (_, page) = app.get("/sv/actors/vecura").await;
    assert!(page.contains("Ny beskrivning av Vecura."));
    assert!(page.contains("sedan 2022"));
    let history = unescape(&app.page(&c, "/en/actors/vecura/history").await);
    assert!(history.contains("description.sv") && history.contains("Ny beskrivning av Vecura."));
    assert!(history.contains("ed@example.se"), "who made the change");
    app.stop().await;
}

#[tokio::test]
async fn password_reset_and_invitation_by_single_use_links() {
    let app = TestApp::spawn().await;
    app.user("admin@example.se", "admin", None).await;
    app.user("reset@example.se", "editor", Some("kth")).await;
    // Reset.
    let c = app.browser();
    let csrf = app.csrf(&c, "/en/password/forgot").await;
    let res = app
        .post_form(
            &c,
            "/en/password/forgot",
            &[("csrf", csrf.as_str()), ("email", "reset@example.se")],
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let mail = app.mail("reset@example.se").await;
    let path = path_of(&link_in(&mail[0].body));
    let token = path.split("token=").nth(1).expect("token").to_owned();
    let new_password = "Tvillingregistret i Solna 7";
    let html = app.page(&c, &path).await;
    let res = app
        .post_form(
            &c,
            "/en/password/reset",
            &[
                ("csrf", csrf_in(&html).expect("csrf").as_str()),
                ("token", token.as_str()),
                ("password", new_password),
                ("password_confirm", new_password),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(
        app.login(&app.browser(), "reset@example.se", PASSWORD)
            .await
            .status(),
        StatusCode::UNAUTHORIZED
    );
    app.signed_in("reset@example.se", new_password).await;
    let res = app
        .post_form(
            &c,
            "/en/password/reset",
            &[
                ("csrf", csrf_in(&html).expect("csrf").as_str()),
                ("token", token.as_str()),
                ("password", "another good password"),
                ("password_confirm", "another good password"),
            ],
        )
        .await;
    assert_eq!(
        res.status(),
        StatusCode::GONE,
        "a used link does not work again"
    );

    // Invitation.
    let admin = app.signed_in("admin@example.se", PASSWORD).await;
    let csrf = app.csrf(&admin, "/en/admin/invite").await;
    let res = app
        .post_form(
            &admin,
            "/en/admin/invite",
            &[
                ("csrf", csrf.as_str()),
                ("display_name", "Sara Ek"),
                ("email", "sara@example.se"),
                ("role", "editor"),
                ("actor", "biolamina"),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    assert!(
        res.text()
            .await
            .expect("text")
            .contains("The invitation has been sent to sara@example.se")
    );
    let mail = app.mail("sara@example.se").await;
    let path = path_of(&link_in(&mail[0].body));
    let token = path.split("token=").nth(1).expect("token").to_owned();
    let c = app.browser();
    let html = app.page(&c, &path).await;
    let res = app
        .post_form(
            &c,
            "/en/invitation",
            &[
                ("csrf", csrf_in(&html).expect("csrf").as_str()),
                ("token", token.as_str()),
                ("password", PASSWORD),
                ("password_confirm", PASSWORD),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let sara = app.signed_in("sara@example.se", PASSWORD).await;
    let res = sara
        .get(format!("{}/en/actors/biolamina/edit", app.base))
        .send()
        .await
        .expect("get");
    assert_eq!(res.status(), StatusCode::OK);
    let res = sara
        .get(format!("{}/en/actors/vecura/edit", app.base))
        .send()
        .await
        .expect("get");
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    // The invitation is attributed to the admin who sent it; the password setting to the person.
    let store = app.store().await;
    let admin_id = store
        .user_by_email("admin@example.se")
        .await
        .expect("q")
        .expect("admin")
        .id;
    let sara_id = store
        .user_by_email("sara@example.se")
        .await
        .expect("q")
        .expect("sara")
        .id;
    let filter = store::AuditFilter {
        object_type: Some("user".into()),
        object_key: Some(sara_id.to_string()),
        ..Default::default()
    };
    let entries = store
        .audit_entries(&filter, domain::PageRequest::new(1, 50).expect("page"))
        .await
        .expect("audit");
    let by = |action: &str| {
        entries
            .items
            .iter()
            .find(|e| e.action == action)
            .map(|e| e.user_id)
    };
    assert_eq!(by("create"), Some(Some(admin_id)));
    assert_eq!(by("grant_role"), Some(Some(admin_id)));
    assert_eq!(by("set_password"), Some(Some(sara_id)));
    assert_eq!(by("verify_email"), Some(Some(sara_id)));
    app.stop().await;
}

#[tokio::test]
async fn export_and_erasure_keep_the_audit_but_not_the_person() {
    let app = TestApp::spawn().await;
    app.user("gone@example.se", "editor", Some("vecura")).await;
    let c = app.signed_in("gone@example.se", PASSWORD).await;
    let token = app.csrf(&c, "/en/account").await;
    let res = c
        .patch(format!("{}/api/v1/actors/vecura", app.base))
        .header("x-csrf-token", &token)
        .json(&serde_json::json!({"short_name": "VEC"}))
        .send()
        .await
        .expect("patch");
    assert_eq!(res.status(), StatusCode::OK);
    let export: serde_json::Value = c
        .get(format!("{}/en/account/export", app.base))
        .send()
        .await
        .expect("get")
        .json()
        .await
        .expect("json");
    assert_eq!(export["account"]["email"], "gone@example.se");
    assert_eq!(export["roles"][0]["actor"], "vecura");
    assert!(
        export["changes_made"]
            .as_array()
            .is_some_and(|c| c.iter().any(|e| e["object"] == "actor/vecura"))
    );

    let res = app
        .post_form(
            &c,
            "/en/account/erase",
            &[
                ("csrf", token.as_str()),
                ("confirm_email", "wrong@example.se"),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let res = app
        .post_form(
            &c,
            "/en/account/erase",
            &[
                ("csrf", token.as_str()),
                ("confirm_email", "gone@example.se"),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(
        app.login(&app.browser(), "gone@example.se", PASSWORD)
            .await
            .status(),
        StatusCode::UNAUTHORIZED
    );
    let store = app.store().await;
    assert!(
        store
            .user_by_email("gone@example.se")
            .await
            .expect("q")
            .is_none()
    );
    let page = domain::PageRequest::new(1, 50).expect("page");
    let entries = store
        .audit_entries(
            &store::AuditFilter {
                object_key: Some("vecura".into()),
                ..Default::default()
            },
            page,
        )
        .await
        .expect("audit");
    let change = entries
        .items
        .iter()
        .find(|e| e.action == "update")
        .expect("the change stays in the log");
    assert_eq!(change.user_label, None, "but not who it was by name");
    let all = store
        .audit_entries(
            &store::AuditFilter::default(),
            domain::PageRequest::new(1, 100).expect("page"),
        )
        .await
        .expect("audit");
    let text = format!("{:?}", all.items);
    assert!(
        !text.contains("gone@example.se"),
        "no trace of the e-mail address in the audit log"
    );
    app.stop().await;
}

#[tokio::test]
async fn the_audit_log_is_append_only_in_the_database() {
    use sqlx::Connection;
    let app = TestApp::spawn().await;
    let url = app.store().await;
    drop(url);
    sqlx::any::install_default_drivers();
    let db_url = app.db_url();
    let mut conn = sqlx::AnyConnection::connect(&db_url)
        .await
        .expect("connect");
    let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM audit_log")
        .fetch_one(&mut conn)
        .await
        .expect("count");
    assert!(n >= 1, "the seed is audited");
    assert!(
        sqlx::query("UPDATE audit_log SET action = 'x'")
            .execute(&mut conn)
            .await
            .is_err()
    );
    assert!(
        sqlx::query("DELETE FROM audit_log")
            .execute(&mut conn)
            .await
            .is_err()
    );
    let after: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM audit_log")
        .fetch_one(&mut conn)
        .await
        .expect("count");
    assert_eq!(after, n);
    app.stop().await;
}

#[tokio::test]
async fn someone_elses_token_cannot_be_revoked() {
    let app = TestApp::spawn().await;
    app.user("a@example.se", "editor", Some("vecura")).await;
    app.user("b@example.se", "editor", Some("kth")).await;
    let token_a = samverkan::create_token(
        &app.store().await,
        "a@example.se",
        "a",
        domain::TokenScope::Write,
        None,
    )
    .await
    .expect("token");
    let a_id = app
        .store()
        .await
        .api_tokens(
            app.store()
                .await
                .user_by_email("a@example.se")
                .await
                .expect("q")
                .expect("a")
                .id,
        )
        .await
        .expect("tokens")[0]
        .id;
    let b = app.signed_in("b@example.se", PASSWORD).await;
    let csrf = app.csrf(&b, "/en/account").await;
    let res = app
        .post_form(
            &b,
            &format!("/en/account/tokens/{a_id}/revoke"),
            &[("csrf", csrf.as_str())],
        )
        .await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
    let res = app
        .client
        .get(format!("{}/api/v1/me", app.base))
        .bearer_auth(&token_a)
        .send()
        .await
        .expect("get");
    assert_eq!(res.status(), StatusCode::OK, "A's token still works");
    app.stop().await;
}

#[tokio::test]
async fn an_admin_erases_a_contact_person_from_the_actor_page_and_others_see_no_button() {
    let app = TestApp::spawn().await;
    app.user("office@example.se", "admin", None).await;
    app.user("editor@example.se", "editor", Some("vecura"))
        .await;
    let editor = app.signed_in("editor@example.se", PASSWORD).await;
    let html = unescape(&app.page(&editor, "/en/actors/vecura").await);
    assert!(html.contains("Pontus Blomberg"));
    assert!(
        !html.contains("/contacts/0/erase"),
        "an editor gets no erase button"
    );

    let admin = app.signed_in("office@example.se", PASSWORD).await;
    let html = unescape(&app.page(&admin, "/en/actors/vecura").await);
    assert!(html.contains("Erase personal data of the contact person Pontus Blomberg"));
    let csrf = csrf_in(&html).expect("csrf");
    let res = app
        .post_form(
            &admin,
            "/en/actors/vecura/contacts/0/erase",
            &[("csrf", csrf.as_str())],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let html = app.page(&admin, "/en/actors/vecura").await;
    assert!(
        !html.contains("Pontus Blomberg"),
        "the contact is gone from the page"
    );
    let vecura = app.json("/api/v1/actors/vecura").await;
    assert!(
        !vecura.to_string().contains("Pontus Blomberg"),
        "and from the API"
    );
    // The change log keeps the fact, filterable by action and by who did it.
    let log = unescape(
        &app.page(
            &admin,
            "/en/admin/audit?action=erase_contact&who=office@example.se",
        )
        .await,
    );
    assert!(log.contains("1 change"), "{log}");
    assert!(log.contains("erase_contact"));
    assert!(
        !log.contains("Pontus Blomberg"),
        "the log keeps the fact, not the person"
    );
    // A second erase of a contact that no longer exists changes nothing.
    let res = app
        .post_form(
            &admin,
            "/en/actors/vecura/contacts/5/erase",
            &[("csrf", csrf.as_str())],
        )
        .await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
    app.stop().await;
}

#[tokio::test]
async fn the_change_log_filters_by_type_object_action_and_person() {
    let app = TestApp::spawn().await;
    app.user("office@example.se", "admin", None).await;
    let admin = app.signed_in("office@example.se", PASSWORD).await;
    let all = unescape(&app.page(&admin, "/en/admin/audit").await);
    assert!(all.contains(r#"<label for="af-type">Type of object</label>"#));
    assert!(
        all.contains(r#"<option value="dataset">dataset</option>"#)
            && all.contains(r#"<option value="user">user</option>"#),
        "the types come from the log"
    );
    let users = unescape(&app.page(&admin, "/en/admin/audit?object_type=user").await);
    assert!(
        users.contains(r#"<option value="user" selected>user</option>"#),
        "the choice is kept"
    );
    assert!(users.contains("office@example.se"));
    assert!(
        !users.contains("<td>load</td>") && !users.contains("dataset</a>"),
        "no data set entries"
    );
    let seed = unescape(
        &app.page(&admin, "/en/admin/audit?object_type=dataset")
            .await,
    );
    assert!(
        seed.contains("1 change"),
        "the data set was loaded once: {seed}"
    );
    let paged = unescape(
        &app.page(&admin, "/en/admin/audit?object_type=user&object_key=nobody")
            .await,
    );
    assert!(
        paged.contains("0 changes"),
        "the object filter narrows: {paged}"
    );
    // An unknown address is named in a message, and nothing is listed.
    let sv = unescape(
        &app.page(&admin, "/sv/admin/audit?who=ingen@example.se")
            .await,
    );
    assert!(sv.contains("Inget konto använder adressen ingen@example.se."));
    assert!(sv.contains("0 ändringar"), "{sv}");
    app.stop().await;
}
