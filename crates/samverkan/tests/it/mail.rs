//! E-mail leaves the outbox through a real SMTP conversation: the test runs a small SMTP server on loopback
//! and `samverkan`'s mailer delivers to it. Also: purging what has outlived its use, and single sign-on attempts
//! in flight (on both databases; the browser flow is in e2e/tests/sso.test.js).

use crate::helpers::{TestApp, link_in};
use reqwest::StatusCode;
use samverkan::background::{Mailer, deliver_due};
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpListener;
use tokio::sync::mpsc;

/// One received message: the envelope recipients and the DATA.
#[derive(Debug)]
struct Received {
    rcpt: Vec<String>,
    data: String,
}

/// A loopback SMTP server that accepts every message (or refuses every recipient when `refuse` is set) and
/// hands what it received to the test.
async fn smtp_server(refuse: bool) -> (String, mpsc::UnboundedReceiver<Received>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let url = format!("smtp://{}", listener.local_addr().expect("addr"));
    let (tx, rx) = mpsc::unbounded_channel();
    tokio::spawn(async move {
        loop {
            let Ok((socket, _)) = listener.accept().await else {
                return;
            };
            let tx = tx.clone();
            tokio::spawn(async move {
                let (read, mut write) = socket.into_split();
                let mut lines = BufReader::new(read).lines();
                let _ = write.write_all(b"220 test.local ESMTP\r\n").await;
                let (mut rcpt, mut data, mut in_data) = (vec![], String::new(), false);
                while let Ok(Some(line)) = lines.next_line().await {
                    if in_data {
                        if line == "." {
                            in_data = false;
                            let _ = tx.send(Received {
                                rcpt: std::mem::take(&mut rcpt),
                                data: std::mem::take(&mut data),
                            });
                            let _ = write.write_all(b"250 queued\r\n").await;
                        } else {
                            data.push_str(&line);
                            data.push('\n');
                        }
                        continue;
                    }
                    let verb = line.get(..4).unwrap_or_default().to_ascii_uppercase();
                    let reply: &[u8] = match verb.as_str() {
                        "EHLO" | "HELO" => b"250 test.local\r\n",
                        "MAIL" => b"250 ok\r\n",
                        "RCPT" if refuse => b"550 no such mailbox\r\n",
                        "RCPT" => {
                            rcpt.push(
                                line[8..]
                                    .trim_matches(|c| c == '<' || c == '>' || c == ' ')
                                    .to_owned(),
                            );
                            b"250 ok\r\n"
                        }
                        "DATA" => {
                            in_data = true;
                            b"354 go ahead\r\n"
                        }
                        "QUIT" => {
                            let _ = write.write_all(b"221 bye\r\n").await;
                            return;
                        }
                        _ => b"250 ok\r\n",
                    };
                    let _ = write.write_all(reply).await;
                }
            });
        }
    });
    (url, rx)
}

