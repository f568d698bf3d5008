//! Search and matching over HTTP: cross-language hits, typos, inflected Swedish forms, facets, escaped snippets,
//! edits and deletions seen at once, reindex equal to incremental, odd queries, and the match page's right doors
//! with reasons.

use crate::helpers::TestApp;
use reqwest::StatusCode;
use serde_json::{Value, json};
use sqlx::{Connection, Executor};

async fn search(app: &TestApp, q: &str, extra: &str) -> Value {
    let q = urlencode(q);
    app.json(&format!("/api/v1/search?q={q}&lang=en{extra}"))
        .await
}

fn urlencode(s: &str) -> String {
    s.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

fn slugs(v: &Value) -> Vec<String> {
    v["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|i| i["slug"].as_str().expect("slug").to_owned())
        .collect()
}

async fn matched(app: &TestApp, need: &str, lang: &str) -> Vec<Value> {
    let res = app
        .client
        .post(format!("{}/api/v1/match", app.base))
        .json(&json!({"need": need, "lang": lang}))
        .send()
        .await
        .expect("match");
    assert_eq!(res.status(), StatusCode::OK);
    let v: Value = res.json().await.expect("json");
    v["items"].as_array().expect("items").clone()
}

#[tokio::test]
async fn search_finds_across_languages_typos_and_compounds_with_counted_facets() {
    let app = TestApp::spawn().await;
    let r = search(&app, "karolinsak", "").await;
    assert!(
        slugs(&r).contains(&"karolinska-institutet".to_owned()),
        "a typo still finds Karolinska Institutet"
    );
    let r = search(&app, "vecrua", "").await;
    assert_eq!(slugs(&r).first().map(String::as_str), Some("vecura"));
    let r = search(&app, "cellterapianläggning", "").await;
    assert!(
        slugs(&r)
            .iter()
            .take(5)
            .any(|s| s == "vecura-gmp-cell-therapy" || s == "vecura"),
        "a Swedish compound finds the cell-therapy facility: {:?}",
        slugs(&r)
    );
    let r = search(&app, "twin registry", "").await;
    assert!(
        slugs(&r)
            .iter()
            .take(3)
            .any(|s| s == "svenska-tvillingregistret")
    );

    // Facet counts add up, and a facet filter gives the count it announced.
    let r = search(&app, "cell", "").await;
    let total = r["total"].as_u64().expect("total");
    let facets = r["facets"].as_array().expect("facets");
    let by_type: u64 = facets
        .iter()
        .filter(|f| f["facet"] == "type")
        .map(|f| f["count"].as_u64().expect("n"))
        .sum();
    assert_eq!(
        by_type, total,
        "each match is counted under exactly one type"
    );
    let services = facets
        .iter()
        .find(|f| f["facet"] == "type" && f["value"] == "service")
        .and_then(|f| f["count"].as_u64())
        .expect("service count");
    let only = search(&app, "cell", "&type=service").await;
    assert_eq!(only["total"].as_u64(), Some(services));
    assert!(
        only["items"]
            .as_array()
            .expect("items")
            .iter()
            .all(|i| i["type"] == "service")
    );
    let solna = search(&app, "cell", "&campus=solna").await;
    assert!(solna["total"].as_u64().expect("n") < total);

    // Odd queries answer calmly; a too long one is named.
    for q in ["", "a", "!!! ??? ...", "   "] {
        let r = search(&app, q, "").await;
        assert_eq!(r["total"], 0, "{q:?}");
        let (status, html) = app.get(&format!("/en/search?q={}", urlencode(q))).await;
        assert_eq!(status, StatusCode::OK, "{q:?}");
        assert!(html.contains("class=\"empty\""), "{q:?} explains itself");
    }
    let (status, html) = app.get(&format!("/en/search?q={}", "x".repeat(501))).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(html.contains("too long"));
    let (status, html) = app.get("/sv/search?q=cellterapi").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("<mark>") && html.contains("/sv/services/vecura-gmp-cell-therapy"));
    let suggest: Value = app.json("/api/v1/suggest?q=karo&lang=en").await;
    assert!(
        suggest
            .as_array()
            .expect("list")
            .iter()
            .any(|s| s["title"] == "Karolinska Institutet (KI)"),
        "completion: {suggest}"
    );
    app.stop().await;
}

#[tokio::test]
async fn the_index_follows_every_write_and_reindex_equals_incremental() {
    let app = TestApp::spawn().await;
    app.user("office@region.example", "admin", None).await;
    let token = samverkan::create_token(
        &app.store().await,
        "office@region.example",
        "t",
        domain::TokenScope::Write,
        None,
    )
    .await
    .expect("token");

    // An edit is searchable as soon as it is saved, in the other language too (through the term list).
    app.patch_actor(&token, "turn-up", json!({"description": {"sv": "Vi har lediga lokaler för företag i Kista.", "en": "Events and venues."}})).await;
    let r = search(&app, "vacant premises", "&type=actor").await;
    let hit = r["items"]
        .as_array()
        .expect("items")
        .iter()
        .find(|i| i["slug"] == "turn-up")
        .unwrap_or_else(|| panic!("the English query finds the Swedish-only text: {r}"))
        .clone();
    assert!(
        hit["snippet_html"]
            .as_str()
            .expect("snippet")
            .contains("<mark>lediga</mark> <mark>lokaler</mark>"),
        "{hit}"
    );

    // Indexed text never comes back as markup.
    app.patch_actor(&token, "biolamina", json!({"description": {"sv": "<script>alert(1)</script> laminin för cellodling", "en": "<img src=x onerror=alert(1)> laminin for cell culture"}})).await;
    let r = search(&app, "laminin", "").await;
    let snippet = r["items"][0]["snippet_html"]
        .as_str()
        .expect("snippet")
        .to_owned();
    assert!(
        !snippet.contains("<img") && !snippet.contains("<script"),
        "{snippet}"
    );
    assert!(
        snippet.contains("&lt;img") && snippet.contains("<mark>"),
        "{snippet}"
    );
    let (_, html) = app.get("/en/search?q=laminin").await;
    assert!(!html.contains("<img src=x") && html.contains("&lt;img src=x"));

    // A row deleted behind the server's back (another server, an operator) is gone after the next write.
    let mut conn = sqlx::AnyConnection::connect(&app.db_url())
        .await
        .expect("connect");
    conn.execute("DELETE FROM relations WHERE from_actor_id = (SELECT id FROM actors WHERE slug = 'turn-up') OR to_actor_id = (SELECT id FROM actors WHERE slug = 'turn-up')").await.expect("delete relations");
    conn.execute(
        "DELETE FROM actor_tags WHERE actor_id = (SELECT id FROM actors WHERE slug = 'turn-up')",
    )
    .await
    .expect("delete tags");
    conn.execute("DELETE FROM actor_campuses WHERE actor_id = (SELECT id FROM actors WHERE slug = 'turn-up')").await.expect("delete campuses");
    conn.execute("DELETE FROM actors WHERE slug = 'turn-up'")
        .await
        .expect("delete actor");
    conn.close().await.ok();
    app.patch_actor(&token, "kth", json!({"website": "https://www.kth.se/"}))
        .await;
    let r = search(&app, "vacant premises", "").await;
    assert!(
        !slugs(&r).contains(&"turn-up".to_owned()),
        "the deleted actor is gone: {r}"
    );

    // Rebuilding from the database gives the same answers as the index kept current change by change.
    let dir = std::env::temp_dir().join(format!(
        "samverkan-reindex-{}-{}",
        std::process::id(),
        app.base.len()
    ));
    let store = app.store().await;
    let n = samverkan::interchange::reindex(&store, &dir)
        .await
        .expect("reindex");
    assert!(n > 50);
    let (rebuilt, cursor) =
        search::SearchIndex::open(Some(&dir), search::TermList::built_in()).expect("open");
    assert!(
        cursor.is_some(),
        "the rebuilt index records its place in the change log"
    );
    // Scores may differ in the last decimals (an index changed in place still counts deleted documents in its
    // statistics until segments merge), so the comparison is of what matches, not of tie order.
    for q in [
        "laminin",
        "cell therapy",
        "karolinsak",
        "lokaler",
        "phase 1 trial",
        "kth",
    ] {
        let mut ours = Vec::new();
        for page in 1..=20 {
            let r = search(&app, q, &format!("&page={page}")).await;
            let got = slugs(&r);
            if got.is_empty() {
                break;
            }
            ours.extend(got);
        }
        let mut theirs: Vec<String> = rebuilt
            .search(&search::SearchQuery {
                text: q.into(),
                lang: Some(domain::Lang::En),
                limit: 100,
                ..Default::default()
            })
            .expect("search")
            .hits
            .iter()
            .map(|h| h.slug.to_string())
            .collect();
        ours.sort();
        theirs.sort();
        assert!(!ours.is_empty(), "{q}");
        assert_eq!(ours, theirs, "{q}");
    }
    drop(rebuilt);
    std::fs::remove_dir_all(&dir).ok();
    app.stop().await;
}

#[tokio::test]
async fn the_match_page_opens_the_right_doors_with_reasons() {
    let app = TestApp::spawn().await;
    let first = |items: &[Value]| {
        items.first().map(|i| {
            (
                i["type"].as_str().unwrap_or_default().to_owned(),
                i["slug"].as_str().unwrap_or_default().to_owned(),
            )
        })
    };

    let gmp = matched(
        &app,
        "GMP manufacturing for a cell therapy phase 1 trial",
        "en",
    )
    .await;
    assert_eq!(
        first(&gmp),
        Some(("service".into(), "vecura-gmp-cell-therapy".into())),
        "Vecura first: {gmp:?}"
    );
    assert!(
        gmp[0]["matched_words"]
            .as_array()
            .expect("words")
            .iter()
            .any(|w| w == "GMP")
    );
    assert_eq!(
        gmp[0]["request_url"],
        "/en/requests/new?service=vecura-gmp-cell-therapy&need=GMP+manufacturing+for+a+cell+therapy+phase+1+trial",
        "the need goes along to the request form"
    );

    let trial = matched(
        &app,
        "We need a unit to run our first-in-human phase 1 trial",
        "en",
    )
    .await;
    assert!(
        first(&trial)
            .is_some_and(|(_, s)| s == "kta-phase-1-unit" || s == "karolinska-trial-alliance"),
        "KTA first: {trial:?}"
    );

    let lab = matched(&app, "labbplats för startup i Flemingsberg", "sv").await;
    let top = first(&lab).expect("a result");
    assert_eq!(top.0, "premises", "{lab:?}");
    assert!(top.1.contains("a-working-lab"), "{lab:?}");
    assert_eq!(lab[0]["campus"], "flemingsberg");
    assert_eq!(lab[0]["space"], true);

    let office = matched(&app, "office space in Solna", "en").await;
    assert_eq!(
        first(&office),
        Some(("premises".into(), "locum-gamla-sjukhusomradet-solna".into())),
        "{office:?}"
    );

    let (status, html) = app
        .get(&format!(
            "/en/match?need={}",
            urlencode("GMP manufacturing for a cell therapy phase 1 trial")
        ))
        .await;
    assert_eq!(status, StatusCode::OK);
    let first_result = html
        .split("class=\"actor-list matches\"")
        .nth(1)
        .expect("results");
    assert!(
        first_result.find("/en/services/vecura-gmp-cell-therapy")
            < first_result.find("/en/services/kta-phase-1-unit")
    );
    assert!(
        html.contains("Why:") && html.contains("it mentions"),
        "reasons are shown"
    );
    assert!(html.contains("/en/requests/new?service=vecura-gmp-cell-therapy"));
    let (status, html) = app.get("/sv/match?need=%3F%3F%3F").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("minst ett ord"));

    let res = app
        .client
        .post(format!("{}/api/v1/match", app.base))
        .json(&json!({"need": ""}))
        .send()
        .await
        .expect("post");
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let res = app
        .client
        .post(format!("{}/api/v1/match", app.base))
        .json(&json!({"need": "x".repeat(2001)}))
        .send()
        .await
        .expect("post");
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    app.stop().await;
}

