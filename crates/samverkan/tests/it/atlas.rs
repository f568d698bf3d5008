//! The atlas: the graph API with its filters and stable layout, the table on the atlas page, the exports, and
//! imports from files (command line and admin upload) — good files, bad files, and the round trip.

use crate::helpers::{PASSWORD, TestApp, csrf_in, unescape};
use reqwest::StatusCode;
use serde_json::Value;
use std::path::PathBuf;

fn ids(graph: &Value) -> Vec<String> {
    graph["nodes"]
        .as_array()
        .expect("nodes")
        .iter()
        .map(|n| n["id"].as_str().expect("id").to_owned())
        .collect()
}

fn temp_file(name: &str, bytes: &[u8]) -> PathBuf {
    let path = std::env::temp_dir().join(format!(
        "samverkan-import-{}-{}-{name}",
        std::process::id(),
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or(0)
    ));
    std::fs::write(&path, bytes).expect("write temp file");
    path
}

#[tokio::test]
async fn the_graph_has_every_actor_and_relation_and_a_campus_filter_keeps_only_that_campus() {
    let app = TestApp::spawn().await;
    let all = app.json("/api/v1/graph").await;
    assert_eq!(all["nodes"].as_array().map(Vec::len), Some(42));
    assert_eq!(all["edges"].as_array().map(Vec::len), Some(45));
    let vecura = all["nodes"]
        .as_array()
        .and_then(|n| n.iter().find(|n| n["id"] == "vecura"))
        .expect("vecura");
    assert_eq!(vecura["kind"], "infrastructure");
    assert!(vecura["degree"].as_u64().is_some_and(|d| d >= 1));
    assert!(
        vecura["x"]
            .as_f64()
            .is_some_and(|x| (-1000.0..=1000.0).contains(&x))
    );

    let campus = app.json("/api/v1/graph?campus=flemingsberg").await;
    let on_campus = ids(&campus);
    assert!(on_campus.contains(&"vecura".to_owned()));
    assert!(
        !on_campus.contains(&"scilifelab".to_owned()),
        "SciLifeLab is in Solna"
    );
    for n in campus["nodes"].as_array().expect("nodes") {
        assert!(
            n["campuses"]
                .as_array()
                .is_some_and(|c| c.iter().any(|c| c == "flemingsberg")),
            "{n}"
        );
    }
    for e in campus["edges"].as_array().expect("edges") {
        assert!(on_campus.iter().any(|id| e["source"] == id.as_str()));
        assert!(on_campus.iter().any(|id| e["target"] == id.as_str()));
    }
    // Unknown values of closed vocabularies are refused, naming the parameter.
    let res = app.get_with("/api/v1/graph?kind=castle", &[]).await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    app.stop().await;
}

#[tokio::test]
async fn the_layout_is_the_same_on_every_visit_and_after_an_edit_of_a_description() {
    let app = TestApp::spawn().await;
    let first = app.json("/api/v1/graph").await;
    let second = app.json("/api/v1/graph").await;
    assert_eq!(first["nodes"], second["nodes"]);
    // An edit that changes no relation leaves every position where it was.
    app.user("editor@example.se", "editor", Some("vecura"))
        .await;
    let c = app.signed_in("editor@example.se", PASSWORD).await;
    let token_page = app.page(&c, "/api/v1/me").await;
    assert!(token_page.contains("editor@example.se"));
    let store = app.store().await;
    let (mut actors, _) = store.export_records().await.expect("records");
    let vecura = actors
        .iter_mut()
        .find(|a| a.slug.as_str() == "vecura")
        .expect("vecura");
    vecura.description.en = "A changed description.".into();
    let path = temp_file(
        "one.csv",
        domain::interchange::actors_csv(std::slice::from_ref(vecura)).as_bytes(),
    );
    samverkan::interchange::import(&store, &path, false)
        .await
        .expect("import");
    let third = app.json("/api/v1/graph").await;
    let pos = |g: &Value| -> Vec<(Value, Value)> {
        g["nodes"]
            .as_array()
            .expect("nodes")
            .iter()
            .map(|n| (n["x"].clone(), n["y"].clone()))
            .collect()
    };
    assert_eq!(pos(&first), pos(&third));
    app.stop().await;
}

