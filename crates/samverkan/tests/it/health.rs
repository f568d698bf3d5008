//! Health data as a researcher uses it: the overview for everyone, cohort questions for researchers with a
//! budget the office gives, answers that pass disclosure control, the same question free the second time, a
//! clear refusal when the budget is spent, bad input refused without cost, and every question audited.

use crate::helpers::{PASSWORD, TestApp, csrf_in, form_at, unescape};
use reqwest::StatusCode;
use sqlx::Connection;

async fn post_form(
    app: &TestApp,
    who: &reqwest::Client,
    path: &str,
    fields: &[(&str, &str)],
) -> (StatusCode, String) {
    post_form_to(&app.base, who, path, fields).await
}

/// [`post_form`] to the server at `base`.
async fn post_form_to(
    base: &str,
    who: &reqwest::Client,
    path: &str,
    fields: &[(&str, &str)],
) -> (StatusCode, String) {
    let res = form_at(base, who, path, fields).await;
    let status = res.status();
    (status, unescape(&res.text().await.expect("text")))
}

fn total_of(page: &str) -> String {
    page.split("Persons in the cohort: ")
        .nth(1)
        .and_then(|rest| rest.split('<').next())
        .unwrap_or_default()
        .to_owned()
}

/// Every released figure of an answer page: its total and each cell of its breakdowns, in order.
fn figures_of(page: &str) -> Vec<String> {
    page.split("about ")
        .skip(1)
        .map(|rest| {
            rest.chars()
                .take_while(|c| c.is_ascii_digit() || *c == ',' || *c == ' ')
                .collect::<String>()
        })
        .collect()
}

#[tokio::test]
async fn every_server_of_the_site_gives_the_same_answer_to_the_same_question() {
    let (one, two) = (
        tempfile::tempdir().expect("tempdir"),
        tempfile::tempdir().expect("tempdir"),
    );
    // A noise key an earlier release kept in the data folder becomes the site's, so its answers stay the same.
    let earlier = "8JmZ0c1hW2pY4rT6uV8xA0bC2dE4fG6hJ8kL0mN2pQ4";
    std::fs::create_dir_all(one.path().join("health")).expect("mkdir");
    std::fs::write(one.path().join("health/noise.key"), earlier).expect("write key");
    let app = TestApp::spawn_with_health(one.path()).await;
    let (other, other_base) = app.another_server_with_health(two.path()).await;
    let store = app.store().await;
    assert_eq!(
        store.site_secret("health-noise").await.expect("secret"),
        earlier.as_bytes()
    );
    assert!(
        !two.path().join("health/noise.key").exists(),
        "no key of a server's own"
    );
    let office = app.user("office@example.se", "admin", None).await;
    let mut researchers = Vec::new();
    for email in ["forskare-a@ki.example", "forskare-b@ki.example"] {
        let id = app
            .user(email, "researcher", Some("karolinska-institutet"))
            .await;
        store
            .set_health_budget(office, id, "1".parse().expect("epsilon"))
            .await
            .expect("budget");
        researchers.push(app.signed_in(email, PASSWORD).await);
    }
    // Two researchers ask the same question, each on another server: the same figures, every cell of them (were
    // the noise drawn from a key per server, averaging the servers' answers would wear it away).
    let question = [("codes", "E11"), ("descendants", "1"), ("first", "1")];
    let path = "/en/health-data/cohorts";
    let (status, on_one) = post_form_to(&app.base, &researchers[0], path, &question).await;
    assert_eq!(status, StatusCode::OK, "{on_one}");
    let (status, on_two) = post_form_to(&other_base, &researchers[1], path, &question).await;
    assert_eq!(status, StatusCode::OK, "{on_two}");
    let figures = figures_of(&on_one);
    assert!(figures.len() > 5, "{on_one}");
    assert_eq!(figures, figures_of(&on_two));
    other.stop().await.expect("stop");
    app.stop().await;
}