#[tokio::test]
async fn a_second_server_on_the_same_database_follows_the_change_log() {
    let app = TestApp::spawn().await;
    app.user("office@region.example", "admin", None).await;
    let token = samverkan::create_token(
        &app.store().await,
        "office@region.example",
        "t",
        domain::TokenScope::Write,
        None,
    )
    .await
    .expect("token");
    let (other, other_base) = app.another_server().await;
    let find = |base: String| async move {
        let v: Value = reqwest::get(format!("{base}/api/v1/search?q=zebrafisk&lang=sv"))
            .await
            .expect("search")
            .json()
            .await
            .expect("json");
        slugs(&v)
    };
    assert!(find(other_base.clone()).await.is_empty());
    app.patch_actor(
        &token,
        "kth",
        json!({"description": {"sv": "KTH forskar på zebrafisk.", "en": "KTH studies zebrafish."}}),
    )
    .await;
    assert_eq!(
        find(app.base.clone()).await,
        vec!["kth"],
        "the server that wrote sees it at once"
    );
    // The second server catches up from the change log when it next handles a write of its own (and every two
    // seconds when serving for real).
    let res = reqwest::Client::new()
        .post(format!("{other_base}/api/v1/match"))
        .json(&json!({"need": "anything"}))
        .send()
        .await
        .expect("post");
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(
        find(other_base.clone()).await,
        vec!["kth"],
        "the other server has caught up"
    );
    other.stop().await.expect("stop");
    app.stop().await;
}