#[tokio::test]
async fn the_table_alternative_sorts_filters_and_pages() {
    let app = TestApp::spawn().await;
    let graph = app.json("/api/v1/graph").await;
    let top = graph["nodes"]
        .as_array()
        .expect("nodes")
        .iter()
        .max_by_key(|n| n["degree"].as_u64().unwrap_or(0))
        .expect("a node")
        .clone();
    let (status, html) = app.get("/en/atlas?sort=degree&dir=desc").await;
    assert_eq!(status, StatusCode::OK);
    let first_row = html.split("<tbody>").nth(1).expect("tbody");
    let first_name = top["label"]["en"].as_str().expect("name");
    assert!(
        first_row
            .split("</tr>")
            .next()
            .is_some_and(|r| r.contains(first_name)),
        "the best-connected actor ({first_name}) comes first"
    );
    assert!(html.contains(r#"aria-sort="descending""#));
    assert!(html.contains("42 actors and 45 relations between them."));
    // Filters as on the graph, in Swedish too.
    let (_, sv) = app.get("/sv/atlas?campus=flemingsberg").await;
    assert!(sv.contains(r#"<th scope="row"><a href="/sv/actors/vecura">"#));
    assert!(
        !sv.contains(r#"<th scope="row"><a href="/sv/actors/scilifelab">"#),
        "SciLifeLab is in Solna"
    );
    let (_, one) = app.get("/en/atlas?q=vecura").await;
    assert!(
        one.contains("1 actor and"),
        "{}",
        one.split("result-summary").nth(1).unwrap_or_default()
    );
    // The graph on the page asks for the same filters; the legend names the kinds present.
    assert!(sv.contains(r#"data-graph-url="/api/v1/graph?campus=flemingsberg""#));
    assert!(sv.contains("Forskningsinfrastruktur"));
    let res = app.get_with("/en/atlas?sort=colour", &[]).await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    app.stop().await;
}

#[tokio::test]
async fn exports_hold_every_actor_and_relation() {
    let app = TestApp::spawn().await;
    let res = app.get_with("/api/v1/export/actors.csv", &[]).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert!(
        res.headers()["content-type"]
            .to_str()
            .unwrap_or_default()
            .starts_with("text/csv")
    );
    let csv = res.text().await.expect("text");
    let rows = domain::interchange::read_csv(csv.as_bytes(), &mut |_| {})
        .expect("the export reads as an import");
    assert_eq!(rows.actors.len(), 42);
    let rel = app
        .get_with("/api/v1/export/relations.csv", &[])
        .await
        .text()
        .await
        .expect("text");
    let rows = domain::interchange::read_csv(rel.as_bytes(), &mut |_| {}).expect("reads");
    assert_eq!(rows.relations.len(), 45);
    let xml = app
        .get_with("/api/v1/export/graph.graphml", &[])
        .await
        .text()
        .await
        .expect("text");
    assert_eq!(xml.matches("<node id=").count(), 42);
    assert_eq!(xml.matches("<edge id=").count(), 45);
    // Every actor page carries schema.org Organization data.
    let (_, page) = app.get("/en/actors/vecura").await;
    assert!(page.contains(r#"<script type="application/ld+json">"#));
    assert!(page.contains(r#""@type":"Organization""#));
    app.stop().await;
}

#[tokio::test]
async fn export_then_import_changes_nothing_and_an_edited_file_updates_only_what_changed() {
    let app = TestApp::spawn().await;
    let store = app.store().await;
    let json = app
        .get_with(
            "/api/v1/export/atlas.json",
            // The imports write behind the server's back: ask past its cache of answers.
            &[("cache-control", "no-cache")],
        )
        .await
        .text()
        .await
        .expect("json");
    let path = temp_file("atlas.json", json.as_bytes());
    let r = samverkan::interchange::import(&store, &path, false)
        .await
        .expect("import");
    assert_eq!(
        (r.actors_created, r.actors_updated, r.actors_unchanged),
        (0, 0, 42)
    );
    assert_eq!(
        (
            r.relations_created,
            r.relations_updated,
            r.relations_unchanged
        ),
        (0, 0, 45)
    );

    let csv = app
        .get_with("/api/v1/export/actors.csv", &[])
        .await
        .text()
        .await
        .expect("csv");
    let edited = csv.replace("Vecura,Vecura,", "Vecura,Vecura (GMP),");
    assert_ne!(csv, edited, "the edit applies");
    let new_row = "new-biotech,559000-0005,Ny Biotech AB,New Biotech Ltd,,company_sme,private,Ett nytt bolag.,A new company.,https://example.org,,,,flemingsberg,\r\n";
    let path = temp_file("actors.csv", format!("{edited}{new_row}").as_bytes());
    let dry = samverkan::interchange::import(&store, &path, true)
        .await
        .expect("dry run");
    assert_eq!(
        (dry.actors_created, dry.actors_updated, dry.actors_unchanged),
        (1, 1, 41)
    );
    assert!(
        app.get_with("/api/v1/actors/new-biotech", &[])
            .await
            .status()
            == StatusCode::NOT_FOUND,
        "a dry run writes nothing"
    );
    let done = samverkan::interchange::import(&store, &path, false)
        .await
        .expect("import");
    assert_eq!((done.actors_created, done.actors_updated), (1, 1));
    let vecura = app.json("/api/v1/actors/vecura").await;
    assert_eq!(vecura["name"]["en"], "Vecura (GMP)");
    let new = app.json("/api/v1/actors/new-biotech").await;
    assert_eq!(new["campuses"][0], "flemingsberg");
    // The change is in Vecura's history.
    let history = store
        .audit_entries(
            &store::AuditFilter {
                object_key: Some("vecura".into()),
                action: Some("import_update".into()),
                ..Default::default()
            },
            domain::PageRequest::new(1, 10).expect("page"),
        )
        .await
        .expect("audit");
    assert_eq!(history.total, 1);
    app.stop().await;
}

#[tokio::test]
async fn bad_files_get_every_problem_with_line_and_column_and_change_nothing() {
    let app = TestApp::spawn().await;
    let store = app.store().await;
    let before = app
        .get_with(
            "/api/v1/export/atlas.json",
            // The imports write behind the server's back: ask past its cache of answers.
            &[("cache-control", "no-cache")],
        )
        .await
        .text()
        .await
        .expect("json");
    let header = "slug,org_number,name_sv,name_en,short_name,kind,ownership,description_sv,description_en,website,address,lat,lon,campuses,tags\n";
    let cases: Vec<(&str, Vec<u8>, Vec<&str>)> = vec![
        (
            "wrong columns",
            b"slug,name,kind\nx,X,university\n".to_vec(),
            vec![
                "line 1, column name: unknown column \"name\"",
                "line 1: the required column \"name_sv\" is missing",
            ],
        ),
        (
            "bad encoding",
            [
                header.as_bytes(),
                b"cafe,,Caf\xe9,Cafe,,company_sme,,,,,,,,,\n",
            ]
            .concat(),
            vec!["line 2, column name_sv: the file is not UTF-8 text"],
        ),
        (
            "duplicate keys",
            format!("{header}a-b,,A,A,,university,,,,,,,,,\na-b,,B,B,,university,,,,,,,,,\n")
                .into_bytes(),
            vec!["line 3, column slug: \"a-b\" appears again (first at line 2)"],
        ),
        (
            "unknown campus",
            format!("{header}a-b,,A,A,,university,,,,,,,,atlantis,\n").into_bytes(),
            vec!["line 2, column campuses: no campus \"atlantis\""],
        ),
        (
            "dangling relation",
            b"from,kind,to,since,until,source\nvecura,part_of,nowhere-inc,,,\n".to_vec(),
            vec!["line 2, column to: no actor \"nowhere-inc\" in the file or the platform"],
        ),
        (
            "huge field",
            format!(
                "{header}a-b,,A,A,,university,,{},,,,,,,\n",
                "x".repeat(30_000)
            )
            .into_bytes(),
            vec!["line 2, column description_sv: longer than 20000 characters"],
        ),
        (
            "org number of another actor",
            {
                store
                    .import(
                        &domain::interchange::read_csv(
                            format!("{header}first-co,556677-8899,F,F,,company_sme,,,,,,,,,\n")
                                .as_bytes(),
                            &mut |_| {},
                        )
                        .expect("rows"),
                        false,
                        None,
                        &mut |_| {},
                    )
                    .await
                    .expect("store")
                    .expect("first import");
                format!("{header}second-co,556677-8899,S,S,,company_sme,,,,,,,,,\n").into_bytes()
            },
            vec![
                "line 2, column org_number: organisation number 556677-8899 belongs to the actor \"first-co\"",
            ],
        ),
    ];
    let after_setup = app
        .get_with(
            "/api/v1/export/atlas.json",
            // The imports write behind the server's back: ask past its cache of answers.
            &[("cache-control", "no-cache")],
        )
        .await
        .text()
        .await
        .expect("json");
    assert_ne!(before, after_setup);
    for (name, bytes, expected) in cases {
        let path = temp_file("bad.csv", &bytes);
        let err = samverkan::interchange::import(&store, &path, false)
            .await
            .expect_err(name);
        let text = format!("{err:#}");
        assert!(text.contains("nothing was imported"), "{name}: {text}");
        for e in expected {
            assert!(text.contains(e), "{name}: expected {e:?} in\n{text}");
        }
    }
    let after = app
        .get_with(
            "/api/v1/export/atlas.json",
            // The imports write behind the server's back: ask past its cache of answers.
            &[("cache-control", "no-cache")],
        )
        .await
        .text()
        .await
        .expect("json");
    assert_eq!(after_setup, after, "no bad file changed anything");
    app.stop().await;
}

#[tokio::test]
async fn an_admin_checks_then_imports_a_file_through_the_upload_page() {
    let app = TestApp::spawn().await;
    app.user("office@example.se", "admin", None).await;
    let admin = app.signed_in("office@example.se", PASSWORD).await;
    let html = app.page(&admin, "/sv/admin/import").await;
    let csrf = csrf_in(&html).expect("csrf");
    let file = "from,kind,to,since,until,source\nbiolamina,collaborates_with,vecura,2024,,Testdata\nvecura,funds,vecura,,,\n";
    let send = |dry: bool, body: &'static str| {
        let mut form = reqwest::multipart::Form::new()
            .text("csrf", csrf.clone())
            .part(
                "file",
                reqwest::multipart::Part::bytes(body.as_bytes()).file_name("relations.csv"),
            );
        if dry {
            form = form.text("dry_run", "1");
        }
        admin
            .post(format!("{}/sv/admin/import", app.base))
            .multipart(form)
            .send()
    };
    let res = send(true, file).await.expect("post");
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = unescape(&res.text().await.expect("text"));
    assert!(
        page.contains("Filen har 1 problem. Inget importerades."),
        "{page}"
    );
    assert!(
        page.contains("rad 3, kolumn to: en relation kan inte gå från en aktör till sig själv"),
        "{page}"
    );
    let good =
        "from,kind,to,since,until,source\nbiolamina,collaborates_with,vecura,2024,,Testdata\n";
    let res = send(true, good).await.expect("post");
    assert_eq!(res.status(), StatusCode::OK);
    let page = unescape(&res.text().await.expect("text"));
    assert!(
        page.contains("Skulle skapa 1 och uppdatera 0 relationer"),
        "{page}"
    );
    assert_eq!(
        app.json("/api/v1/graph").await["edges"]
            .as_array()
            .map(Vec::len),
        Some(45),
        "a check writes nothing"
    );
    let res = send(false, good).await.expect("post");
    assert!(
        unescape(&res.text().await.expect("text"))
            .contains("Skapade 1 och uppdaterade 0 relationer")
    );
    assert_eq!(
        app.json("/api/v1/graph").await["edges"]
            .as_array()
            .map(Vec::len),
        Some(46)
    );
    app.stop().await;
}

#[tokio::test]
async fn a_focus_area_filter_keeps_the_actors_of_that_area_in_the_graph_the_list_and_the_table() {
    let app = TestApp::spawn().await;
    let area = "halso-och-sjukvard";
    let graph = app.json(&format!("/api/v1/graph?area={area}")).await;
    let mut in_graph = ids(&graph);
    in_graph.sort();
    // Named for the area in the strategy; a company with no part in it is not.
    for a in ["region-stockholm", "karolinska-institutet", "kth"] {
        assert!(in_graph.contains(&a.to_owned()), "{a} in {in_graph:?}");
    }
    assert!(!in_graph.contains(&"biolamina".to_owned()));
    let all = app.json("/api/v1/graph").await;
    assert!(in_graph.len() < ids(&all).len());
    // Every measure's responsible actor of the area takes part in it.
    let measures = app.json(&format!("/api/v1/measures?area={area}")).await;
    for m in measures.as_array().expect("measures") {
        let responsible = m["responsible"].as_str().expect("responsible").to_owned();
        assert!(in_graph.contains(&responsible), "{responsible}");
    }
    // The list (SQL) and the graph (the snapshot in memory) agree.
    let mut in_list: Vec<String> = crate::helpers::all_actors(&app, &format!("area={area}"))
        .await
        .iter()
        .map(|a| a["slug"].as_str().expect("slug").to_owned())
        .collect();
    in_list.sort();
    assert_eq!(in_list, in_graph);
    // The pages: the actor list and the atlas table keep the same actors, and the choice stays selected.
    let (_, html) = app
        .get(&format!("/en/actors?area={area}&per_page=100"))
        .await;
    assert!(html.contains(&format!("<option value=\"{area}\" selected>")));
    assert!(html.contains("/en/actors/kth\""));
    assert!(!html.contains("/en/actors/biolamina\""));
    let (_, atlas) = app.get(&format!("/en/atlas?area={area}")).await;
    assert!(atlas.contains(&format!("<option value=\"{area}\" selected>")));
    assert!(!atlas.contains("/en/actors/biolamina\""));
    // An unknown area is a valid slug with no actors; a malformed one is a 400.
    assert_eq!(
        app.json("/api/v1/graph?area=nowhere").await["nodes"],
        serde_json::json!([])
    );
    let (status, _) = app.get("/api/v1/graph?area=Not%20a%20slug").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    // An actor's part in the area changes in the database behind the server's back (an operator's SQL): the
    // graph follows, although no actor or relation changed.
    use sqlx::Connection;
    sqlx::any::install_default_drivers();
    let mut conn = sqlx::AnyConnection::connect(&app.db_url())
        .await
        .expect("connect");
    sqlx::query(
        "INSERT INTO focus_area_actors (area_id, actor_id) \
         SELECT f.id, a.id FROM focus_areas f, actors a WHERE f.slug = 'halso-och-sjukvard' AND a.slug = 'biolamina'",
    )
    .execute(&mut conn)
    .await
    .expect("insert");
    // The change bypassed the audit log, so the server's kept answers cannot know of it until they age out;
    // a reload (no-cache) passes them and reaches the snapshot, which checks the database itself.
    let graph: serde_json::Value = app
        .get_with(
            &format!("/api/v1/graph?area={area}"),
            &[("cache-control", "no-cache")],
        )
        .await
        .json()
        .await
        .expect("graph");
    assert!(ids(&graph).contains(&"biolamina".to_owned()));
    app.stop().await;
}
