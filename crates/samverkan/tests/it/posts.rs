//! Partner posts over HTTP: a member posts an offer, another expresses interest (the author gets an e-mail), the
//! conversation is seen only by the two parties, the author closes the post and it takes no new interest.

use crate::helpers::{PASSWORD, TestApp, unescape};
use reqwest::StatusCode;

#[tokio::test]
async fn a_post_an_expression_of_interest_and_a_private_conversation() {
    let app = TestApp::spawn().await;
    app.user("author@example.se", "company", Some("biolamina"))
        .await;
    app.user("member@example.se", "company", Some("kth")).await;
    app.user("third@example.se", "manager", Some("vecura"))
        .await;
    let author = app.signed_in("author@example.se", PASSWORD).await;
    let member = app.signed_in("member@example.se", PASSWORD).await;
    let third = app.signed_in("third@example.se", PASSWORD).await;
    // Signed-out visitors are asked to sign in.
    let res = app
        .client
        .get(format!("{}/en/posts", app.base))
        .send()
        .await
        .expect("get");
    assert!(res.status() == StatusCode::SEE_OTHER || res.status() == StatusCode::UNAUTHORIZED);

    let csrf = app.csrf(&author, "/en/posts/new").await;
    let res = app
        .post_form(
            &author,
            "/en/posts",
            &[
                ("csrf", csrf.as_str()),
                ("kind", "offer"),
                ("title", ""),
                ("body", "x"),
                ("expires", "2020-01-01"),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = unescape(&res.text().await.expect("t"));
    assert!(html.contains("Write a title of at most 200 characters."));
    assert!(html.contains("from today up to a year ahead"));
    let expires =
        domain::IsoDate::from_unix_millis(store::now_millis() + 30 * 86_400_000).to_string();
    let res = app
        .post_form(
            &author,
            "/en/posts",
            &[
                ("csrf", csrf.as_str()),
                ("kind", "offer"),
                ("title", "Laminin-coated plates for stem-cell work"),
                (
                    "body",
                    "We can share <b>coated</b> plates with a small company.",
                ),
                ("expires", expires.as_str()),
                ("tags", "cell-therapy"),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let post = res.headers()["location"]
        .to_str()
        .expect("l")
        .split('?')
        .next()
        .expect("path")
        .to_owned();

    let list = app.page(&member, "/en/posts").await;
    assert!(
        list.contains("Laminin-coated plates"),
        "the member sees the open post"
    );
    // Filters: by topic, by words (case aside), by kind; each keeps or hides the post as it should.
    for (query, shown) in [
        ("?tag=cell-therapy", true),
        ("?tag=genomics", false),
        ("?q=LAMININ%20plates", true),
        ("?q=microscope", false),
        ("?kind=request", false),
        ("?kind=offer&tag=cell-therapy&q=stem", true),
    ] {
        let list = app.page(&member, &format!("/en/posts{query}")).await;
        assert_eq!(list.contains("Laminin-coated plates"), shown, "{query}");
    }
    let page = app.page(&member, &post).await;
    assert!(
        page.contains("coated") && !page.contains("<b>coated</b>"),
        "text is escaped"
    );
    let csrf = app.csrf(&member, &post).await;
    let res = app
        .post_form(
            &member,
            &format!("{post}/interest"),
            &[("csrf", csrf.as_str()), ("message", " ")],
        )
        .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let res = app
        .post_form(
            &member,
            &format!("{post}/interest"),
            &[
                ("csrf", csrf.as_str()),
                ("message", "We would like ten plates."),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let conversation = res.headers()["location"]
        .to_str()
        .expect("l")
        .split('?')
        .next()
        .expect("path")
        .to_owned();
    let res = app
        .post_form(
            &member,
            &format!("{post}/interest"),
            &[("csrf", csrf.as_str()), ("message", "Again")],
        )
        .await;
    assert_eq!(
        res.status(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "interest is expressed once"
    );

    let mail = app.mail("author@example.se").await;
    assert!(
        mail.iter()
            .any(|m| m.subject.contains("interested in your post")
                && m.body.contains("Laminin-coated plates"))
    );

    // The two parties see the conversation; anyone else gets 404.
    assert!(
        app.page(&author, &conversation)
            .await
            .contains("We would like ten plates.")
    );
    let res = third
        .get(format!("{}{conversation}", app.base))
        .send()
        .await
        .expect("get");
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
    let csrf_a = app.csrf(&author, &conversation).await;
    let res = app
        .post_form(
            &author,
            &conversation,
            &[("csrf", csrf_a.as_str()), ("message", "Ten is fine.")],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert!(
        app.page(&member, &conversation)
            .await
            .contains("Ten is fine.")
    );
    let csrf_t = app.csrf(&third, "/en/posts").await;
    let res = app
        .post_form(
            &third,
            &conversation,
            &[("csrf", csrf_t.as_str()), ("message", "Me too")],
        )
        .await;
    assert_eq!(
        res.status(),
        StatusCode::NOT_FOUND,
        "an outsider cannot write into it"
    );

    // Only the author closes; a closed post takes no new interest.
    let res = app
        .post_form(
            &third,
            &format!("{post}/close"),
            &[("csrf", csrf_t.as_str())],
        )
        .await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    let res = app
        .post_form(
            &author,
            &format!("{post}/close"),
            &[("csrf", csrf_a.as_str())],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let res = app
        .post_form(
            &third,
            &format!("{post}/interest"),
            &[("csrf", csrf_t.as_str()), ("message", "Late")],
        )
        .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(unescape(&res.text().await.expect("t")).contains("The post is closed"));
    assert!(
        !app.page(&third, "/en/posts")
            .await
            .contains("Laminin-coated plates"),
        "closed posts leave the list"
    );
    app.stop().await;
}
