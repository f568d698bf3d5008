//! The frame around every page: the header says who is signed in on every page (the home page and error pages
//! included), the language switch leads to the same page with the same query, and the menu marks the section
//! the page belongs to, and only that one.

use crate::helpers::{PASSWORD, TestApp, unescape};
use reqwest::StatusCode;

/// The `href` of the language switch on `html`.
fn language_switch(html: &str) -> String {
    let at = html
        .find("class=\"lang-switch\" href=\"")
        .expect("a language switch")
        + "class=\"lang-switch\" href=\"".len();
    unescape(&html[at..at + html[at..].find('"').expect("end")])
}

/// The menu items marked as the current page.
fn current_items(html: &str) -> Vec<String> {
    let nav = &html[html.find("class=\"wrap main-nav\"").expect("menu")..];
    let nav = &nav[..nav.find("</nav>").expect("end of menu")];
    nav.split("<a href=\"")
        .skip(1)
        .filter(|a| {
            a.split('>')
                .next()
                .unwrap_or_default()
                .contains("aria-current=\"page\"")
        })
        .map(|a| a.split('"').next().unwrap_or_default().to_owned())
        .collect()
}

#[tokio::test]
async fn every_page_shows_who_is_signed_in() {
    let app = TestApp::spawn().await;
    app.user("anna@example.se", "company", Some("biolamina"))
        .await;
    let c = app.signed_in("anna@example.se", PASSWORD).await;
    for path in [
        "/en/",
        "/sv/",
        "/en/actors",
        "/en/no-such-page",
        "/en/actors/no-such-actor",
    ] {
        let html = app.page(&c, path).await;
        assert!(
            html.contains("class=\"account-link\" href=\"/") && html.contains("anna@example.se"),
            "{path}: the header names the signed-in person"
        );
        assert!(
            !html.contains(">Sign in</a>") && !html.contains(">Logga in</a>"),
            "{path}: and offers no sign-in"
        );
    }
    app.stop().await;
}

#[tokio::test]
async fn the_language_switch_keeps_the_page_and_its_query() {
    let app = TestApp::spawn().await;
    app.user("anna@example.se", "company", Some("biolamina"))
        .await;
    let (_, html) = app.get("/en/actors?kind=university&campus=solna").await;
    assert_eq!(
        language_switch(&html),
        "/sv/actors?kind=university&campus=solna"
    );
    let c = app.signed_in("anna@example.se", PASSWORD).await;
    let html = app.page(&c, "/en/requests/new?provider=vecura").await;
    let other = language_switch(&html);
    assert_eq!(other, "/sv/requests/new?provider=vecura");
    let res = c
        .get(format!("{}{other}", app.base))
        .send()
        .await
        .expect("get");
    assert_eq!(res.status(), StatusCode::OK, "the same form in Swedish");
    app.stop().await;
}

#[tokio::test]
async fn the_menu_marks_the_section_of_the_page_and_only_it() {
    let app = TestApp::spawn().await;
    app.user("anna@example.se", "company", Some("biolamina"))
        .await;
    let c = app.signed_in("anna@example.se", PASSWORD).await;
    for (path, current) in [
        ("/en/", vec!["/en/"]),
        ("/en/search?q=cell", vec![]),
        ("/en/requests", vec!["/en/requests"]),
        ("/en/actors/vecura", vec!["/en/actors"]),
        ("/en/infrastructures", vec!["/en/infrastructures"]),
    ] {
        let html = app.page(&c, path).await;
        assert_eq!(current_items(&html), current, "{path}");
    }
    app.stop().await;
}
