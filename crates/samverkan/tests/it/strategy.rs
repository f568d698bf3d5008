//! The strategy over HTTP: the five focus areas with their four texts in both languages, the action plans with
//! example data labelled, indicators with their status and an accessible chart, and the automatic indicator that
//! counts completed access requests from small companies.

use crate::helpers::TestApp;
use reqwest::StatusCode;
use serde_json::json;

#[tokio::test]
async fn the_strategy_has_five_areas_with_four_texts_in_both_languages() {
    let app = TestApp::spawn().await;
    let s = app.json("/api/v1/strategy").await;
    let areas = s["areas"].as_array().expect("areas");
    assert_eq!(areas.len(), 5, "the five focus areas of the strategy");
    for a in areas {
        for field in [
            "name",
            "current_state",
            "strengths",
            "desired_state",
            "development_needs",
        ] {
            for lang in ["sv", "en"] {
                assert!(
                    a[field][lang]
                        .as_str()
                        .is_some_and(|t| t.len() > 20 || field == "name"),
                    "{} {field} {lang}",
                    a["slug"]
                );
            }
        }
    }
    let (status, html) = app.get("/sv/strategy").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Exempeldata."), "example data is labelled");
    for a in areas {
        assert!(html.contains(&format!(
            "/sv/strategy/{}",
            a["slug"].as_str().expect("slug")
        )));
    }
    let slug = areas[0]["slug"].as_str().expect("slug");
    let (status, html) = app.get(&format!("/en/strategy/{slug}")).await;
    assert_eq!(status, StatusCode::OK);
    for heading in [
        "Current state",
        "Regional strengths",
        "Desired state",
        "Development needs",
        "Action plan: measures",
        "Indicators",
    ] {
        assert!(html.contains(heading), "{heading}");
    }
    assert!(
        html.contains("role=\"img\""),
        "indicator charts are accessible SVG"
    );
    assert!(
        html.contains("/en/atlas?selected="),
        "contributing actors link into the atlas"
    );
    // Every measure's responsible actor and contributor is listed once, linked into the atlas.
    let of_area = app.json(&format!("/api/v1/measures?area={slug}")).await;
    for m in of_area.as_array().expect("measures") {
        let mut who = vec![m["responsible"].as_str().expect("responsible").to_owned()];
        for c in m["contributors"].as_array().into_iter().flatten() {
            who.extend(c.as_str().map(str::to_owned));
        }
        for a in who {
            assert_eq!(
                html.matches(&format!("/en/atlas?selected={a}\"")).count(),
                1,
                "{a} listed once"
            );
        }
    }
    let (status, _) = app.get("/en/strategy/no-such-area").await;
    assert_eq!(status, StatusCode::NOT_FOUND);

    let measures = app.json("/api/v1/measures").await;
    let measures = measures.as_array().expect("measures");
    assert!(measures.len() >= 10);
    assert!(
        measures.iter().any(|m| m["example"] == true)
            && measures.iter().any(|m| m["example"] == false)
    );
    let id = measures[0]["id"].as_i64().expect("id");
    let (status, _) = app.get(&format!("/sv/measures/{id}")).await;
    assert_eq!(status, StatusCode::OK);
    let indicators = app.json("/api/v1/indicators").await;
    for i in indicators.as_array().expect("indicators") {
        let status = i["status"].as_str().expect("status");
        assert!(["on_track", "at_risk", "off_track", "unknown"].contains(&status));
        let (code, html) = app.get(&format!("/en/indicators/{}", i["id"])).await;
        assert_eq!(code, StatusCode::OK);
        assert!(
            html.contains("<table") || html.contains("No values reported yet"),
            "the numbers are also in a table"
        );
    }
    app.stop().await;
}

#[tokio::test]
async fn the_automatic_indicator_counts_completed_requests_from_small_companies() {
    let app = TestApp::spawn().await;
    let auto = |v: &serde_json::Value| -> serde_json::Value {
        v.as_array()
            .expect("indicators")
            .iter()
            .find(|i| i["automatic"] == "sme_requests_completed")
            .expect("the automatic indicator")
            .clone()
    };
    let before = auto(&app.json("/api/v1/indicators").await);
    assert_eq!(before["values"], json!([]), "nothing completed yet");

    // BioLamina (a small company) gets a request through to completion, with every required item checked.
    let store = app.store().await;
    app.user("founder@biolamina.example", "company", Some("biolamina"))
        .await;
    app.user("manager@vecura.example", "manager", Some("vecura"))
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
    let res = app
        .client
        .post(format!("{}/api/v1/access-requests", app.base))
        .bearer_auth(&company)
        .json(
            &json!({"company": "biolamina", "provider": "vecura", "title": "Batch", "need": "GMP"}),
        )
        .send()
        .await
        .expect("post");
    assert_eq!(res.status(), StatusCode::CREATED);
    let id = res.json::<serde_json::Value>().await.expect("json")["id"]
        .as_i64()
        .expect("id");
    let mv = |token: &str, m: &str| {
        app.client
            .post(format!(
                "{}/api/v1/access-requests/{id}/transition",
                app.base
            ))
            .bearer_auth(token.to_owned())
            .json(&json!({"move": m}))
            .send()
    };
    assert_eq!(
        mv(&manager, "accept").await.expect("post").status(),
        StatusCode::OK
    );
    let user = |email: &str| {
        let store = store.clone();
        let email = email.to_owned();
        async move {
            store
                .user_by_email(&email)
                .await
                .expect("q")
                .expect("user")
                .id
        }
    };
    let (company_id, manager_id) = (
        user("founder@biolamina.example").await,
        user("manager@vecura.example").await,
    );
    for stage in [
        domain::access::Stage::Preparation,
        domain::access::Stage::Development,
        domain::access::Stage::Execution,
    ] {
        let d = store.request(id).await.expect("q").expect("r");
        for item in d.items.iter().filter(|i| i.stage == stage) {
            let (who, side) = match item.party {
                domain::access::Party::Company => (company_id, domain::access::Side::Company),
                domain::access::Party::Infrastructure => {
                    (manager_id, domain::access::Side::Infrastructure)
                }
            };
            store
                .set_item(id, item.id, who, side, true)
                .await
                .expect("check");
        }
        assert_eq!(
            mv(&manager, "advance").await.expect("post").status(),
            StatusCode::OK,
            "{stage}"
        );
    }
    assert_eq!(
        store.request_parties(id).await.expect("q").expect("r").2,
        domain::access::RequestStatus::Completed
    );
    let after = auto(&app.json("/api/v1/indicators").await);
    let values = after["values"].as_array().expect("values");
    assert_eq!(values.len(), 1);
    assert_eq!(values[0]["value"], 1.0);
    assert_eq!(
        values[0]["year"],
        domain::IsoDate::from_unix_millis(store::now_millis()).year()
    );
    app.stop().await;
}
