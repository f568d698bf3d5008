//! The programme office keeps the action plans: each area's working group (people, the organisation each represents,
//! who leads) and the indicators' definitions. Refusals are specific and change nothing; every change is audited;
//! an erased account leaves every group.

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

async fn add(
    app: &TestApp,
    c: &reqwest::Client,
    email: &str,
    organisation: &str,
    role: &str,
) -> (StatusCode, String) {
    let path = "/en/strategy/halsodata/working-group";
    let csrf = app.csrf(c, path).await;
    let res = app
        .post_form(
            c,
            path,
            &[
                ("csrf", csrf.as_str()),
                ("email", email),
                ("organisation", organisation),
                ("role", role),
            ],
        )
        .await;
    let status = res.status();
    (status, unescape(&res.text().await.expect("text")))
}

#[tokio::test]
async fn the_office_keeps_a_working_group_that_the_public_area_page_shows() {
    let app = TestApp::spawn().await;
    app.user("office@example.se", "admin", None).await;
    let anna = app
        .user("anna@example.se", "reporter", Some("centrum-for-halsodata"))
        .await;
    let office = app.signed_in("office@example.se", PASSWORD).await;
    let reporter = app.signed_in("anna@example.se", PASSWORD).await;

    // Nobody yet; the public page says so and offers no management link.
    let (_, html) = app.get("/en/strategy/halsodata").await;
    assert!(html.contains("No one has been added to the working group yet."));
    assert!(!html.contains("/working-group"));
    assert!(
        html.contains("href=\"/en/atlas?area=halsodata\""),
        "the area's actors in the atlas"
    );

    // An address with no account, a missing organisation: named, nothing added.
    let (status, html) = add(
        &app,
        &office,
        "nobody@example.se",
        "centrum-for-halsodata",
        "lead",
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        html.contains("No account has that e-mail address."),
        "{html}"
    );
    assert!(
        html.contains("value=\"nobody@example.se\""),
        "what was typed is kept"
    );
    let (status, html) = add(&app, &office, "anna@example.se", "", "lead").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        html.contains("Organisation: Choose one of the options."),
        "{html}"
    );
    assert_eq!(audit_count(&app, "working_group").await, 0);

    // A reporter may not change the group, nor see the page.
    let csrf = app.csrf(&reporter, "/en/account").await;
    let res = app
        .post_form(
            &reporter,
            "/en/strategy/halsodata/working-group",
            &[
                ("csrf", csrf.as_str()),
                ("email", "anna@example.se"),
                ("organisation", "centrum-for-halsodata"),
                ("role", "lead"),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    let res = reporter
        .get(format!("{}/sv/strategy/halsodata/working-group", app.base))
        .send()
        .await
        .expect("get");
    assert_eq!(res.status(), StatusCode::FORBIDDEN);

    // The office adds Anna as lead (case of the address does not matter); a second time is refused.
    let (status, _) = add(
        &app,
        &office,
        "Anna@Example.se",
        "centrum-for-halsodata",
        "lead",
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let (status, html) = add(
        &app,
        &office,
        "anna@example.se",
        "region-stockholm",
        "member",
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(html.contains("The person is already in this working group."));
    let (_, html) = app.get("/sv/strategy/halsodata").await;
    let html = unescape(&html);
    assert!(
        html.contains("anna@example.se, <a href=\"/sv/actors/centrum-for-halsodata\">Centrum för hälsodata</a> (Sammankallande)"),
        "{html}"
    );
    let (_, other_area) = app.get("/en/strategy/precisionsmedicin").await;
    assert!(
        !other_area.contains("anna@example.se"),
        "only in the area she was added to"
    );
    assert_eq!(audit_count(&app, "working_group").await, 1);

    // Her data export lists the group.
    let export: serde_json::Value = reporter
        .get(format!("{}/en/account/export", app.base))
        .send()
        .await
        .expect("export")
        .json()
        .await
        .expect("json");
    assert_eq!(export["working_groups"][0]["area"], "halsodata");
    assert_eq!(export["working_groups"][0]["role"], "lead");

    // Removing her takes her off the page, audited.
    let page = app
        .page(&office, "/en/strategy/halsodata/working-group")
        .await;
    let member = page
        .split("name=\"member\" value=\"")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .expect("a remove button")
        .to_owned();
    let csrf = app
        .csrf(&office, "/en/strategy/halsodata/working-group")
        .await;
    let res = app
        .post_form(
            &office,
            "/en/strategy/halsodata/working-group/remove",
            &[("csrf", csrf.as_str()), ("member", member.as_str())],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let (_, html) = app.get("/en/strategy/halsodata").await;
    assert!(!html.contains("anna@example.se"));
    assert_eq!(audit_count(&app, "working_group").await, 2);

    // An erased account leaves every group.
    let (status, _) = add(
        &app,
        &office,
        "anna@example.se",
        "centrum-for-halsodata",
        "member",
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    app.store()
        .await
        .erase_user(anna, None)
        .await
        .expect("erase");
    let (_, html) = app.get("/en/strategy/halsodata").await;
    assert!(html.contains("No one has been added to the working group yet."));
    app.stop().await;
}

fn indicator<'a>(all: &'a serde_json::Value, code: &str) -> &'a serde_json::Value {
    all.as_array()
        .expect("indicators")
        .iter()
        .find(|i| i["code"] == code)
        .expect("indicator")
}

#[tokio::test]
async fn the_office_edits_an_indicator_and_bad_input_changes_nothing() {
    let app = TestApp::spawn().await;
    app.user("office@example.se", "admin", None).await;
    app.user("anna@example.se", "reporter", Some("centrum-for-halsodata"))
        .await;
    let office = app.signed_in("office@example.se", PASSWORD).await;
    let reporter = app.signed_in("anna@example.se", PASSWORD).await;
    let before = app.json("/api/v1/indicators").await;
    let id = indicator(&before, "1.a")["id"].as_i64().expect("id");
    let path = format!("/en/indicators/{id}/edit");

    // Only the office sees the edit link and the form.
    let (_, public) = app.get(&format!("/en/indicators/{id}")).await;
    assert!(!public.contains(&path));
    assert!(
        app.page(&office, &format!("/en/indicators/{id}"))
            .await
            .contains(&path)
    );
    let res = reporter
        .get(format!("{}{path}", app.base))
        .send()
        .await
        .expect("get");
    assert_eq!(res.status(), StatusCode::FORBIDDEN);

    let form = |target_value: &'static str, target_year: &'static str, name_sv: &'static str| {
        vec![
            ("direction", "higher"),
            ("baseline_value", "40"),
            ("baseline_year", "2023"),
            ("target_value", target_value),
            ("target_year", target_year),
            ("name_sv", name_sv),
            ("unit_sv", "antal per år"),
            ("source_sv", "Centrum för hälsodata, årlig sammanställning"),
            (
                "name_en",
                "Research projects that received structured health data",
            ),
            ("unit_en", "number per year"),
            ("source_en", "Centre for Health Data, annual summary"),
        ]
    };
    // Not a number, a target before the baseline, an empty name: each named; nothing saved.
    for (fields, message) in [
        (
            form("many", "2030", "Forskningsprojekt"),
            "Write a number, for example 12 or 12.5.",
        ),
        (
            form("150", "2020", "Forskningsprojekt"),
            "The target year must come after the baseline year.",
        ),
        (form("150", "2030", ""), "Fill in this field."),
    ] {
        let csrf = app.csrf(&office, &path).await;
        let mut all = vec![("csrf", csrf.as_str())];
        all.extend(fields);
        let res = app.post_form(&office, &path, &all).await;
        assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let html = unescape(&res.text().await.expect("text"));
        assert!(html.contains(message), "{message}: {html}");
    }
    assert_eq!(app.json("/api/v1/indicators").await, before);
    assert_eq!(audit_count(&app, "indicator").await, 0);

    // A Swedish decimal comma is a number; the new target is public and the change audited.
    let csrf = app.csrf(&office, &path).await;
    let mut all = vec![("csrf", csrf.as_str())];
    all.extend(form(
        "150,5",
        "2031",
        "Forskningsprojekt som fått hälsodata",
    ));
    let res = app.post_form(&office, &path, &all).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let after = app.json("/api/v1/indicators").await;
    let i = indicator(&after, "1.a");
    assert_eq!(i["target"]["value"], 150.5);
    assert_eq!(i["target"]["year"], 2031);
    assert_eq!(i["name"]["sv"], "Forskningsprojekt som fått hälsodata");
    assert_eq!(
        i["values"],
        indicator(&before, "1.a")["values"],
        "yearly values untouched"
    );
    assert_eq!(audit_count(&app, "indicator").await, 1);
    let (_, html) = app.get(&format!("/sv/indicators/{id}")).await;
    assert!(
        unescape(&html).contains("150,5 antal per år (2031)"),
        "{html}"
    );
    app.stop().await;
}