#[tokio::test]
async fn focus_areas_and_measures_are_searchable() {
    let app = TestApp::spawn().await;
    let r = search(&app, "hälsodata", "&type=focus_area").await;
    assert_eq!(
        slugs(&r).first().map(String::as_str),
        Some("halsodata"),
        "{r}"
    );
    assert_eq!(r["items"][0]["url"], "/en/strategy/halsodata");
    let r = search(&app, "Cluster Engine", "&type=measure").await;
    let url = r["items"][0]["url"].as_str().expect("a measure").to_owned();
    assert!(url.starts_with("/en/measures/"), "{url}");
    let (status, html) = app.get(&url).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Cluster Engine"));
    // The match page stays with the doors a company can use.
    let items = matched(&app, "health data for research", "en").await;
    assert!(
        items
            .iter()
            .all(|i| i["type"] != "focus_area" && i["type"] != "measure")
    );
    app.stop().await;
}

#[tokio::test]
async fn a_server_whose_changes_were_purged_rebuilds_its_index() {
    let app = TestApp::spawn().await;
    app.user("office@region.example", "admin", None).await;
    let token = samverkan::create_token(
        &app.store().await,
        "office@region.example",
        "t",
        domain::TokenScope::Write,
        None,
    )
    .await
    .expect("token");
    let (other, other_base) = app.another_server().await;
    app.patch_actor(&token, "kth", json!({"description": {"sv": "KTH forskar på sjöstjärnor.", "en": "KTH studies starfish."}})).await;
    app.patch_actor(&token, "kth", json!({"website": "https://www.kth.se/"}))
        .await;
    // The log keeps only its newest entry, as if a long-running purge had passed the second server by.
    let mut conn = sqlx::AnyConnection::connect(&app.db_url())
        .await
        .expect("connect");
    conn.execute("DELETE FROM search_changes WHERE id < (SELECT MAX(id) FROM search_changes)")
        .await
        .expect("purge");
    conn.close().await.ok();
    let res = reqwest::Client::new()
        .post(format!("{other_base}/api/v1/match"))
        .json(&json!({"need": "anything"}))
        .send()
        .await
        .expect("post");
    assert_eq!(res.status(), StatusCode::OK);
    let v: Value = reqwest::get(format!("{other_base}/api/v1/search?q=starfish&lang=en"))
        .await
        .expect("get")
        .json()
        .await
        .expect("json");
    assert_eq!(
        slugs(&v),
        vec!["kth"],
        "the second server rebuilt its index from the database"
    );
    let report = app
        .store()
        .await
        .purge_expired(1, 1, 1)
        .await
        .expect("purge");
    assert_eq!(report.search_changes, 0, "a short log is kept whole");
    other.stop().await.expect("stop");
    app.stop().await;
}

