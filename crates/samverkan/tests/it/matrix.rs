//! The role x route matrix: every route of the router's table, called by every kind of caller, answers as its
//! declared rule says — and every rule is the expected one for that route.

use crate::helpers::{TestApp, csrf_in};
use reqwest::StatusCode;
use web::Rule;

struct Persona {
    name: &'static str,
    /// Cookie header of a live session, or none for the public.
    cookie: Option<String>,
    csrf: Option<String>,
    /// Who the policy sees (none for the public).
    principal: Option<domain::Principal>,
}

fn fill(path: &str) -> String {
    let path = if path.starts_with("/static/") {
        path.replace("{file}", "style.css")
    } else {
        path.to_owned()
    };
    // A measure that exists (1.3, Region Stockholm's, in Health data), so its edit form answers by role
    // rather than 404; likewise indicator 1.a and the area Health data.
    let path = path
        .replace("/measures/{id}", "/measures/3")
        .replace("/indicators/{id}", "/indicators/1")
        .replace("/strategy/{slug}", "/strategy/halsodata")
        .replace("/assessments/{slug}", "/assessments/halsodata")
        .replace(
            "/health-data/sources/{slug}",
            "/health-data/sources/pku-biobanken",
        );
    path.replace("{lang}", "en")
        .replace("{slug}", "vecura")
        .replace("{id}", "999999")
        .replace("{n}", "99")
        .replace("{service}", "vecura-gmp-cell-therapy")
        .replace("{premises}", "locum-gamla-sjukhusomradet-solna")
        .replace("{item}", "999999")
        .replace("{file}", "999999")
        .replace("{key}", "municipal-law-equal-terms")
        .replace("{year}", "2026")
        // Measure 1.3 of the built-in strategy; Region Stockholm is responsible for it.
        .replace("{measure}", "3")
}

#[tokio::test]
async fn every_route_answers_every_role_as_its_rule_says() {
    // With health data, so that the researcher's routes answer as they would on a server.
    let data = tempfile::tempdir().expect("tempdir");
    let app = TestApp::spawn_with_health(data.path()).await;
    let store = app.store().await;
    let mut personas = vec![Persona {
        name: "public",
        cookie: None,
        csrf: None,
        principal: None,
    }];
    for (name, role, actor) in [
        ("company", "company", Some("biolamina")),
        ("manager", "manager", Some("vecura")),
        ("owner", "owner", Some("vecura")),
        ("editor-other", "editor", Some("ana-futura")),
        ("editor-vecura", "editor", Some("vecura")),
        ("reporter", "reporter", Some("region-stockholm")),
        ("lead", "reporter", Some("centrum-for-halsodata")),
        ("admin", "admin", None),
        ("researcher", "researcher", Some("karolinska-institutet")),
    ] {
        let id = app.user(&format!("{name}@example.se"), role, actor).await;
        if name == "lead" {
            let office = app.user("office-for-lead@example.se", "admin", None).await;
            store
                .add_group_member(
                    &domain::Slug::parse("halsodata").expect("slug"),
                    "lead@example.se",
                    &domain::Slug::parse("centrum-for-halsodata").expect("slug"),
                    domain::strategy::GroupRole::Lead,
                    office,
                )
                .await
                .expect("lead of the working group");
        }
        let (token, session) = store.create_session(Some(id)).await.expect("session");
        let grants = store.grants(id).await.expect("grants");
        let leads = store.plan_leads(id).await.expect("leads");
        personas.push(Persona {
            name,
            cookie: Some(format!("{}={token}", web::SESSION_COOKIE)),
            csrf: Some(session.csrf_token),
            principal: Some(
                domain::Principal::new(id, grants, domain::Credential::Session).leading(leads),
            ),
        });
    }
    // A sanity check that the sessions work: the account page shows the CSRF token of the session.
    let res = app
        .client
        .get(format!("{}/en/account", app.base))
        .header("cookie", personas[7].cookie.as_deref().expect("c"))
        .send()
        .await
        .expect("get");
    assert_eq!(csrf_in(&res.text().await.expect("text")), personas[7].csrf);

    let vecura = domain::Slug::parse("vecura").expect("slug");
    // Measure 3 (the one `fill` uses) is Region Stockholm's, in Health data like indicator 1.
    let region = domain::Slug::parse("region-stockholm").expect("slug");
    let halsodata = domain::Slug::parse("halsodata").expect("slug");
    let specs = web::route_specs();
    assert!(specs.len() >= 40, "the table lists every route");
    let mut failures = Vec::new();
    for spec in &specs {
        // Signing out would end the persona's session for later rows; it is covered by the auth tests.
        if spec.path.ends_with("/logout") {
            assert_eq!(spec.rule, Rule::Public);
            continue;
        }
        for p in &personas {
            let url = format!("{}{}", app.base, fill(spec.path));
            let mut req = match spec.method {
                "GET" => app.client.get(&url),
                "POST" => app
                    .client
                    .post(&url)
                    .form(&[("csrf", p.csrf.clone().unwrap_or_default())]),
                "PATCH" => app
                    .client
                    .patch(&url)
                    .header("x-csrf-token", p.csrf.clone().unwrap_or_default())
                    .json(&serde_json::json!({})),
                other => panic!("method {other} not covered"),
            };
            if let Some(c) = &p.cookie {
                req = req.header("cookie", c);
            }
            let res = req.send().await.expect("request");
            let status = res.status();
            let location = res
                .headers()
                .get("location")
                .and_then(|v| v.to_str().ok())
                .unwrap_or_default()
                .to_owned();
            let body = res.text().await.unwrap_or_default();
            let signed_in = p.cookie.is_some();
            // "Sign in first" is a 401 from the policy (not a failed sign-in) or a redirect to the login page.
            let needs_sign_in = (status == StatusCode::UNAUTHORIZED
                && (body.contains("You need to sign in") || body.contains("\"unauthorized\"")))
                || (status == StatusCode::SEE_OTHER && location.contains("/login?next="));
            // "Not allowed" is the policy's 403, told apart from a refused CSRF token.
            let forbidden = status == StatusCode::FORBIDDEN
                && (body.contains("is not allowed") || body.contains("\"forbidden\""));
            // What the policy says of this route's rule, for the objects `fill` put in its path.
            let expected_ok = spec.rule.decide(
                p.principal.as_ref(),
                web::RouteObject {
                    actor: Some(&vecura),
                    responsible: Some(&region),
                    area: Some(&halsodata),
                },
            ) == domain::Decision::Allow;
            let verdict_ok = if expected_ok {
                !needs_sign_in && !forbidden
            } else if signed_in {
                forbidden
            } else {
                needs_sign_in
            };
            if !verdict_ok {
                failures.push(format!(
                    "{} {} as {}: {status} (rule {:?})",
                    spec.method, spec.path, p.name, spec.rule
                ));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "routes answering against their rule:\n{}",
        failures.join("\n")
    );

    // The rules themselves: every write of someone's data is behind a sign-in.
    for spec in &specs {
        let public_write = spec.method != "GET"
            && spec.rule == Rule::Public
            && ![
                "/login",
                "/logout",
                "/signup",
                "/verify",
                "/password/forgot",
                "/password/reset",
                "/invitation",
                // Anyone may report an accessibility problem (the law asks for a way to); CSRF still applies.
                "/accessibility/report",
                // Matching a need reads only; POST carries the need as JSON.
                "/api/v1/match",
            ]
            .iter()
            .any(|p| spec.path.ends_with(p));
        assert!(
            !public_write,
            "{} {} is a public write",
            spec.method, spec.path
        );
    }
    app.stop().await;
}