#[tokio::test]
async fn a_researcher_asks_within_a_budget_and_never_sees_an_exact_count() {
    let data = tempfile::tempdir().expect("tempdir");
    let app = TestApp::spawn_with_health(data.path()).await;
    assert!(
        data.path().join("health/synthetic/person.parquet").exists(),
        "the first start makes a synthetic population"
    );

    // Everyone reads the overview, which says the data is synthetic and gives the population as released.
    let (status, page) = app.get("/en/health-data").await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("Synthetic data."), "{page}");
    assert!(page.contains("persons followed from 1996"));
    let (_, sv) = app.get("/sv/health-data").await;
    assert!(sv.contains("Syntetiska data."));
    let (status, _) = app.get("/en/health-data/cohorts").await;
    assert!(
        status == StatusCode::SEE_OTHER || status == StatusCode::UNAUTHORIZED,
        "{status}"
    );

    let researcher_id = app
        .user(
            "forskare@ki.example",
            "researcher",
            Some("karolinska-institutet"),
        )
        .await;
    app.user("office@example.se", "admin", None).await;
    app.user("company@example.se", "company", Some("biolamina"))
        .await;
    let researcher = app.signed_in("forskare@ki.example", PASSWORD).await;
    let office = app.signed_in("office@example.se", PASSWORD).await;
    let company = app.signed_in("company@example.se", PASSWORD).await;
    let res = company
        .get(format!("{}/en/health-data/cohorts", app.base))
        .send()
        .await
        .expect("get");
    assert_eq!(
        res.status(),
        StatusCode::FORBIDDEN,
        "a company is no researcher"
    );

    // Without a budget, a question is refused and costs nothing.
    let cohort = "/en/health-data/cohorts";
    let diabetes = [
        ("codes", "E11"),
        ("descendants", "1"),
        ("first", "1"),
        ("age_min", "40"),
    ];
    let (status, page) = post_form(&app, &researcher, cohort, &diabetes).await;
    assert_eq!(status, StatusCode::CONFLICT, "{page}");
    assert!(page.contains("Your privacy budget is spent"), "{page}");

    // The office gives a budget of 1.2: two questions at 0.5 each.
    let page = office
        .get(format!("{}/en/admin/people/{researcher_id}", app.base))
        .send()
        .await
        .expect("get")
        .text()
        .await
        .expect("t");
    let csrf = csrf_in(&page).unwrap_or_default();
    let res = office
        .post(format!(
            "{}/en/admin/people/{researcher_id}/budget",
            app.base
        ))
        .form(&[("csrf", csrf.as_str()), ("epsilon", "1,2")])
        .send()
        .await
        .expect("post");
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let shown = office
        .get(format!("{}/en/admin/people/{researcher_id}", app.base))
        .send()
        .await
        .expect("get")
        .text()
        .await
        .expect("t");
    assert!(
        unescape(&shown).contains("Granted: 1.2. Spent: 0; left: 1.2."),
        "{shown}"
    );

    // A question: its size and four breakdowns, each count "about n" or "fewer than 10", and what it cost.
    let (status, page) = post_form(&app, &researcher, cohort, &diabetes).await;
    assert_eq!(status, StatusCode::OK, "{page}");
    let total = total_of(&page);
    assert!(
        total.starts_with("about ") || total == "fewer than 10",
        "{total}"
    );
    for heading in [
        "Year of the index event",
        "Age band at the index event",
        "Sex",
        "Municipality",
    ] {
        assert!(page.contains(heading), "{heading}");
    }
    assert!(page.contains("The question cost 0.5 of your privacy budget."));
    assert!(page.contains("Privacy budget left: 0.7."));
    assert!(page.contains("<svg"), "the breakdowns are drawn");
    assert!(
        !page.contains("40-64</th><td>0<"),
        "no cell shows an exact zero"
    );

    // The same question again, reworded (a code twice), gives the same answer at no cost.
    let reworded = [
        ("codes", "E11, E11"),
        ("descendants", "1"),
        ("first", "1"),
        ("age_min", "40"),
    ];
    let (_, again) = post_form(&app, &researcher, cohort, &reworded).await;
    assert!(again.contains("You asked this question before"), "{again}");
    assert_eq!(total_of(&again), total);
    assert!(again.contains("Privacy budget left: 0.7."));

    // Bad input is refused field by field and costs nothing.
    let (status, page) = post_form(
        &app,
        &researcher,
        cohort,
        &[
            ("codes", "X99"),
            ("age_min", "abc"),
            ("r1_codes", "A10BA02"),
            ("r1_start", "10"),
            ("r1_end", "-10"),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        page.contains("X99 is not a code in the vocabulary."),
        "{page}"
    );
    assert!(page.contains("Write a whole number from 0 to 130."));
    assert!(page.contains("The window must end no earlier than it starts."));
    assert!(page.contains("Privacy budget left: 0.7."));
    let (status, page) = post_form(&app, &researcher, cohort, &[("codes", "E11, A10BA02")]).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.contains("Give codes of one kind only"));

    // A second question with a rule: metformin users with a diagnosis before. Then the budget is spent.
    let rule = [
        ("codes", "A10BA02"),
        ("r1_codes", "E11"),
        ("r1_has", "has"),
        ("r1_times", "1"),
        ("r1_start", "-3650"),
        ("r1_end", "0"),
    ];
    let (status, page) = post_form(&app, &researcher, cohort, &rule).await;
    assert_eq!(status, StatusCode::OK, "{page}");
    assert!(page.contains("Privacy budget left: 0.2."));
    let (status, page) = post_form(&app, &researcher, cohort, &[("codes", "I48")]).await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert!(
        page.contains("The question costs 0.5 but 0.2 of your privacy budget is left."),
        "{page}"
    );

    // An ATLAS definition is asked the same way; an unsupported element is refused with its place.
    let circe = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../health/tests/circe/01-type-2-diabetes.json"
    ))
    .expect("circe");
    let bad = circe.replacen("\"ConceptSets\"", "\"Unknown\": 1, \"ConceptSets\"", 1);
    let (status, page) = post_form(&app, &researcher, cohort, &[("circe", bad.as_str())]).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        page.contains("Unknown"),
        "the refusal names the element: {page}"
    );

    // Every question is in the audit log: the asks, the repeat and the refusals, never an exact count.
    let store = app.store().await;
    let mut conn = sqlx::AnyConnection::connect(&app.db_url())
        .await
        .expect("connect");
    let actions: Vec<String> = sqlx::query_scalar(
        "SELECT action FROM audit_log WHERE object_type = 'health_question' ORDER BY id",
    )
    .fetch_all(&mut conn)
    .await
    .expect("audit");
    assert_eq!(actions, ["refuse", "ask", "ask-again", "ask", "refuse"]);
    drop(store);

    // The API: concepts for anyone; counts for researchers only.
    let concepts = app
        .json("/api/v1/health-data/concepts?q=metformin&lang=sv")
        .await;
    assert_eq!(concepts["items"][0]["code"], "A10BA02");
    let res = company
        .post(format!("{}/api/v1/health-data/cohorts/count", app.base))
        .json(&serde_json::json!({ "circe": serde_json::from_str::<serde_json::Value>(&circe).expect("json") }))
        .send()
        .await
        .expect("post");
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    app.stop().await;
}