#[tokio::test]
async fn parallel_edits_are_each_searchable_when_their_answer_arrives() {
    // Catch-ups after writes are grouped (one serves every writer that was waiting); each writer must still find
    // its own edit the moment its answer arrives.
    let app = TestApp::spawn().await;
    app.user("office@region.example", "admin", None).await;
    let token = samverkan::create_token(
        &app.store().await,
        "office@region.example",
        "t",
        domain::TokenScope::Write,
        None,
    )
    .await
    .expect("token");
    let actors = [
        "kth",
        "vecura",
        "biolamina",
        "turn-up",
        "ana-futura",
        "a-working-lab",
        "scilifelab",
        "region-stockholm",
    ];
    let words = [
        "zorblax",
        "quintavel",
        "mirrowen",
        "staplink",
        "frondeck",
        "galvurt",
        "hessomy",
        "jundrel",
    ];
    let barrier = std::sync::Arc::new(tokio::sync::Barrier::new(actors.len()));
    let mut tasks = tokio::task::JoinSet::new();
    for (slug, word) in actors.into_iter().zip(words) {
        let (client, base, token, barrier) = (
            app.client.clone(),
            app.base.clone(),
            token.clone(),
            barrier.clone(),
        );
        tasks.spawn(async move {
            barrier.wait().await;
            let res = client
                .patch(format!("{base}/api/v1/actors/{slug}"))
                .bearer_auth(&token)
                .json(&json!({"description": {"sv": format!("Vi arbetar med {word}."), "en": format!("We work on {word}.")}}))
                .send()
                .await
                .expect("patch");
            assert_eq!(res.status(), StatusCode::OK);
            let found: Value = client
                .get(format!("{base}/api/v1/search?q={word}&lang=en"))
                .send()
                .await
                .expect("search")
                .json()
                .await
                .expect("json");
            (slug, slugs(&found))
        });
    }
    while let Some(done) = tasks.join_next().await {
        let (slug, found) = done.expect("task");
        assert_eq!(
            found,
            vec![slug.to_owned()],
            "{slug}'s edit is searchable at once"
        );
    }
    app.stop().await;
}

