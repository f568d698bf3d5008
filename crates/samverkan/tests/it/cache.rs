//! The cache of anonymous answers (`web::kit::cache`): every view it keeps shows a write on the next request on
//! the server that wrote and within the follower's bound on another server; `ETag`s answer 304 until the data
//! changes; signed-in people and answers that set a cookie never come from it.

use crate::helpers::{PASSWORD, TestApp, csrf_in, unescape};
use reqwest::StatusCode;
use serde_json::json;

async fn admin_token(app: &TestApp) -> String {
    app.user("office@region.example", "admin", None).await;
    samverkan::create_token(
        &app.store().await,
        "office@region.example",
        "t",
        domain::TokenScope::Write,
        None,
    )
    .await
    .expect("token")
}

/// An anonymous GET of `path` on `base`, asserting 200.
async fn read(base: &str, path: &str) -> String {
    let res = reqwest::get(format!("{base}{path}")).await.expect("get");
    assert_eq!(res.status(), StatusCode::OK, "GET {path}");
    unescape(&res.text().await.expect("body"))
}

/// Reads every view twice (the second answer comes from the cache) and asserts none shows `word` yet.
async fn prime(base: &str, views: &[&str], word: &str) {
    primed(base, &views.iter().map(|v| (*v, word)).collect::<Vec<_>>()).await;
}

/// [`prime`] with a mark of its own per view.
async fn primed(base: &str, views: &[(&str, &str)]) {
    for (path, mark) in views {
        for _ in 0..2 {
            assert!(!read(base, path).await.contains(mark), "{path} before");
        }
    }
}

#[tokio::test]
async fn every_kept_view_shows_a_write_on_the_next_request() {
    let app = TestApp::spawn().await;
    let token = admin_token(&app).await;
    // An actor's description: its pages, its API item, the searches that find it.
    let described = [
        ("/sv/actors/kth", "zebrafisk"),
        ("/en/actors/kth", "zebrafisk"),
        ("/api/v1/actors/kth", "zebrafisk"),
        ("/api/v1/search?q=zebrafisk&lang=sv", "\"kth\""),
        ("/sv/search?q=zebrafisk", "href=\"/sv/actors/kth\""),
    ];
    primed(&app.base, &described).await;
    app.patch_actor(
        &token,
        "kth",
        json!({"description": {"sv": "KTH forskar på zebrafisk.", "en": "KTH studies zebrafisk."}}),
    )
    .await;
    for (path, mark) in described {
        assert!(read(&app.base, path).await.contains(mark), "{path}");
    }
    // An actor's name: the lists, the campus, the network and its exports, the other actors' pages.
    let named = [
        "/sv/actors",
        "/en/actors?campus=flemingsberg",
        "/en/campuses/flemingsberg",
        "/api/v1/actors?per_page=100",
        "/api/v1/graph",
        "/api/v1/export/actors.csv",
        "/sv/actors/scilifelab",
        "/api/v1/relations?per_page=100",
        "/sv/",
    ];
    prime(&app.base, &named, "Zebrahögskolan").await;
    app.patch_actor(
        &token,
        "kth",
        json!({"name": {"sv": "Aa Zebrahögskolan", "en": "Aa Zebrahögskolan"}}),
    )
    .await;
    for path in named {
        let page = read(&app.base, path).await;
        // The home page names no actor; it must still be the new answer (its figures are re-read).
        if path != "/sv/" {
            assert!(page.contains("Zebrahögskolan"), "{path}");
        }
    }
    app.stop().await;
}