/// The catalogue of health-data sources as a visitor and a client read it: every built-in source listed in both
/// languages with its holder, facts the seeds do not give said to be "not stated", the synthetic population marked
/// and its persons released (the figure the overview shows, never below the threshold), the JSON list and the
/// DCAT-AP export holding the same sources, and each source found by the one search.
#[tokio::test]
async fn the_catalogue_of_sources_is_read_in_both_languages_and_as_dcat() {
    let data = tempfile::tempdir().expect("tempdir");
    let app = TestApp::spawn_with_health(data.path()).await;
    let built_in = samverkan::health_sources().expect("the built-in catalogue is valid");
    assert!(built_in.len() >= 5);

    for (lang, synthetic, not_stated) in [
        ("en", "Synthetic data.", "not stated"),
        ("sv", "Syntetiska data.", "uppgift saknas"),
    ] {
        let l = domain::Lang::parse(lang).expect("lang");
        let (status, list) = app.get(&format!("/{lang}/health-data/sources")).await;
        assert_eq!(status, StatusCode::OK);
        for s in &built_in {
            assert!(list.contains(s.title.get(l)), "{} listed in {lang}", s.slug);
            assert!(list.contains(&format!("/{lang}/health-data/sources/{}", s.slug)));
            assert!(list.contains(&format!("/{lang}/actors/{}", s.holder)));
        }
        // A source whose update frequency and legal basis the seeds do not give says so.
        let (status, twins) = app
            .get(&format!(
                "/{lang}/health-data/sources/svenska-tvillingregistret"
            ))
            .await;
        assert_eq!(status, StatusCode::OK);
        assert!(twins.contains(not_stated), "{twins}");
        assert!(!twins.contains(synthetic));
        let (_, synth) = app
            .get(&format!("/{lang}/health-data/sources/syntetisk-befolkning"))
            .await;
        assert!(synth.contains(synthetic), "{synth}");
        assert!(synth.contains("OMOP CDM 5.4"));
    }
    let (status, _) = app.get("/en/health-data/sources/no-such-source").await;
    assert_eq!(status, StatusCode::NOT_FOUND);

    // The synthetic population's persons: released, at least the threshold, and the overview's figure.
    let list = app.json("/api/v1/health-data/sources").await;
    let items = list["items"].as_array().expect("items");
    assert_eq!(items.len(), built_in.len());
    let synth = items
        .iter()
        .find(|s| s["slug"] == "syntetisk-befolkning")
        .expect("the synthetic population is listed");
    assert_eq!(synth["synthetic"], true);
    let persons = synth["persons"]["count"]
        .as_u64()
        .expect("released persons");
    assert!(persons >= 10);
    let (_, overview) = app.get("/en/health-data").await;
    // English groups thousands with commas.
    let digits = persons.to_string();
    let grouped: Vec<String> = digits
        .as_bytes()
        .rchunks(3)
        .rev()
        .map(|c| String::from_utf8_lossy(c).into_owned())
        .collect();
    let shown = format!("about {}", grouped.join(","));
    assert!(overview.contains(&shown), "{shown} in {overview}");
    let (_, synth_page) = app
        .get("/en/health-data/sources/syntetisk-befolkning")
        .await;
    assert!(synth_page.contains(&shown));
    // A source the engine does not hold has no figure.
    let twins = items
        .iter()
        .find(|s| s["slug"] == "svenska-tvillingregistret")
        .expect("listed");
    assert!(twins["persons"].is_null());
    assert!(twins["frequency"].is_null());

    // DCAT-AP 3: a catalogue with one dataset per source, titled in both languages, the synthetic one marked.
    let res = app
        .client
        .get(format!("{}/api/v1/health-data/sources.jsonld", app.base))
        .send()
        .await
        .expect("get");
    assert!(
        res.headers()["content-type"]
            .to_str()
            .expect("type")
            .starts_with("application/ld+json")
    );
    let ld: serde_json::Value = res.json().await.expect("json-ld");
    assert_eq!(ld["@type"], "dcat:Catalog");
    let datasets = ld["dcat:dataset"].as_array().expect("datasets");
    assert_eq!(datasets.len(), built_in.len());
    let synth_ld = datasets
        .iter()
        .find(|d| d["dct:identifier"] == "syntetisk-befolkning")
        .expect("the synthetic dataset");
    assert_eq!(
        synth_ld["healthdcatap:numberOfUniqueIndividuals"]["@value"],
        persons.to_string()
    );
    assert!(
        synth_ld["dcat:keyword"]
            .as_array()
            .expect("keywords")
            .iter()
            .any(|k| k["@value"] == "synthetic data")
    );
    for d in datasets {
        let titles: Vec<&str> = d["dct:title"]
            .as_array()
            .expect("titles")
            .iter()
            .filter_map(|t| t["@language"].as_str())
            .collect();
        assert_eq!(titles, ["sv", "en"]);
    }

    // The one search finds a source by its words, in both languages, and links to its page.
    let hits = app.json("/api/v1/search?q=tvillingregistret&lang=sv").await;
    assert!(
        hits["items"]
            .as_array()
            .expect("items")
            .iter()
            .any(|h| h["type"] == "health_source"
                && h["url"] == "/sv/health-data/sources/svenska-tvillingregistret"),
        "{hits}"
    );
    let (_, page) = app.get("/en/search?q=biobank").await;
    assert!(
        page.contains("/en/health-data/sources/pku-biobanken"),
        "{page}"
    );
    app.stop().await;
}

/// Without health data on the server the catalogue still lists every source, with no figure for any.
#[tokio::test]
async fn the_catalogue_without_health_data_gives_no_figures() {
    let app = TestApp::spawn().await;
    let list = app.json("/api/v1/health-data/sources").await;
    let items = list["items"].as_array().expect("items");
    assert!(!items.is_empty());
    assert!(items.iter().all(|s| s["persons"].is_null()));
    let (status, page) = app
        .get("/en/health-data/sources/syntetisk-befolkning")
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(!page.contains("Persons in the data"));
    app.stop().await;
}
