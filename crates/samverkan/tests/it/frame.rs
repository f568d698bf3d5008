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

/// The `<title>` of `html`.
fn title_of(html: &str) -> &str {
    let at = html.find("<title>").expect("a title") + "<title>".len();
    &html[at..at + html[at..].find("</title>").expect("end of title")]
}

#[tokio::test]
async fn a_refused_form_says_so_in_its_title_and_takes_focus_to_the_errors() {
    let app = TestApp::spawn().await;
    for (lang, prefix) in [("sv", "Fel: "), ("en", "Error: ")] {
        let c = app.browser();
        let path = format!("/{lang}/signup");
        let clean = app.page(&c, &path).await;
        assert!(
            !title_of(&clean).starts_with(prefix) && !clean.contains("autofocus"),
            "{lang}: a form without errors neither says so nor moves focus"
        );
        let csrf = app.csrf(&c, &path).await;
        let res = app
            .post_form(
                &c,
                &path,
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
        let html = res.text().await.expect("text");
        assert!(
            title_of(&html).starts_with(prefix),
            "{lang}: the title names the error first: {}",
            title_of(&html)
        );
        let summary = &html[html.find("class=\"error-summary\"").expect("a summary")..];
        let tag = &summary[..summary.find('>').expect("end of tag")];
        assert!(
            tag.contains("autofocus") && tag.contains("tabindex=\"-1\""),
            "{lang}: focus moves to the summary without a script: {tag}"
        );
    }
    app.stop().await;
}