#[tokio::test]
async fn a_form_write_reaches_the_pages_feeds_and_lists_that_show_it() {
    let app = TestApp::spawn().await;
    app.user("redaktor@biolamina.example", "editor", Some("biolamina"))
        .await;
    let editor = app.signed_in("redaktor@biolamina.example", PASSWORD).await;
    let slug = "biolamina-etablerar-sig-i-flemingsberg";
    let views = [
        "/sv/news",
        "/en/news",
        &format!("/en/news/{slug}") as &str,
        "/en/news.atom",
        "/en/actors/biolamina",
    ];
    prime(&app.base, &views, "Laminin i Flemingsberg").await;
    let edit = format!("/en/news/{slug}/edit");
    let csrf = app.csrf(&editor, &edit).await;
    let res = app
        .post_form(
            &editor,
            &edit,
            &[
                ("csrf", csrf.as_str()),
                ("title_sv", "Laminin i Flemingsberg"),
                ("title_en", "Laminin i Flemingsberg"),
                ("summary_sv", "Kort."),
                ("summary_en", "Short."),
                ("body_sv", ""),
                ("body_en", ""),
                ("published", "2026-01-15"),
                ("actor", "biolamina"),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    for path in views {
        assert!(
            read(&app.base, path)
                .await
                .contains("Laminin i Flemingsberg"),
            "{path}"
        );
    }
    app.stop().await;
}

#[tokio::test]
async fn a_kept_answer_has_an_etag_that_answers_304_until_the_data_changes() {
    let app = TestApp::spawn().await;
    let token = admin_token(&app).await;
    for path in ["/sv/actors/vecura", "/api/v1/actors?per_page=100"] {
        let res = app.get_with(path, &[]).await;
        assert_eq!(res.status(), StatusCode::OK);
        assert_eq!(res.headers()["cache-control"], "no-cache", "{path}");
        let etag = res.headers()["etag"].to_str().expect("etag").to_owned();
        let body = res.text().await.expect("body");
        let again = app.get_with(path, &[("if-none-match", &etag)]).await;
        assert_eq!(again.status(), StatusCode::NOT_MODIFIED, "{path}");
        assert_eq!(again.headers()["etag"], etag.as_str());
        assert!(again.text().await.expect("body").is_empty());
        // Another representation (gzip) has a tag of its own, and the first tag does not match it.
        let gz = app
            .get_with(
                path,
                &[("accept-encoding", "gzip"), ("if-none-match", &etag)],
            )
            .await;
        assert_eq!(gz.status(), StatusCode::OK, "{path} gzip");
        assert_eq!(gz.headers()["content-encoding"], "gzip");
        assert_ne!(gz.headers()["etag"], etag.as_str());
        app.patch_actor(&token,
            "vecura",
            json!({"name": {"sv": format!("Vecura {}", path.len()), "en": format!("Vecura {}", path.len())}}),
        )
        .await;
        let changed = app.get_with(path, &[("if-none-match", &etag)]).await;
        assert_eq!(changed.status(), StatusCode::OK, "{path} after the write");
        assert_ne!(changed.headers()["etag"], etag.as_str());
        assert_ne!(changed.text().await.expect("body"), body);
    }
    app.stop().await;
}

#[tokio::test]
async fn signed_in_people_and_answers_that_set_cookies_never_come_from_the_cache() {
    let app = TestApp::spawn().await;
    app.user("redaktor@vecura.example", "editor", Some("vecura"))
        .await;
    let anonymous = read(&app.base, "/en/actors/vecura").await;
    assert!(!anonymous.contains("/en/actors/vecura/edit"));
    let editor = app.signed_in("redaktor@vecura.example", PASSWORD).await;
    let page = unescape(&app.page(&editor, "/en/actors/vecura").await);
    assert!(
        page.contains("/en/actors/vecura/edit"),
        "the editor gets the page made for them"
    );
    assert!(
        !read(&app.base, "/en/actors/vecura")
            .await
            .contains("/en/actors/vecura/edit")
    );
    // The sign-in form starts a session of its own for every visitor.
    let tokens: Vec<String> = {
        let mut v = Vec::new();
        for _ in 0..2 {
            let res = app.get_with("/en/login", &[]).await;
            assert!(res.headers().contains_key("set-cookie"));
            v.push(csrf_in(&res.text().await.expect("body")).expect("csrf"));
        }
        v
    };
    assert_ne!(
        tokens[0], tokens[1],
        "each visitor gets a token of their own"
    );
    app.stop().await;
}

#[tokio::test]
async fn another_servers_write_reaches_this_servers_pages_and_search() {
    let app = TestApp::spawn().await;
    let token = admin_token(&app).await;
    let (other, other_base) = app.another_server().await;
    primed(
        &other_base,
        &[
            ("/sv/actors/vecura", "ekorrar"),
            ("/api/v1/search?q=ekorrar&lang=sv", "\"vecura\""),
        ],
    )
    .await;
    app.patch_actor(
        &token,
        "vecura",
        json!({"description": {"sv": "Vecura och ekorrar.", "en": "Vecura and ekorrar."}}),
    )
    .await;
    // The other server learns of the write from the database (it reads the data version twice a second, and at
    // once when PostgreSQL notifies it); its page and its search follow. Wait with a deadline, not a pause.
    let found = |path: &'static str, needle: &'static str| {
        let base = other_base.clone();
        async move { read(&base, path).await.contains(needle) }
    };
    until(|| async {
        found("/sv/actors/vecura", "ekorrar").await
            && found("/api/v1/search?q=ekorrar&lang=sv", "\"vecura\"").await
    })
    .await;
    // Edit after edit, asked for as fast as a client can: an answer made while the other server moves its version
    // must not be kept without the write (its search index catches up before the version moves).
    for (i, word) in [
        "ekollon",
        "hasselnot",
        "bokollon",
        "kotte",
        "granris",
        "mossa",
    ]
    .into_iter()
    .enumerate()
    {
        let slug = ["vecura", "kth", "biolamina"][i % 3];
        app.patch_actor(
            &token,
            slug,
            json!({"description": {"sv": format!("Om {word}."), "en": format!("About {word}.")}}),
        )
        .await;
        let path = format!("/api/v1/search?q={word}&lang=sv");
        let needle = format!("\"{slug}\"");
        until(|| async { read(&other_base, &path).await.contains(&needle) }).await;
    }
    other.stop().await.expect("stop");
    app.stop().await;
}

/// Waits until `ok` holds, asking again at once; fails after 20 seconds (the other server follows within half a
/// second, and a kept answer that missed a write would be kept a minute).
async fn until<F, Fut>(ok: F)
where
    F: Fn() -> Fut,
    Fut: std::future::Future<Output = bool>,
{
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    while !ok().await {
        assert!(
            std::time::Instant::now() < deadline,
            "the other server still answers from before the write"
        );
        tokio::task::yield_now().await;
    }
}

/// The number of sessions in the database.
async fn sessions(app: &TestApp) -> i64 {
    use sqlx::Connection;
    sqlx::any::install_default_drivers();
    let mut conn = sqlx::AnyConnection::connect(&app.db_url())
        .await
        .expect("connect");
    sqlx::query_scalar("SELECT COUNT(*) FROM sessions")
        .fetch_one(&mut conn)
        .await
        .expect("count")
}

#[tokio::test]
async fn a_visitors_form_writes_nothing_and_any_server_of_the_site_checks_it() {
    let app = TestApp::spawn().await;
    app.user("besok@example.se", "editor", Some("vecura")).await;
    let before = sessions(&app).await;
    for path in [
        "/en/login",
        "/sv/signup",
        "/sv/password/forgot",
        "/sv/accessibility",
    ] {
        let res = app.get_with(path, &[]).await;
        assert_eq!(res.status(), StatusCode::OK, "{path}");
        assert!(res.headers().contains_key("set-cookie"), "{path}");
        assert_eq!(res.headers()["cache-control"], "no-store", "{path}");
    }
    assert_eq!(
        sessions(&app).await,
        before,
        "visiting forms writes no session"
    );

    // The form served by one server is accepted by another (they share the site's key).
    let (other, other_base) = app.another_server().await;
    let browser = app.browser();
    let csrf = app.csrf(&browser, "/en/login").await;
    let res = browser
        .post(format!("{other_base}/en/login"))
        .form(&[
            ("csrf", csrf.as_str()),
            ("email", "besok@example.se"),
            ("password", PASSWORD),
            ("next", ""),
        ])
        .send()
        .await
        .expect("post");
    assert_eq!(
        res.status(),
        StatusCode::SEE_OTHER,
        "signed in on the other server"
    );
    assert_eq!(
        sessions(&app).await,
        before + 1,
        "signing in starts a stored session"
    );

    // A token whose signature does not hold is no session: its form is refused.
    let res = app.get_with("/en/login", &[]).await;
    let cookie = res.headers()["set-cookie"]
        .to_str()
        .expect("cookie")
        .split(';')
        .next()
        .expect("value")
        .to_owned();
    let csrf = csrf_in(&res.text().await.expect("body")).expect("csrf");
    let forged = format!(
        "{}{}",
        &cookie[..cookie.len() - 1],
        if cookie.ends_with('0') { '1' } else { '0' }
    );
    for (jar, status) in [
        (cookie.as_str(), StatusCode::SEE_OTHER),
        (forged.as_str(), StatusCode::FORBIDDEN),
    ] {
        let res = app
            .client
            .post(format!("{}/en/login", app.base))
            .header("cookie", jar)
            .form(&[
                ("csrf", csrf.as_str()),
                ("email", "besok@example.se"),
                ("password", PASSWORD),
                ("next", ""),
            ])
            .send()
            .await
            .expect("post");
        assert_eq!(res.status(), status, "{jar}");
    }
    other.stop().await.expect("stop");
    app.stop().await;
}

#[tokio::test]
async fn postgresql_wakes_a_listening_server_at_each_write() {
    let app = TestApp::spawn().await;
    // SQLite serves one server: it has no notices (its listener never wakes), so there is nothing to prove there.
    if !app.db_url().starts_with("postgres") {
        app.stop().await;
        return;
    }
    let token = admin_token(&app).await;
    let mut listener = app.store().await.change_listener().await.expect("listen");
    app.patch_actor(
        &token,
        "vecura",
        json!({"description": {"sv": "Väcker lyssnaren.", "en": "Wakes the listener."}}),
    )
    .await;
    tokio::time::timeout(std::time::Duration::from_secs(30), listener.next())
        .await
        .expect("a notice within the deadline")
        .expect("notice");
    app.stop().await;
}