/// Every match of a search (10 per page), in order, and the total.
async fn every_match(app: &TestApp, q: &str) -> (u64, Vec<String>) {
    let first = search(app, q, "").await;
    let total = first["total"].as_u64().expect("total");
    let mut all = slugs(&first);
    for page in 2..=total.div_ceil(10) {
        all.extend(slugs(&search(app, q, &format!("&page={page}")).await));
    }
    (total, all)
}

#[tokio::test]
async fn inflected_swedish_forms_find_what_their_base_form_finds() {
    let app = TestApp::spawn().await;
    // Words the texts hold mostly inside compounds (cellterapi, forskningsinfrastrukturer, labblokaler,
    // sjukhusområdet) or in forms the stemmer keeps apart (labbet, företaget, läkemedlet): each form finds every
    // document its base form finds.
    let words: [(&str, &[&str]); 8] = [
        ("cell", &["cellen", "celler", "cellerna", "cellens"]),
        ("terapi", &["terapin", "terapier", "terapierna"]),
        (
            "infrastruktur",
            &[
                "infrastrukturen",
                "infrastrukturer",
                "infrastrukturerna",
                "infrastrukturens",
            ],
        ),
        ("lokal", &["lokalen", "lokaler", "lokalerna"]),
        ("labb", &["labbet", "labben", "labbets"]),
        ("företag", &["företaget", "företagen", "företagens"]),
        ("läkemedel", &["läkemedlet", "läkemedlen"]),
        ("område", &["området", "områden", "områdena"]),
    ];
    for (base, forms) in words {
        let (total, found) = every_match(&app, base).await;
        assert!(total > 0, "{base} finds something");
        for form in forms {
            let (n, got) = every_match(&app, form).await;
            assert!(n >= total, "{form} finds {n} documents, {base} {total}");
            let missing: Vec<&String> = found.iter().filter(|s| !got.contains(s)).collect();
            assert!(
                missing.is_empty(),
                "{form} misses what {base} finds: {missing:?}"
            );
        }
    }
    // Words found only as the last part of compounds find the right document.
    for (q, slug) in [
        ("terapierna", "karolinska-centrum-for-cellterapi"),
        ("miljön", "biomedicum-forskningsmiljo"),
        ("skolan", "kth"),
    ] {
        let (_, got) = every_match(&app, q).await;
        assert!(got.contains(&slug.to_owned()), "{q} finds {slug}: {got:?}");
    }
    app.stop().await;
}