#[tokio::test]
async fn queued_mail_is_delivered_over_smtp_once() {
    let app = TestApp::spawn().await;
    app.user("reset@example.se", "editor", Some("kth")).await;
    // A password reset queues a message with a link.
    let c = app.browser();
    let csrf = app.csrf(&c, "/en/password/forgot").await;
    let res = app
        .post_form(
            &c,
            "/en/password/forgot",
            &[("csrf", csrf.as_str()), ("email", "reset@example.se")],
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let queued = app.mail("reset@example.se").await;
    let link = link_in(&queued[0].body);

    let (url, mut received) = smtp_server(false).await;
    let store = app.store().await;
    let mailer = Mailer::new(&url, "Samverkan <noreply@example.org>").expect("mailer");
    let (sent, failed) = deliver_due(&store, &mailer).await.expect("deliver");
    assert_eq!((sent, failed), (1, 0));
    let got = received.recv().await.expect("a message arrived");
    assert_eq!(got.rcpt, vec!["reset@example.se".to_owned()]);
    assert!(
        got.data.contains("From: Samverkan <noreply@example.org>"),
        "{}",
        got.data
    );
    assert!(
        got.data
            .contains("Subject: Choose a new password for Samverkan"),
        "{}",
        got.data
    );
    // The body may be folded by the transfer encoding; the token itself must be there.
    let token = link.split("token=").nth(1).expect("token");
    assert!(
        got.data.replace("=\n", "").contains(token),
        "the link is in the message"
    );
    let (sent_at, attempts, error) = store
        .mail_status(queued[0].id)
        .await
        .expect("status")
        .expect("row");
    assert!(sent_at.is_some());
    assert_eq!((attempts, error), (1, None));

    // Nothing is sent twice.
    assert_eq!(deliver_due(&store, &mailer).await.expect("deliver"), (0, 0));
    app.stop().await;
}

#[tokio::test]
async fn a_refused_message_stays_queued_with_its_error_and_waits_before_the_next_try() {
    let app = TestApp::spawn().await;
    let store = app.store().await;
    store
        .queue_mail("nobody@example.se", "Hello", "A message")
        .await
        .expect("queue");
    let id = app.mail("nobody@example.se").await[0].id;
    let (url, _received) = smtp_server(true).await;
    let mailer = Mailer::new(&url, "noreply@example.org").expect("mailer");
    assert_eq!(deliver_due(&store, &mailer).await.expect("deliver"), (0, 1));
    let (sent_at, attempts, error) = store.mail_status(id).await.expect("status").expect("row");
    assert_eq!((sent_at, attempts), (None, 1));
    assert!(
        error.expect("error kept").contains("550"),
        "the server's answer is kept"
    );
    // The retry is scheduled for later, so an immediate second run does not hammer the server.
    assert_eq!(deliver_due(&store, &mailer).await.expect("deliver"), (0, 0));
    app.stop().await;
}

#[tokio::test]
async fn unusable_mail_settings_are_refused_at_start() {
    assert!(Mailer::new("http://mail.example.org", "noreply@example.org").is_err());
    assert!(Mailer::new("smtp://127.0.0.1:25", "not a mailbox").is_err());
}

#[tokio::test]
async fn expired_sessions_and_spent_links_are_purged_but_live_ones_stay() {
    let app = TestApp::spawn().await;
    app.user("live@example.se", "editor", Some("kth")).await;
    let c = app
        .signed_in("live@example.se", crate::helpers::PASSWORD)
        .await;
    let store = app.store().await;
    // A visitor session created now, then everything idle for more than 0 ms is purged...
    let report = store
        .purge_expired(60_000, 3_600_000, 3_600_000)
        .await
        .expect("purge");
    assert_eq!(
        report.sessions, 0,
        "sessions used within the idle limit stay"
    );
    assert!(
        app.page(&c, "/en/account")
            .await
            .contains("live@example.se")
    );
    // ...and with a zero idle limit the signed-in session goes: the person must sign in again.
    let report = store
        .purge_expired(-1, 3_600_000, 3_600_000)
        .await
        .expect("purge");
    assert!(report.sessions >= 1);
    let res = c
        .get(format!("{}/en/account", app.base))
        .send()
        .await
        .expect("get");
    assert_eq!(
        res.status(),
        StatusCode::SEE_OTHER,
        "back to the sign-in page"
    );
    app.stop().await;
}

#[tokio::test]
async fn a_single_sign_on_attempt_is_taken_once_and_only_by_the_browser_that_started_it() {
    let app = TestApp::spawn().await;
    let store = app.store().await;
    let pending = store::PendingOidcLogin {
        nonce: "nonce-1".into(),
        pkce_verifier: "verifier-1".into(),
        lang: "sv".into(),
        next_path: "/sv/account".into(),
    };
    store
        .begin_oidc_login("state-1", "session-a", &pending)
        .await
        .expect("begin");
    // Another browser's session finds nothing, and spends the attempt.
    assert_eq!(
        store
            .take_oidc_login("state-1", "session-b")
            .await
            .expect("take"),
        None
    );
    assert_eq!(
        store
            .take_oidc_login("state-1", "session-a")
            .await
            .expect("take"),
        None
    );
    store
        .begin_oidc_login("state-2", "session-a", &pending)
        .await
        .expect("begin");
    assert_eq!(
        store
            .take_oidc_login("state-2", "session-a")
            .await
            .expect("take"),
        Some(pending)
    );
    assert_eq!(
        store
            .take_oidc_login("state-2", "session-a")
            .await
            .expect("take"),
        None,
        "single use"
    );
    app.stop().await;
}

/// Two servers draining one outbox at once each claim their own messages: every message is delivered by one of
/// them, none by both, and a claimed message is not claimed again until its lease ends.
#[tokio::test]
async fn two_servers_draining_one_outbox_never_claim_the_same_message() {
    let app = TestApp::spawn().await;
    let first = app.store().await;
    let second = app.store().await;
    for n in 0..40 {
        first
            .queue_mail(&format!("person{n}@example.se"), "Hello", "A message")
            .await
            .expect("queue");
    }
    let mut a = Vec::new();
    let mut b = Vec::new();
    loop {
        let (x, y) = tokio::join!(first.claim_due_mail(7), second.claim_due_mail(7));
        let (x, y) = (x.expect("claim"), y.expect("claim"));
        if x.is_empty() && y.is_empty() {
            break;
        }
        a.extend(x.into_iter().map(|m| m.id));
        b.extend(y.into_iter().map(|m| m.id));
    }
    let mut all: Vec<i64> = a.iter().chain(&b).copied().collect();
    all.sort_unstable();
    let claimed = all.len();
    all.dedup();
    assert_eq!(all.len(), claimed, "no message is claimed by both servers");
    assert_eq!(claimed, 40, "every message is claimed by one of them");
    // Claimed and not yet reported: nobody may claim them again before the lease ends.
    assert!(first.claim_due_mail(50).await.expect("claim").is_empty());
    app.stop().await;
}

/// The upkeep round (purges, the office's daily list, notices, reminders) runs on one server at a time: two
/// servers asking for its lease at once get it once; the holder renews it; another takes it only when it ends.
#[tokio::test]
async fn one_server_at_a_time_holds_the_upkeep_lease() {
    let app = TestApp::spawn().await;
    let first = app.store().await;
    let second = app.store().await;
    for round in 0..10 {
        let name = format!("round-{round}");
        let (x, y) = tokio::join!(
            first.take_lease(&name, "server-a", 60_000),
            second.take_lease(&name, "server-b", 60_000)
        );
        let (x, y) = (x.expect("lease"), y.expect("lease"));
        assert!(x != y, "exactly one server holds {name}: {x} {y}");
        let holder = if x { &first } else { &second };
        let (me, other) = if x {
            ("server-a", "server-b")
        } else {
            ("server-b", "server-a")
        };
        assert!(holder.take_lease(&name, me, 60_000).await.expect("renew"));
        assert!(
            !holder
                .take_lease(&name, other, 60_000)
                .await
                .expect("taken")
        );
    }
    // A lease that has ended (a server that stopped) is taken by another.
    assert!(
        first
            .take_lease("ended", "server-a", -1)
            .await
            .expect("lease")
    );
    assert!(
        second
            .take_lease("ended", "server-b", 60_000)
            .await
            .expect("take over")
    );
    assert!(
        !first
            .take_lease("ended", "server-a", 60_000)
            .await
            .expect("held")
    );
    app.stop().await;
}
